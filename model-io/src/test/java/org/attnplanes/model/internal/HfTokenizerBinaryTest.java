package org.attnplanes.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12.8: an .onnx (binary) file given as the tokenizer said only "Input length = 1". */
class HfTokenizerBinaryTest {

    @TempDir
    Path dir;

    @Test
    void load_binaryFile_saysItIsNotText() throws Exception {
        Path f = Files.write(dir.resolve("model.onnx"), new byte[] {8, 7, 18, (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HfTokenizer.load(f));
        assertEquals("tokenizer file " + f + " is not a tokenizer.json: it is not UTF-8 text (binary data, an ONNX"
                + " model)", e.getMessage());
    }
}
