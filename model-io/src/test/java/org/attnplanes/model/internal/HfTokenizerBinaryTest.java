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

    @Test
    void load_numberOutOfRangeInTheDecoder_isRefusedBeforeTheNativeLibraryAbortsTheJvm() throws Exception {
        // found by OpenerAndOptionFuzzTest: DJL's Rust tokenizer aborted the JVM (exit 134) on this file
        Path f = Files.writeString(dir.resolve("tokenizer.json"), """
                {"version":"1.0","added_tokens":[],"normalizer":null,"pre_tokenizer":null,"post_processor":null,
                 "decoder":{"type":"WordPiece","prefix":1e999,"cleanup":true},
                 "model":{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##",
                          "max_input_chars_per_word":100,"vocab":{"[UNK]":0,"a":1}}}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HfTokenizer.load(f));
        assertEquals("tokenizer file " + f + " is not a valid tokenizer.json: the number 1e999 at $.decoder.prefix is"
                + " out of range", e.getMessage());
    }
}
