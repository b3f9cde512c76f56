package org.attnplanes.app.cli;

/**
 * Bad input from the user (a parameter value, a file, a line of a corpus): the command exits with status 2
 * and prints {@link #getMessage()} as one sentence, which names the parameter, the value and what is allowed.
 */
public final class UserInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A bad-input error with a complete, user-facing message. */
    public UserInputException(String message) {
        super(message);
    }

    /** A bad-input error with a cause (shown only with {@code --debug}). */
    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
