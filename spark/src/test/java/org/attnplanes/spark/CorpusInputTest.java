package org.attnplanes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.corpus.CorpusReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading every corpus format through Spark gives app's CorpusReader entries, numbers included. */
class CorpusInputTest {

    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestSupport.session();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<Entry> read(String path, String column, String field) {
        List<Entry> out = new ArrayList<>(CorpusInput.read(spark, path, column, field, 2).entries().collect());
        out.sort(Comparator.comparingInt(Entry::number));
        return out;
    }

    private static List<Entry> oracle(Path file, String column, String field) {
        List<Entry> out = new ArrayList<>();
        for (CorpusEntry e : new CorpusReader(column, field).read(file)) {
            out.add(new Entry(e.number(), e.text(), e.problem()));
        }
        return out;
    }

    @Test
    void linesSplitAcrossManyHadoopSplitsKeepTheirNumbers(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("\uFEFFfirst line\r\n");
        for (int i = 2; i <= 300; i++) {
            sb.append(i % 17 == 0 ? "  " : i % 23 == 0 ? "lone\rcarriage return" : "line number " + i).append('\n');
        }
        sb.append("last line without newline");
        Path f = dir.resolve("many.txt");
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        String key = "mapreduce.input.fileinputformat.split.maxsize";
        spark.sparkContext().hadoopConfiguration().set(key, "200"); // ~30 splits
        try {
            assertEquals(oracle(f, null, null), read(f.toString(), null, null));
        } finally {
            spark.sparkContext().hadoopConfiguration().unset(key);
        }
    }

    @Test
    void jsonlCsvTsvAsCorpusReader(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("c.jsonl");
        Files.writeString(jsonl, "{\"id\": 1, \"body\": {\"t\": \"nested text\"}}\n{\"body\": 3}\nnot json\n\n"
                + "{\"body\": {\"t\": \"  padded  \"}}\n");
        assertEquals(oracle(jsonl, null, "body.t"), read(jsonl.toString(), null, "body.t"));
        Path csv = dir.resolve("c.csv");
        Files.writeString(csv, "id,sentence\n1,\"A quoted, comma\"\n2,\"spans\ntwo lines\"\n3,\n4,plain\n");
        List<Entry> fromCsv = read(csv.toString(), "sentence", null);
        assertEquals(oracle(csv, "sentence", null), fromCsv);
        assertEquals(4, fromCsv.size());
        assertTrue(fromCsv.get(2).problem().startsWith("empty text in column sentence"), fromCsv.get(2).problem());
        Path tsv = dir.resolve("c.tsv");
        Files.writeString(tsv, "text\tlabel\nfirst\t0\n\t1\nthird\t0\n");
        assertEquals(oracle(tsv, null, null), read(tsv.toString(), null, null));
    }

    @Test
    void utf16LinesAreDecodedAndUtf32IsRefusedAsCorpusReaderDoes(@TempDir Path dir) throws Exception {
        Path utf16 = dir.resolve("u16.txt");
        byte[] body = "first line\n\nthird line\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(body, 0, bytes, 2, body.length);
        Files.write(utf16, bytes);
        assertEquals(oracle(utf16, null, null), read(utf16.toString(), null, null));
        assertEquals("third line", read(utf16.toString(), null, null).get(2).text());
        Path utf32 = dir.resolve("u32.txt");
        Files.write(utf32, new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF, 0, 0, 0, 'a'});
        UserInputException e = assertThrows(UserInputException.class, () -> read(utf32.toString(), null, null));
        assertTrue(e.getMessage().contains("is UTF-32"), e.getMessage());
    }

    @Test
    void parquetRecordsNumberedByFileAndRow(@TempDir Path dir) {
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("sentence", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            rows.add(RowFactory.create(i, i % 9 == 0 ? null : i % 10 == 0 ? " " : "sentence " + i));
        }
        String path = dir.resolve("c.parquet").toString();
        // 3 files, rows in order within each file, files named in order
        spark.createDataFrame(rows, schema).coalesce(1).repartitionByRange(3, org.apache.spark.sql.functions.col("id"))
                .sortWithinPartitions("id").write().parquet(path);
        List<Entry> read = read(path, "sentence", null);
        assertEquals(40, read.size());
        for (int i = 1; i <= 40; i++) {
            Entry e = read.get(i - 1);
            assertEquals(i, e.number());
            if (i % 9 == 0 || i % 10 == 0) {
                assertEquals("empty text in column sentence", e.problem());
            } else {
                assertEquals("sentence " + i, e.text());
            }
        }
        UserInputException missing = assertThrows(UserInputException.class, () -> read(path, "text", null));
        assertTrue(missing.getMessage().startsWith("--column text is not a column of"), missing.getMessage());
        UserInputException notString = assertThrows(UserInputException.class, () -> read(path, "id", null));
        assertTrue(notString.getMessage().contains("must be a string"), notString.getMessage());
    }
}
