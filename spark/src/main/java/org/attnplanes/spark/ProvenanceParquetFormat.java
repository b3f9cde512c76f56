package org.attnplanes.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.OutputWriterFactory;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.types.StructType;

/**
 * Spark's Parquet writer with one addition: the writer option {@value #OPTION} (the run's provenance as JSON)
 * lands in every file's key-value metadata under {@value #METADATA_KEY}. Everything else, including Spark's
 * output committer and its {@code _SUCCESS} marker, is Spark's own.
 *
 * <pre>{@code df.write().format(ProvenanceParquetFormat.class.getName()).option(ProvenanceParquetFormat.OPTION, json)}</pre>
 */
public class ProvenanceParquetFormat extends ParquetFileFormat {

    private static final long serialVersionUID = 1L;

    /** The writer option holding the provenance JSON. */
    public static final String OPTION = "attnplanes.provenance";

    /** The Parquet key-value metadata key. */
    public static final String METADATA_KEY = "attnplanes.provenance";

    @Override
    public OutputWriterFactory prepareWrite(SparkSession sparkSession, Job job,
                                            scala.collection.immutable.Map<String, String> options,
                                            StructType dataSchema) {
        OutputWriterFactory factory = super.prepareWrite(sparkSession, job, options, dataSchema);
        Configuration conf = job.getConfiguration();
        scala.Option<String> provenance = options.get(OPTION);
        if (provenance.isDefined()) {
            conf.set(METADATA_KEY, provenance.get());
        }
        conf.set("parquet.write.support.class", WithProvenance.class.getName());
        return factory;
    }

    /** Spark's write support, adding the provenance to the footer's key-value metadata. */
    public static class WithProvenance extends ParquetWriteSupport {

        @Override
        public WriteSupport.WriteContext init(Configuration configuration) {
            WriteSupport.WriteContext context = super.init(configuration);
            String provenance = configuration.get(METADATA_KEY);
            if (provenance == null) {
                return context;
            }
            java.util.Map<String, String> extra = new java.util.HashMap<>(context.getExtraMetaData());
            extra.put(METADATA_KEY, provenance);
            return new WriteSupport.WriteContext(context.getSchema(), extra);
        }
    }
}
