package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.attnplanes.app.testutil.Launcher;
import org.attnplanes.app.testutil.Launcher.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 (peak memory of {@code persistence}): the launcher puts the project's jars and picocli first on the class
 * path, then the libraries in Maven's order, so that the classes every command loads at start are found in the first
 * few jars (each jar opened on the way keeps its central directory on the heap). A copy of the launcher with a copy
 * of the app jar and its class path runs as a real process ({@code -XshowSettings:properties} prints the class path
 * the JVM got).
 */
class LauncherClassPathIT {

    @TempDir
    Path home;

    private List<String> classPathFile;
    private Path jar;

    @BeforeEach
    void copyLauncher() throws IOException {
        Launcher.Installed installed = Launcher.install(home);
        jar = installed.jar();
        classPathFile = List.of(Files.readString(installed.appTarget().resolve("classpath.txt")).strip().split(":"));
    }

    /** The class path of the JVM the launcher started, from {@code -XshowSettings:properties} on stderr. */
    private static List<String> classPathOf(Run run) {
        List<String> entries = new ArrayList<>();
        boolean in = false;
        for (String line : run.err().split("\n")) {
            if (line.startsWith("    java.class.path = ")) {
                entries.add(line.substring("    java.class.path = ".length()).strip());
                in = true;
            } else if (in && line.startsWith("        ")) {
                entries.add(line.strip());
            } else if (in) {
                break;
            }
        }
        return entries;
    }

    private static boolean ours(String entry) {
        String name = Path.of(entry).getFileName().toString();
        return name.startsWith("attnplanes-") || name.startsWith("picocli-");
    }

    @Test
    void projectJarsAndPicocliComeFirst_everyEntryOnce_librariesInMavensOrder() throws Exception {
        Path input = Files.writeString(home.resolve("d.txt"), "1\n2 1.5\n3 2.5 1\n");
        Run run = Launcher.run(home, Map.of("ATTNPLANES_CDS", "off", "ATTNPLANES_JAVA_OPTS",
                "-XshowSettings:properties"), 120, "persistence", "--input", input.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("persistence intervals in dim 0:"), run.out());
        List<String> cp = classPathOf(run);

        assertEquals(jar.toString(), cp.get(0), "the app jar first");
        List<String> expected = new ArrayList<>();
        expected.add(jar.toString());
        classPathFile.stream().filter(LauncherClassPathIT::ours).forEach(expected::add);
        classPathFile.stream().filter(e -> !ours(e)).forEach(expected::add);
        assertEquals(expected, cp, "ours and picocli (in Maven's order) first, then the libraries in Maven's order");
        assertTrue(cp.stream().anyMatch(e -> e.contains("picocli-")), "picocli is on the path");
        assertTrue(classPathFile.size() > 20 && cp.size() == classPathFile.size() + 1, "nothing dropped: " + cp.size());
    }
}
