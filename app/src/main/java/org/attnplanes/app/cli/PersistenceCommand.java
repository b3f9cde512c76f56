package org.attnplanes.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.io.AtomicFiles;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.filtration.SparseDistances;
import org.attnplanes.topology.io.BarcodeJson;
import org.attnplanes.topology.io.BarcodeText;
import org.attnplanes.topology.io.DistanceMatrixReader;
import org.attnplanes.topology.io.InputFormat;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.RipsPersistence;
import org.attnplanes.topology.persistence.SparsePersistence;
import org.attnplanes.app.export.OutputSet;
import org.attnplanes.app.export.RunCompletion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attnplanes persistence}: Vietoris–Rips persistence barcodes of a distance matrix file, printed in
 * the text format of {@code ripser} (so the two can be compared line by line) or as JSON.
 *
 * <p>Options follow the attnplanes vocabulary ({@code --out}, {@code --max-dim}); ripser's names stay as aliases
 * ({@code --output}, {@code --dim}, and {@code --threshold} for {@code --max-distance}: in the other commands
 * {@code --threshold} is a weight threshold, here it is a distance).
 *
 * <pre>{@code ./attnplanes persistence --input m.txt --format lower-distance --max-dim 2}</pre>
 * <p>Without {@code --input} (or with {@code --input -}) the matrix is read from standard input, as ripser does.
 */
@Command(name = "persistence", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Persistence barcodes of a distance matrix (ripser-compatible input and output; ripser's own"
                + " flag names --output, --dim and --threshold work as aliases).", "",
            "Example: attnplanes persistence --input m.txt --format lower-distance --max-dim 2"})
