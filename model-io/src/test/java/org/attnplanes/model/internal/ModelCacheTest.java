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
