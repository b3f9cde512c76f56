/**
 * What every part of the app shares and that depends on no other app package: {@link
 * org.attnplanes.app.common.UserInputException} (bad input, exit status 2, one sentence naming the parameter) and
 * {@link org.attnplanes.app.common.Problems} (the one-sentence, user-facing message of any exception, used by the
 * command line's error reporter and by the desktop app's status line).
 */
package org.attnplanes.app.common;
