package org.attnplanes.spark;

import org.attnplanes.app.common.UserInputException;

/**
 * Turns a failed Spark job back into the executor's own error: Spark wraps a task's exception into a
 * {@code SparkException} whose message carries the original class and message; a bad-input error raised on
 * an executor becomes a {@link UserInputException} again (exit status 2, one sentence).
 */
final class SparkErrors {

    private static final String MARK = UserInputException.class.getName() + ": ";

    private SparkErrors() {
    }

    static Throwable unwrap(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UserInputException) {
                return c;
            }
            String m = c.getMessage();
            if (m != null && m.contains(MARK)) {
                String rest = m.substring(m.indexOf(MARK) + MARK.length());
                int nl = rest.indexOf('\n');
                return new UserInputException(nl < 0 ? rest : rest.substring(0, nl), t);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return t;
    }
}
