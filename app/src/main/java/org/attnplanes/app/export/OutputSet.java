package org.attnplanes.app.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.attnplanes.app.common.UserInputException;

/**
 * The outputs of one command run, checked before any work and published as a unit.
 *
 * <ul>
 *   <li><b>Checked first</b>: every output path is validated when it is declared ({@link #directory},
 *       {@link #file}), before the model loads: the folder is created and locked, a file's folder must be
 *       writable, and an output never names a file that is an input of the same run (compared as real files,
 *       so links and {@code ./} spellings are caught).</li>
 *   <li><b>Never replaced silently</b>: existing results are replaced only when the run was started with
 *       {@code --overwrite} (or continues with {@code --resume}); otherwise the run stops with exit 2.</li>
 *   <li><b>Staged, then published</b>: files are written into a staging area on the same file system
 *       ({@code <out>/.attnplanes-staging/}, or a hidden sibling for a file outside the folder) and renamed
 *       into place only by {@link #publish()}, after a journal listing every move. The {@linkplain #MANIFEST
 *       manifest} (names, sizes, SHA-256) is written last. A run that fails or is killed before publishing
 *       leaves the previous results untouched; one killed while publishing is completed from the journal by the
 *       next run in the folder ({@link Manifest#recover}). Results of the previous run that this run does not
 *       write again are removed at publication, so a folder never holds files of two runs.</li>
 *   <li><b>Locked</b> ({@link OutputLock}): a second run on the same folder stops with "another attnplanes
 *       run (pid N) is writing here".</li>
 *   <li><b>Nothing left behind</b>: {@link #close()} removes the staging area and the lock, and the folder itself
 *       when this run created it and published nothing.</li>
 * </ul>
 *
 * <pre>{@code
 * try (OutputSet outs = OutputSet.directory("--out", out, mode, inputs, List.of("planes.csv"))) {
 *     TidyTableWriter.write(outs.inDirectory("planes.csv"), provenance, rows);
 *     outs.publish();
 * }
 * }</pre>
 */
public final class OutputSet implements AutoCloseable {

    /** Name of the manifest of the last published run in an output folder. */
    public static final String MANIFEST = ".attnplanes-manifest.json";
    /** Name of the staging folder inside an output folder. */
    public static final String STAGING = ".attnplanes-staging";

    /** What a run may do with results that already exist. */
    public enum Existing {
        /** Stop with exit 2 (the default). */
        REFUSE,
        /** Replace them ({@code --overwrite}). */
        OVERWRITE,
        /** Continue an interrupted run and replace them ({@code --resume}). */
        RESUME
    }

    /** An input of the run: the option that named it and the path. */
    public record Input(String option, Path path) {
        /** Validates. */
        public Input {
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(path, "path");
        }
    }

    private final String dirOption;
    private final Path dir;
    private final Existing existing;
    private final List<Input> inputs;
    private final OutputLock lock;
    private final boolean createdDir;
    private final Map<Path, Path> staged = new LinkedHashMap<>();
    private final Map<Path, String> optionOf = new LinkedHashMap<>();
    private final List<Path> stagedDirs = new ArrayList<>();
    private final List<Path> partials = new ArrayList<>();
    /** Staged file → its size and SHA-256 as its writer computed them ({@link #written}). */
    private final Map<Path, Manifest.Known> known = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean published;
    private List<String> altered = List.of();
    private boolean closed;

    private OutputSet(String dirOption, Path dir, Existing existing, List<Input> inputs, OutputLock lock,
                      boolean createdDir) {
        this.dirOption = dirOption;
        this.dir = dir;
        this.existing = existing;
        this.inputs = List.copyOf(inputs);
        this.lock = lock;
        this.createdDir = createdDir;
        RunCompletion.opened(this);
    }

    /**
     * Outputs of a command that writes files only (no output folder): no lock, no manifest.
     */
    public static OutputSet files(Existing existing, List<Input> inputs) {
        return new OutputSet(null, null, existing, inputs, null, false);
    }

