package org.attnplanes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.attnplanes.app.testutil.Launcher;
import org.attnplanes.app.testutil.Launcher.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: {@code ./attnplanes spark-analyze} has its own AppCDS archive (the launcher's mechanism of app's
 * {@code LauncherCdsIT}). A copy of the launcher with copies of the app and spark jars and their class paths runs
 * as real processes, {@code --master local[2]}: without an archive, then the first run (publishes one whole
 * {@code spark-analyze-*.jsa}), then a run that maps Spark's and our classes from it; the three give the same
 * provenance (run times, dates and output paths aside) and the same summary line (numbers aside), and print no JVM
 * message.
 */
class LauncherSparkCdsIT {

    @TempDir
    Path home;

    private static Path copyJar(Path target, String prefix, Path into) throws IOException {
        Path jar;
        try (Stream<Path> s = Files.list(target)) {
            jar = s.filter(p -> p.getFileName().toString().matches(prefix + "-[^-]+(-SNAPSHOT)?\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + " jar in " + target + "; run mvn verify"));
        }
        Files.createDirectories(into);
        Files.copy(target.resolve("classpath.txt"), into.resolve("classpath.txt"));
        return Files.copy(jar, into.resolve(jar.getFileName()));
    }

    private Run analyze(String outName, Map<String, String> env) throws Exception {
        Run r = Launcher.run(home, env, 600, "spark-analyze", "--input", home.resolve("corpus.txt").toString(), "--master", "local[2]",
                "--conf", "spark.ui.enabled=false", "--out", home.resolve(outName).toString());
        assertEquals(0, r.exit(), r.err());
        return r;
    }

    /** provenance.json without what differs from run to run: times, dates, the command and the output folder. */
    private List<String> provenance(String outName) throws IOException {
        return Files.readAllLines(home.resolve(outName).resolve("provenance.json")).stream()
                .filter(l -> !l.matches("\\s*\"(seconds_[a-z_]+|finished|started|command)\" : .*"))
                .map(l -> l.replace(home.resolve(outName).toString(), "OUT")).toList();
    }

    /**
     * stdout and our own stderr lines, the output folder and numbers masked (Spark's log lines carry times and are
     * left out).
     */
    private String masked(Run r, String outName) {
        return (r.out() + r.err().lines().filter(l -> l.startsWith("spark-analyze") || l.contains("attnplanes"))
                .reduce("", (a, b) -> a + b + "\n")).replace(home.resolve(outName).toString(), "OUT")
                .replaceAll("[0-9][0-9.]*", "#");
    }

    @Test
    void firstRunPublishesAWholeArchive_nextRunMapsIt_resultsUnchanged() throws Exception {
        Path module = Path.of("").toAbsolutePath();            // spark/ (failsafe runs in the module folder)
        Path root = module.getParent();
        copyJar(root.resolve("app/target"), "attnplanes-app", home.resolve("app/target"));
        copyJar(module.resolve("target"), "attnplanes-spark", home.resolve("spark/target"));
        Path launcher = Files.copy(root.resolve("attnplanes"), home.resolve("attnplanes"));
        assertTrue(launcher.toFile().setExecutable(true));
        Files.writeString(home.resolve("corpus.txt"), "The cat sat on the mat.\nA dog ran to the old house.\n");
        Path cds = home.resolve("app/target/cds");

        Run off = analyze("off", Map.of("ATTNPLANES_CDS", "off"));
        assertTrue(!Files.exists(cds), "ATTNPLANES_CDS=off makes no archive");
        Run first = analyze("first", Map.of());
        List<String> files;
        try (Stream<Path> s = Files.list(cds)) {
            files = s.map(p -> p.getFileName().toString()).toList();
        }
        assertEquals(1, files.size(), "one archive and nothing else (no temporary file): " + files);
        Matcher m = Pattern.compile("spark-analyze-\\d+-\\d+-(\\d+)\\.jsa").matcher(files.get(0));
        assertTrue(m.matches(), files.get(0));
        assertEquals(Long.parseLong(m.group(1)), Files.size(cds.resolve(files.get(0))), "a whole archive");

        Path log = home.resolve("classes.log");
        Run mapped = analyze("mapped", Map.of("ATTNPLANES_JAVA_OPTS", "-Xlog:class+load=info:file=" + log));
        String classes = Files.readString(log);
        assertTrue(classes.contains("org.attnplanes.spark.AnalyzeJob source: shared objects file (top)"),
                "our classes come from the archive");
        assertTrue(classes.contains("org.apache.spark.sql.SparkSession source: shared objects file (top)"),
                "Spark's classes come from the archive");

        assertEquals(provenance("off"), provenance("first"));
        assertEquals(provenance("off"), provenance("mapped"));
        assertEquals(masked(off, "off"), masked(first, "first"));
        assertEquals(masked(off, "off"), masked(mapped, "mapped"));
        for (Run r : List.of(off, first, mapped)) {
            assertTrue(!r.err().contains("[cds") && !r.err().contains("SharedArchiveFile"), r.err());
        }
    }
}
