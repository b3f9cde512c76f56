package org.attnplanes.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.NamedTensor;
import org.attnplanes.graph.ValueNorms;
import org.attnplanes.model.internal.FileFingerprints;
import org.attnplanes.model.internal.ModelCache;
import org.attnplanes.model.internal.Sha256;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening the real all-MiniLM-L6-v2 through the fingerprint store and the split-model cache (in a temporary
 * cache directory) gives exactly what an uncached open gives, and a damaged entry or a changed source is never
 * served.
 */
class AttentionModelCacheTest {

    private static final List<String> TEXTS = List.of("The cat sat on the mat.",
            "A somewhat longer sentence, so that the batch needs padding here.", "Short.");

    private static Path sourceModel;
    private static Path sourceTokenizer;

    @TempDir
    Path cacheDir;
    @TempDir
    Path modelDir;

    @BeforeAll
    static void extractDefault() {
        sourceModel = DefaultModel.model();
        sourceTokenizer = DefaultModel.tokenizer();
    }

    /**
     * This test's store: an explicit value in the options, no system property is touched. Its clock runs a minute
     * ahead, so a model copied just now already lies outside the fingerprints' racy window (no waiting).
     */
    private static ModelStore store;

    @BeforeEach
    void useTemporaryCache() {
        store = ModelStore.at(cacheDir, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
    }

    /** A copy of the default model whose times are old enough for its fingerprint to be recorded. */
    private Path copyModel() throws Exception {
        Path m = modelDir.resolve("minilm.onnx");
        Files.copy(sourceModel, m);
        Files.copy(sourceTokenizer, modelDir.resolve("minilm-tokenizer.json"));
        Files.setLastModifiedTime(m, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L));
        return m;
    }

    private static CaptureOptions options(boolean valueNorms) {
        return CaptureOptions.builder().threads(1).valueNorms(valueNorms).store(store).build();
    }

    private static List<AttentionTrace> capture(Path model, boolean valueNorms) {
        try (AttentionModel m = AttentionModel.open(model, options(valueNorms))) {
            return m.capture(TEXTS);
        }
    }

    private static List<AttentionTrace> captureUncached(Path model, boolean valueNorms) {
        try (AttentionModel m = AttentionModel.open(model,
                options(valueNorms).toBuilder().store(ModelStore.disabled()).build())) {
            return m.capture(TEXTS);
        }
    }

