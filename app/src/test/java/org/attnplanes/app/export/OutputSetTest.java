package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.export.OutputSet.Existing;
import org.attnplanes.app.export.OutputSet.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12.1, 12.2, 12.4, 12.7: outputs never replace inputs or results silently and appear as a unit. */
class OutputSetTest {

    @TempDir
    Path root;

    private static final List<String> NAMES = List.of("planes.csv", "barcodes.json", "provenance.json", "figures");

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** One complete run writing {@code files} (name → content) into {@code out}. */
    private static List<Path> run(Path out, Existing mode, List<Input> inputs, String... nameContent) throws IOException {
        try (OutputSet outs = OutputSet.directory("--out", out, mode, inputs, NAMES)) {
            for (int i = 0; i < nameContent.length; i += 2) {
                Files.writeString(outs.inDirectory(nameContent[i]), nameContent[i + 1]);
            }
            return outs.publish();
        }
    }

    /**
     * Issue 16: a writer that hashed its file while writing hands the SHA-256 over ({@link OutputSet#written}) and the
     * manifest uses it instead of reading the file again; a file written again after that (other size, or same size
     * and a later modification time) is hashed from disk, as every file was before.
     */
    @Test
    void publish_hashesHandedOverByWriters_usedWhileTheFileIsUnchanged_elseTheFileIsHashed() throws Exception {
        Path out = root.resolve("out");
        try (OutputSet outs = OutputSet.directory("--out", out, Existing.REFUSE, List.of(), NAMES)) {
            Path csv = outs.inDirectory("planes.csv");
            Path json = outs.inDirectory("barcodes.json");
            Path prov = outs.inDirectory("provenance.json");
            Files.writeString(csv, "a,b\n1,2\n");
            outs.written(csv, org.attnplanes.graph.io.Sha256.ofFile(csv));
            Files.writeString(json, "{}");
            outs.written(json, org.attnplanes.graph.io.Sha256.ofText("{}"));
            Files.writeString(json, "{\"x\": 1}");          // grew after its writer hashed it
            Files.writeString(prov, "{\"p\": 0}");
            outs.written(prov, org.attnplanes.graph.io.Sha256.ofText("{\"p\": 0}"));
            Files.writeString(prov, "{\"p\": 1}");          // same size, other bytes, later
            Files.setLastModifiedTime(prov, java.nio.file.attribute.FileTime.fromMillis(
                    Files.getLastModifiedTime(prov).toMillis() + 2000));
            outs.publish();
        }
        var files = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                out.resolve(OutputSet.MANIFEST).toFile()).get("files");
        java.util.Map<String, String> sha = new java.util.HashMap<>();
        files.forEach(f -> sha.put(f.get("path").asText(), f.get("sha256").asText()));
        assertEquals(org.attnplanes.graph.io.Sha256.ofFile(out.resolve("planes.csv")), sha.get("planes.csv"));
        assertEquals(org.attnplanes.graph.io.Sha256.ofText("{\"x\": 1}"), sha.get("barcodes.json"),
                "size changed: hashed from disk");
        assertEquals(org.attnplanes.graph.io.Sha256.ofText("{\"p\": 1}"), sha.get("provenance.json"),
                "written again: hashed from disk");
        assertEquals(List.of(), Manifest.verify(out));

