package org.attnplanes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The research columns of issue 17 (la-tda matching number and chordality, directed flag persistence, LapEigvals,
 * maximal cliques) come out of the Spark job equal to {@code analyze} with the same topology options, on a small
 * corpus in local[2].
 */
class SparkResearchColumnsTest {

    private static final String[] RESEARCH = {"--la-tda", "--directed-flag", "1", "--lap-eigvals", "3",
        "--maximal-cliques", "--thresholds", "0.05,0.2"};

    @Test
    void researchColumnsEqualAnalyze(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        Files.write(corpus, List.of("The cat sat on the mat.", "Birds sang in tall green trees near quiet rivers.",
                "", "Dogs ran far away from home.", "A quiet river."));
        Path analyzeOut = dir.resolve("analyze");
        SparkTestSupport.Run a = SparkTestSupport.analyze(with("--input", corpus.toString(), "--out",
                analyzeOut.toString(), "--workers", "2"));
        assertEquals(0, a.status(), a.err());
        String sparkOut = dir.resolve("spark").toString();
        SparkTestSupport.Run s = SparkTestSupport.sparkAnalyze(with("--input", corpus.toString(), "--out", sparkOut,
                "--master", "local[2]"));
        assertEquals(0, s.status(), s.err());

        List<String> header = new ArrayList<>();
        List<CSVRecord> rows = Outputs.planesCsv(analyzeOut, header);
        assertEquals(4 * 6 * 12, rows.size(), "4 analysed inputs × 6 layers × 12 heads");
        for (String column : List.of("attn_matching_t0.05", "attn_chordal_t0.20", "dflag_h0_bars", "dflag_h1_total",
                "lap_eig1", "lap_eig3", "maxcliques_t0.05", "clique_number_t0.20")) {
            assertTrue(header.contains(column), column + " in " + header);
        }
        assertTrue(rows.stream().map(r -> r.get("attn_chordal_t0.05")).distinct().count() > 1
                || rows.stream().map(r -> r.get("attn_matching_t0.05")).distinct().count() > 1,
                "the research columns vary across planes (a constant column would compare trivially)");
        SparkSession spark = SparkTestSupport.session();
        try {
            Outputs.assertSamePlanes(spark, analyzeOut, sparkOut);
        } finally {
            spark.stop();
        }
    }

    private static String[] with(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(RESEARCH));
        return all.toArray(new String[0]);
    }
}
