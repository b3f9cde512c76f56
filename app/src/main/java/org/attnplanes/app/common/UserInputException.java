package org.attnplanes.app.common;

import java.util.Objects;
import java.util.Optional;

/**
 * Bad input from the user (a parameter value, a file, a line of a corpus): the command exits with status 2
 * and prints {@link #getMessage()} as one sentence, which names the parameter, the value and what is allowed.
 *
 * <p>Errors about one setting carry its {@link #parameter() name} as the command line spells it
 * ({@code "--max-dim"}); the message starts with that name, so nobody has to recover the parameter from the text.
 */
public final class UserInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    /** A bad-input error with a complete, user-facing message (not about one named parameter). */
    public UserInputException(String message) {
        super(message);
        this.parameter = null;
    }

    /** A bad-input error with a cause (shown only with {@code --debug}). */
    public UserInputException(String message, Throwable cause) {
        super(message, cause);
        this.parameter = null;
    }

    private UserInputException(String parameter, String message, Throwable cause) {
        super(message, cause);
        this.parameter = Objects.requireNonNull(parameter, "parameter");
    }

    /**
     * A bad value of one parameter: the message is {@code parameter + " " + value + " " + problem}, e.g.
     * {@code --max-dim 4 is outside [0, 3]}.
     *
     * @param parameter the parameter's name as the command line spells it, e.g. {@code "--max-dim"}
     * @param value     the value given (as the user typed it, or its typed form)
     * @param problem   what is wrong and what is allowed, e.g. {@code "is outside [0, 3]"}
     */
    public static UserInputException of(String parameter, Object value, String problem) {
        return new UserInputException(parameter, parameter + " " + value + " " + problem, null);
    }

    /** As {@link #of(String, Object, String)}, keeping the lower-level cause (shown only with --debug). */
    public static UserInputException of(String parameter, Object value, String problem, Throwable cause) {
        return new UserInputException(parameter, parameter + " " + value + " " + problem, cause);
    }

    /**
     * A problem of one parameter that is not about a single value (e.g. {@code --text is empty; ...}): the
     * message is {@code parameter + " " + problem}.
     */
    public static UserInputException about(String parameter, String problem) {
        return new UserInputException(parameter, parameter + " " + problem, null);
    }

    /**
     * The same error with the parameter called {@code label} (e.g. the desktop app's {@code "Layers"} field for
     * {@code --layers}); an error not about one parameter is returned as it is.
     */
    public UserInputException labelled(String label) {
        if (parameter == null) {
            return this;
        }
        return new UserInputException(parameter, label + getMessage().substring(parameter.length()), this);
    }

    /** The parameter this error is about (as the command line spells it), when it is about one. */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }
}