public final class PersistenceCommand implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "FILE", defaultValue = "-",
            description = "Distance matrix file; - or none reads standard input, as ripser does.")
    Path input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "lower-distance",
            converter = Choices.FormatChoice.class, completionCandidates = Choices.FormatChoice.class,
            description = "${COMPLETION-CANDIDATES} (as ripser). Default: ${DEFAULT-VALUE}.")
    InputFormat format;

    @Option(names = {"--max-dim", "--dim"}, paramLabel = "K", defaultValue = "1",
            description = "Compute dimensions 0..K, K in [0, " + RipsPersistence.MAX_DIMENSION + "]"
                    + " (default ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = {"--max-distance", "--threshold"}, paramLabel = "D",
            description = "Distances above D never enter the filtration, D >= 0 (default: none; the enclosing"
                    + " radius cut applies). --threshold is ripser's name for it.")
    Float threshold;

    @Option(names = "--modulus", paramLabel = "P", defaultValue = "2",
            description = "Coefficients in Z/P, P prime in [2, 251] (default ${DEFAULT-VALUE}).")
    int modulus;

    @Option(names = "--edge-collapse", negatable = true, defaultValue = "false",
            description = "Collapse dominated edges first (same barcodes; faster on geometric inputs).")
    boolean edgeCollapse;

    @Option(names = "--json", description = "Print JSON instead of ripser's text format.")
    boolean json;

    @Option(names = {"--out", "--output"}, paramLabel = "FILE",
            description = "Write to FILE (atomically, when every dimension is done) instead of streaming to stdout;"
                    + " an interrupted run keeps its finished dimensions in FILE.partial.")
    Path output;

    @Mixin
    OutputOptions outputOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (dim < 0 || dim > RipsPersistence.MAX_DIMENSION) {
            throw UserInputException.of("--max-dim", dim, "is outside [0, " + RipsPersistence.MAX_DIMENSION + "]");
        }
        if (threshold != null && !(threshold >= 0f)) {
            throw UserInputException.of("--max-distance", threshold, "must be >= 0");
        }
        boolean stdin = STDIN.equals(input);
        if (!stdin && !Files.isRegularFile(input)) {
            throw UserInputException.of("--input", input, "is not a readable file");
        }
        InputFormat fmt = format;
        // --out (and <out>.partial) are checked before the work: never the --input, never an existing file
        // without --overwrite
        try (OutputSet outs = outputOptions.files(OutputOptions.inputs("--input", stdin ? null : input))) {
            Path staged = this.output == null ? null : outs.file("--out", this.output);
            Path partial = this.output == null ? null : outs.partialFile("--out", this.output);
            return run(fmt, staged, partial, outs);
        }
    }

    /**
     * The publication rule for a computation that finishes in pieces (dimension 0, 1, …): text on stdout streams,
     * each dimension printed and flushed as soon as it is final; a document (--json, or any --out file) appears
     * whole at the end, atomically. When an interrupt (Ctrl-C, SIGTERM) aborts the run, the dimensions finished so
     * far are kept as a complete document of their own: in {@code <out>.partial} (never in {@code <out>}), or on
     * stdout for --json; the text already streamed stays. One sentence on stderr says what was kept.
     */
    private int run(InputFormat fmt, Path staged, Path partial, OutputSet outs) {
        RipsPersistence algorithm = new RipsPersistence(dim, modulus, edgeCollapse, false);
        PrintWriter out = spec.commandLine().getOut();
        Finished finished = new Finished(!json && output == null ? out : null);
        Runnable keep = () -> keepFinished(finished, fmt, partial, outs);
        RunCompletion.onAbort(keep);
        try {
            Barcodes barcodes;
            if (fmt == InputFormat.SPARSE) {
                // never densified: memory and time follow the entries, not the largest index
                SparseDistances d = STDIN.equals(input) ? readStdin(r -> DistanceMatrixReader.readSparse(r, "<stdin>"))
                        : DistanceMatrixReader.readSparse(input);
                float t = threshold == null ? Float.POSITIVE_INFINITY : threshold;
                long n = d.size();
                finished.start("sparse distance matrix with " + n + " points and " + d.entryCount(t) + "/"
                        + n * (n - 1) / 2 + " entries\n", n);
                barcodes = SparsePersistence.compute(algorithm, d, t, finished::add);
            } else {
                DistanceMatrix d = STDIN.equals(input) ? readStdin(r -> DistanceMatrixReader.read(r, fmt, "<stdin>"))
                        : DistanceMatrixReader.read(input, fmt);
                Filtration f = threshold == null ? Filtration.fromDistances(d)
                        : Filtration.fromDistances(d, threshold);
                finished.start(header(d, f, fmt), d.size());
                barcodes = algorithm.compute(f, finished::add);
            }
            if (finished.streams()) {
                return ExitCodes.OK;
            }
            String text = json ? json(barcodes, fmt, finished.points, null)
                    : finished.header + BarcodeText.toRipserText(barcodes);
            if (staged != null) {
                AtomicFiles.writeString(staged, text);
                outs.publish();
            } else {
                out.print(text);
                out.flush();
            }
            return ExitCodes.OK;
        } finally {
            RunCompletion.removeOnAbort(keep);
        }
    }

    /** {@code --input -} (the default): standard input, as ripser reads it. */
    private static final Path STDIN = Path.of("-");

    private interface ReaderFunction<T> {
        T apply(java.io.Reader reader) throws java.io.IOException;
    }

    /** Reads standard input as strict UTF-8 (a malformed byte is an input error, as for a file). */
    private static <T> T readStdin(ReaderFunction<T> read) {
        java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try {
            return read.apply(new java.io.BufferedReader(new java.io.InputStreamReader(StandardInput.stream(), utf8)));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw UserInputException.of("--input", "-", "(standard input) is not UTF-8 text; a distance file holds"
                    + " numbers in ASCII");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    /** The interrupt's part of the rule in {@link #run}: keep the finished dimensions, say so in one sentence. */
    private void keepFinished(Finished finished, InputFormat fmt, Path partial, OutputSet outs) {
        PrintWriter err = spec.commandLine().getErr();
        List<Barcode> dims = finished.close();
        String done = dims.isEmpty() ? "before dimension 0 was finished"
                : "after dimension " + (dims.size() - 1) + " of 0.." + dim;
        try {
            if (dims.isEmpty()) {
                err.println("attnplanes persistence: interrupted " + done + "; nothing was written");
            } else if (partial != null) {
                Barcodes b = new Barcodes(dims);
                String text = json ? json(b, fmt, finished.points, done)
                        : finished.header + BarcodeText.toRipserText(b);
                if (outs.writePartial(partial, text)) {
                    err.println("attnplanes persistence: interrupted " + done + "; the finished dimensions are in "
                            + partial + " (" + output + " was not written)");
                }
            } else if (json) {
                PrintWriter out = spec.commandLine().getOut();
                out.print(json(new Barcodes(dims), fmt, finished.points, done));
                out.flush();
                err.println("attnplanes persistence: interrupted " + done + "; the JSON above holds only the"
                        + " finished dimensions (provenance \"interrupted\")");
            } else {
                err.println("attnplanes persistence: interrupted " + done + "; the dimensions printed above are"
                        + " complete, the others were not computed");
            }
        } catch (RuntimeException e) {
            err.println("attnplanes persistence: interrupted " + done + "; the finished dimensions could not be"
                    + " kept: " + e.getMessage());
        }
        err.flush();
    }

    /** The dimensions finished so far; streams each to stdout when asked. Thread-safe (the interrupt reads it). */
    private static final class Finished {
        private final PrintWriter stream;
        private final List<Barcode> dims = new ArrayList<>();
        private String header = "";
        private long points;
        private boolean closed;

        Finished(PrintWriter stream) {
            this.stream = stream;
        }

        boolean streams() {
            return stream != null;
        }

        synchronized void start(String header, long points) {
            this.header = header;
            this.points = points;
            if (stream != null && !closed) {
                stream.print(header);
                stream.flush();
            }
        }

        synchronized void add(Barcode b) {
            if (closed) {
                return;     // interrupted: what was kept is final
            }
            dims.add(b);
            if (stream != null) {
                stream.print(BarcodeText.toRipserText(b));
                stream.flush();
            }
            dimensionDoneForProcessTests(b.dimension());
        }

        /** Stops taking dimensions; returns the finished ones. */
        synchronized List<Barcode> close() {
            closed = true;
            return List.copyOf(dims);
        }
    }

    /**
     * Test seam for the interrupt process tests (inactive unless the system property is set): each finished
     * dimension appends its number to the file the property names, so a test can interrupt a run whose output goes
     * to a file right after a given dimension.
     */
    static final String DIMENSION_MARKER_PROPERTY = "attnplanes.test.dimensionMarker";

    private static void dimensionDoneForProcessTests(int dimension) {
        String marker = System.getProperty(DIMENSION_MARKER_PROPERTY);
        if (marker != null) {
            try {
                Files.writeString(Path.of(marker), dimension + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** The barcodes in the one barcode JSON format ({@link BarcodeJson}), one plane labelled by its points. */
    private String json(Barcodes barcodes, InputFormat fmt, long points, String interrupted) {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("input", input.toString());
        provenance.put("format", fmt.cliName());
        provenance.put("max_dim", Integer.toString(dim));
        provenance.put("threshold", threshold == null ? "enclosing radius" : Float.toString(threshold));
        provenance.put("modulus", Integer.toString(modulus));
        provenance.put("tool_version", Provenance.TOOL_VERSION);
        if (interrupted != null) {
            provenance.put("interrupted", interrupted + "; only the finished dimensions are here");
        }
        return BarcodeJson.of(BarcodeJson.DISTANCE_FILTRATION, provenance, Map.of("points", points), barcodes);
    }

    /** Ripser's header lines (value range for dense formats, then the matrix/threshold line). */
    private static String header(DistanceMatrix d, Filtration f, InputFormat fmt) {
        int n = d.size();
        StringBuilder sb = new StringBuilder();
        float[] lower = f.readOnlyDistanceValues();   // the matrix's own values (read only; no copy of the triangle)
        if (fmt != InputFormat.SPARSE && lower.length > 0) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : lower) {
                min = Math.min(min, v);
                if (v != Float.POSITIVE_INFINITY) {
                    max = Math.max(max, v);
                }
            }
            sb.append("value range: [").append(BarcodeText.formatG(min)).append(',')
                    .append(BarcodeText.formatG(max)).append("]\n");
        }
        if (fmt == InputFormat.SPARSE || f.threshold() != Float.POSITIVE_INFINITY) {
            sb.append("sparse distance matrix with ").append(n).append(" points and ").append(f.edgeCount())
                    .append('/').append((long) n * (n - 1) / 2).append(" entries\n");
        } else {
            // ripser takes its row maxima over the diagonal too, so it prints 0 for a single point (no cut either way)
            sb.append("distance matrix with ").append(n).append(" points, using threshold at enclosing radius ")
                    .append(BarcodeText.formatG(n < 2 ? 0f : d.enclosingRadius())).append('\n');
        }
        return sb.toString();
    }
}
