package org.attnplanes.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtException;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.ImageGrid;
import org.attnplanes.graph.NamedTensor;
import org.attnplanes.graph.Provenance;
import org.attnplanes.model.internal.GraphAnalysis;
import org.attnplanes.model.internal.OnnxSession;
import org.attnplanes.model.internal.RowSums;
import org.attnplanes.model.internal.VisionGeometry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;

/**
 * Capture for vision transformers (a single {@code pixel_values} input): decides the patch grid at open
 * (patch size from the Conv stride; image size from {@code preprocessor_config.json}, else the declared input
 * shape, else a square grid from the position table), probes once with a blank image, and captures one image at a
 * time into a trace whose tokens are the grid's ({@code [CLS]}, …, {@code r0c0}, …) and whose provenance records
 * the grid and the preprocessing.
 */
final class ImageCapturer {

    /** The name of the preprocessing config read next to the model. */
    static final String CONFIG = "preprocessor_config.json";

    private final Path modelPath;
    private final String modelSha256;
    private final GraphAnalysis analysis;
    private final OnnxSession session;
    private final ImageGrid grid;
    private final ImagePreprocessor preprocessor;
    private final int channels;
    private final List<String> ordinaryOutputs;
    private int heads;

    private ImageCapturer(Path modelPath, String modelSha256, GraphAnalysis analysis, OnnxSession session,
                          ImageGrid grid, ImagePreprocessor preprocessor, int channels) {
        this.modelPath = modelPath;
        this.modelSha256 = modelSha256;
        this.analysis = analysis;
        this.session = session;
        this.grid = grid;
        this.preprocessor = preprocessor;
        this.channels = channels;
        List<String> ordinary = new ArrayList<>();
        for (GraphAnalysis.Port p : analysis.outputs()) {
            ordinary.add(p.name());
        }
        this.ordinaryOutputs = List.copyOf(ordinary);
    }

