package org.attnplanes.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.workbench.ClassLabels;
import org.attnplanes.app.workbench.PlaneStatistics;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.app.export.OutputSet;
import org.attnplanes.app.results.SeriesResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code attnplanes series}: an ordered list of ONNX checkpoints (e.g. training epochs) on the same inputs;
 * per-layer topology across checkpoints ("topology at training time"). Writes {@code series.csv} (one row per
 * checkpoint × input × layer × head or reduction, with a {@code checkpoint} column), one curve figure per
 * chosen statistic ({@code series_<stat>.png}/{@code .svg}: mean over inputs, one line per layer, checkpoints
 * on the x axis) and {@code provenance.json}.
 */
@Command(name = "series", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Topology across an ordered list of ONNX checkpoints on the same inputs: per-layer curves of"
                + " Betti numbers and barcode statistics across checkpoints.", "",
            "Example: attnplanes series epoch1.onnx epoch2.onnx epoch3.onnx --input probe.txt --out series/"})
public final class SeriesCommand implements Callable<Integer>, ViewOptions.Base {

    /** The graph spec the view options start from (their defaults in --help). */
    @Override
    public GraphSpec baseSpec() {
        return GraphSpec.builder().headReduction(HeadReduction.MEAN).links().classifier(false).build();
    }

    @Parameters(paramLabel = "CHECKPOINT", arity = "1..*",
            description = "ONNX checkpoints in order (each with its tokenizer next to it, or --tokenizer).")
    List<Path> checkpoints;

    @Mixin
    InputSourceOptions source;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--plot", paramLabel = "STAT", split = ",",
            description = "Statistics to plot across checkpoints (default: betti1 at the middle threshold, h1_total).")
    List<String> plot;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "tokenizer.json for every checkpoint.")
    Path tokenizer;

    @Option(names = "--truncate", description = "Truncate over-long inputs instead of skipping them.")
    boolean truncate;

    @Mixin
    MemoryOptions memory;

    @Mixin
    ViewOptions view;

    @Mixin
    TopologyOptions topology;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (Path c : checkpoints) {
            if (!Files.isRegularFile(c)) {
                throw new UserInputException("checkpoint " + c + " does not exist");
            }
        }
        long budget = memory.budget(org.attnplanes.model.CaptureOptions.defaults());   // checked before any output
        List<CorpusEntry> entries = source.read();
        // class names: --class-labels, else the id2label of the first checkpoint's config.json (for the class columns)
        ClassLabels labels = view.classLabels(null);
        if (labels.isEmpty()) {
            labels = ClassLabels.fromConfig(checkpoints.get(0), tokenizer);
        }
        GraphSpec graphSpec = view.toSpec(baseSpec(), null);
        if (!labels.isEmpty()) {
            graphSpec = graphSpec.toBuilder().classLabels(labels.labels()).build();
        }
        PlaneStatistics stats = topology.settings().withFeatures(false)
                .statistics(Runtime.getRuntime().availableProcessors());
        List<String> plotted = plot == null ? SeriesResults.defaultPlots(stats) : plot;
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (OutputSet outs = output.directory("--out", out, false, OutputOptions.inputs("CHECKPOINT", checkpoints,
                "--input", source.input(), "--tokenizer", tokenizer), SeriesResults.NAMES)) {
            List<Path> written = SeriesResults.write(outs, out, new SeriesResults.Request(checkpoints, entries,
                    tokenizer, truncate, graphSpec, stats, plotted, budget, labels, view::checkClassLabels), line -> {
                        o.println(line);
                        o.flush();
                    }, line -> err.println("attnplanes series: " + line));
            outs.publish();
            for (Path p : written) {
                o.println("wrote " + p);
            }
            o.flush();
            return ExitCodes.OK;
        }
    }
}
