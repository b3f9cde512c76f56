package org.attnplanes.app.cli;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.ModelDescription;
import org.attnplanes.model.ModelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code attnplanes inspect}: prints a model's inputs, outputs, the attention tensors that capture would
 * expose (layer, Softmax node, layout, heads) and any fused attention op. A valid ONNX model that cannot be
 * captured is still described, followed by the reason; exit status 0 in both cases, 2 for a file that is
 * missing or not ONNX.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show a model's inputs, outputs and the attention tensors capture would expose.", "",
            "Example: attnplanes inspect --model bert-base.onnx"})
public final class InspectCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AttentionModel m = model.open()) {
            out.print(m.describe().report());
            out.println("capturable: yes (" + m.layers() + " layers × " + m.heads() + " heads, "
                    + (m.maxTokens() == Integer.MAX_VALUE ? "no token limit known" : "at most " + m.maxTokens()
                    + " tokens") + ")");
        } catch (UserInputException e) {
            if (model.modelFile() == null) {
                throw e;
            }
            ModelDescription d;
            try {
                d = AttentionModel.inspect(model.modelFile(), model.tokenizerFile());
            } catch (ModelException notOnnx) {
                throw new UserInputException(notOnnx.getMessage(), notOnnx);
            }
            out.print(d.report());
            out.println("capturable: no — " + e.getMessage());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
