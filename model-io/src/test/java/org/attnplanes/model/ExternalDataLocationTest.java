package org.attnplanes.model;

import org.attnplanes.testmodels.TinyOnnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12.10: a model's external-data locations may name only files inside the model's folder; everything else
 * is refused with one sentence naming the tensor and the location before ONNX Runtime reads a byte.
 */
class ExternalDataLocationTest {

    @TempDir
    Path root;

    private Path modelDir;
    private ModelProto external;
    private String firstExternal;

    @BeforeEach
    void setUp() throws Exception {
        modelDir = Files.createDirectories(root.resolve("model"));
        external = TinyOnnx.withExternalData(TinyOnnx.encoder(new TinyOnnx.Weights(5), TinyOnnx.Layout.values()[0],
                false), modelDir, "tiny.onnx.data");
        firstExternal = external.getGraph().getInitializerList().stream()
                .filter(t -> t.getDataLocation() == TensorProto.DataLocation.EXTERNAL).findFirst().orElseThrow()
                .getName();
        // the "secret": same bytes as the real weights, so that loading it would succeed silently
        Files.copy(modelDir.resolve("tiny.onnx.data"), root.resolve("secret.bin"));
    }

    /** The model with the first external tensor's entry {@code key} changed (value null removes it). */
    private Path withEntry(String key, String value) throws Exception {
        return edit(t -> {
            TensorProto.Builder b = t.toBuilder().clearExternalData();
            boolean set = false;
            for (StringStringEntryProto e : t.getExternalDataList()) {
                if (e.getKey().equals(key)) {
                    set = true;
                    if (value != null) {
                        b.addExternalData(e.toBuilder().setValue(value));
                    }
                } else {
                    b.addExternalData(e);
                }
            }
            if (!set && value != null) {
                b.addExternalData(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
            }
            return b.build();
        });
    }

    private Path edit(UnaryOperator<TensorProto> change) throws Exception {
        GraphProto.Builder g = external.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals(firstExternal)) {
                g.setInitializer(i, change.apply(g.getInitializer(i)));
            }
        }
        Path p = modelDir.resolve("tiny.onnx");
        Files.write(p, external.toBuilder().setGraph(g).build().toByteArray());
        return p;
    }

    private String refusal(Path model) {
        ModelException e = assertThrows(ModelException.class,
                () -> AttentionModel.open(model, CaptureOptions.builder().threads(1).build()).close());
        assertTrue(e.getMessage().startsWith("model tiny.onnx: initializer \"" + firstExternal + "\""), e.getMessage());
        return e.getMessage();
    }

    @Test
    void open_parentEscape_refusedNamingTensorAndLocation() throws Exception {
        String m = refusal(withEntry("location", "../secret.bin"));
        assertEquals("model tiny.onnx: initializer \"" + firstExternal + "\" has the external data location "
                + "\"../secret.bin\", which leaves the model's folder (ONNX locations are relative to the model's "
                + "folder)", m);
    }

    @Test
    void open_hiddenParentEscape_refused() throws Exception {
        assertTrue(refusal(withEntry("location", "./sub/../../secret.bin")).contains("leaves the model's folder"));
    }

    @Test
    void open_absoluteLocation_refused() throws Exception {
        String abs = root.resolve("secret.bin").toString();
        assertTrue(refusal(withEntry("location", abs)).contains("\"" + abs + "\", which is absolute"));
        assertTrue(refusal(withEntry("location", "C:\\secret.bin")).contains("absolute or not portable"));
    }

    @Test
    void open_symlinkLeavingTheFolder_refused() throws Exception {
        Files.createSymbolicLink(modelDir.resolve("weights.bin"), root.resolve("secret.bin"));
        assertTrue(refusal(withEntry("location", "weights.bin")).contains("a symbolic link that leads out of the "
                + "model's folder"));
    }

    @Test
    void open_lengthBeyondTheFile_refused() throws Exception {
        long size = Files.size(modelDir.resolve("tiny.onnx.data"));
        String m = refusal(withEntry("length", Long.toString(size + 1)));
        assertTrue(m.contains("but the file has only " + size + " bytes"), m);
        assertTrue(refusal(withEntry("offset", Long.toString(size))).contains("but the file has only"));
        assertTrue(refusal(withEntry("offset", "-4")).contains("external data offset \"-4\""));
    }

    @Test
    void open_missingLocation_refused() throws Exception {
        assertTrue(refusal(withEntry("location", null)).contains("names no location"));
        assertTrue(refusal(withEntry("location", "nope.bin")).contains("does not exist next to the model"));
    }

    @Test
    void open_symlinkInsideTheFolder_isAllowed() throws Exception {
        Files.move(modelDir.resolve("tiny.onnx.data"), modelDir.resolve("real.data"));
        Files.createSymbolicLink(modelDir.resolve("tiny.onnx.data"), modelDir.resolve("real.data"));
        Path p = modelDir.resolve("tiny.onnx");
        Files.write(p, external.toByteArray());
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            assertTrue(m.describe().externalData());
        }
    }
}
