package org.attnplanes.model.internal;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import org.attnplanes.model.DefaultModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCacheTest {

    @TempDir
    Path dir;

    private static void assertSameAnalysis(GraphAnalysis expected, GraphAnalysis actual) {
        assertEquals(expected.softmaxes(), actual.softmaxes());
        assertEquals(expected.fusedOps(), actual.fusedOps());
        assertEquals(expected.inputs(), actual.inputs());
        assertEquals(expected.outputs(), actual.outputs());
        assertEquals(expected.vocabularyRows(), actual.vocabularyRows());
        assertEquals(expected.positionRows(), actual.positionRows());
        assertEquals(expected.opCounts(), actual.opCounts());
        assertEquals(expected.externalData(), actual.externalData());
    }

    @Test
    void build_miniLm_entryHasAlignedExternalWeightsAndTheSourceAnalysis() throws Exception {
        byte[] bytes = Files.readAllBytes(DefaultModel.model());
        ModelProto proto = ModelProto.parseFrom(bytes);
        GraphAnalysis analysis = GraphAnalysis.of(proto);
        ModelCache cache = new ModelCache(dir);
        ModelCache.Entry built = cache.build(DefaultModel.MODEL_SHA256, proto, analysis, true);
        ModelCache.Entry found = cache.lookup(DefaultModel.MODEL_SHA256, true).entry().orElseThrow();
        assertSameAnalysis(analysis, found.analysis());
        assertEquals(built.directory(), found.directory());
        assertTrue(java.util.Arrays.equals(built.model(), found.model()));

        ModelProto split = ModelProto.parseFrom(found.model());
        assertEquals(proto.getGraph().getNodeList(), split.getGraph().getNodeList());
        assertEquals(proto.getGraph().getOutputCount() + 2 * analysis.softmaxes().size(),
                split.getGraph().getOutputCount(), "probabilities and values added");
        long external = 0;
        long inlineBytes = 0;
        for (TensorProto t : split.getGraph().getInitializerList()) {
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                external++;
                long offset = Long.parseLong(t.getExternalData(1).getValue());
                assertEquals("offset", t.getExternalData(1).getKey());
                assertEquals(0, offset % ModelCache.ALIGNMENT, t.getName() + " at " + offset);
            } else {
                inlineBytes += t.getRawData().size();
            }
        }
        assertTrue(external > 50, "large tensors moved out: " + external);
        assertTrue(found.model().length < 1 << 20, "graph without weights: " + found.model().length + " bytes");
        assertTrue(inlineBytes < 1 << 20, "inline bytes left: " + inlineBytes);
    }

    @Test
    void lookup_manifestOfAnotherVersion_missNamingTheReason() throws Exception {
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(DefaultModel.model()));
        ModelCache cache = new ModelCache(dir);
        cache.build(DefaultModel.MODEL_SHA256, proto, GraphAnalysis.of(proto), false);
        Path manifest = cache.directory(DefaultModel.MODEL_SHA256).resolve(ModelCache.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("format=" + ModelCache.FORMAT, "format=0"));
        ModelCache.Lookup l = cache.lookup(DefaultModel.MODEL_SHA256, false);
        assertFalse(l.entry().isPresent());
        assertTrue(l.missReason().contains("another source or tool version"), l.missReason());
        assertTrue(cache.lookup("0".repeat(64), false).missReason().startsWith("no entry"));
    }

    /** A one-node model with a 4 KiB initializer (enough to be moved to external data). */
    private static ModelProto smallModel(int seed) {
        byte[] raw = new byte[4096];
        new java.util.Random(seed).nextBytes(raw);
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(ai.onnx.proto.OnnxMl.OperatorSetIdProto.newBuilder().setVersion(17))
                .setGraph(ai.onnx.proto.OnnxMl.GraphProto.newBuilder().setName("g")
                        .addInitializer(TensorProto.newBuilder().setName("w").addDims(1024)
                                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                                .setRawData(com.google.protobuf.ByteString.copyFrom(raw)))
                        .addNode(ai.onnx.proto.OnnxMl.NodeProto.newBuilder().setOpType("Identity").addInput("w")
                                .addOutput("y"))
                        .addOutput(ai.onnx.proto.OnnxMl.ValueInfoProto.newBuilder().setName("y")))
                .build();
    }

    @Test
    void evict_overBudget_removesLeastRecentlyUsedButKeepsCurrentAndRecentEntries() throws Exception {
        ModelCache cache = new ModelCache(dir);
        String old = "a".repeat(64);
        String older = "b".repeat(64);
        String recent = "c".repeat(64);
        String current = "d".repeat(64);
        for (String sha : java.util.List.of(old, older, recent, current)) {
            ModelProto m = smallModel(sha.charAt(0));
            cache.build(sha, m, GraphAnalysis.of(m), false);
        }
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(cache.directory(old), java.nio.file.attribute.FileTime.fromMillis(now - 3_600_000));
        Files.setLastModifiedTime(cache.directory(older), java.nio.file.attribute.FileTime.fromMillis(now - 7_200_000));
        Files.setLastModifiedTime(cache.directory(current), java.nio.file.attribute.FileTime.fromMillis(now - 9_000_000));
        long entryBytes;
        try (var files = Files.list(cache.directory(old))) {
            entryBytes = files.mapToLong(f -> f.toFile().length()).sum();
        }
        cache.evict(3 * entryBytes, current);        // one entry too many: the least recently used goes
        assertFalse(Files.exists(cache.directory(older)));
        assertTrue(Files.exists(cache.directory(old)));
        cache.evict(0, current);
        assertFalse(Files.exists(cache.directory(old)));
        assertTrue(cache.lookup(current, false).entry().isPresent(), "the entry just opened is kept");
        assertTrue(cache.lookup(recent, false).entry().isPresent(), "an entry used within a minute is kept");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no renamed leftovers");
        }
    }

    @Test
    void analysis_writeThenRead_roundTripsEveryField() throws Exception {
        GraphAnalysis a = GraphAnalysis.of(ModelProto.parseFrom(Files.readAllBytes(DefaultModel.model())));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            a.writeTo(out);
        }
        GraphAnalysis b = GraphAnalysis.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertSameAnalysis(a, b);
        assertSameAnalysis(a.withExternalData(true).withExternalData(false), b);
        assertTrue(a.withExternalData(true).externalData());
    }
}