    /**
     * Outputs in a folder: creates and locks it, completes a publication that a killed run left half done,
     * removes a dead run's staging area, and refuses to go on when the folder holds results and
     * {@code existing} is {@link Existing#REFUSE}.
     *
     * @param option      the option naming the folder, e.g. {@code --out}
     * @param resultNames the files and folders this command writes there (to recognise earlier results that have
     *                    no manifest)
     * @throws UserInputException naming the option, the folder and the problem
     */
    public static OutputSet directory(String option, Path dir, Existing existing, List<Input> inputs,
                                      List<String> resultNames) {
        Objects.requireNonNull(dir, option);
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new UserInputException(option + " " + dir + " is a file; give a folder for the results");
        }
        for (Input in : inputs) {
            if (Files.isDirectory(in.path()) && sameFile(abs, in.path())) {
                throw new UserInputException(option + " " + dir + " is the " + in.option() + " folder of this run;"
                        + " choose another folder for the results");
            }
        }
        boolean created = !Files.exists(abs);
        OutputLock lock;
        try {
            Files.createDirectories(abs);
            lock = OutputLock.acquire(abs);
        } catch (IOException e) {
            removeIfCreatedAndEmpty(abs, created);
            throw new UserInputException(option + " " + dir + " cannot be written: " + reason(e));
        } catch (OutputLock.HeldException e) {
            throw new UserInputException(option + " " + dir + ": another attnplanes run (pid " + e.pid()
                    + ") is writing here; wait for it to finish or choose another folder");
        }
        OutputSet set = new OutputSet(option, abs, existing, inputs, lock, created);
        try {
            for (String name : resultNames) {
                set.checkNotAnInput(option + " " + dir, abs.resolve(name));     // before any work, not at the end
            }
            Manifest.recover(abs, resultNames);
            deleteTree(abs.resolve(STAGING));
            // the earlier results are checked against their manifest before anything relies on them
            set.altered = Manifest.verify(abs);
            if (existing == Existing.REFUSE) {
                List<String> found = Manifest.existingResults(abs, resultNames);
                if (!found.isEmpty()) {
                    throw new UserInputException(option + " " + dir + " already holds results of an earlier run ("
                            + String.join(", ", found.subList(0, Math.min(4, found.size())))
                            + (found.size() > 4 ? ", ..." : "") + ")" + alteredNote(set.altered)
                            + "; pass --overwrite to replace them, or choose another folder");
                }
            }
            Files.createDirectories(abs.resolve(STAGING));
        } catch (IOException e) {
            set.close();
            throw new UserInputException(option + " " + dir + " cannot be written: " + reason(e));
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
        return set;
    }

    /**
     * What {@link Manifest#verify} found wrong with the folder's earlier results when it was opened ("planes.csv
     * changed since it was published"); empty when they match their manifest or there is none.
     */
    public List<String> altered() {
        return altered;
    }

    /** ", altered since they were published: ..." for a refusal, or "". */
    private static String alteredNote(List<String> altered) {
        if (altered.isEmpty()) {
            return "";
        }
        return ", altered since they were published: " + String.join(", ", altered.subList(0,
                Math.min(3, altered.size()))) + (altered.size() > 3 ? ", ..." : "");
    }

    /** Whether {@link #publish()} completed. */
    public boolean isPublished() {
        return published;
    }

    /** The folder of {@link #directory} (absolute), or null. */
    public Path directory() {
        return dir;
    }

    /**
     * Declares {@code relative} (a file inside the output folder) and returns where to write it now.
     *
     * @throws UserInputException when the file is an input of this run
     */
    public Path inDirectory(String relative) {
        if (dir == null) {
            throw new IllegalStateException("no output folder");
        }
        Path target = dir.resolve(relative).normalize();
        if (!target.startsWith(dir)) {
            throw new IllegalArgumentException(relative + " is outside the output folder");
        }
        checkNotAnInput(dirOption + " " + dir, target);
        Path stagedFile = dir.resolve(STAGING).resolve(relative);
        mkdirs(stagedFile.getParent(), dirOption + " " + dir);
        staged.put(target, stagedFile);
        optionOf.put(target, dirOption);
        return stagedFile;
    }

