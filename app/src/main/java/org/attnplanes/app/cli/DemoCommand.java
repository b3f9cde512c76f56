package org.attnplanes.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.TidyTableWriter;
import org.attnplanes.app.plot.StatisticsFigures;
import org.attnplanes.app.workbench.PlaneStatistics;
import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.export.Figures;
import org.attnplanes.render.export.SmallMultiples;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.topology.features.ThresholdNames;
import org.attnplanes.app.export.OutputSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attnplanes demo}: the README's main job. Runs the embedded all-MiniLM-L6-v2 on a built-in sentence
 * and writes figures (the multi-planar graph, an encodings comparison, Betti curves, a layer × head heat map,
 * clique counts, a persistence diagram and barcode; PNG and SVG) and statistics ({@code planes.csv},
 * {@code barcodes.json}, {@code provenance.json}) into {@code ./attnplanes-demo/}. Needs no display.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the embedded default model (all-MiniLM-L6-v2) on a built-in sentence and write figures and"
                + " statistics into ./attnplanes-demo/ (or --out).", "", "Example: attnplanes demo"})
public final class DemoCommand implements Callable<Integer> {

    /** The built-in sentence. */
    public static final String SENTENCE = "The quick brown fox jumps over the lazy dog, and the dog just sleeps.";

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "attnplanes-demo",
            description = "Output directory (default ./${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--text", paramLabel = "TEXT", description = "Use this text instead of the built-in sentence.")
    String text;

    @Mixin
    ModelOptions model;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        String input = text == null ? SENTENCE : text;
        PrintWriter o = spec.commandLine().getOut();
        List<Path> written = new ArrayList<>();
        // ./attnplanes-demo is the demo's own folder: a second `attnplanes demo` (the README's main job) replaces
        // the earlier demo's results there. A folder named with --out is guarded like every other command's.
        OutputSet.Existing existing = spec.commandLine().getParseResult().hasMatchedOption("--out")
                ? output.existing(false) : OutputSet.Existing.OVERWRITE;
        try (OutputSet outs = OutputSet.directory("--out", out, existing, OutputOptions.inputs("--model",
                model.modelFile(), "--tokenizer", model.tokenizerFile()), RESULT_NAMES);
             AttentionModel m = model.open()) {
            o.println("attnplanes demo: " + m.describe().modelFile() + " (" + m.layers() + " layers × " + m.heads()
                    + " heads) on \"" + input + "\"");
            o.flush();
            AttentionTrace trace = Workbench.capture(m, input, "--text");

            // 1. statistics per layer and head
            PlaneStatistics stats = TopologySettings.defaults().statistics(Runtime.getRuntime().availableProcessors());
            GraphSpec perHead = GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false)
                    .build();
            MultiPlanarGraph heads = Workbench.build(trace, perHead);
            List<PlaneRecord> rows = new ArrayList<>(stats.analyze(1, heads));
            GraphSpec mean = GraphSpec.builder().headReduction(HeadReduction.MEAN).links().classifier(false).build();
            rows.addAll(stats.analyze(1, Workbench.build(trace, mean)));
            Map<String, String> provenance = new LinkedHashMap<>(Workbench.modelProvenance(m));
            provenance.put("input", input);
            provenance.put("input_sha256", AnalyzeCommand.sha256(input.getBytes(StandardCharsets.UTF_8)));
            provenance.putAll(perHead.settings());
            provenance.put("graph.head_reduction", "PER_HEAD and MEAN");
            provenance.putAll(stats.settings());
            Path csv = out.resolve("planes.csv");
            Path bars = out.resolve("barcodes.json");
            TidyTableWriter.write(outs.inDirectory("planes.csv"), provenance, rows);
            JsonExport.writeBarcodes(outs.inDirectory("barcodes.json"), provenance, rows);
            written.add(csv);
            written.add(bars);
            for (Path staged : StatisticsFigures.write(outs.folderInDirectory("figures"),
                    rows.subList(0, heads.planes().size()), 1, ThresholdNames.format(0.1), 4, provenance)) {
                written.add(out.resolve("figures").resolve(staged.getFileName().toString()));
            }

            // 2. the multi-planar graph, and the encodings side by side
            GraphSpec view = GraphSpec.builder().headReduction(HeadReduction.MEAN).topK(3).layout(LayoutKind.CIRCLE)
                    .links(LinkKind.RESIDUAL).classifier(false).build();
            MultiPlanarGraph g = Workbench.build(trace, view);
            EncodingSpec enc = EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH);
            Scene scene = SceneBuilder.build(g, enc);
            FigureSpec fs = FigureSpec.builder().size(1200, 800).encoding(enc)
                    .title("all-MiniLM-L6-v2: mean attention per layer, top-3 edges per token").build();
            for (String ext : List.of("png", "svg")) {
                RenderCommand.write(scene, fs, outs.inDirectory("graph." + ext));
                written.add(out.resolve("graph." + ext));
            }
            List<Scene> panels = SmallMultiples.ofEncodings(g, List.of(EncodingSpec.of(Encoding.OPACITY),
                    EncodingSpec.of(Encoding.COLOUR), EncodingSpec.of(Encoding.WIDTH),
                    EncodingSpec.of(Encoding.LENGTH)), 0);
            FigureSpec ps = FigureSpec.builder().size(600, 420).columns(2)
                    .title("The same graph under four edge-weight encodings").build();
            Path encPng = out.resolve("encodings.png");
            Path encSvg = out.resolve("encodings.svg");
            SmallMultiples.writePng(panels, ps, outs.inDirectory("encodings.png"));
            SmallMultiples.writeSvg(panels, ps, outs.inDirectory("encodings.svg"));
            written.add(encPng);
            written.add(encSvg);

            Path provJson = out.resolve("provenance.json");
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("command", "attnplanes " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
            run.put("finished", Instant.now().toString());
            run.put("tokens", trace.tokens().stream().map(t -> t.text()).toList());
            run.put("rows", rows.size());
            run.put("files", written.stream().map(Path::toString).toList());
            JsonExport.writeProvenance(outs.inDirectory("provenance.json"), provenance, run);
            written.add(2, provJson);
            outs.publish();
        }
        o.printf("done in %.1f s; wrote into %s:%n", (System.nanoTime() - start) / 1e9,
                out.toAbsolutePath().normalize());
        for (Path p : written) {
            o.println("  " + out.relativize(p) + "  " + describe(p));
        }
        o.flush();
        return ExitCodes.OK;
    }

    /** What demo writes into --out (to recognise an earlier run's results). */
    static final List<String> RESULT_NAMES = List.of("planes.csv", "barcodes.json", "provenance.json", "figures",
            "graph.png", "graph.svg", "encodings.png", "encodings.svg");

    private static String describe(Path p) {
        String n = p.getFileName().toString();
        if (n.equals("planes.csv")) {
            return "statistics per layer × head (and the mean), one row each; pandas: read_csv(f, comment='#')";
        }
        if (n.equals("barcodes.json")) {
            return "persistence barcodes (H0, H1) of every plane";
        }
        if (n.equals("provenance.json")) {
            return "how everything was made (model SHA-256, settings, files)";
        }
        if (n.startsWith("graph.")) {
            return "the multi-planar attention graph";
        }
        if (n.startsWith("encodings.")) {
            return "opacity, colour, width and length encodings side by side";
        }
        if (n.startsWith("betti")) {
            return "Betti curves per layer (mean over heads) against the weight threshold";
        }
        if (n.startsWith("heatmap_")) {
            return "layer × head heat map of β1 at weight 0.1";
        }
        if (n.startsWith("cliques_")) {
            return "clique counts by size per layer";
        }
        if (n.startsWith("diagram.")) {
            return "persistence diagram of the plane with the most H1 bars";
        }
        if (n.startsWith("barcode.")) {
            return "barcode of that plane";
        }
        return "";
    }
}
