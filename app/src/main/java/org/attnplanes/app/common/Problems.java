package org.attnplanes.app.common;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The user-facing side of exceptions, shared by the command line and the desktop app: one readable message,
 * and whether a problem is the user's input.
 */
public final class Problems {

    private Problems() {
    }

    /**
     * Whether {@code ex} (unwrapped) is bad input: a bad value, a missing file, an index out of range, or a model
     * that cannot be used (e.g. one whose attention rows turn out not to sum to 1 during a capture).
     */
    public static boolean isBadInput(Throwable ex) {
        Throwable t = unwrap(ex);
        return t instanceof IllegalArgumentException || t instanceof IndexOutOfBoundsException || isMissingFile(t)
                || t instanceof org.attnplanes.model.ModelException;
    }

    /** Whether {@code ex} (unwrapped) is an interruption or cancellation. */
    public static boolean isInterruption(Throwable ex) {
        Throwable t = unwrap(ex);
        return t instanceof InterruptedException || t instanceof java.util.concurrent.CancellationException;
    }

    /** The user-facing message of an exception: its own message, or a description built from its type. */
    public static String message(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof OutOfMemoryError) {
            // no --threads/--batch advice here: most commands have no such options (ErrorReporter adds it for analyze)
            return "out of memory; give the JVM more heap, e.g. ATTNPLANES_JAVA_OPTS=-Xmx8g";
        }
        if (t instanceof NoSuchFileException e) {
            return "file not found: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        if (t instanceof NotDirectoryException e) {
            return "not a directory: " + e.getFile();
        }
        if (t instanceof FileAlreadyExistsException e) {
            return "file already exists: " + e.getFile();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            String type = t.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            return "unexpected " + type;
        }
        return m;
    }

    /** Whether {@code t} says that a file or directory is missing. */
    public static boolean isMissingFile(Throwable t) {
        return t instanceof NoSuchFileException || t instanceof FileNotFoundException
                || t instanceof NotDirectoryException;
    }

    /** Strips wrapper exceptions that add no information of their own. */
    public static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && t.getCause() != t
                && (t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException
                || t instanceof java.lang.reflect.InvocationTargetException
                || (t instanceof UncheckedIOException && isMissingFile(t.getCause()))
                || (t instanceof RuntimeException && t.getClass() == RuntimeException.class
                        && t.getMessage() != null && t.getMessage().equals(String.valueOf(t.getCause()))))) {
            t = t.getCause();
        }
        return t;
    }
}
