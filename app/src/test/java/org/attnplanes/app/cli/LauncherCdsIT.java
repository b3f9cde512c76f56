package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.attnplanes.app.testutil.Launcher;
import org.attnplanes.app.testutil.Launcher.Run;
import org.attnplanes.app.testutil.Launcher.Started;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the launcher's AppCDS archive ({@code ./attnplanes}, after {@code package}: run by failsafe). A copy of
 * the launcher with a copy of the app jar and its class path runs as a real process: the first successful run of a
 * command publishes one whole archive (write to a temporary file, check, rename), later runs map it, a truncated or
 * stale archive is never mapped and is replaced, a failed run publishes nothing, concurrent first runs both succeed,
 * and the output (stdout and stderr) is the same with and without the archive, without a JVM message.
 */
class LauncherCdsIT {

    /** {@code <command>-<jar stamp>-<size>.jsa}. */
    private static final Pattern ARCHIVE = Pattern.compile("persistence-(\\d+-\\d+)-(\\d+)\\.jsa");

    @TempDir
    Path home;

    private Path launcher;
    private Path jar;
    private Path cds;
    private Path input;

    @BeforeEach
    void copyLauncher() throws IOException {
        Launcher.Installed installed = Launcher.install(home);
        launcher = installed.launcher();
        jar = installed.jar();
        Path appTarget = installed.appTarget();
        cds = appTarget.resolve("cds");
        input = Files.writeString(home.resolve("d.txt"), "1\n2 1.5\n3 2.5 1\n");
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        return Launcher.run(home, env, 120, args);
    }

    private Started start(Map<String, String> env, String... args) throws IOException {
        return Launcher.start(home, env, args);
    }

    private static Run finish(Started s) throws Exception {
        return Launcher.finish(s, 120);
    }

    private List<String> archives() throws IOException {
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cds)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The one archive of persistence: whole (its size is the one in its name); returns its jar stamp. */
    private String wholeArchive() throws IOException {
        List<String> files = archives();
        assertEquals(1, files.size(), "one archive and nothing else (no temporary file): " + files);
        Matcher m = ARCHIVE.matcher(files.get(0));
        assertTrue(m.matches(), files.get(0));
        assertEquals(Long.parseLong(m.group(2)), Files.size(cds.resolve(files.get(0))), "a whole archive");
        return m.group(1);
    }

    @Test
    void firstRunPublishesAWholeArchive_laterRunsMapIt_outputUnchanged() throws Exception {
        Run plain = run(Map.of("ATTNPLANES_CDS", "off"), "persistence", "--input", input.toString());
        assertEquals(0, plain.exit(), plain.err());
        assertTrue(plain.out().contains("persistence intervals in dim 0:"), plain.out());
        assertEquals(List.of(), archives(), "ATTNPLANES_CDS=off makes no archive");

        Run first = run(Map.of(), "persistence", "--input", input.toString());
        assertEquals(plain, first, "the run that writes the archive prints exactly what a run without one does");
        wholeArchive();

        Run second = run(Map.of(), "persistence", "--input", input.toString());
        assertEquals(plain, second, "a run that maps the archive prints exactly the same");
        Run logged = run(Map.of("ATTNPLANES_JAVA_OPTS", "-Xlog:class+load=info"), "persistence", "--input",
                input.toString());
        assertEquals(0, logged.exit(), logged.err());
        assertTrue(logged.out().contains("org.attnplanes.app.AttnPlanes source: shared objects file (top)"),
                "the app's classes come from the archive");
    }

