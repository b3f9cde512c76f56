package org.attnplanes.app.workbench;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;

/**
 * How the heads of a layer become planes: a reduction ({@code mean}, {@code max}), one plane per head
 * ({@code per-head}) or one head by its 0-based index. The typed value of {@code --heads} and of the desktop
 * app's head box.
 *
 * @param reduction {@link HeadReduction#SINGLE} for one head, else the reduction
 * @param head      the head index for {@link HeadReduction#SINGLE} (≥ 0), else -1
 */
public record HeadChoice(HeadReduction reduction, int head) {

    /** The names {@link #parse(String)} accepts besides a head index, in the order help shows them. */
    public static final List<String> NAMES = List.of("mean", "max", "per-head");

    /** Validates. */
    public HeadChoice {
        Objects.requireNonNull(reduction, "reduction");
        if (reduction == HeadReduction.SINGLE ? head < 0 : head != -1) {
            throw new IllegalArgumentException("head = " + head + " does not fit reduction " + reduction);
        }
    }

    /** A reduction (not {@link HeadReduction#SINGLE}). */
    public static HeadChoice of(HeadReduction reduction) {
        return new HeadChoice(reduction, -1);
    }

    /** One head by its 0-based index. */
    public static HeadChoice single(int head) {
        return new HeadChoice(HeadReduction.SINGLE, head);
    }

    /**
     * Parses {@code mean}, {@code max}, {@code per-head} (also {@code all}, {@code each}) or a 0-based head index.
     *
     * @throws UserInputException naming {@code --heads}, the value and the allowed values
     */
    public static HeadChoice parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (v) {
            case "mean" -> of(HeadReduction.MEAN);
            case "max" -> of(HeadReduction.MAX);
            case "per-head", "all", "each" -> of(HeadReduction.PER_HEAD);
            default -> {
                if (!v.matches("\\d{1,6}")) {
                    throw UserInputException.of("--heads", value, "is not one of " + String.join(", ", NAMES)
                            + ", or a 0-based head index");
                }
                yield single(Integer.parseInt(v));
            }
        };
    }

    /** Applies this choice to a graph spec builder. */
    public GraphSpec.Builder applyTo(GraphSpec.Builder b) {
        return reduction == HeadReduction.SINGLE ? b.head(head) : b.headReduction(reduction);
    }

    /** The name {@link #parse(String)} reads back: {@code mean}, {@code max}, {@code per-head} or the index. */
    @Override
    public String toString() {
        return reduction == HeadReduction.SINGLE ? Integer.toString(head)
                : reduction.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
