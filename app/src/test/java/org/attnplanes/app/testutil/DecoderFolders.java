package org.attnplanes.app.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.attnplanes.testmodels.BpeTokenizerJson;
import org.attnplanes.testmodels.DecoderOnnx;

/**
 * Generated decoders written as a user finds a downloaded one: the ONNX file in a folder of its own with the
 * {@code tokenizer.json} it reads beside it.
 */
public final class DecoderFolders {

    /** Which tokenizer.json goes beside the model. */
    public enum Tokenizer {
        /** Byte-level BPE ({@link BpeTokenizerJson#write}), as GPT-2 and OPT read. */
        BYTE_LEVEL,
        /** Metaspace BPE ({@link BpeTokenizerJson#writeMetaspace}), as Llama reads. */
        METASPACE
    }

    private DecoderFolders() {
    }

    /**
     * Writes {@code model} as {@code folder/fileName} and the tokenizer as {@code folder/tokenizer.json}, creating
     * the folder; returns the model file.
     */
    public static Path write(Path folder, String fileName, DecoderOnnx.Generated model, Tokenizer tokenizer)
            throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(fileName);
        Files.write(file, model.model().toByteArray());
        Path json = folder.resolve("tokenizer.json");
        if (tokenizer == Tokenizer.METASPACE) {
            BpeTokenizerJson.writeMetaspace(json);
        } else {
            BpeTokenizerJson.write(json);
        }
        return file;
    }

    /** The generated GPT-2 exported with {@code past_key_values} inputs, as {@code folder/model.onnx}. */
    public static Path gpt2(Path folder, long seed) throws IOException {
        return write(folder, "model.onnx", DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.PAST, seed),
                Tokenizer.BYTE_LEVEL);
    }

    /** The generated Llama exported as one merged file, as {@code folder/decoder_model_merged.onnx}. */
    public static Path mergedLlama(Path folder, long seed) throws IOException {
        return write(folder, "decoder_model_merged.onnx",
                DecoderOnnx.decoder(DecoderOnnx.Family.LLAMA, DecoderOnnx.Cache.MERGED, seed), Tokenizer.METASPACE);
    }
}