    @Test
    void truncatedArchive_isNotMapped_andIsReplaced() throws Exception {
        Run plain = run(Map.of("ATTNPLANES_CDS", "off"), "persistence", "--input", input.toString());
        assertEquals(0, run(Map.of(), "persistence", "--input", input.toString()).exit());
        Path archive = cds.resolve(archives().get(0));
        long size = Files.size(archive);
        assertTrue(archive.toFile().setWritable(true));
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.setLength(size / 3);      // mapped as it is, this makes the JVM abort (SIGBUS in relocation)
        }
        Run after = run(Map.of(), "persistence", "--input", input.toString());
        assertEquals(plain, after, "no crash, no message");
        wholeArchive();
        assertEquals(size, Files.size(cds.resolve(archives().get(0))), "rebuilt whole");
    }

    @Test
    void changedJar_makesANewArchive_andRemovesTheStaleOne() throws Exception {
        Run plain = run(Map.of("ATTNPLANES_CDS", "off"), "persistence", "--input", input.toString());
        assertEquals(0, run(Map.of(), "persistence", "--input", input.toString()).exit());
        String before = wholeArchive();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        Run after = run(Map.of(), "persistence", "--input", input.toString());
        assertEquals(plain, after);
        assertNotEquals(before, wholeArchive(), "a new archive for the rebuilt jar, the old one gone");
    }

    @Test
    void failedFirstRun_publishesNothing_andKeepsItsOneLineError() throws Exception {
        Run bad = run(Map.of(), "persistence", "--input", home.resolve("missing.txt").toString());
        assertEquals(2, bad.exit());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("attnplanes persistence: --input "), bad.err());
        assertEquals(List.of(), archives(), "no archive, no temporary file, no marker");
        Run help = run(Map.of(), "persistence", "--help");
        assertEquals(0, help.exit(), help.err());
        assertEquals(List.of(), archives(), "a help run archives only the option parser, so it makes none");
    }

    /**
     * The desktop app has its own archive too: the first run that ends normally (here: closed after its first frame,
     * as the window's close button would) publishes a whole {@code gui-*.jsa}; the next run maps the app's classes
     * from it; both show the first frame and print nothing else of the JVM's. Needs a display (scripts/test runs
     * the build under Xvfb).
     */
    @Test
    void gui_firstRunPublishesItsArchive_nextRunMapsIt() throws Exception {
        assertTrue(System.getenv("DISPLAY") != null, "needs a display: run under xvfb-run (scripts/test does)");
        String frame = "-Dprism.forceGPU=true -D" + org.attnplanes.app.gui.AttnPlanesApp.FIRST_FRAME_EXIT + "=true";
        Run first = run(Map.of("ATTNPLANES_JAVA_OPTS", frame), "gui");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains("attnplanes gui: first frame "), first.err());
        List<String> files = archives();
        assertEquals(1, files.size(), "one archive and nothing else: " + files);
        Matcher m = Pattern.compile("gui-\\d+-\\d+-(\\d+)\\.jsa").matcher(files.get(0));
        assertTrue(m.matches(), files.get(0));
        assertEquals(Long.parseLong(m.group(1)), Files.size(cds.resolve(files.get(0))), "a whole archive");
        Path log = home.resolve("classes.log");
        Run second = run(Map.of("ATTNPLANES_JAVA_OPTS", frame + " -Xlog:class+load=info:file=" + log), "gui");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.err().contains("attnplanes gui: first frame "), second.err());
        // JavaFX's own log lines carry a time stamp: digits masked
        assertEquals(first.err().replaceAll("[0-9]+", "#").lines().toList(),
                second.err().replaceAll("[0-9]+", "#").lines().toList(),
                "the same messages while writing the archive and while mapping it");
        String classes = Files.readString(log);
        assertTrue(classes.contains("org.attnplanes.app.gui.AttnPlanesApp source: shared objects file (top)"),
                "the app's classes come from the archive");
        assertTrue(classes.contains("javafx.stage.Stage source: shared objects file (top)"),
                "JavaFX's classes come from the archive");
    }

    @Test
    void concurrentFirstRuns_bothSucceed_oneWholeArchiveRemains() throws Exception {
        Run plain = run(Map.of("ATTNPLANES_CDS", "off"), "persistence", "--input", input.toString());
        Started a = start(Map.of(), "persistence", "--input", input.toString());
        Started b = start(Map.of(), "persistence", "--input", input.toString());
        assertEquals(plain, finish(a));
        assertEquals(plain, finish(b));
        wholeArchive();
    }
}