    /**
     * Reads the model's patch geometry and preprocessing.
     *
     * @throws ModelException when the patch embedding or the image size cannot be determined
     */
    static ImageCapturer open(Path modelPath, String sha, GraphAnalysis analysis, OnnxSession session,
                              ImageOverrides overrides) {
        String name = modelPath.getFileName().toString();
        ModelProto proto = ModelLoader.parse(modelPath, ModelLoader.readModel(modelPath));
        VisionGeometry geo;
        try {
            geo = VisionGeometry.of(proto);
        } catch (IllegalArgumentException e) {
            throw new ModelException(name + " takes pixel_values but " + e.getMessage() + "; model-io reads "
                    + "ViT/DeiT/CLIP-style patch embeddings (a Conv with stride = kernel)");
        }
        if (geo.channels() != 3) {
            throw new ModelException(name + " has a patch embedding over " + geo.channels() + " input channels; "
                    + "model-io feeds RGB images (3 channels)");
        }
        Path config = overrides.config().orElse(modelPath.toAbsolutePath().getParent().resolve(CONFIG));
        if (overrides.config().isPresent() && !Files.isRegularFile(config)) {
            throw new ModelException("the preprocessing config " + config + " does not exist or is not a file");
        }
        ImagePreprocessor pre = !overrides.ignoreConfig() && Files.isRegularFile(config)
                ? ImagePreprocessor.fromJson(config).with(overrides) : null;
        String hint = pre == null && !overrides.ignoreConfig() ? "put the model's " + CONFIG + " next to it, or give "
                + "--image-size H×W" : overrides.config().isPresent() || pre == null ? "give the " + CONFIG + " of this"
                + " model, or --image-size H×W" : "give the " + CONFIG + " that belongs to this model";
        int p = geo.patch();
        int h;
        int w;
        String from;
        int extras = geo.positionPrefix();
        if (pre == null && overrides.height > 0) {
            pre = ImagePreprocessor.vitDefaults(overrides.height, overrides.width, "--image-size").with(overrides);
        }
        if (pre != null && pre.outputHeight() > 0) {
            h = pre.outputHeight();
            w = pre.outputWidth();
            from = pre.sizeSource();
        } else if (geo.staticHeight() > 0 && geo.staticWidth() > 0) {
            h = geo.staticHeight();
            w = geo.staticWidth();
            from = "the declared shape of pixel_values";
        } else {
            int patches = geo.positionRows() - extras;
            int side = patches > 0 ? (int) Math.round(Math.sqrt(patches)) : 0;
            if (geo.positionRows() <= 0 || side * side != patches) {
                throw new ModelException("cannot determine the image size of " + name + ": pixel_values has dynamic"
                        + " height and width, " + (pre == null ? overrides.ignoreConfig() ? "no " + CONFIG
                        + " is read (--preprocessor-config none)" : "there is no " + CONFIG + " next to it"
                        : "its preprocessing resizes to a size that depends on the image")
                        + (geo.positionRows() <= 0 ? ", and no position table was found"
                        : ", and its position table's " + geo.positionRows() + " rows less " + extras
                        + " leading token" + (extras == 1 ? "" : "s") + " leave " + patches
                        + " patches, not a square grid") + "; " + hint);
            }
            h = side * p;
            w = side * p;
            from = "the position table (" + geo.positionRows() + " rows, square grid)";
        }
        if (from.startsWith("--")) {
            int patches = geo.positionRows() - extras;
            int side = patches > 0 ? (int) Math.round(Math.sqrt(patches)) : 0;
            hint = "give " + from + " of a size the model takes" + (geo.staticHeight() > 0 && geo.staticWidth() > 0
                    ? " (" + geo.staticHeight() + " × " + geo.staticWidth() + ")"
                    : side > 0 && side * side == patches ? " (e.g. " + side * p + " × " + side * p + ")" : "");
        }
        if (h % p != 0 || w % p != 0) {
            throw new ModelException("the image size " + h + " × " + w + " of " + name + " (from " + from + ") is not "
                    + "a multiple of its patch size " + p + "; " + hint);
        }
        ImageGrid grid = new ImageGrid(geo.prefix(), h / p, w / p, p);
        int positionTokens = extras + grid.rows() * grid.cols();
        if (geo.positionRows() > 0 && geo.positionRows() != positionTokens) {
            throw new ModelException("the position table of " + name + " has " + geo.positionRows() + " rows but a "
                    + h + " × " + w + " image (from " + from + ") in " + p + "-pixel patches gives " + positionTokens
                    + (extras == grid.prefix().size() ? " tokens" : " patches (the table holds patches only)")
                    + "; " + hint);
        }
        if (geo.staticHeight() > 0 && geo.staticWidth() > 0 && (geo.staticHeight() != h || geo.staticWidth() != w)) {
            throw new ModelException(name + " declares pixel_values of " + geo.staticHeight() + " × "
                    + geo.staticWidth() + " pixels but the preprocessing gives " + h + " × " + w + " (from " + from
                    + "); " + hint);
        }
        if (pre == null) {
            pre = ImagePreprocessor.vitDefaults(h, w, from).with(overrides);
            if (pre.outputHeight() != h || pre.outputWidth() != w) {
                throw new ModelException("the preprocessing gives " + pre.outputHeight() + " × " + pre.outputWidth()
                        + " pixels (from " + pre.sizeSource() + ") but " + name + " takes " + h + " × " + w
                        + " (from " + from + ")");
            }
        }
        ImageCapturer c = new ImageCapturer(modelPath, sha, analysis, session, grid, pre, geo.channels());
        return c;
    }

    ImageGrid grid() {
        return grid;
    }

    ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    int heads() {
        return heads;
    }

    /** Runs a blank image once: learns the head count and checks that every tensor holds probabilities. */
    List<AttentionTensor> probe() {
        int n = grid.tokens();
        float[] blank = new float[channels * grid.imageHeight() * grid.imageWidth()];
        List<String> names = new ArrayList<>();
        for (GraphAnalysis.Softmax s : analysis.softmaxes()) {
            names.add(s.probabilities());
        }
        Map<String, OnnxSession.Tensor> out = new LinkedHashMap<>();
        run(blank, names, null, out::put);
        List<AttentionTensor> result = new ArrayList<>();
        int first = -1;
        for (GraphAnalysis.Softmax s : analysis.softmaxes()) {
            OnnxSession.Tensor t = out.get(s.probabilities());
            long[] shape = t.shape();
            int h = ProbeShapes.heads(s, shape, n, modelPath, "a " + grid.imageHeight() + " × " + grid.imageWidth()
                    + " image", "[1, heads, " + n + ", " + n + "] (" + grid.prefix() + " + " + grid.rows() + " × "
                    + grid.cols() + " patches)");
            first = ProbeShapes.sameHeads(s, h, first, modelPath);
            float[] d = t.data();
            for (int row = 0; row < h * n; row++) {
                double sum = RowSums.rowSum(d, row * n, n);
                if (!(Math.abs(sum - 1) <= RowSums.TOLERANCE)) {
                    throw new ModelException("attention tensor \"" + s.probabilities() + "\" of "
                            + modelPath.getFileName() + " is not a probability distribution (a row sums to " + sum
                            + " on the probe image), so it cannot be trusted as attention");
                }
            }
            result.add(new AttentionTensor(s.layer(), s.nodeName(), s.probabilities(), shape.length,
                    OptionalInt.of(h)));
        }
        heads = first;
        return List.copyOf(result);
    }

