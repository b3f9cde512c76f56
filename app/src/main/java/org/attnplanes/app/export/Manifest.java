package org.attnplanes.app.export;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attnplanes.graph.io.AtomicFiles;
import org.attnplanes.graph.io.Sha256;

/**
 * The manifest of an output folder ({@value OutputSet#MANIFEST}: every published file with its size and SHA-256)
 * and the publication journal ({@value #JOURNAL}: the renames of a publication in progress).
 *
 * <p>Publication: write the journal, rename every staged file into place, delete the previous run's files that
 * were not written again, write the manifest, delete the journal. A run killed in between leaves the journal;
 * the next run in the folder (holding its lock) replays it with {@link #recover}, so the folder ends with all of
 * the new run's files and none of the old one's.
 */
public final class Manifest {

    /** Name of the journal of a publication in progress. */
    public static final String JOURNAL = ".attnplanes-publishing.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Manifest() {
    }

    /** A staged file's size and modification time when its writer finished, and the SHA-256 it computed. */
    record Known(long bytes, java.nio.file.attribute.FileTime modified, String sha256) {

        /** Whether {@code file} is still as its writer left it (same size and modification time). */
        boolean matches(Path file) throws IOException {
            return Files.size(file) == bytes && Files.getLastModifiedTime(file).equals(modified);
        }
    }

    /**
     * Publishes staged files: {@code moves} maps each final path (inside {@code dir}) to its staged file; {@code
     * known} holds the SHA-256 of staged files whose writer hashed them while writing (used while the file's size
     * and modification time are still those its writer left; every other file is hashed from disk).
     */
    static void publish(Path dir, Map<Path, Path> moves, Map<Path, Known> known) throws IOException {
        ObjectNode journal = MAPPER.createObjectNode();
        ArrayNode mv = journal.putArray("moves");
        ArrayNode files = MAPPER.createArrayNode();
        Set<String> written = new LinkedHashSet<>();
        for (Map.Entry<Path, Path> e : moves.entrySet()) {
            mv.addObject().put("from", e.getValue().toString()).put("to", e.getKey().toString());
            if (e.getKey().startsWith(dir)) {
                String rel = dir.relativize(e.getKey()).toString();
                written.add(rel);
                long bytes = Files.size(e.getValue());
                Known k = known.get(e.getValue());
                files.addObject().put("path", rel).put("bytes", bytes)
                        .put("sha256", k != null && k.matches(e.getValue()) ? k.sha256() : sha256(e.getValue()));
            }
        }
        ArrayNode delete = journal.putArray("delete");
        for (String old : publishedFiles(dir)) {
            if (!written.contains(old)) {
                delete.add(dir.resolve(old).toString());
            }
        }
        ObjectNode manifest = journal.putObject("manifest");
        manifest.put("published", Instant.now().toString());
        manifest.put("pid", ProcessHandle.current().pid());
        manifest.set("files", files);
        AtomicFiles.write(dir.resolve(JOURNAL), out -> MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, journal));
        replay(dir, journal);
    }

    private static void replay(Path dir, JsonNode journal) throws IOException {
        for (JsonNode m : journal.path("moves")) {
            Path from = Path.of(m.path("from").asText());
            Path to = Path.of(m.path("to").asText());
            if (Files.isRegularFile(from)) {
                OutputSet.move(from, to);
            }
        }
        for (JsonNode d : journal.path("delete")) {
            Path p = Path.of(d.asText());
            if (p.startsWith(dir)) {
                Files.deleteIfExists(p);
                removeEmptyParents(dir, p.getParent());
            }
        }
        JsonNode manifest = journal.path("manifest");
        AtomicFiles.write(dir.resolve(OutputSet.MANIFEST),
                out -> MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, manifest));
        Files.deleteIfExists(dir.resolve(JOURNAL));
    }

    private static void removeEmptyParents(Path dir, Path p) {
        while (p != null && p.startsWith(dir) && !p.equals(dir)) {
            try (var s = Files.list(p)) {
                if (s.findAny().isPresent()) {
                    return;
                }
            } catch (IOException e) {
                return;
            }
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return;
            }
            p = p.getParent();
        }
    }

    /**
     * Completes a publication that a killed run left half done, and removes the temporary files that killed
     * writers leave ({@code .<name><digits>.tmp} of {@link AtomicFiles}, for the command's result names and the
     * published files). Call only while holding the folder's lock.
     *
     * @return whether a publication was completed
     */
    static boolean recover(Path dir, List<String> resultNames) throws IOException {
        Set<String> ours = new LinkedHashSet<>(resultNames);
        ours.addAll(publishedFiles(dir));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p) || !name.matches("\\..+\\d+\\.tmp")) {
                    continue;
                }
                String base = name.substring(1).replaceFirst("-?\\d+\\.tmp$", "");
                if (ours.contains(base) || base.startsWith(".attnplanes")) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Path journalFile = dir.resolve(JOURNAL);
        if (!Files.isRegularFile(journalFile)) {
            return false;
        }
        JsonNode journal;
        try {
            journal = MAPPER.readTree(journalFile.toFile());
        } catch (JacksonException e) {
            Files.deleteIfExists(journalFile);  // written atomically, so never half; someone else's file: ignore
            return false;
        }
        replay(dir, journal);
        return true;
    }

    /** The files (relative to {@code dir}) the manifest lists, or none without a manifest. */
    public static List<String> publishedFiles(Path dir) throws IOException {
        Path m = dir.resolve(OutputSet.MANIFEST);
        List<String> out = new ArrayList<>();
        if (!Files.isRegularFile(m)) {
            return out;
        }
        try {
            for (JsonNode f : MAPPER.readTree(m.toFile()).path("files")) {
                String rel = f.path("path").asText();
                if (!rel.isEmpty() && dir.resolve(rel).normalize().startsWith(dir)) {
                    out.add(rel);
                }
            }
        } catch (JacksonException e) {
            // a damaged manifest lists nothing; the files themselves are still found by name
        }
        return out;
    }

    /**
     * Results of an earlier run in {@code dir}: the files its manifest lists that still exist, then any of
     * {@code resultNames} that exist (results of a run without a manifest).
     */
    static List<String> existingResults(Path dir, List<String> resultNames) throws IOException {
        Set<String> found = new LinkedHashSet<>();
        for (String rel : publishedFiles(dir)) {
            if (Files.exists(dir.resolve(rel))) {
                found.add(rel);
            }
        }
        for (String name : resultNames) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p) || (Files.isDirectory(p) && !isEmptyDir(p))) {
                found.add(name);
            }
        }
        return new ArrayList<>(found);
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        try (var s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    /**
     * Checks the folder against its manifest: the published files that are missing or whose size or SHA-256
     * changed since publication, as short phrases ("barcodes.json is missing"); empty when all match or when
     * there is no manifest.
     */
    public static List<String> verify(Path dir) throws IOException {
        Path m = dir.resolve(OutputSet.MANIFEST);
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(m)) {
            return problems;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(m.toFile());
        } catch (JacksonException e) {
            problems.add(OutputSet.MANIFEST + " is damaged");
            return problems;
        }
        for (JsonNode f : root.path("files")) {
            String rel = f.path("path").asText();
            Path p = dir.resolve(rel);
            if (!Files.isRegularFile(p)) {
                problems.add(rel + " is missing");
            } else if (Files.size(p) != f.path("bytes").asLong(-1) || !sha256(p).equals(f.path("sha256").asText())) {
                problems.add(rel + " changed since it was published");
            }
        }
        return problems;
    }

    static String sha256(Path file) throws IOException {
        return Sha256.ofFile(file);
    }
}
