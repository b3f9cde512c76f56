package org.attnplanes.app.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import org.attnplanes.app.common.Problems;
import org.attnplanes.app.common.UserInputException;

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
        // one line: the problem, picocli's suggestions (if any) and where the allowed options are listed
        java.io.StringWriter hints = new java.io.StringWriter();
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, new PrintWriter(hints, true));
        String hint = hints.toString().strip().replaceAll("\\s*\\R\\s*", " ");
        String help = "Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the allowed options.";
        String tail = (hint.isEmpty() ? "" : " " + sentence(hint)) + " " + help;
        if (ex.getCause() instanceof UserInputException u) {
            // a converter rejected a value: its message already names the option, the value and what is allowed
            // (it already says what is allowed: no pointer to --help)
            err.println(cmd.getColorScheme().errorText(cmd.getCommandSpec().qualifiedName() + ": "
                    + sentence(u.getMessage())));
        } else {
            err.println(cmd.getColorScheme().errorText("attnplanes: " + sentence(ex.getMessage()) + tail));
        }
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
        String text = message(ex);
        if (org.attnplanes.app.export.RunCompletion.aborted()) {
            // Ctrl-C before publication: whatever failed after it (e.g. a staged file removed) is its consequence
            status = ExitCodes.INTERRUPTED;
            text = "interrupted before the results were published; nothing was replaced";
        }
        if (Problems.unwrap(ex) instanceof OutOfMemoryError && prefix.endsWith(" analyze")) {
            text += ", or use fewer --workers or a smaller --batch";
        }
        err.println(prefix + ": " + sentence(text));
        if (debug) {
            ex.printStackTrace(err);
        } else if (status == ExitCodes.FAILURE && !(ex instanceof java.io.UncheckedIOException)
                && !(ex instanceof java.io.IOException)) {
            err.println("(run again with --debug for the stack trace)");
        }
        err.flush();
        return status;
    }

    /** The exit status for an exception (see the class comment). */
    public static int exitCode(Throwable ex) {
        if (Problems.isBadInput(ex)) {
            return ExitCodes.BAD_INPUT;
        }
        if (Problems.isInterruption(ex)) {
            return ExitCodes.INTERRUPTED;
        }
        return ExitCodes.FAILURE;
    }

    /** The user-facing message of an exception ({@link Problems#message(Throwable)}). */
    public static String message(Throwable ex) {
        return Problems.message(ex);
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
