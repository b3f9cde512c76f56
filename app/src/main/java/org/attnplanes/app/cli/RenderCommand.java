package org.attnplanes.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.results.FigureFiles;
import org.attnplanes.app.results.LongInputs;
import org.attnplanes.app.workbench.BudgetedCapture;
import org.attnplanes.app.workbench.ImageFigures;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.ImageGrid;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.export.HeadGrid;
import org.attnplanes.render.export.HtmlExporter;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.app.export.OutputSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attnplanes render}: one text to a figure of the multi-planar graph, PNG or SVG by the extension of
 * {@code --out}, with every view option and a camera. Needs no display (Java2D and JFreeSVG).
 */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw the multi-planar attention graph of one text as a PNG or SVG figure, or as one self-contained",
            "interactive HTML page (3D view, threshold slider, encoding switch, layer toggles; works offline).", "",
            "Example: attnplanes render --text \"The cat sat.\" --top-k 4 --encoding opacity,width --out fig.svg"})
public final class RenderCommand implements Callable<Integer>, ViewOptions.Base {

    /** The graph spec the view options start from (their defaults in --help). */
    @Override
    public GraphSpec baseSpec() {
        return GraphSpec.defaults();
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    TextOrImage input;

    @Option(names = "--overlay", paramLabel = "KIND", converter = OverlayChoice.class,
            description = "With --image: a heat map over the picture: rollout = attention rollout from [CLS] to the "
                    + "patches through the last layer (Abnar & Zuidema 2020).")
    String overlay;

    @Option(names = "--image-planes", paramLabel = "WHICH", converter = ImagePlanesChoice.class,
            defaultValue = "bottom", description = "With --image: draw the picture under the bottom plane (bottom) or "
                    + "as every plane's texture (all); default ${DEFAULT-VALUE}.")
    String imagePlanes;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Figure file: .png, .svg or .html (interactive, self-contained).")
    Path out;

    @Mixin
    ModelOptions model;

    @Mixin
    PairOptions pair;

    @Mixin
    ImagePreprocessOptions imageOptions;

    @Option(names = "--block", paramLabel = "KIND", description = "Which block of an encoder-decoder to draw:"
            + " encoder, decoder, cross (default: cross, the bipartite target x source planes), or all (three columns"
            + " encoder | cross | decoder with the links from the encoder's last plane and each decoder layer into"
            + " the cross planes).")
    String block;

    @Mixin
    ViewOptions view;

    @Mixin
    MemoryOptions memory;

    @Mixin
    FigureOptions figure;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!isHtml(out)) {
            String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".png") && !name.endsWith(".svg")) {
                throw new UserInputException("--out " + out + " must end in .png, .svg or .html");
            }
        }
        GraphSpec graphSpec = view.toSpec(baseSpec(), model);
        var encoding = view.encodingSpec();
        if (overlay != null && input.image() == null) {
            throw UserInputException.of("--overlay", overlay, "needs --image (a heat map over the picture of a vision "
                    + "transformer)");
        }
        imageOptions.overrides();                      // checked before anything is opened
        memory.budget(org.attnplanes.model.CaptureOptions.defaults());
        pair.check(model);
        if (pair.pair(model)) {
            imageOptions.checkNotPair();
            if (memory.given()) {
                throw new UserInputException("--max-memory " + memory.describe() + " applies to one model's layers;"
                        + " an encoder-decoder pair is captured in one pass, so leave it out");
            }
            return callPair(graphSpec, encoding);
        }
        if (block != null) {
            throw UserInputException.about("--block", "needs an encoder-decoder: give --model encoder_model.onnx"
                    + " --decoder decoder_model.onnx, or --model DIR holding both");
        }
        try (OutputSet outs = output.files(OutputOptions.inputs("--model", model.modelFile(), "--tokenizer",
                model.tokenizerFile(), "--image", input.image()))) {
            Path staged = outs.file("--out", out);       // checked before the model loads
            try (AttentionModel m = model.open(memory.apply(model.captureOptions(view.needsValueNorms(),
                    imageOptions), 1), imageOptions)) {
                BudgetedCapture.Captured captured = input.image() != null
                        ? new BudgetedCapture.Captured(input.capture(m), 1)
                        : BudgetedCapture.capture(m, input.text(), "--text", null);
                AttentionTrace trace = captured.trace();
                boolean grid = ImageGrid.of(trace).isPresent();
                if (grid && !view.layoutGiven()) {
                    graphSpec = graphSpec.toBuilder().layout(LayoutKind.GRID).build();
                }
                if (overlay != null && graphSpec.layout() != LayoutKind.GRID) {
                    throw UserInputException.of("--overlay", overlay, "draws on the picture under the patch grid, "
                            + "which needs --layout grid (the default for images), not --layout "
                            + graphSpec.layout().name().toLowerCase(Locale.ROOT) + " (--encoding length chooses stress)");
                }
                // a long input with every edge kept is a grey cylinder: keep the strongest few per token
                LongInputs.Adjusted adjusted = LongInputs.adjust(trace, graphSpec, view.longInputChoices());
                MultiPlanarGraph g = Workbench.build(trace, adjusted.spec());
                view.checkClassLabels(g);
                Scene scene = LongInputs.withNote(SceneBuilder.build(g, encoding), adjusted.note());
                if (grid && g.layout().kind() == LayoutKind.GRID) {
                    scene = ImageFigures.underlay(scene, g, trace, m, input.image(), overlay,
                            "all".equals(imagePlanes));
                } else if (grid) {
                    scene = withLegendNote(scene, "image not drawn: the " + g.layout().kind().name()
                            .toLowerCase(Locale.ROOT) + " layout does not place patches on their grid (--layout grid)");
                }
                if (isHtml(out)) {
                    String note = adjusted.note();
                    HtmlExporter.write(g, encoding, HtmlExporter.LengthLayout.AUTO,
                            figure.toPage(s -> LongInputs.withNote(s, note)), staged);
                } else if (HeadGrid.applies(g)) {
                    // one plane per head: a layer × head grid of small planes instead of a stack of dozens
                    int[] size = HeadGrid.preferredSize(g);
                    FigureSpec fs = figure.toSpec(scene, size[0] + "x" + size[1]).toBuilder().encoding(encoding).build();
                    writeGrid(g, scene, fs, staged);
                } else {
                    FigureSpec fs = figure.toSpec(scene).toBuilder().encoding(encoding).build();
                    write(scene, fs, staged);
                }
                outs.publish();
                PrintWriter o = spec.commandLine().getOut();
                o.println("wrote " + out + " (" + g.planes().size() + " planes, " + scene.edges().size() + " edges, "
                        + g.tokens().size() + " tokens" + memory.passNote(captured.passes()) + ")");
                o.flush();
            }
        }
        return ExitCodes.OK;
    }

    /** {@code --overlay} values. */
    static final class OverlayChoice extends Choices.Named<String> {
        OverlayChoice() {
            super("--overlay");
            name("rollout", "rollout");
        }
    }

    /** {@code --image-planes} values. */
    static final class ImagePlanesChoice extends Choices.Named<String> {
        ImagePlanesChoice() {
            super("--image-planes");
            name("bottom", "bottom").name("all", "all");
        }
    }

    /** An encoder-decoder: one block (default cross, bipartite planes) of one (source, target) pair as a figure. */
    private int callPair(GraphSpec graphSpec, org.attnplanes.render.encoding.EncodingSpec encoding) {
        org.attnplanes.graph.BlockKind kind = org.attnplanes.graph.BlockKind.CROSS;
        boolean all = block != null && block.strip().equalsIgnoreCase("all");
        if (block != null && !all) {
            try {
                kind = org.attnplanes.graph.BlockKind.ofLabel(block.strip().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                kind = null;
            }
            if (kind == null || kind == org.attnplanes.graph.BlockKind.SELF) {
                throw UserInputException.of("--block", block, "is not one of encoder, decoder, cross, all");
            }
        }
        if (input.image() != null) {
            throw UserInputException.about("--image", "cannot be given to an encoder-decoder; give --text and --target");
        }
        if (isHtml(out) && all) {
            throw UserInputException.of("--out", out, "is an interactive page of one block; give --block encoder,"
                    + " decoder or cross (default), or write --block all as .png or .svg");
        }
        if (all && graphSpec.headReduction() == org.attnplanes.graph.HeadReduction.PER_HEAD) {
            // dozens of head planes in three columns are too small to read: one block's layer × head grid is not
            throw UserInputException.of("--heads", "per-head", "cannot be drawn with --block all (three columns of"
                    + " head planes too small to read); give --block encoder, decoder or cross for a layer × head grid,"
                    + " or --heads mean, max or a head index");
        }
        String target = pair.singleTarget();
        try (OutputSet outs = output.files(OutputOptions.inputs("--model", model.modelFile(), "--decoder",
                pair.decoderFile(), "--tokenizer", model.tokenizerFile()))) {
            Path staged = outs.file("--out", out);
            org.attnplanes.graph.EncoderDecoderTrace pairTrace;
            try (org.attnplanes.model.EncoderDecoderModel m = pair.open(model)) {
                pairTrace = org.attnplanes.app.workbench.EncoderDecoderAnalysis.capture(m, input.text(), target,
                        "--text", "--target");
            }
            if (all) {
                return writePairFigure(pairTrace, graphSpec, encoding, outs, staged);
            }
            AttentionTrace trace = pairTrace.block(kind);
            MultiPlanarGraph g = Workbench.build(trace, graphSpec);
            Scene scene = SceneBuilder.build(g, encoding);
            if (isHtml(out)) {
                HtmlExporter.write(g, encoding, HtmlExporter.LengthLayout.AUTO, figure.toPage(s -> s), staged);
            } else if (HeadGrid.applies(g)) {
                int[] size = HeadGrid.preferredSize(g);
                writeGrid(g, scene, figure.toSpec(scene, size[0] + "x" + size[1]).toBuilder().encoding(encoding)
                        .build(), staged);
            } else {
                write(scene, figure.toSpec(scene).toBuilder().encoding(encoding).build(), staged);
            }
            outs.publish();
            PrintWriter o = spec.commandLine().getOut();
            o.println("wrote " + out + " (" + kind.label() + " block, " + g.planes().size() + " planes, "
                    + scene.edges().size() + " edges, " + g.tokens().size() + " tokens)");
            o.flush();
        }
        return ExitCodes.OK;
    }

    /** {@code --block all}: the three blocks side by side with the block links ({@link PairSceneBuilder}). */
    private int writePairFigure(org.attnplanes.graph.EncoderDecoderTrace trace, GraphSpec graphSpec,
                                org.attnplanes.render.encoding.EncodingSpec encoding, OutputSet outs, Path staged) {
        for (AttentionTrace b : trace.blocks()) {
            Workbench.build(b, graphSpec);      // a --layers or --heads a block lacks fails naming the option
        }
        org.attnplanes.graph.EncoderDecoderGraph g = org.attnplanes.graph.EncoderDecoderGraph.build(trace, graphSpec);
        Scene scene = org.attnplanes.render.PairSceneBuilder.build(g, encoding);
        write(scene, figure.toSpec(scene).toBuilder().encoding(encoding).build(), staged);
        outs.publish();
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + out + " (encoder, cross and decoder blocks, " + scene.planes().size() + " planes, "
                + scene.edges().size() + " edges, " + g.blockLinks().size() + " block links)");
        o.flush();
        return ExitCodes.OK;
    }

    /** Inputs of at least this many tokens get {@link #LONG_INPUT_TOP_K} unless the user chose a pruning. */
    static final int LONG_INPUT = LongInputs.LONG_INPUT;
    /** Edges kept per token for long inputs by default. */
    static final int LONG_INPUT_TOP_K = LongInputs.TOP_K;

    /** The scene with one more legend line (and the note in its provenance). */
    static Scene withLegendNote(Scene s, String note) {
        return LongInputs.withNote(s, note);
    }

    /** Writes a scene as PNG or SVG by the file's extension. */
    static void write(Scene scene, FigureSpec fs, Path file) {
        FigureFiles.write(scene, fs, file);
    }

    /** Writes the per-head grid of a graph as PNG or SVG by the file's extension. */
    static void writeGrid(MultiPlanarGraph g, Scene scene, FigureSpec fs, Path file) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            HeadGrid.writeSvg(g, scene, fs, file);
        } else {
            HeadGrid.writePng(g, scene, fs, file);
        }
    }

    /** Fails unless the file name ends in .png or .svg. */
    static void checkFigureFile(Path file, String option) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new UserInputException(option + " " + file + " must end in .png or .svg");
        }
    }

    /** Whether the file name ends in .html or .htm. */
    static boolean isHtml(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".html") || name.endsWith(".htm");
    }
}
