package org.attnplanes.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.posexplode;

/**
 * The Parquet tables of the job.
 *
 * <p>Each round of batches is written (by Spark's committer, so all or nothing) as one <em>round table</em>:
 * one row per plane ({@code input, plane, layer, head, tokens, block,} the statistics{@code , bars}) or per bad
 * input ({@code input, reason}). At the end the rounds become the three result tables:
 * <ul>
 *   <li>{@code planes}: {@code input, layer, head, tokens, block} (as {@code planes.csv}) and the statistic columns of {@code planes.csv},
 *       same names, same values (doubles; NaN where not computed), sorted by input and plane order;</li>
 *   <li>{@code barcodes}: long form {@code input, layer, head, dim, birth, death} in filtration units (an edge
 *       of weight w enters at 1 − w), death {@code +Infinity} for an essential class;</li>
 *   <li>{@code errors}: {@code input, reason} for every input that could not be analysed.</li>
 * </ul>
 */
final class Tables {

    /** The leading columns of a round table: input, plane, layer, head, tokens, block. */
    static final int KEYS = 6;

    static final StructType BAR = new StructType(new StructField[] {
        DataTypes.createStructField("dim", DataTypes.IntegerType, false),
        DataTypes.createStructField("birth", DataTypes.DoubleType, false),
        DataTypes.createStructField("death", DataTypes.DoubleType, false)});

    private Tables() {
    }

    /** The round table's schema for these statistic columns. */
    static StructType roundSchema(List<String> columns) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField("input", DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField("plane", DataTypes.IntegerType, true));
        f.add(DataTypes.createStructField("layer", DataTypes.IntegerType, true));
        f.add(DataTypes.createStructField("head", DataTypes.StringType, true));
        f.add(DataTypes.createStructField("tokens", DataTypes.IntegerType, true));
        f.add(DataTypes.createStructField("block", DataTypes.StringType, true));
        for (String c : columns) {
            f.add(DataTypes.createStructField(c, DataTypes.DoubleType, true));
        }
        f.add(DataTypes.createStructField("bars", DataTypes.createArrayType(BAR, false), true));
        f.add(DataTypes.createStructField("reason", DataTypes.StringType, true));
        return DataTypes.createStructType(f);
    }

    /** A round-table row for a bad input, for a schema with {@code columns} statistics. */
    static Row errorRow(int input, String reason, int columns) {
        Object[] cells = new Object[KEYS + columns + 2];
        cells[0] = input;
        cells[cells.length - 1] = reason;
        return RowFactory.create(cells);
    }

    /** A column reference that tolerates dots in the name ({@code betti0_t0.05}). */
    static Column c(String name) {
        return col("`" + name + "`");
    }

    /** The planes table from the union of the round tables. */
    static Dataset<Row> planes(Dataset<Row> rounds, List<String> columns, int files) {
        List<Column> select = new ArrayList<>(List.of(c("input"), c("layer"), c("head"), c("tokens"), c("block")));
        columns.forEach(n -> select.add(c(n)));
        return rounds.where(c("reason").isNull()).repartitionByRange(files, c("input"))
                .sortWithinPartitions(c("input"), c("plane")).select(select.toArray(Column[]::new));
    }

    /** The barcodes table (long form) from the union of the round tables. */
    static Dataset<Row> barcodes(Dataset<Row> rounds, int files) {
        return rounds.where(c("reason").isNull())
                .select(c("input"), c("plane"), c("layer"), c("head"), posexplode(c("bars")).as(new String[] {"pos", "bar"}))
                .repartitionByRange(files, c("input")).sortWithinPartitions(c("input"), c("plane"), c("pos"))
                .select(c("input"), c("layer"), c("head"), col("bar.dim").as("dim"), col("bar.birth").as("birth"),
                        col("bar.death").as("death"));
    }

    /** The errors table from the union of the round tables. */
    static Dataset<Row> errors(Dataset<Row> rounds) {
        return rounds.where(c("reason").isNotNull()).select(c("input"), c("reason")).coalesce(1)
                .sortWithinPartitions(c("input"));
    }

    /** Writes a result table with the provenance in every file's footer, replacing an earlier attempt. */
    static void write(Dataset<Row> table, String path, String provenanceJson) {
        table.write().format(ProvenanceParquetFormat.class.getName()).option(ProvenanceParquetFormat.OPTION,
                provenanceJson).mode(SaveMode.Overwrite).save(path);
    }

    /** Reads the committed round tables. */
    static Dataset<Row> readRounds(SparkSession spark, StructType schema, List<String> paths) {
        return spark.read().schema(schema).parquet(paths.toArray(String[]::new));
    }
}
