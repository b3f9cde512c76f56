package org.attnplanes.app.common;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of a memory budget ("4096", "512k", "512m", "2g"): the commands' {@code --max-memory} and the
 * desktop app's "Max memory" field, with one message.
 */
public final class MemorySize {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([kKmMgG]?)");

    private MemorySize() {
    }

    /**
     * {@code size} in bytes.
     *
     * @param label what the size was given as ({@code "--max-memory"}, {@code "Max memory"}), for the message
     * @throws UserInputException naming {@code label} and {@code size} when it is not a positive size
     */
    public static long parse(String label, String size) {
        Matcher m = SIZE.matcher(size == null ? "" : size.strip());
        long v = m.matches() ? Long.parseLong(m.group(1)) : 0;
        if (v <= 0) {
            throw new UserInputException(label + " " + size + " must be a positive size such as 512m or 2g"
                    + " (bytes, or k, m, g)");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        if (v > Long.MAX_VALUE >> shift) {
            throw new UserInputException(label + " " + size + " is too large");
        }
        return v << shift;
    }
}