        // unchanged since its writer handed the hash over: taken as it is, the file is not read again
        Path again = root.resolve("again");
        String handed = "0".repeat(64);
        try (OutputSet outs = OutputSet.directory("--out", again, Existing.REFUSE, List.of(), NAMES)) {
            Path csv = outs.inDirectory("planes.csv");
            Files.writeString(csv, "x\n");
            outs.written(csv, handed);
            outs.publish();
        }
        assertEquals(handed, new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                again.resolve(OutputSet.MANIFEST).toFile()).get("files").get(0).get("sha256").asText());
    }

    @Test
    void directory_earlierResultsWithoutOverwrite_refusedAndUntouched() throws Exception {
        Path out = root.resolve("out");
        run(out, Existing.REFUSE, List.of(), "planes.csv", "old", "barcodes.json", "old");
        UserInputException e = assertThrows(UserInputException.class, () -> run(out, Existing.REFUSE, List.of(),
                "planes.csv", "new"));
        assertEquals("--out " + out + " already holds results of an earlier run (planes.csv, barcodes.json); pass "
                + "--overwrite to replace them, or choose another folder", e.getMessage());
        assertEquals("old", Files.readString(out.resolve("planes.csv")));
        assertEquals(List.of(".attnplanes-manifest.json", "barcodes.json", "planes.csv"), listing(out));
    }

    @Test
    void directory_earlierResultsAlteredAfterPublication_areVerifiedAndNamed() throws Exception {
        // issue 12 (Manifest.verify): a run that finds earlier results checks them against their manifest
        Path out = root.resolve("out");
        run(out, Existing.REFUSE, List.of(), "planes.csv", "old", "barcodes.json", "old");
        Files.writeString(out.resolve("planes.csv"), "edited by hand");
        Files.delete(out.resolve("barcodes.json"));
        UserInputException e = assertThrows(UserInputException.class, () -> run(out, Existing.REFUSE, List.of(),
                "planes.csv", "new"));
        assertEquals("--out " + out + " already holds results of an earlier run (planes.csv), altered since they"
                + " were published: planes.csv changed since it was published, barcodes.json is missing; pass"
                + " --overwrite to replace them, or choose another folder", e.getMessage());
        try (OutputSet outs = OutputSet.directory("--out", out, Existing.RESUME, List.of(), NAMES)) {
            assertEquals(List.of("planes.csv changed since it was published", "barcodes.json is missing"),
                    outs.altered());
        }
        run(out, Existing.OVERWRITE, List.of(), "planes.csv", "new");
        try (OutputSet outs = OutputSet.directory("--out", out, Existing.OVERWRITE, List.of(), NAMES)) {
            assertEquals(List.of(), outs.altered());
        }
    }

    @Test
    void directory_resultsOfAnOlderVersionWithoutManifest_areRecognisedByName() throws Exception {
        Path out = Files.createDirectories(root.resolve("out"));
        Files.writeString(out.resolve("provenance.json"), "{}");
        assertThrows(UserInputException.class, () -> run(out, Existing.REFUSE, List.of(), "planes.csv", "new"));
        assertEquals("{}", Files.readString(out.resolve("provenance.json")));
    }

    @Test
    void publish_withOverwrite_replacesAndRemovesThePreviousRunsOtherFiles() throws Exception {
        Path out = root.resolve("out");
        run(out, Existing.REFUSE, List.of(), "planes.csv", "old", "barcodes.json", "old", "figures/a.png", "old");
        run(out, Existing.OVERWRITE, List.of(), "planes.csv", "new", "provenance.json", "new");
        assertEquals(List.of(".attnplanes-manifest.json", "planes.csv", "provenance.json"), listing(out),
                "no file of the previous run may stay next to the new ones");
        assertEquals("new", Files.readString(out.resolve("planes.csv")));
        assertEquals(List.of(), Manifest.verify(out));
    }

    @Test
    void inDirectory_inputInsideOut_isNeverReplaced() throws Exception {
        // issue 12.1: analyze --input d/planes.csv --out d destroyed the corpus
        Path d = Files.createDirectories(root.resolve("d"));
        Path corpus = Files.writeString(d.resolve("planes.csv"), "text\nHello.\n");
        for (Existing mode : Existing.values()) {
            try (OutputSet outs = OutputSet.directory("--out", d, mode, List.of(new Input("--input", corpus)),
                    List.of())) {
                UserInputException e = assertThrows(UserInputException.class, () -> outs.inDirectory("planes.csv"));
                assertEquals("--out " + d + ": writing planes.csv would replace --input " + corpus + ", an input of "
                        + "this run; choose another output", e.getMessage());
            }
            assertEquals("text\nHello.\n", Files.readString(corpus), mode.toString());
        }
    }

    @Test
    void file_sameFileByAnotherSpellingOrLink_isRecognisedAsTheInput() throws Exception {
        Path in = Files.writeString(root.resolve("m.txt"), "1\n");
        Path link = Files.createSymbolicLink(root.resolve("link.txt"), in);
        Path hard = Files.createLink(root.resolve("hard.txt"), in);
        for (Path target : List.of(root.resolve("./m.txt"), root.resolve("x/../m.txt"), link, hard)) {
            try (OutputSet outs = OutputSet.files(Existing.OVERWRITE, List.of(new Input("--input", in)))) {
                assertThrows(UserInputException.class, () -> outs.file("--output", target), target.toString());
            }
        }
        assertEquals("1\n", Files.readString(in));
    }

    @Test
    void file_existingFileWithoutOverwrite_refused() throws Exception {
        Path f = Files.writeString(root.resolve("bars.txt"), "old");
        try (OutputSet outs = OutputSet.files(Existing.REFUSE, List.of())) {
            assertEquals("--output " + f + " already exists; pass --overwrite to replace it, or choose another name",
                    assertThrows(UserInputException.class, () -> outs.file("--output", f)).getMessage());
        }
        try (OutputSet outs = OutputSet.files(Existing.OVERWRITE, List.of())) {
            Files.writeString(outs.file("--output", f), "new");
            outs.publish();
        }
        assertEquals("new", Files.readString(f));
        assertEquals(List.of("bars.txt"), listing(root));
    }

    @Test
    void file_unwritableOrMissingFolder_isReportedBeforeAnyWorkWithAReason() throws Exception {
        try (OutputSet outs = OutputSet.files(Existing.REFUSE, List.of())) {
            Path missing = root.resolve("nope").resolve("m.npz");
            assertEquals("--save-matrices " + missing + " cannot be written: its folder " + missing.getParent()
                    + " does not exist", assertThrows(UserInputException.class,
                    () -> outs.file("--save-matrices", missing)).getMessage());
            String proc = assertThrows(UserInputException.class, () -> outs.file("--save-matrices",
                    Path.of("/proc/m.npz"))).getMessage();
            assertTrue(proc.startsWith("--save-matrices /proc/m.npz cannot be written: "), proc);
            assertFalse(proc.contains(".tmp") || proc.contains(".part"), "no temporary names: " + proc);
            Path ro = Files.createDirectories(root.resolve("ro"));
            boolean asRoot = "root".equals(System.getProperty("user.name"));
            if (asRoot) {
                // root ignores permission bits (CI runs as root): an immutable folder (chattr +i) refuses even root
                assumeTrue(chattr("+i", ro), "root may write anywhere and chattr +i is not available here");
            } else {
                Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
            }
            try {
                assertEquals("--save-matrices " + ro.resolve("m.npz") + " cannot be written: "
                        + (asRoot ? "operation not permitted" : "permission denied"),
                        assertThrows(UserInputException.class, () -> outs.file("--save-matrices",
                                ro.resolve("m.npz"))).getMessage());
                assertEquals(List.of(), listing(ro));
            } finally {
                if (asRoot) {
                    chattr("-i", ro);
                }
            }
        }
    }

    /** {@code chattr flag path}; false when the tool or the file system cannot do it. */
    private static boolean chattr(String flag, Path p) {
        try {
            Process c = new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true).start();
            c.getInputStream().readAllBytes();
            return c.waitFor(10, TimeUnit.SECONDS) && c.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void directory_procPath_saysWhyWithoutTemporaryNames() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> OutputSet.directory("--out", Path.of("/proc/x"), Existing.REFUSE, List.of(), NAMES));
        assertTrue(e.getMessage().startsWith("--out /proc/x cannot be written: "), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
    }

    @Test
    void close_withoutPublish_leavesThePreviousResultsAndNothingElse() throws Exception {
        // issue 12.2: a failure while writing barcodes.json left the new planes.csv next to the old files
        Path out = root.resolve("out");
        run(out, Existing.REFUSE, List.of(), "planes.csv", "old", "barcodes.json", "old");
        try (OutputSet outs = OutputSet.directory("--out", out, Existing.OVERWRITE, List.of(), NAMES)) {
            Files.writeString(outs.inDirectory("planes.csv"), "new");
            outs.inDirectory("barcodes.json");   // "disk full" here: never written, never published
        }
        assertEquals(List.of(".attnplanes-manifest.json", "barcodes.json", "planes.csv"), listing(out));
        assertEquals("old", Files.readString(out.resolve("planes.csv")));
        assertEquals(List.of(), Manifest.verify(out));
    }

    @Test
    void close_runThatCreatedTheFolderAndSavedNothing_removesIt() {
        Path out = root.resolve("fresh");
        try (OutputSet outs = OutputSet.directory("--out", out, Existing.REFUSE, List.of(), NAMES)) {
            assertTrue(Files.isDirectory(out));
        }
        assertFalse(Files.exists(out), "nothing saved, nothing left");
    }

    @Test
    void directory_killedWhilePublishing_isCompletedByTheNextRun() throws Exception {
        Path out = root.resolve("out");
        run(out, Existing.REFUSE, List.of(), "planes.csv", "old", "barcodes.json", "old", "provenance.json", "old");
        // a run killed after renaming planes.csv, before barcodes.json: the journal is what it leaves
        Path staging = Files.createDirectories(out.resolve(OutputSet.STAGING));
        Files.writeString(out.resolve("planes.csv"), "new");
        Files.writeString(staging.resolve("barcodes.json"), "new");
        String journal = "{\"moves\":[{\"from\":\"" + staging.resolve("planes.csv") + "\",\"to\":\""
                + out.resolve("planes.csv") + "\"},{\"from\":\"" + staging.resolve("barcodes.json") + "\",\"to\":\""
                + out.resolve("barcodes.json") + "\"}],\"delete\":[\"" + out.resolve("provenance.json") + "\"],"
                + "\"manifest\":{\"files\":[{\"path\":\"planes.csv\",\"bytes\":3,\"sha256\":\""
                + sha("new") + "\"},{\"path\":\"barcodes.json\",\"bytes\":3,\"sha256\":\"" + sha("new") + "\"}]}}";
        Files.writeString(out.resolve(Manifest.JOURNAL), journal);
        Files.writeString(out.resolve(".barcodes.json8812345.tmp"), "half a file");   // issue 12.7

        UserInputException e = assertThrows(UserInputException.class,
                () -> run(out, Existing.REFUSE, List.of(), "planes.csv", "x"));
        assertTrue(e.getMessage().contains("already holds results"), e.getMessage());
        assertEquals(List.of(".attnplanes-manifest.json", "barcodes.json", "planes.csv"), listing(out));
        assertEquals("new", Files.readString(out.resolve("barcodes.json")));
        assertEquals(List.of(), Manifest.verify(out));
    }

    private static String sha(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void directory_heldByAnotherProcess_namesItsPid() throws Exception {
        // issue 12.4: a live run is "another attnplanes run (pid N)", not an "interrupted run"
        Path out = Files.createDirectories(root.resolve("out"));
        Path lockFile = out.resolve(OutputLock.NAME);
        String py = "import fcntl,os,sys,time\nf=open(sys.argv[1],'a+')\nfcntl.lockf(f,fcntl.LOCK_EX)\n"
                + "f.seek(0);f.truncate();f.write('pid %d\\n'%os.getpid());f.flush()\nprint('locked',flush=True)\n"
                + "time.sleep(30)\n";
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", py, lockFile.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is needed to hold a lock from another process");
            return;
        }
        try {
            assertEquals("locked", new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))
                    .readLine());
            UserInputException e = assertThrows(UserInputException.class,
                    () -> OutputSet.directory("--out", out, Existing.OVERWRITE, List.of(), NAMES));
            assertEquals("--out " + out + ": another attnplanes run (pid " + p.pid() + ") is writing here; wait for"
                    + " it to finish or choose another folder", e.getMessage());
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        // the holder died without cleaning up: its file is left, its lock is not
        run(out, Existing.REFUSE, List.of(), "planes.csv", "x");
        assertEquals(List.of(".attnplanes-manifest.json", "planes.csv"), listing(out));
    }

    @Test
    void directory_secondRunInThisProcess_isRefusedWhileTheFirstHoldsTheLock() {
        Path out = root.resolve("out");
        try (OutputSet first = OutputSet.directory("--out", out, Existing.REFUSE, List.of(), NAMES)) {
            UserInputException e = assertThrows(UserInputException.class,
                    () -> OutputSet.directory("--out", out, Existing.REFUSE, List.of(), NAMES));
            assertTrue(e.getMessage().contains("another attnplanes run (pid " + ProcessHandle.current().pid()
                    + ") is writing here"), e.getMessage());
        }
    }
}