    private static void assertSameTraces(List<AttentionTrace> expected, List<AttentionTrace> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int s = 0; s < expected.size(); s++) {
            AttentionTrace e = expected.get(s);
            AttentionTrace a = actual.get(s);
            assertEquals(e.tokens(), a.tokens(), what + " sample " + s);
            assertArrayEquals(e.toArray(), a.toArray(), what + " sample " + s + ": attention");
            assertEquals(e.provenance(), a.provenance(), what + " sample " + s + ": provenance");
            assertEquals(e.outputs().keySet(), a.outputs().keySet(), what + " sample " + s);
            for (Map.Entry<String, NamedTensor> o : e.outputs().entrySet()) {
                assertArrayEquals(o.getValue().data(), a.outputs().get(o.getKey()).data(),
                        what + " sample " + s + ": output " + o.getKey());
            }
            assertEquals(e.valueNorms().isPresent(), a.valueNorms().isPresent(), what + " sample " + s);
            if (e.valueNorms().isPresent()) {
                assertArrayEquals(norms(e.valueNorms().get()), norms(a.valueNorms().get()),
                        what + " sample " + s + ": value norms");
            }
        }
    }

    private static float[] norms(ValueNorms v) {
        float[] out = new float[v.layers() * v.heads() * v.tokens()];
        int k = 0;
        for (int l = 0; l < v.layers(); l++) {
            for (int h = 0; h < v.heads(); h++) {
                for (int t = 0; t < v.tokens(); t++) {
                    out[k++] = v.norm(l, h, t);
                }
            }
        }
        return out;
    }

    private ModelCache cache() {
        return new ModelCache(cacheDir.resolve("models"));
    }

    @Test
    void open_coldThenWarmCache_capturesAndProvenanceIdenticalToUncachedOpen() throws Exception {
        Path m = copyModel();
        for (boolean values : new boolean[] {false, true}) {
            List<AttentionTrace> uncached = captureUncached(m, values);
            assertEquals(DefaultModel.MODEL_SHA256, uncached.get(0).provenance().modelSha256());
            List<AttentionTrace> cold = capture(m, values);
            assertTrue(cache().lookup(DefaultModel.MODEL_SHA256, values).entry().isPresent(),
                    "the cold open wrote a valid entry (values " + values + ")");
            assertEquals(DefaultModel.MODEL_SHA256,
                    new FileFingerprints(cacheDir.resolve("fingerprints")).lookup(m).orElseThrow());
            List<AttentionTrace> warm = capture(m, values);
            assertSameTraces(uncached, cold, "cold cache, values " + values);
            assertSameTraces(uncached, warm, "warm cache, values " + values);
        }
        try (AttentionModel cached = AttentionModel.open(m, options(false))) {
            try (AttentionModel plain = AttentionModel.open(m,
                    options(false).toBuilder().store(ModelStore.disabled()).build())) {
                assertEquals(plain.describe(), cached.describe());
                assertFalse(cached.describe().externalData());
            }
        }
    }

    @Test
    void open_corruptedCacheEntry_detectedAndRebuilt() throws Exception {
        Path m = copyModel();
        List<AttentionTrace> expected = captureUncached(m, false);
        capture(m, false);
        Path weights = cache().directory(DefaultModel.MODEL_SHA256).resolve(ModelCache.WEIGHTS);
        long size = Files.size(weights);
        try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
            f.seek(size / 2);
            int b = f.read();
            f.seek(size / 2);
            f.write(b ^ 0x55);
        }
        ModelCache.Lookup damaged = cache().lookup(DefaultModel.MODEL_SHA256, false);
        assertTrue(damaged.entry().isEmpty());
        assertTrue(damaged.missReason().contains("CRC-32C"), damaged.missReason());
        assertSameTraces(expected, capture(m, false), "after flipping a weight byte in the cache");
        assertTrue(cache().lookup(DefaultModel.MODEL_SHA256, false).entry().isPresent(), "entry rebuilt");

        try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
            f.setLength(size - 4096);
        }
        ModelCache.Lookup truncated = cache().lookup(DefaultModel.MODEL_SHA256, false);
        assertTrue(truncated.missReason().contains("bytes but the manifest records"), truncated.missReason());
        assertSameTraces(expected, capture(m, false), "after truncating the cached weights");

        Path graph = cache().directory(DefaultModel.MODEL_SHA256).resolve(ModelCache.ATTENTION);
        Files.write(graph, Arrays.copyOf(Files.readAllBytes(graph), 1000));
        ModelCache.Lookup cut = cache().lookup(DefaultModel.MODEL_SHA256, false);
        assertTrue(cut.missReason().contains("SHA-256 differs"), cut.missReason());
        assertSameTraces(expected, capture(m, false), "after truncating the cached graph");
        assertTrue(cache().lookup(DefaultModel.MODEL_SHA256, false).entry().isPresent(), "entry rebuilt");
    }

    @Test
    void open_entryThatVerifiesButDoesNotLoad_fallsBackToSourceAndIsRebuiltNextTime() throws Exception {
        Path m = copyModel();
        List<AttentionTrace> expected = captureUncached(m, false);
        capture(m, false);
        // a graph ONNX Runtime rejects, with a manifest that matches it: the entry verifies but cannot load
        Path dir = cache().directory(DefaultModel.MODEL_SHA256);
        byte[] garbage = "not an ONNX model".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path manifest = dir.resolve(ModelCache.MANIFEST);
        String good = Sha256.of(Files.readAllBytes(dir.resolve(ModelCache.ATTENTION)));
        Files.write(dir.resolve(ModelCache.ATTENTION), garbage);
        Files.writeString(manifest, Files.readString(manifest).replace(good, Sha256.of(garbage)));
        assertTrue(cache().lookup(DefaultModel.MODEL_SHA256, false).entry().isPresent(), "the entry verifies");

        assertSameTraces(expected, capture(m, false), "fallback to the source");
        ModelCache.Lookup after = cache().lookup(DefaultModel.MODEL_SHA256, false);
        assertTrue(after.entry().isEmpty() && after.missReason().startsWith("no entry"), after.missReason());
        assertSameTraces(expected, capture(m, false), "rebuilt entry");
        assertTrue(cache().lookup(DefaultModel.MODEL_SHA256, false).entry().isPresent(), "entry rebuilt");
    }

    @Test
    void open_sourceChangedInPlaceWithSameSizeAndMtime_notServedFromCache() throws Exception {
        Path m = copyModel();
        FileTime mtime = Files.getLastModifiedTime(m);
        List<AttentionTrace> original = capture(m, false);
        FileFingerprints fingerprints = new FileFingerprints(cacheDir.resolve("fingerprints"));
        assertEquals(DefaultModel.MODEL_SHA256, fingerprints.lookup(m).orElseThrow(), "fingerprint recorded");

        // overwrite one float of layer 0's query projection with 1.0f, in place: same size, same mtime
        byte[] bytes = Files.readAllBytes(m);
        long offset = queryWeightOffset(bytes);
        try (RandomAccessFile f = new RandomAccessFile(m.toFile(), "rw")) {
            f.seek(offset);
            f.write(new byte[] {0, 0, (byte) 0x80, 0x3f});
        }
        Files.setLastModifiedTime(m, mtime);
        assertEquals(bytes.length, Files.size(m));
        assertTrue(fingerprints.lookup(m).isEmpty(), "a changed file must not match its old fingerprint");
        String changedSha = Sha256.of(Files.readAllBytes(m));
        assertNotEquals(DefaultModel.MODEL_SHA256, changedSha);

        List<AttentionTrace> changed = capture(m, false);
        assertEquals(changedSha, changed.get(0).provenance().modelSha256());
        assertFalse(Arrays.equals(original.get(0).toArray(), changed.get(0).toArray()),
                "the changed query weight must change the attention");
        assertSameTraces(captureUncached(m, false), changed, "changed source");
        assertTrue(cache().lookup(changedSha, false).entry().isPresent());
    }

    /** File offset of a float inside the first MatMul weight (layer 0's query projection), found by its bytes. */
    private static long queryWeightOffset(byte[] file) throws IOException {
        ModelProto p = ModelProto.parseFrom(file);
        for (TensorProto t : p.getGraph().getInitializerList()) {
            // the exporter names weight matrices by their first consumer; the first one is layer 0's query
            if (t.getName().startsWith("onnx::MatMul_") && t.getRawData().size() > 4096) {
                byte[] raw = t.getRawData().toByteArray();
                byte[] head = Arrays.copyOf(raw, 64);
                for (int i = 0; i + raw.length <= file.length; i++) {
                    if (file[i] == head[0] && Arrays.equals(file, i, i + 64, head, 0, 64)) {
                        return i + (raw.length / 2 & ~3);
                    }
                }
            }
        }
        List<String> names = new ArrayList<>();
        p.getGraph().getInitializerList().forEach(t -> names.add(t.getName()));
        throw new AssertionError("no MatMul weight among " + names);
    }

    @Test
    void open_twoThreadsOnEmptyCache_bothSucceedWithIdenticalCaptures() throws Exception {
        Path m = copyModel();
        List<AttentionTrace> expected = captureUncached(m, false);
        CountDownLatch start = new CountDownLatch(1);
        Callable<List<AttentionTrace>> open = () -> {
            start.await();
            return capture(m, false);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<AttentionTrace>> a = pool.submit(open);
            Future<List<AttentionTrace>> b = pool.submit(open);
            start.countDown();
            assertSameTraces(expected, a.get(), "thread a");
            assertSameTraces(expected, b.get(), "thread b");
        } finally {
            pool.shutdownNow();
        }
        assertTrue(cache().lookup(DefaultModel.MODEL_SHA256, false).entry().isPresent());
        try (var files = Files.list(cache().directory(DefaultModel.MODEL_SHA256))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of(ModelCache.ANALYSIS, ModelCache.ATTENTION_VALUES, ModelCache.ATTENTION,
                    ModelCache.MANIFEST, ModelCache.WEIGHTS), names, "no temporary files left behind");
        }
    }
}
