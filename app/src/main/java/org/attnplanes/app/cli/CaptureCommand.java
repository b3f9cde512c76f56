package org.attnplanes.app.cli;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.ModelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code attnplanes capture --text "…" --out FILE}: runs the model once and writes every layer's and
 * head's attention with the tokens and the provenance, as {@code .json} (small inputs) or {@code .npz}
 * (NumPy; any size). See {@link TraceFiles} for both layouts. The file is written atomically.
 */
@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Capture every layer's attention for one text and write it as .json or .npz.", "",
            "Example: attnplanes capture --text \"The cat sat.\" --out trace.npz"})
public final class CaptureCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The input text.")
    String text;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output file: .json (tokens + nested arrays) or .npz (NumPy archive).")
    Path out;

    @Option(names = "--value-norms", description = "Also capture the per-head value-vector norms.")
    boolean valueNorms;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".json") && !name.endsWith(".npz")) {
            throw new UserInputException("--out " + out + " has an unknown extension; use .json or .npz");
        }
        AttentionTrace trace;
        try (AttentionModel m = model.open(valueNorms)) {
            trace = m.capture(text);
        } catch (ModelException | IllegalArgumentException | IllegalStateException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        TraceFiles.write(trace, out);
        spec.commandLine().getOut().println("wrote " + out + " (" + trace.layers() + " layers × " + trace.heads()
                + " heads × " + trace.tokenCount() + " tokens)");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
