package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.DecoderFolders;
import org.attnplanes.testmodels.DecoderOnnx;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a normal capture of a model with fused attention shows the user no native ONNX Runtime warnings. ONNX
 * Runtime's logger writes to the process's own standard error (not {@code System.err}), so only a child process
 * sees them: before the fix an opset-23 {@code Attention} capture printed one {@code VerifyOutputSizes} warning per
 * layer and run (ONNX's shape inference declares the probabilities' key axis as 0 when the key length is dynamic).
 */
class FusedAttentionStderrProcessTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DecoderOnnx.Attn.class, names = {"ONNX_ATTENTION", "MS_ATTENTION"})
    void capture_fusedAttention_stderrIsEmpty(DecoderOnnx.Attn attn) throws Exception {
        Path d = dir.resolve(attn.name());
        Path model = DecoderFolders.write(d, "model.onnx",
                DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, attn, 3),
                DecoderFolders.Tokenizer.BYTE_LEVEL);
        Path out = d.resolve("trace.npz");
        Cli.Result r = Cli.process(d, 120, "capture", "--model", model.toString(), "--text",
                "The cat sat on the mat.", "--out", out.toString(), "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("wrote " + out), r.out());
        assertEquals("", r.err(), "a normal " + attn + " capture must not print anything on stderr");
    }
}
