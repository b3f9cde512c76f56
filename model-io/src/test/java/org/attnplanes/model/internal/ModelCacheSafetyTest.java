package org.attnplanes.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12.11: the cache is owner-only, follows no planted link, and verifies an entry before it is used. */
class ModelCacheSafetyTest {

    @TempDir
    Path tmp;

    private static final String SHA = "ab".repeat(32);

    /** Y = X + W with a 4 kB initializer W (large enough to move into weights.bin). */
    private static ModelProto addModel() {
        byte[] w = new byte[4096];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (i * 7);
        }
        TypeProto t = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1024)))).build();
        GraphProto g = GraphProto.newBuilder().setName("add")
                .addInitializer(TensorProto.newBuilder().setName("W").setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .addDims(1024).setRawData(ByteString.copyFrom(w)))
                .addNode(NodeProto.newBuilder().setOpType("Add").addInput("X").addInput("W").addOutput("Y"))
                .addInput(ValueInfoProto.newBuilder().setName("X").setType(t))
                .addOutput(ValueInfoProto.newBuilder().setName("Y").setType(t)).build();
        return ModelProto.newBuilder().setIrVersion(8).addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
                .setGraph(g).build();
    }

    private static ModelCache.Entry build(ModelCache cache) {
        ModelProto m = addModel();
        return cache.build(SHA, m, GraphAnalysis.of(m), false);
    }

    @Test
    void build_createsTheCacheOwnerOnly_andTightensAnExistingOne() throws Exception {
        Path root = tmp.resolve("cache").resolve("models");
        build(new ModelCache(root));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.getParent())));

        Path old = Files.createDirectories(tmp.resolve("old"));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxrwxrwx"));
        build(new ModelCache(old));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
    }

    @Test
    void lookup_weightsReplacedByALink_isAMissEvenWhenTheBytesMatch() throws Exception {
        ModelCache cache = new ModelCache(tmp.resolve("models"));
        Path dir = build(cache).directory();
        assertTrue(cache.lookup(SHA, false).entry().isPresent());
        // the planted link points at a file with exactly the verified bytes: the CRC alone would accept it
        Path elsewhere = Files.copy(dir.resolve(ModelCache.WEIGHTS), tmp.resolve("elsewhere.bin"));
        Files.delete(dir.resolve(ModelCache.WEIGHTS));
        Files.createSymbolicLink(dir.resolve(ModelCache.WEIGHTS), elsewhere);

        ModelCache.Lookup l = cache.lookup(SHA, false);

        assertEquals(Optional.empty(), l.entry());
        assertEquals(dir.resolve(ModelCache.WEIGHTS) + " is not a plain file (symbolic links are not followed)",
                l.missReason());
    }

    @Test
    void lookup_entryFolderReplacedByALink_isAMiss_andBuildWritesAPlainFolder() throws Exception {
        ModelCache cache = new ModelCache(tmp.resolve("models"));
        Path dir = build(cache).directory();
        Path moved = tmp.resolve("moved");
        Files.move(dir, moved);
        Files.createSymbolicLink(dir, moved);

        assertTrue(cache.lookup(SHA, false).missReason().contains("is not a plain folder"));
        build(cache);
        assertFalse(Files.isSymbolicLink(dir), "the planted link is replaced, its target not written through");
        assertTrue(cache.lookup(SHA, false).entry().isPresent());
    }

    @Test
    void lookup_damagedSkeleton_isVerifiedAndRefusedBeforeLoading() throws Exception {
        ModelCache cache = new ModelCache(tmp.resolve("models"));
        Path dir = build(cache).directory();
        byte[] b = Files.readAllBytes(dir.resolve(ModelCache.ATTENTION));
        b[b.length / 2] ^= 1;
        Files.write(dir.resolve(ModelCache.ATTENTION), b);
        assertTrue(cache.lookup(SHA, false).missReason().contains("SHA-256 differs from the manifest"));
    }

    @Test
    void secure_folderOfAnotherUser_isNotTrusted() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("other"));
        try {
            Files.setOwner(other, other.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        } catch (Exception e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "needs to chown (root) and a 'nobody' user");
        }
        assertFalse(CacheDirectories.secure(other));
        assertTrue(new ModelCache(other).lookup(SHA, false).missReason().contains("not an owner-only folder"));
    }

    @Test
    void nativeLibraries_linkPlantedForALibrary_isReplacedByAVerifiedCopy() throws Exception {
        Path root = tmp.resolve("native");
        Optional<Path> dir = OrtNativeLibraries.extract(root);
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.isPresent(), "the ONNX Runtime jar has libraries here");
        Path lib;
        try (var s = Files.list(dir.get())) {
            lib = s.filter(p -> p.getFileName().toString().contains("onnxruntime4j_jni")).findFirst().orElseThrow();
        }
        Path copy = Files.copy(lib, tmp.resolve("evil.so"));
        Files.delete(lib);
        Files.createSymbolicLink(lib, copy);

        OrtNativeLibraries.extract(root);

        assertFalse(Files.isSymbolicLink(lib), "a library is never loaded through a link planted in the cache");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)));
    }
}
