package org.attnplanes.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.model.DefaultModel;
import org.attnplanes.testmodels.Seq2SeqModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file capture writes stores the token ids the model was fed (issue 13): the {@code .npz} files are read back
 * with NumPy and each id must be the tokenizer's id of the token's vocabulary entry ({@code tokenizer.json}'s
 * {@code model.vocab}, read here independently); a pair's target starts with {@code config.json}'s
 * {@code decoder_start_token_id}. The {@code .json} files carry the same ids.
 */
class TokenIdFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Runs NumPy on {@code npz} and returns, per key, the list of values ({@code tolist()}). */
    private static JsonNode numpy(Path npz, String... keys) throws Exception {
        String python = System.getenv().getOrDefault("ATTNPLANES_PYTHON", "/usr/bin/python3");
        StringBuilder keyList = new StringBuilder();
        for (String k : keys) {
            keyList.append(keyList.length() == 0 ? "" : ",").append('\'').append(k).append('\'');
        }
        String script = String.join("\n",
                "import json, sys, numpy as np",
                "z = np.load(sys.argv[1])",
                "out = {}",
                "for k in [" + keyList + "]:",
                "    a = z[k]",
                "    out[k] = {'dtype': str(a.dtype), 'values': a.tolist()}",
                "print(json.dumps(out))");
        Process p = new ProcessBuilder(python, "-c", script, npz.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), "numpy check failed (is python3-numpy installed?): " + output);
        return JSON.readTree(output);
    }

    /** The tokenizer's id of each piece, from {@code model.vocab} (and {@code added_tokens}) of tokenizer.json. */
    private static List<Integer> vocabularyIds(Path tokenizerJson, JsonNode pieces) throws Exception {
        JsonNode root = JSON.readTree(tokenizerJson.toFile());
        List<Integer> ids = new ArrayList<>();
        for (JsonNode piece : pieces) {
            JsonNode id = root.get("model").get("vocab").get(piece.asText());
            if (id == null) {
                for (JsonNode added : root.get("added_tokens")) {
                    if (added.get("content").asText().equals(piece.asText())) {
                        id = added.get("id");
                    }
                }
            }
            assertTrue(id != null, "piece " + piece + " is not in " + tokenizerJson);
            ids.add(id.asInt());
        }
        return ids;
    }

    private static List<Integer> ints(JsonNode values) {
        List<Integer> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asInt()));
        return out;
    }

    @Test
    void singleModel_npzAndJson_storeTheTokenizersIds() throws Exception {
        Path npz = dir.resolve("t.npz");
        Path json = dir.resolve("t.json");
        String text = "Héllo wörld, the unbelievable cat.";
        for (Path out : List.of(npz, json)) {
            Cli.Result r = Cli.inProcess("capture", "--threads", "1", "--text", text, "--out", out.toString());
            assertEquals(0, r.exitCode(), r.err());
        }
        JsonNode z = numpy(npz, "token_ids", "pieces");
        assertEquals("int32", z.get("token_ids").get("dtype").asText());
        List<Integer> ids = ints(z.get("token_ids").get("values"));
        assertEquals(vocabularyIds(DefaultModel.tokenizer(), z.get("pieces").get("values")), ids);
        assertEquals(101, ids.get(0), "[CLS]");
        assertEquals(102, ids.get(ids.size() - 1), "[SEP]");
        assertTrue(ids.size() > 8, "sub-word pieces: " + ids);
        List<Integer> fromJson = new ArrayList<>();
        JSON.readTree(json.toFile()).get("tokens").forEach(t -> fromJson.add(t.get("id").asInt()));
        assertEquals(ids, fromJson);
    }

    @Test
    void pair_npzAndJson_storeSourceAndTargetIds() throws Exception {
        for (Seq2SeqModels.Family family : Seq2SeqModels.Family.values()) {
            Path model = Seq2SeqModels.writeDirectory(dir.resolve(family.name()), family, 5,
                    Seq2SeqModels.DecoderFile.PLAIN, true);
            Path npz = dir.resolve(family + ".npz");
            Path json = dir.resolve(family + ".json");
            for (Path out : List.of(npz, json)) {
                Cli.Result r = Cli.inProcess("capture", "--model", model.toString(), "--text", "The cat sat on the mat.",
                        "--target", "the cat sat", "--threads", "1", "--out", out.toString());
                assertEquals(0, r.exitCode(), r.err());
            }
            JsonNode z = numpy(npz, "source_token_ids", "source_pieces", "target_token_ids", "target_pieces");
            Path tok = model.resolve("tokenizer.json");
            List<Integer> source = ints(z.get("source_token_ids").get("values"));
            List<Integer> target = ints(z.get("target_token_ids").get("values"));
            assertEquals("int32", z.get("target_token_ids").get("dtype").asText());
            assertEquals(vocabularyIds(tok, z.get("source_pieces").get("values")), source, family.name());
            assertEquals(vocabularyIds(tok, z.get("target_pieces").get("values")), target, family.name());
            int start = JSON.readTree(model.resolve("config.json").toFile()).get("decoder_start_token_id").asInt();
            assertEquals(start, target.get(0), family + ": the decoder start token comes first");
            assertEquals(Seq2SeqModels.decoderStart(family), start);
            JsonNode root = JSON.readTree(json.toFile());
            List<Integer> jsonSource = new ArrayList<>();
            List<Integer> jsonTarget = new ArrayList<>();
            root.get("source_tokens").forEach(t -> jsonSource.add(t.get("id").asInt()));
            root.get("target_tokens").forEach(t -> jsonTarget.add(t.get("id").asInt()));
            assertEquals(source, jsonSource);
            assertEquals(target, jsonTarget);
        }
    }
}
