package org.attnplanes.app.cli;

import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

import picocli.CommandLine;

/**
 * Turns every exception a command throws into one readable sentence on stderr and an exit status:
 * {@link ExitCodes#BAD_INPUT} for bad input ({@link UserInputException}, {@link IllegalArgumentException},
 * {@link IndexOutOfBoundsException}, a missing file), {@link ExitCodes#FAILURE} for everything else.
 * A stack trace is printed only when {@code --debug} was given.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler,
        CommandLine.IParameterExceptionHandler {

    private static volatile boolean debug;

    /** Whether {@code --debug} was given (stack traces on errors). */
    public static boolean debug() {
        return debug;
    }

    /** Sets the {@code --debug} flag. */
    public static void setDebug(boolean value) {
        debug = value;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText("attnplanes: " + sentence(ex.getMessage())));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the allowed options.");
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        return report(ex, cmd.getErr(), cmd.getCommandSpec().qualifiedName());
    }

    /**
     * Prints the one-sentence message for {@code ex} and returns the exit status.
     *
     * @param command the command's qualified name (e.g. {@code "attnplanes analyze"}), used as prefix
     */
    public static int report(Throwable ex, PrintWriter err, String command) {
        int status = exitCode(ex);
        String prefix = command.startsWith("attnplanes") ? command : "attnplanes " + command;
        err.println(prefix + ": " + sentence(message(ex)));
        if (debug) {
            ex.printStackTrace(err);
        } else if (status == ExitCodes.FAILURE && !(ex instanceof UncheckedIOException)
                && !(ex instanceof java.io.IOException)) {
            err.println("(run again with --debug for the stack trace)");
        }
        err.flush();
        return status;
    }

    /** The exit status for an exception (see the class comment). */
    public static int exitCode(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof UserInputException || t instanceof IllegalArgumentException
                || t instanceof IndexOutOfBoundsException || isMissingFile(t)) {
            return ExitCodes.BAD_INPUT;
        }
        if (t instanceof InterruptedException || t instanceof java.util.concurrent.CancellationException) {
            return ExitCodes.INTERRUPTED;
        }
        return ExitCodes.FAILURE;
    }

    /** The user-facing message of an exception: its own message, or a description built from its type. */
    public static String message(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof OutOfMemoryError) {
            return "out of memory; give the JVM more heap, e.g. ATTNPLANES_JAVA_OPTS=-Xmx8g, or use fewer "
                    + "--threads or a smaller --batch";
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

    private static boolean isMissingFile(Throwable t) {
        return t instanceof NoSuchFileException || t instanceof FileNotFoundException
                || t instanceof NotDirectoryException;
    }

    /** Strips wrapper exceptions that add no information of their own. */
    static Throwable unwrap(Throwable ex) {
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

    /** One line: newlines folded, ends with a full stop unless it already ends with punctuation. */
    static String sentence(String message) {
        String s = message.strip().replaceAll("\\s*\\R\\s*", "; ");
        if (s.isEmpty()) {
            return "error.";
        }
        char last = s.charAt(s.length() - 1);
        return (last == '.' || last == '!' || last == '?' || last == ')') ? s : s + ".";
    }
}
