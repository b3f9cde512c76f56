package org.attnplanes.app.results;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.export.OutputSet;
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
import org.attnplanes.graph.io.Sha256;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.export.SmallMultiples;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.topology.features.ThresholdNames;

/**
 * The README's main job ({@code demo}) as one call: one text through an open model into statistics per layer and
 * head and their mean ({@code planes.csv}, {@code barcodes.json}), the statistics figures, the multi-planar graph
 * ({@code graph.png}/{@code .svg}), the four encodings side by side ({@code encodings.png}/{@code .svg}) and
 * {@code provenance.json}.
 */
public final class DemoResults {

    /** What demo writes into its output folder (to recognise an earlier run's results). */
    public static final List<String> NAMES = List.of("planes.csv", "barcodes.json", "provenance.json", "figures",
            "graph.png", "graph.svg", "encodings.png", "encodings.svg");

    private DemoResults() {
    }

    /**
     * Captures {@code text} with {@code model} and writes every demo file into the staging area of {@code outs}
     * (the caller publishes).
     *
     * @param out     the output folder as the user named it (for the reported paths)
     * @param command the command line as typed, for {@code provenance.json}
     * @return the written files as paths under {@code out}, in the order they are reported
     */
    public static List<Path> write(OutputSet outs, Path out, AttentionModel model, String text, String command) {
        List<Path> written = new ArrayList<>();
        AttentionTrace trace = Workbench.capture(model, text, "--text");

        // 1. statistics per layer and head
        PlaneStatistics stats = TopologySettings.defaults().statistics(Runtime.getRuntime().availableProcessors());
        GraphSpec perHead = GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false)
                .build();
        MultiPlanarGraph heads = Workbench.build(trace, perHead);
        List<PlaneRecord> rows = new ArrayList<>(stats.analyze(1, heads));
        GraphSpec mean = GraphSpec.builder().headReduction(HeadReduction.MEAN).links().classifier(false).build();
        rows.addAll(stats.analyze(1, Workbench.build(trace, mean)));
        Map<String, String> provenance = new LinkedHashMap<>(Workbench.modelProvenance(model));
        provenance.put("input", text);
        provenance.put("input_sha256", Sha256.ofText(text));
        provenance.putAll(perHead.settings());
        provenance.put("graph.head_reduction", "PER_HEAD and MEAN");
        provenance.putAll(stats.settings());
        TidyTableWriter.write(outs.inDirectory("planes.csv"), provenance, rows);
        JsonExport.writeBarcodes(outs.inDirectory("barcodes.json"), provenance, rows);
        written.add(out.resolve("planes.csv"));
        written.add(out.resolve("barcodes.json"));
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
        FigureSpec fs = FigureSpec.builder().size(1200, 800).fit(true).encoding(enc)
                .title("all-MiniLM-L6-v2: mean attention per layer, top-3 edges per token").build();
        for (String ext : List.of("png", "svg")) {
            FigureFiles.write(scene, fs, outs.inDirectory("graph." + ext));
            written.add(out.resolve("graph." + ext));
        }
        List<Scene> panels = SmallMultiples.ofEncodings(g, List.of(EncodingSpec.of(Encoding.OPACITY),
                EncodingSpec.of(Encoding.COLOUR), EncodingSpec.of(Encoding.WIDTH),
                EncodingSpec.of(Encoding.LENGTH)), 0);
        FigureSpec ps = FigureSpec.builder().size(400, 640).columns(4)
                .title("The same graph under four edge-weight encodings").build();
        SmallMultiples.writePng(panels, ps, outs.inDirectory("encodings.png"));
        SmallMultiples.writeSvg(panels, ps, outs.inDirectory("encodings.svg"));
        written.add(out.resolve("encodings.png"));
        written.add(out.resolve("encodings.svg"));

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("command", command);
        run.put("finished", Instant.now().toString());
        run.put("tokens", trace.tokens().stream().map(t -> t.text()).toList());
        run.put("rows", rows.size());
        run.put("files", written.stream().map(Path::toString).toList());
        JsonExport.writeProvenance(outs.inDirectory("provenance.json"), provenance, run);
        written.add(2, out.resolve("provenance.json"));
        return written;
    }

    /** One line on what a demo file shows (for the list printed after a run). */
    public static String describe(Path p) {
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
