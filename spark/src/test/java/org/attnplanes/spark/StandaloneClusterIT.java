package org.attnplanes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster on 127.0.0.1: a Spark master and one worker as separate JVMs (Spark's own
 * {@code deploy.master.Master} and {@code deploy.worker.Worker}, from a Spark home holding Spark's jars only,
 * as a distribution's {@code jars/}), and the job jar submitted to it with {@code deploy.SparkSubmit} (what
 * {@code spark-submit} runs). The executor gets our code only from the job jar. Same tables as {@code analyze}.
 */
class StandaloneClusterIT {

    private final List<Process> started = new ArrayList<>();

    @Test
    void jobJarOnAStandaloneMasterAndWorkerGivesTheSameTables(@TempDir Path dir) throws Exception {
        Path jobJar = Path.of(System.getProperty("attnplanes.spark.jobJar"));
        assertTrue(Files.isRegularFile(jobJar), "job jar " + jobJar + " (built by package)");
        Path home = sparkHome(dir);
        String cp = home.resolve("jars") + "/*";
        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        try {
            Process m = start(dir, "master", cp, "org.apache.spark.deploy.master.Master", home, "--host", "127.0.0.1",
                    "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(freePort()));
            waitForLog(dir.resolve("master.log"), "I have been elected leader", m, 120);
            Process w = start(dir, "worker", cp, "org.apache.spark.deploy.worker.Worker", home, "--host", "127.0.0.1",
                    "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()),
                    "--cores", "1", "--memory", "2g", "--work-dir", dir.resolve("work").toString(), master);
            waitForLog(dir.resolve("worker.log"), "Successfully registered with master", w, 120);

            Path corpus = SparkTestSupport.corpus50(dir);
            String out = dir.resolve("cluster").toString();
            Process submit = start(dir, "submit", cp, "org.apache.spark.deploy.SparkSubmit", home,
                    "--master", master, "--deploy-mode", "client", "--class", AnalyzeJob.class.getName(),
                    "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                    "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=1g",
                    "--conf", "spark.cores.max=1",
                    jobJar.toString(), "--input", corpus.toString(), "--out", out);
            assertTrue(submit.waitFor(300, TimeUnit.SECONDS), "spark-submit finished in time");
            String log = Files.readString(dir.resolve("submit.log"));
            assertEquals(0, submit.exitValue(), log);
            assertTrue(log.contains("50 inputs, 48 analysed, 2 skipped, 3456 rows"), log);
            assertTrue(Files.readString(dir.resolve("worker.log")).contains("Asked to launch executor"),
                    "the executor ran on the worker");

            Path analyzeOut = SparkTestSupport.analyzeReference(corpus);
            SparkSession spark = SparkTestSupport.session();
            try {
                Outputs.assertSamePlanes(spark, analyzeOut, out);
                Outputs.assertSameBarcodes(spark, analyzeOut, out);
                assertEquals(List.of("12: empty line", "38: empty line"), Outputs.errors(spark, out));
            } finally {
                spark.stop();
            }
        } finally {
            for (Process p : started) {
                p.destroy();
            }
            for (Process p : started) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** A Spark home whose jars/ holds Spark and its dependencies only (links into the Maven repository). */
    private static Path sparkHome(Path dir) throws IOException {
        Path home = dir.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        String list = Files.readString(Path.of("target", "spark-classpath.txt")).strip();
        for (String jar : list.split(java.io.File.pathSeparator)) {
            Path j = Path.of(jar);
            Files.createSymbolicLink(jars.resolve(j.getFileName()), j);
        }
        return home;
    }

    private Process start(Path dir, String name, String cp, String main, Path home, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(System.getProperty("attnplanes.spark.opens", "").split(" ")));
        cmd.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-cp", cp, main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1"); // every daemon, executor and web UI on the loopback interface
        env.put("SPARK_LOG_DIR", dir.resolve("logs").toString());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static void waitForLog(Path log, String line, Process p, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("'" + line + "' not in " + log + ":\n" + (Files.exists(log) ? Files.readString(log) : ""));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
