package org.attnplanes.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.corpus.CorpusReader;
import org.attnplanes.graph.io.Sha256;
import scala.Tuple2;

import static org.apache.spark.sql.functions.col;

/**
 * Reads the corpus of {@code --input} into numbered {@link Entry} values, from any path Hadoop can read
 * ({@code file:}, {@code hdfs:}, {@code s3a:} …).
 *
 * <ul>
 *   <li>{@code .txt}, {@code .jsonl}: read in parallel by Spark (lines split at {@code \n} only, as
 *       {@code analyze} does), numbered by line; a file in UTF-16 or UTF-32 goes the CSV way below;</li>
 *   <li>{@code .csv}, {@code .tsv}: parsed on the driver by app's {@code CorpusReader} (a quoted record may
 *       span lines, so numbering needs one sequential pass), numbered by record, then distributed;</li>
 *   <li>{@code .parquet} (a file or a directory): the text column ({@code --column}, default {@code text})
 *       read by Spark, numbered by file (sorted by path) and row within the file.</li>
 * </ul>
 */
final class CorpusInput {

    /** The formats, chosen by the extension of {@code --input}. */
    enum Format { TXT, JSONL, CSV, TSV, PARQUET }

    /** The entries (one per line or record, bad ones included) and facts for the provenance. */
    record Corpus(JavaRDD<Entry> entries, long count, Format format, String sha256) {

        /** "record" for table formats, "line" for line formats (how a bad input is named). */
        String unit() {
            return format == Format.TXT || format == Format.JSONL ? "line" : "record";
        }
    }

    private CorpusInput() {
    }

