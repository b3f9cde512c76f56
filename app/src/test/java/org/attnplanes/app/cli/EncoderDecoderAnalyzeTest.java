package org.attnplanes.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVRecord;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.TestFiles;
import org.attnplanes.testmodels.BartOnnx;
import org.attnplanes.testmodels.Seq2SeqModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code analyze} on an encoder–decoder with the options a single model has (issue 13): batches whose sources share
 * one encoder call give the same rows as one pair per batch, {@code --max-memory} splits pairs into layer passes with
 * the same rows, {@code --save-matrices} keeps all three blocks and both token id lists, {@code --layers} counts
 * within each block and {@code --blocks} picks blocks; bad combinations exit 2 with one sentence and no output.
 */
class EncoderDecoderAnalyzeTest {

    @TempDir
    Path dir;

    private Path model;
    private Path corpus;

    @BeforeEach
    void setUp() throws Exception {
        model = Seq2SeqModels.writeDirectory(dir.resolve("bart"), Seq2SeqModels.Family.BART, 13,
                Seq2SeqModels.DecoderFile.PLAIN, true);
        corpus = dir.resolve("pairs.csv");
        Files.writeString(corpus, "source,target\n"
                + "The cat sat on the mat.,the cat\n"
                + "The cat sat.,sat on\n"
                + "on the mat,The mat\n"
                + "cat,the cat sat on the mat\n"
                + "The cat,cat\n"
                + "the mat,\n");
    }

