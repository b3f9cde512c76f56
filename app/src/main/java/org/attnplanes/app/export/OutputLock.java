package org.attnplanes.app.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * An OS file lock ({@code fcntl}/{@code LockFileEx} through {@link FileChannel#tryLock()}) on
 * {@code <dir>/.attnplanes.lock}, held while a run writes into {@code dir}. The file holds the owner's process id
 * so that a second run can say who is writing; the lock itself dies with its process (a SIGKILL releases it), so
 * a left-over file never blocks anybody. {@link #close()} removes the file.
 */
final class OutputLock implements AutoCloseable {

    /** Name of the lock file inside the output directory. */
    static final String NAME = ".attnplanes.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Another live run holds the lock. */
    static final class HeldException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String pid;

        HeldException(String pid) {
            super("held by pid " + pid);
            this.pid = pid;
        }

        /** The other run's process id as written in the lock file ("?" when unreadable). */
        String pid() {
            return pid;
        }
    }

    /**
     * Takes the lock of {@code dir}, which must exist.
     *
     * @throws HeldException when another run (in this or another process) holds it
     * @throws IOException   when the lock file cannot be created (unwritable folder)
     */
    static OutputLock acquire(Path dir) throws IOException, HeldException {
        Objects.requireNonNull(dir, "dir");
        Path file = dir.resolve(NAME);
        for (int attempt = 0; ; attempt++) {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            Object key = fileKey(file);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                String pid = readPid(ch);
                ch.close();
                throw new HeldException(pid);
            }
            // the previous owner may have deleted the file between our open and our lock: then we hold a lock on a
            // file nobody else can see, so start again on the path's current file
            if (key != null && !key.equals(fileKey(file)) && attempt < 5) {
                lock.release();
                ch.close();
                continue;
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
            ch.force(false);
            return new OutputLock(file, ch, lock);
        }
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static String readPid(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(64);
            ch.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
            return s.matches("pid \\d+") ? s.substring(4) : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    /** Removes the lock file, then releases the lock. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a left-over lock file is harmless: the OS lock is what counts
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
    }
}
