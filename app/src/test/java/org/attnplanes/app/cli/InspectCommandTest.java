package org.attnplanes.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code attnplanes inspect} in-process. */
class InspectCommandTest {

    @TempDir
    Path dir;

    @Test
    void inspect_defaultModel_lists6Rank4AttentionTensors() {
        CliRun r = CliRun.of("inspect", "--threads", "1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("model: all-minilm-l6-v2.onnx"), r.out());
        assertTrue(r.out().contains("attention tensors: 6"), r.out());
        assertTrue(r.out().contains("  layer 5: node \"/encoder/layer.5/attention/self/Softmax\""), r.out());
        assertTrue(r.out().contains("layout [batch, heads, query, key], 12 heads"), r.out());
        assertTrue(r.out().contains("fused attention ops: none"), r.out());
        assertTrue(r.out().contains("capturable: yes (6 layers × 12 heads, at most 512 tokens)"), r.out());
    }

    @Test
    void inspect_notOnnx_exits2WithOneSentence() throws Exception {
        Path p = Files.writeString(dir.resolve("notes.onnx"), "just some text, not a model");
        CliRun r = CliRun.of("inspect", "--model", p.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("attnplanes inspect: model file " + p + " is not a valid ONNX model"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
