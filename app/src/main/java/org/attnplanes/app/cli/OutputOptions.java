package org.attnplanes.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attnplanes.app.export.OutputSet;
import picocli.CommandLine.Option;

/**
 * Picocli mixin of every command that writes files: {@code --overwrite}. Without it, existing results are never
 * replaced (exit 2); with it they are, but an input of the same run never is ({@link OutputSet}).
 *
 * <pre>{@code
 * @Mixin OutputOptions output;
 * try (OutputSet outs = output.directory("--out", out, false, output.inputs("--model", model.modelFile()))) { … }
 * }</pre>
 */
public final class OutputOptions {

    @Option(names = "--overwrite", description = "Replace the results of an earlier run (an input of this run is"
            + " never replaced).")
    boolean overwrite;

    /** What the run may do with existing results, given whether it was started with {@code --resume}. */
    public OutputSet.Existing existing(boolean resume) {
        return overwrite ? OutputSet.Existing.OVERWRITE : resume ? OutputSet.Existing.RESUME
                : OutputSet.Existing.REFUSE;
    }

    /** Inputs from pairs {@code option, path} (a null path is skipped). */
    public static List<OutputSet.Input> inputs(Object... optionAndPath) {
        List<OutputSet.Input> out = new ArrayList<>();
        for (int i = 0; i + 1 < optionAndPath.length; i += 2) {
            Object p = optionAndPath[i + 1];
            if (p instanceof Path path) {
                out.add(new OutputSet.Input((String) optionAndPath[i], path));
            } else if (p instanceof List<?> list) {
                for (Object o : list) {
                    out.add(new OutputSet.Input((String) optionAndPath[i], (Path) o));
                }
            }
        }
        return out;
    }

    /** Opens the output folder (see {@link OutputSet#directory}). */
    public OutputSet directory(String option, Path dir, boolean resume, List<OutputSet.Input> inputs,
                               List<String> resultNames) {
        return OutputSet.directory(option, dir, existing(resume), inputs, resultNames);
    }

    /** Outputs that are single files (see {@link OutputSet#files}). */
    public OutputSet files(List<OutputSet.Input> inputs) {
        return OutputSet.files(existing(false), inputs);
    }
}