    /** The format of an input path by its extension. */
    static Format format(String input) {
        String name = new Path(input).getName().toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt")) {
            return Format.TXT;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Format.JSONL;
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return Format.TSV;
        }
        if (name.endsWith(".parquet")) {
            return Format.PARQUET;
        }
        throw new UserInputException("--input " + input + " has an unknown extension; allowed: .txt (one input per"
                + " line), .csv or .tsv (with --column), .jsonl (with --field), .parquet (file or directory, with"
                + " --column)");
    }

    /**
     * Checks {@code --input} and reads it.
     *
     * @throws UserInputException for a missing or unreadable path, an unknown format, a missing column, an
     *                            empty corpus
     */
    static Corpus read(SparkSession spark, String input, String column, String field, int partitions) {
        Format format = format(input);
        if (column != null && (format == Format.TXT || format == Format.JSONL)) {
            throw new UserInputException("--column " + column + " applies to .csv, .tsv and .parquet input; "
                    + (format == Format.JSONL ? "use --field for .jsonl" : "a .txt corpus has one input per line"));
        }
        if (field != null && format != Format.JSONL) {
            throw new UserInputException("--field " + field + " applies to .jsonl input only; use --column for "
                    + "tables");
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path path = new Path(input);
        FileStatus status;
        FileSystem fs;
        try {
            fs = path.getFileSystem(conf);
            status = fs.getFileStatus(path);
        } catch (java.io.FileNotFoundException e) {
            throw new UserInputException("--input " + input + " does not exist");
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("--input " + input + " cannot be read: " + e.getMessage(), e);
        }
        if (status.isDirectory() && format != Format.PARQUET) {
            throw new UserInputException("--input " + input + " is a directory; give a corpus file (a directory is"
                    + " allowed for .parquet)");
        }
        String sha = sha256(fs, status);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<Entry> entries = switch (format) {
            case TXT, JSONL -> utf8(fs, path) ? lines(sc, conf, input, format == Format.JSONL, field)
                    : onDriver(sc, fs, path, null, field, partitions); // UTF-16/32: CorpusReader decodes or refuses
            case CSV, TSV -> onDriver(sc, fs, path, column, null, partitions);
            case PARQUET -> parquet(spark, input, column == null ? "text" : column);
        };
        entries = entries.cache();
        long count = entries.count();
        if (count == 0) {
            throw new UserInputException("--input " + input + " is empty; it needs at least one input");
        }
        return new Corpus(entries, count, format, sha);
    }

    private static JavaRDD<Entry> lines(JavaSparkContext sc, Configuration base, String input, boolean json,
                                        String field) {
        Configuration conf = new Configuration(base);
        conf.set("textinputformat.record.delimiter", "\n"); // \n only, like analyze (a lone \r stays in the line)
        JavaRDD<byte[]> raw = sc.newAPIHadoopFile(input, TextInputFormat.class, LongWritable.class, Text.class, conf)
                .map(t -> Arrays.copyOf(t._2().getBytes(), t._2().getLength())); // Text objects are reused
        return raw.zipWithIndex().mapPartitions(it -> {
            LineParser parser = new LineParser(json, field);
            List<Entry> out = new ArrayList<>();
            while (it.hasNext()) {
                Tuple2<byte[], Long> t = it.next();
                out.add(parser.parse(Math.toIntExact(t._2() + 1), t._1(), t._1().length));
            }
            return out.iterator();
        });
    }

    /**
     * Whether a line corpus can be split by Spark as UTF-8: not when it starts with a UTF-16 or UTF-32 byte-order
     * mark or has NUL bytes at the start (UTF-16 without one); those go to CorpusReader, which decodes UTF-16 and
     * refuses the rest with its own message.
     */
    private static boolean utf8(FileSystem fs, Path path) {
        byte[] head = new byte[4096];
        int n = 0;
        try (InputStream in = fs.open(path)) {
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                n += r;
            }
        } catch (IOException e) {
            throw new UserInputException("--input " + path + " cannot be read: " + e.getMessage(), e);
        }
        if (n >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                return false;
            }
        }
        return true;
    }

    private static JavaRDD<Entry> onDriver(JavaSparkContext sc, FileSystem fs, Path path, String column, String field,
                                           int partitions) {
        java.nio.file.Path local;
        boolean temporary = !"file".equals(fs.getUri().getScheme());
        try {
            if (temporary) {
                String name = path.getName();
                local = Files.createTempFile("attnplanes-corpus-", name.substring(name.lastIndexOf('.')));
                try (InputStream in = fs.open(path)) {
                    Files.copy(in, local, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                local = java.nio.file.Path.of(fs.makeQualified(path).toUri());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --input " + path + ": " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        try {
            for (CorpusEntry e : new CorpusReader(column, field).read(local)) {
                entries.add(new Entry(e.number(), e.text(), e.problem()));
            }
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        } finally {
            if (temporary) {
                local.toFile().delete();
            }
        }
        return sc.parallelize(entries, Math.max(1, partitions));
    }

    private static JavaRDD<Entry> parquet(SparkSession spark, String input, String column) {
        Dataset<Row> df = spark.read().parquet(input);
        StructField f = Arrays.stream(df.schema().fields()).filter(s -> s.name().equals(column)).findFirst()
                .orElseThrow(() -> new UserInputException("--column " + column + " is not a column of " + input
                        + "; allowed: " + Arrays.toString(df.schema().fieldNames())));
        if (!f.dataType().equals(DataTypes.StringType)) {
            throw new UserInputException("--column " + column + " of " + input + " is " + f.dataType().simpleString()
                    + "; the text column must be a string");
        }
        Dataset<Row> rows = df.select(col("_metadata.file_path").as("file"), col("_metadata.row_index").as("row"),
                col("`" + column + "`").as("text"));
        // number = rows in the files before this one (sorted by path) + row index within the file + 1
        Map<String, Long> offsets = new TreeMap<>();
        for (Row r : rows.groupBy("file").count().collectAsList()) {
            offsets.put(r.getString(0), r.getLong(1));
        }
        long at = 0;
        for (Map.Entry<String, Long> e : offsets.entrySet()) {
            long n = e.getValue();
            e.setValue(at);
            at += n;
        }
        Map<String, Long> start = new TreeMap<>(offsets);
        return rows.javaRDD().map(r -> {
            int number = Math.toIntExact(start.get(r.getString(0)) + r.getLong(1) + 1);
            String text = r.isNullAt(2) ? null : r.getString(2);
            return text == null || text.isBlank() ? Entry.bad(number, "empty text in column " + column)
                    : Entry.of(number, text.strip());
        });
    }

    /** SHA-256 of the input's bytes (of every data file in path order, for a directory). */
    private static String sha256(FileSystem fs, FileStatus status) {
        try {
            MessageDigest md = Sha256.digest();
            List<FileStatus> files = new ArrayList<>();
            if (status.isDirectory()) {
                var it = fs.listFiles(status.getPath(), true);
                while (it.hasNext()) {
                    FileStatus f = it.next();
                    String n = f.getPath().getName();
                    if (!n.startsWith("_") && !n.startsWith(".")) {
                        files.add(f);
                    }
                }
                files.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
            } else {
                files.add(status);
            }
            for (FileStatus f : files) {
                try (InputStream in = fs.open(f.getPath())) {
                    Sha256.update(md, in);
                }
            }
            return Sha256.hex(md);
        } catch (IOException e) {
            throw new UserInputException("--input " + status.getPath() + " cannot be read: " + e.getMessage(), e);
        }
    }
}