    private Cli.Result analyze(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("analyze", "--model", model.toString(), "--input",
                corpus.toString(), "--column", "source", "--target-column", "target", "--threads", "1", "--workers",
                "1", "--out", out.toString()));
        args.addAll(List.of(extra));
        return Cli.inProcess(args.toArray(String[]::new));
    }

    private static List<String> rows(Path out) throws Exception {
        return Files.readAllLines(out.resolve("planes.csv")).stream().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void batchedAndPassedPairs_giveTheRowsOfOnePairPerBatch() throws Exception {
        Path one = dir.resolve("one");
        Path batched = dir.resolve("batched");
        Path passes = dir.resolve("passes");
        Cli.Result a = analyze(one, "--batch", "1");
        Cli.Result b = analyze(batched, "--batch", "8");
        // a cross layer of the longest pair is 4 heads × 7 × 11 floats: 3 KB fits one layer, never three
        Cli.Result c = analyze(passes, "--batch", "8", "--max-memory", "3000");
        for (Cli.Result r : List.of(a, b, c)) {
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.err().contains("record 6 skipped: the target text is empty"), r.err());
        }
        List<String> expected = rows(one);
        assertEquals(1 + 5 * (BartOnnx.ENCODER_LAYERS + 2 * BartOnnx.DECODER_LAYERS) * BartOnnx.HEADS,
                expected.size());
        assertEquals(expected, rows(batched), "one encoder call per batch changes no row");
        assertEquals(expected, rows(passes), "layer passes change no row");
        assertTrue(c.out().contains("inputs exceeded --max-memory 3000 and were captured in"), c.out());
        assertFalse(b.out().contains("exceeded --max-memory"), b.out());
    }

    @Test
    void saveMatrices_keepsEveryBlockAndBothTokenIdLists() throws Exception {
        Path out = dir.resolve("m");
        Path npz = dir.resolve("m.npz");
        Cli.Result r = analyze(out, "--save-matrices", npz.toString());
        assertEquals(0, r.exitCode(), r.err());
        String python = System.getenv().getOrDefault("ATTNPLANES_PYTHON", "/usr/bin/python3");
        String script = String.join("\n",
                "import json, sys, numpy as np",
                "z = np.load(sys.argv[1])",
                "out = {}",
                "for k in z.files:",
                "    out[k] = {'shape': list(z[k].shape), 'dtype': str(z[k].dtype), 'min': float(z[k].min()),",
                "              'max': float(z[k].max()), 'first': z[k].ravel()[0].item()}",
                "print(json.dumps(out))");
        Process p = new ProcessBuilder(python, "-c", script, npz.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.exitValue(), output);
        JsonNode z = new ObjectMapper().readTree(output);
        assertEquals(5 * 5, z.size(), "5 pairs × (3 blocks + 2 id lists): " + z.fieldNames());
        List<CSVRecord> csv = TestFiles.csvRecords(out.resolve("planes.csv"));
        for (int input = 1; input <= 5; input++) {
            String k = "input_" + input + "_";
            int s = z.get(k + "source_token_ids").get("shape").get(0).asInt();
            int t = z.get(k + "target_token_ids").get("shape").get(0).asInt();
            assertEquals("int32", z.get(k + "target_token_ids").get("dtype").asText());
            assertEquals(2, z.get(k + "target_token_ids").get("first").asInt(), "the decoder start token");
            assertEquals(0, z.get(k + "source_token_ids").get("first").asInt(), "<s>");
            int encPlanes = BartOnnx.ENCODER_LAYERS * BartOnnx.HEADS;
            int decPlanes = BartOnnx.DECODER_LAYERS * BartOnnx.HEADS;
            assertEquals(List.of(encPlanes, s, s), shape(z.get(k + "encoder")), k);
            assertEquals(List.of(decPlanes, t, t), shape(z.get(k + "decoder")), k);
            assertEquals(List.of(decPlanes, t, s), shape(z.get(k + "cross")), k + ": target rows × source columns");
            for (String block : List.of("encoder", "decoder", "cross")) {
                assertTrue(z.get(k + block).get("min").asDouble() >= 0, k + block);
                assertTrue(z.get(k + block).get("max").asDouble() > 0, k + block);
            }
            final int in = input;
            for (CSVRecord rec : csv) {
                if (Integer.parseInt(rec.get("input")) == in) {
                    int tokens = Integer.parseInt(rec.get("tokens"));
                    int expected = switch (rec.get("block")) {
                        case "encoder" -> s;
                        case "decoder" -> t;
                        default -> s + t;
                    };
                    assertEquals(expected, tokens, "planes.csv and the matrices agree on the token counts");
                }
            }
        }
    }

    private static List<Integer> shape(JsonNode entry) {
        List<Integer> out = new ArrayList<>();
        entry.get("shape").forEach(n -> out.add(n.asInt()));
        return out;
    }

    @Test
    void layersCountWithinEachBlock_blocksPickBlocks() throws Exception {
        Path out = dir.resolve("l");
        Cli.Result r = analyze(out, "--layers", "2", "--blocks", "cross,decoder");
        assertEquals(0, r.exitCode(), r.err());
        List<CSVRecord> rows = TestFiles.csvRecords(out.resolve("planes.csv"));
        assertEquals(5 * 2 * BartOnnx.HEADS, rows.size());
        for (CSVRecord rec : rows) {
            assertEquals("2", rec.get("layer"));
            assertTrue(List.of("decoder", "cross").contains(rec.get("block")), rec.get("block"));
        }
        assertTrue(Files.readString(out.resolve("planes.csv")).contains("# blocks_analysed: decoder,cross\n"));
        Path enc = dir.resolve("e");
        r = analyze(enc, "--layers", "0", "--blocks", "encoder");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(5 * BartOnnx.HEADS, TestFiles.csvRecords(enc.resolve("planes.csv")).size());
    }

    @Test
    void badPairAnalyzeOptions_exit2OneSentenceNoOutput() throws Exception {
        Path out = dir.resolve("bad");
        Path npz = dir.resolve("bad.npz");
        String[][] extra = {
            {"--layers", "2"},
            {"--blocks", "middle"},
            {"--blocks", "encoder", "--layers", "2", "--save-matrices", npz.toString()},
        };
        String[] expected = {
            "--layers 2 selects a layer outside the encoder block's [0, 1] (the encoder has 2 layers, the decoder and "
                    + "cross blocks 3); select fewer layers or fewer blocks with --blocks.",
            "--blocks middle is not allowed; give all or a comma list of encoder, decoder, cross.",
            "--layers 2 selects a layer outside the encoder block's [0, 1]",
        };
        for (int i = 0; i < extra.length; i++) {
            Cli.Result r = analyze(out, extra[i]);
            assertEquals(2, r.exitCode(), "case " + i + ": " + r.err());
            assertTrue(r.err().strip().contains(expected[i]), "case " + i + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out), "case " + i);
            assertFalse(Files.exists(npz), "case " + i);
        }
        Cli.Result single = Cli.inProcess("analyze", "--text", "The cat.", "--blocks", "cross", "--out",
                out.toString());
        assertEquals(2, single.exitCode(), single.err());
        assertEquals("attnplanes analyze: --blocks needs an encoder-decoder: give --model encoder_model.onnx --decoder "
                + "decoder_model.onnx, or --model DIR holding both.", single.err().strip());
        assertFalse(Files.exists(out));
    }
}
