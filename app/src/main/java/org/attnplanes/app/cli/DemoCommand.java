package org.attnplanes.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.attnplanes.app.export.OutputSet;
import org.attnplanes.app.results.DemoResults;
import org.attnplanes.model.AttentionModel;
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
                model.modelFile(), "--tokenizer", model.tokenizerFile()), DemoResults.NAMES);
             AttentionModel m = model.open()) {
            o.println("attnplanes demo: " + m.describe().modelFile() + " (" + m.layers() + " layers × " + m.heads()
                    + " heads) on \"" + input + "\"");
            o.flush();
            written.addAll(DemoResults.write(outs, out, m, input, "attnplanes "
                    + String.join(" ", spec.commandLine().getParseResult().originalArgs())));
            outs.publish();
        }
        o.printf("done in %.1f s; wrote into %s:%n", (System.nanoTime() - start) / 1e9,
                out.toAbsolutePath().normalize());
        for (Path p : written) {
            o.println("  " + out.relativize(p) + "  " + DemoResults.describe(p));
        }
        o.flush();
        return ExitCodes.OK;
    }
}
