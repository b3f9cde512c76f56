package org.attnplanes.app.workbench;

import java.util.Arrays;
import java.util.Locale;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.graph.LayerSelection;

/** Reads a layer selection as users type it ({@code --layers} and the desktop app's layer field). */
public final class LayerSelections {

    private LayerSelections() {
    }

    /**
     * Parses {@code all}, a range {@code a..b} or {@code a-b}, or a list {@code a,b,c} (0-based).
     *
     * @throws UserInputException naming {@code --layers}, the value and what is allowed
     */
    public static LayerSelection parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("all")) {
            return LayerSelection.all();
        }
        try {
            if (v.matches("\\d+\\s*(\\.\\.|-)\\s*\\d+")) {
                String[] p = v.split("\\.\\.|-");
                return LayerSelection.range(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()));
            }
            if (v.matches("\\d+(\\s*,\\s*\\d+)*")) {
                String[] p = v.split(",");
                int[] ls = new int[p.length];
                for (int i = 0; i < p.length; i++) {
                    ls[i] = Integer.parseInt(p[i].strip());
                }
                Arrays.sort(ls);
                return LayerSelection.of(Arrays.stream(ls).distinct().toArray());
            }
        } catch (IllegalArgumentException e) {
            throw UserInputException.of("--layers", value, "is not allowed (" + e.getMessage() + ")", e);
        }
        throw UserInputException.of("--layers", value, "is not a layer selection; allowed: all, a range such as 2..5,"
                + " or a list such as 0,3,7");
    }
}