    /**
     * Records the SHA-256 (lower-case hex) of a staged file, computed by its writer from the bytes it wrote, so
     * that {@link #publish()} need not read the file again for the manifest. The file's size and modification time
     * are taken now; should either differ at publication (the file was written again), the file is hashed from disk
     * as any other.
     */
    public void written(Path stagedFile, String sha256) {
        try {
            known.put(stagedFile, new Manifest.Known(Files.size(stagedFile), Files.getLastModifiedTime(stagedFile),
                    Objects.requireNonNull(sha256)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stagedFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Declares a folder inside the output folder whose every file is an output (written by a library that picks
     * the names, e.g. figures) and returns the staging folder to write into.
     */
    public Path folderInDirectory(String relative) {
        if (dir == null) {
            throw new IllegalStateException("no output folder");
        }
        Path stagedDir = dir.resolve(STAGING).resolve(relative);
        mkdirs(stagedDir, dirOption + " " + dir);
        stagedDirs.add(stagedDir);
        return stagedDir;
    }

    /**
     * Declares a single output file named by {@code option} (inside or outside the output folder) and returns
     * where to write it now. Checked at once: not an input of the run, not a folder, in a folder that exists and
     * can be written, and (unless {@code --overwrite}/{@code --resume}) not an existing file.
     *
     * @throws UserInputException naming the option, the path and the problem
     */
    public Path file(String option, Path target) {
        Path abs = target.toAbsolutePath().normalize();
        if (dir != null && abs.startsWith(dir) && !abs.equals(dir)) {
            Path p = inDirectory(dir.relativize(abs).toString());
            optionOf.put(abs, option);
            return p;
        }
        if (Files.isDirectory(abs)) {
            throw new UserInputException(option + " " + target + " is a folder; give a file name");
        }
        checkNotAnInput(option + " " + target, abs);
        if (Files.exists(abs) && existing == Existing.REFUSE) {
            throw new UserInputException(option + " " + target + " already exists; pass --overwrite to replace it,"
                    + " or choose another name");
        }
        Path parent = abs.getParent();
        if (!Files.isDirectory(parent)) {
            throw new UserInputException(option + " " + target + " cannot be written: its folder " + parent
                    + (Files.exists(parent) ? " is not a folder" : " does not exist"));
        }
        // the staged name keeps the extension, which decides the format for several writers
        Path stagedFile = parent.resolve(".attnplanes-" + ProcessHandle.current().pid() + "-" + abs.getFileName());
        removeStaleStaging(parent, abs.getFileName().toString());
        try {
            Files.deleteIfExists(stagedFile);
            Files.createFile(stagedFile);    // proves now, before any work, that the folder can be written
        } catch (IOException e) {
            throw new UserInputException(option + " " + target + " cannot be written: " + reason(e));
        }
        staged.put(abs, stagedFile);
        optionOf.put(abs, option);
        return stagedFile;
    }

    /** The suffix of the file that keeps the finished part of an interrupted run ({@link #partialFile}). */
    public static final String PARTIAL = ".partial";

    /**
     * Declares {@code <target>.partial}, where an interrupted run keeps what it finished (for a command whose
     * output grows in complete pieces, e.g. persistence's dimensions), and returns it. Checked now like an output
     * file: not an input of the run, and an existing one (an earlier interrupted run's) is replaced only with
     * {@code --overwrite}. It is written only by {@link #writePartial}; a successful {@link #publish()} removes an
     * existing one, so the complete output never stands next to an older partial one.
     */
    public Path partialFile(String option, Path target) {
        Path abs = target.toAbsolutePath().normalize();
        Path partial = abs.resolveSibling(abs.getFileName() + PARTIAL);
        checkNotAnInput(option + " " + target, partial);
        if (Files.exists(partial) && existing == Existing.REFUSE) {
            throw new UserInputException(option + " " + target + ": " + partial.getFileName() + " already exists"
                    + " (the finished part of an interrupted run); pass --overwrite to replace it, or delete it");
        }
        if (Files.isDirectory(partial)) {
            throw new UserInputException(option + " " + target + ": " + partial.getFileName() + " is a folder;"
                    + " remove it or choose another name");
        }
        partials.add(partial);
        return partial;
    }

    /**
     * Writes the finished part of an interrupted run to a file declared by {@link #partialFile} (atomically: it
     * appears whole or not at all). Does nothing once this set was published: the complete output exists then.
     *
     * @return whether it was written
     */
    public synchronized boolean writePartial(Path partial, String text) {
        if (published || !partials.contains(partial)) {
            return false;
        }
        org.attnplanes.graph.io.AtomicFiles.writeString(partial, text);
        return true;
    }

    /** Removes {@code .attnplanes-<pid>-<name>} files of runs that no longer live (killed while writing). */
    private static void removeStaleStaging(Path parent, String name) {
        try (var ds = Files.newDirectoryStream(parent, ".attnplanes-*-" + name)) {
            for (Path p : ds) {
                String mid = p.getFileName().toString().substring(".attnplanes-".length());
                int dash = mid.indexOf('-');
                if (dash <= 0 || !mid.substring(dash + 1).equals(name)) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(mid.substring(0, dash));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                            && pid != ProcessHandle.current().pid()) {
                        continue;       // another live run is staging this very file
                    }
                } catch (NumberFormatException e) {
                    continue;
                }
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // an unlistable folder is reported by the write itself
        }
    }

    private void checkNotAnInput(String what, Path target) {
        for (Input in : inputs) {
            if (sameFile(target, in.path())) {
                throw new UserInputException(what + ": writing " + target.getFileName() + " would replace "
                        + in.option() + " " + in.path() + ", an input of this run; choose another output");
            }
        }
    }

    /**
     * Moves every staged file into place (after recording the moves in a journal), removes results of the
     * previous run in the folder that this run did not write, writes the manifest, and returns the published
     * files in declaration order.
     *
     * @throws UserInputException if an output became an input's file meanwhile
     * @throws UncheckedIOException when a move fails (the journal lets the next run finish it)
     */
    public List<Path> publish() {
        if (published) {
            throw new IllegalStateException("already published");
        }
        Map<Path, Path> moves = new LinkedHashMap<>();
        for (Map.Entry<Path, Path> e : staged.entrySet()) {
            if (!Files.isRegularFile(e.getValue())) {
                throw new IllegalStateException("output " + e.getKey() + " was declared but not written");
            }
            moves.put(e.getKey(), e.getValue());
        }
        for (Path sd : stagedDirs) {
            try (var walk = Files.walk(sd)) {
                for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                    Path target = dir.resolve(dir.resolve(STAGING).relativize(f).toString());
                    moves.put(target, f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + sd + ": " + e.getMessage(), e);
            }
        }
        for (Path target : moves.keySet()) {
            checkNotAnInput(optionOf.getOrDefault(target, dirOption) + " " + target, target);
        }
        RunCompletion.beginPublish();       // refuses once an interrupt aborted the run
        boolean ok = false;
        try {
            if (dir != null) {
                Manifest.publish(dir, moves, known);
            } else {
                for (Map.Entry<Path, Path> e : moves.entrySet()) {
                    move(e.getValue(), e.getKey());
                }
            }
            published = true;
            ok = true;
            for (Path partial : partials) {
                Files.deleteIfExists(partial);      // superseded by the complete output
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the results: " + reason(e), e);
        } finally {
            RunCompletion.endPublish(ok);
        }
        return List.copyOf(moves.keySet());
    }

    /** Renames {@code from} over {@code to} atomically where the file system can (same folder tree). */
    static void move(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Removes whatever was staged and not published, releases the lock, and removes the folder when this run
     * created it and left nothing in it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RunCompletion.closed(this);
        for (Path p : staged.values()) {
            if (dir == null || !p.startsWith(dir.resolve(STAGING))) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort; the next run in that folder removes it too
                }
            }
        }
        if (dir != null) {
            try {
                deleteTree(dir.resolve(STAGING));
            } catch (IOException ignored) {
                // best effort: the next run removes a stale staging folder
            }
            if (lock != null) {
                lock.close();
            }
            removeIfCreatedAndEmpty(dir, createdDir);
        }
    }

    private static void removeIfCreatedAndEmpty(Path dir, boolean created) {
        if (!created) {
            return;
        }
        try (var s = Files.list(dir)) {
            if (s.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException ignored) {
            // a folder we cannot list or delete stays
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void mkdirs(Path d, String what) {
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new UserInputException(what + " cannot be written: " + reason(e));
        }
    }

    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Why an operation failed, in words and without temporary file names: "permission denied", "no space left on
     * device", "read-only file system", "a folder on the way does not exist", or the system's reason.
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "a folder on the way does not exist or cannot hold files";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return Path.of(f.getFile()).getFileName() + " is in the way (a file where a folder is needed)";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String r = f.getReason();
            return r.isEmpty() ? "input/output error" : Character.toLowerCase(r.charAt(0)) + r.substring(1);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : m;
    }
}
