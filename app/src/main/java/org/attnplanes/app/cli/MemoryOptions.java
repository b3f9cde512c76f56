package org.attnplanes.app.cli;

import org.attnplanes.app.common.MemorySize;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.model.CaptureOptions;

import picocli.CommandLine.Option;

/**
 * Picocli mixin with {@code --max-memory SIZE}, the heap budget for captured attention (issue 11), shared by every
 * command that honours it ({@code analyze}, {@code capture}, {@code series}, {@code inspect}, {@code render},
 * {@code compare}; {@code gui} for its first value of the desktop app's "Max memory" field): one option, one
 * parser, one message. An input whose requested layers need more than the budget is captured in several passes
 * over layer groups ({@link org.attnplanes.model.AttentionModel#layerPasses}); the results are the same as one
 * pass.
 */
public final class MemoryOptions {

    @Option(names = "--max-memory", paramLabel = "SIZE",
            description = "Heap budget for the captured attention (e.g. 512m, 2g; default: a quarter of the heap)."
                    + " An input whose selected layers need more is captured in several passes over layer groups;"
                    + " the results are the same.")
    String maxMemory;

    /** Whether {@code --max-memory} was given. */
    public boolean given() {
        return maxMemory != null;
    }

    /** The budget in bytes: {@code --max-memory}, or {@code options}' default (a quarter of the heap). */
    public long budget(CaptureOptions options) {
        return maxMemory == null ? options.effectiveMaxMemory() : parseSize(maxMemory);
    }

    /**
     * {@code options} with the budget split over {@code workers} capturing at once.
     *
     * @throws UserInputException naming {@code --max-memory} and its value when it is not a positive size
     */
    public CaptureOptions apply(CaptureOptions options, int workers) {
        return options.toBuilder().maxMemory(Math.max(1, budget(options) / Math.max(1, workers))).build();
    }

    /** {@code "; over --max-memory SIZE, captured in k passes over layer groups"}, or "" for one pass. */
    public String passNote(int passes) {
        return passes < 2 ? "" : "; over --max-memory " + describe() + ", captured in " + passes
                + " passes over layer groups";
    }

    /** The budget as the user gave it, for messages ({@code "512m"} or {@code "(a quarter of the heap)"}). */
    public String describe() {
        return maxMemory == null ? "(a quarter of the heap)" : maxMemory;
    }

    /**
     * "4096", "512k", "512m", "2g" → bytes.
     *
     * @throws UserInputException naming {@code --max-memory} when {@code size} is not a positive size
     */
    static long parseSize(String size) {
        return MemorySize.parse("--max-memory", size);
    }
}
