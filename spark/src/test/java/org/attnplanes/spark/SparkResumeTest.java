package org.attnplanes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.spark.sql.SparkSession;
import org.attnplanes.app.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job killed half-way (SIGKILL of its JVM after 3 of 6 rounds were committed) and run again with
 * {@code --resume} computes only the missing rounds and ends with the same tables as {@code analyze}, without
 * duplicates; a resume with other settings is refused.
 */
class SparkResumeTest {

    @Test
    void killedHalfWayThenResumedGivesTheSameTables(@TempDir Path dir) throws Exception {
        Path corpus = SparkTestSupport.corpus50(dir);
        Path out = dir.resolve("spark");
        Path rounds = out.resolve("_attnplanes/rounds");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SparkTestSupport.jvmOpens());
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-cp", SparkTestSupport.testClassPath(),
                AnalyzeJob.class.getName(), "--input", corpus.toString(), "--out", out.toString(), "--master",
                "local[2]", "--commit-every", "8", "--conf", "spark.ui.enabled=false"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        Path third = rounds.resolve("round-000002/_SUCCESS");
        // woken by file-system events in the round's folder (or its nearest existing ancestor), not by polling
        Cli.awaitFiles(third.getParent(), p, 300, () -> Files.exists(third));
        assertTrue(Files.exists(third), "3 rounds committed before the kill; log:\n"
                + Files.readString(dir.resolve("killed.log")));
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, nothing cleaned up
        p.waitFor(60, TimeUnit.SECONDS);
        assertFalse(Files.exists(out.resolve("_SUCCESS")), "the killed run did not complete");
        assertFalse(Files.exists(rounds.resolve("round-000005/_SUCCESS")), "killed before the last round");

        SparkSession spark = SparkTestSupport.session();
        try {
            SparkTestSupport.Run other = SparkTestSupport.sparkAnalyze("--input", corpus.toString(), "--out",
                    out.toString(), "--commit-every", "8", "--max-dim", "0", "--resume");
            assertEquals(2, other.status(), other.err());
            assertTrue(other.err().contains("was written with topology.max_dim = 1, this run has 0"), other.err());

            SparkTestSupport.Run resumed = SparkTestSupport.sparkAnalyze("--input", corpus.toString(), "--out",
                    out.toString(), "--master", "local[2]", "--commit-every", "8", "--resume");
            assertEquals(0, resumed.status(), resumed.err());
            assertFalse(resumed.err().contains("round 1 of 6 committed"), "committed rounds are not recomputed:\n"
                    + resumed.err());
            assertTrue(resumed.err().contains("round 6 of 6 committed"), resumed.err());

            Path analyzeOut = SparkTestSupport.analyzeReference(corpus);
            Outputs.assertSamePlanes(spark, analyzeOut, out.toString());
            Outputs.assertSameBarcodes(spark, analyzeOut, out.toString());
            assertEquals(List.of("12: empty line", "38: empty line"), Outputs.errors(spark, out.toString()));

            SparkTestSupport.Run again = SparkTestSupport.sparkAnalyze("--input", corpus.toString(), "--out",
                    out.toString(), "--commit-every", "8", "--resume");
            assertEquals(0, again.status(), again.err());
            assertTrue(again.out().contains("already complete"), again.out());
        } finally {
            spark.stop();
        }
    }
}