    /**
     * Captures one image.
     *
     * @param label       the image's name, kept as the trace's text (e.g. its file name)
     * @param inputSha256 hash of the image file (or pixels), for the provenance
     */
    AttentionTrace capture(RgbImage image, String label, String inputSha256, Cancellation cancellation) {
        ImagePreprocessor.Pixels px = preprocessor.preprocess(image);
        if (px.height() != grid.imageHeight() || px.width() != grid.imageWidth()) {
            throw new IllegalArgumentException("image " + label + " (" + image.width() + " × " + image.height()
                    + ") preprocesses to " + px.height() + " × " + px.width() + " pixels but the model takes "
                    + grid.imageHeight() + " × " + grid.imageWidth() + " (" + preprocessor.describe() + "); give the "
                    + CONFIG + " of this model, or --image-size or --crop-size to fix the size");
        }
        int n = grid.tokens();
        List<GraphAnalysis.Softmax> softmaxes = analysis.softmaxes();
        Set<String> requested = new LinkedHashSet<>(ordinaryOutputs);
        for (GraphAnalysis.Softmax s : softmaxes) {
            requested.add(s.probabilities());
        }
        AttentionMatrix[][] planes = new AttentionMatrix[softmaxes.size()][heads];
        Map<String, NamedTensor> outputs = new LinkedHashMap<>();
        String job = "capture of image " + label;
        if (cancellation != null) {
            cancellation.throwIfCancelled(job);
        }
        run(px.chw(), List.copyOf(requested), cancellation, (name, t) -> {
            if (ordinaryOutputs.contains(name)) {
                outputs.put(name, NamedTensor.of(name, t.shape(), t.data()));
            }
            for (GraphAnalysis.Softmax s : softmaxes) {
                if (s.probabilities().equals(name)) {
                    float[] d = t.data();
                    for (int h = 0; h < heads; h++) {
                        try {   // one copy per plane, rows sum to 1 and values in [0, 1] checked in the same pass
                            planes[s.layer()][h] = AttentionMatrix.copyProbabilityRows(n, d, h * n * n, n,
                                    RowSums.TOLERANCE);
                        } catch (AttentionMatrix.RowSumException bad) {
                            throw new ModelException("attention Softmax node \"" + s.nodeName() + "\" (layer "
                                    + s.layer() + ") of " + modelPath.getFileName() + " does not give probabilities "
                                    + "over the keys: row " + bad.row() + " of head " + h + " sums to "
                                    + String.format(java.util.Locale.ROOT, "%.4g", bad.sum())
                                    + " on image " + label + " (every row must sum to 1), so it cannot be used as"
                                    + " attention");
                        }
                    }
                }
            }
        });
        Provenance prov = Provenance.of(modelPath.getFileName().toString(), modelSha256, "", inputSha256)
                .with("image", label).with("image.preprocessing", preprocessor.describe());
        if (!image.conversion().isEmpty()) {
            prov = prov.with("image.conversion", image.conversion());
        }
        prov = grid.provenance(prov).with(AttentionTrace.CAUSAL, "false");
        List<List<AttentionMatrix>> attention = new ArrayList<>();
        for (AttentionMatrix[] layer : planes) {
            attention.add(Arrays.asList(layer));
        }
        return new AttentionTrace(label, grid.tokenList(), attention, null, outputs, prov);
    }

    private void run(float[] pixels, List<String> requested, Cancellation cancellation,
                     BiConsumer<String, OnnxSession.Tensor> sink) {
        long[] shape = {1, channels, grid.imageHeight(), grid.imageWidth()};
        try {
            session.runPixels(pixels, shape, requested, sink, cancellation == null ? null : cancellation::arm);
        } catch (OrtException e) {
            if (cancellation != null && cancellation.isCancelled()) {
                CancellationException c = Cancellation.cancelled("capture of an image");
                c.initCause(e);
                throw c;
            }
            throw new ModelException("ONNX Runtime failed to run " + modelPath.getFileName() + " on a "
                    + grid.imageHeight() + " × " + grid.imageWidth() + " image: " + e.getMessage(), e);
        }
    }
}
