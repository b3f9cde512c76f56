package org.attnplanes.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.results.LongInputs;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.export.SmallMultiples;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.app.export.OutputSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attnplanes compare-encodings}: the same graph under several edge-weight encodings side by side
 * (small multiples, identical camera), as PNG or SVG.
 */
@Command(name = "compare-encodings", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Small multiples: the same attention graph under several edge-weight encodings, one panel each,"
                + " with an identical camera.", "",
            "Example: attnplanes compare-encodings --text \"The cat sat.\" --panels opacity,colour,width,length"
                    + " --out encodings.svg"})
public final class CompareEncodingsCommand implements Callable<Integer>, ViewOptions.Base {

    /** The graph spec the view options start from (their defaults in --help). */
    @Override
    public GraphSpec baseSpec() {
        // tokens on a circle (as render): on a line the planes of opacity/colour/width panels are thin strips
        return GraphSpec.builder().layout(org.attnplanes.graph.LayoutKind.CIRCLE).build();
    }

    @Option(names = "--text", paramLabel = "TEXT", required = true, description = "The input text.")
    String text;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Figure file: .png or .svg.")
    Path out;

    @Option(names = "--panels", paramLabel = "ENC", split = ",", defaultValue = "opacity,colour,width,length",
            description = "One panel per encoding; join channels with + (e.g. opacity+width). Default: "
                    + "${DEFAULT-VALUE}.")
    List<String> panels;

    @Option(names = "--columns", paramLabel = "N", defaultValue = "2",
            description = "Panels per row (default ${DEFAULT-VALUE}).")
    int columns;

    @Mixin
    ModelOptions model;

    @Mixin
    ViewOptions view;

    @Mixin
    FigureOptions figure;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    /** Parses {@code opacity+width} into an encoding spec. */
    static EncodingSpec panel(String value) {
        List<Encoding> list = new ArrayList<>();
        for (String part : value.split("\\+")) {
            String v = part.strip().toLowerCase(Locale.ROOT);
            list.add(switch (v) {
                case "opacity" -> Encoding.OPACITY;
                case "colour", "color" -> Encoding.COLOUR;
                case "width" -> Encoding.WIDTH;
                case "length" -> Encoding.LENGTH;
                default -> throw new UserInputException("--panels " + value + ": " + part
                        + " is not one of opacity, colour, width, length");
            });
        }
        return EncodingSpec.of(list.get(0), list.subList(1, list.size()).toArray(new Encoding[0]));
    }

    @Override
    public Integer call() {
        RenderCommand.checkFigureFile(out, "--out");
        List<EncodingSpec> encodings = new ArrayList<>();
        for (String p : panels) {
            encodings.add(panel(p));
        }
        if (columns < 0 || columns > 64) {
            throw new UserInputException("--columns " + columns + " is outside [0, 64]");
        }
        GraphSpec graphSpec = view.toSpec(baseSpec(), model);
        try (OutputSet outs = output.files(OutputOptions.inputs("--model", model.modelFile(), "--tokenizer",
                model.tokenizerFile()))) {
            Path staged = outs.file("--out", out);       // checked before the model loads
            try (AttentionModel m = model.open(view.needsValueNorms())) {
                var trace = Workbench.capture(m, text, "--text");
                LongInputs.Adjusted adjusted = LongInputs.adjust(trace, graphSpec, view.longInputChoices());
                MultiPlanarGraph g = Workbench.build(trace, adjusted.spec());
                List<Scene> scenes = new ArrayList<>();
                for (Scene s : SmallMultiples.ofEncodings(g, encodings, 0)) {
                    scenes.add(LongInputs.withNote(s, adjusted.note()));
                }
                FigureSpec fs = figure.toSpec(scenes.get(0), FigureOptions.PANEL_SIZE).toBuilder().columns(columns).build();
                if (out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
                    SmallMultiples.writeSvg(scenes, fs, staged);
                } else {
                    SmallMultiples.writePng(scenes, fs, staged);
                }
                outs.publish();
                PrintWriter o = spec.commandLine().getOut();
                o.println("wrote " + out + " (" + scenes.size() + " panels: " + String.join(", ", panels) + ")");
                o.flush();
            }
        }
        return ExitCodes.OK;
    }
}
