package org.attnplanes.spark;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.sql.SparkSession;

/** Shared pieces of the Spark tests: a local[2] session, the 50-line corpus, in-process runs. */
final class SparkTestSupport {

    /** Lines (1-based) of the test corpus that are bad: a blank line and an empty line. */
    static final int[] BAD_LINES = {12, 38};

    private SparkTestSupport() {
    }

    /** A local[2] session bound to the loopback interface, without the web UI. */
    static SparkSession session() {
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        return SparkSession.builder().master("local[2]").appName("attnplanes-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    /** 50 lines of 3-14 words (seeded), line 12 blank and line 38 empty. */
    static Path corpus50(Path dir) throws Exception {
        String[] words = ("the cat sat on a mat while dogs ran far away from home and birds sang in tall green trees"
                + " near quiet rivers").split(" ");
        Random random = new Random(14);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            if (i == BAD_LINES[0]) {
                lines.add("   ");
            } else if (i == BAD_LINES[1]) {
                lines.add("");
            } else {
                StringBuilder sb = new StringBuilder();
                int n = 3 + random.nextInt(12);
                for (int w = 0; w < n; w++) {
                    sb.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
                }
                lines.add(Character.toUpperCase(sb.charAt(0)) + sb.substring(1) + ".");
            }
        }
        Path f = dir.resolve("corpus50.txt");
        Files.write(f, lines);
        return f;
    }

    /** The result of an in-process run. */
    record Run(int status, String out, String err) {
    }

    static Run sparkAnalyze(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = AnalyzeJob.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    static Run analyze(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "analyze";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = org.attnplanes.app.AttnPlanes.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /**
     * analyze's output for {@code corpus} (run with 2 workers), computed once per build and kept in
     * target/test-reference keyed by the corpus's SHA-256 (the test classes run in separate JVMs).
     */
    static synchronized Path analyzeReference(Path corpus) throws Exception {
        String sha = ExecutorAnalysis.sha256(corpus);
        Path ref = Path.of("target", "test-reference", sha).toAbsolutePath();
        if (Files.exists(ref.resolve("provenance.json"))) {
            return ref;
        }
        Path tmp = Files.createDirectories(ref.getParent()).resolve(sha + ".tmp-" + ProcessHandle.current().pid());
        Run a = analyze("--input", corpus.toString(), "--out", tmp.toString(), "--workers", "2");
        if (a.status() != 0) {
            throw new AssertionError("analyze failed: " + a.err());
        }
        try {
            Files.move(tmp, ref, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
            return ref;
        }
        return ref;
    }

    /** The JVM options Spark needs on Java 17 (set by surefire's argLine, passed on to child processes). */
    static List<String> jvmOpens() {
        List<String> out = new ArrayList<>();
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--add-modules") || a.startsWith("-Djdk.reflect")
                    || a.startsWith("-Dio.netty") || a.startsWith("-XX:+IgnoreUnrecognized")) {
                out.add(a);
            }
        }
        return out;
    }

    /** The test class path (surefire's own property: java.class.path may be a manifest-only jar). */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
