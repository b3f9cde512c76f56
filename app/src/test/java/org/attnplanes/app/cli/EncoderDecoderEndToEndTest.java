package org.attnplanes.app.cli;

import org.apache.commons.csv.CSVRecord;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.TestFiles;
import org.attnplanes.testmodels.BartOnnx;
import org.attnplanes.testmodels.Seq2SeqModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands on generated encoder–decoders (issue 13): analyze over a 5-pair corpus writes planes.csv rows of the
 * three blocks (encoder, decoder, cross) with layers counted per block; bad input (a decoder without its encoder,
 * a target without a decoder, a target beyond the decoder's limit) exits 2 with one sentence and no output.
 */
class EncoderDecoderEndToEndTest {

    @TempDir
    Path dir;

    private Path bart(Seq2SeqModels.DecoderFile file) throws Exception {
        return Seq2SeqModels.writeDirectory(dir.resolve("bart-" + file), Seq2SeqModels.Family.BART, 9, file, true);
    }

    @Test
    void analyze_fivePairCorpus_rowsOfAllThreeBlocks() throws Exception {
        Path model = bart(Seq2SeqModels.DecoderFile.MERGED);
        Path corpus = dir.resolve("pairs.csv");
        Files.writeString(corpus, "source,target\n"
                + "The cat sat on the mat.,the cat\n"
                + "The cat sat.,sat on\n"
                + "on the mat,The mat\n"
                + "cat,the cat sat on the mat\n"
                + "The cat,cat\n");
        Path out = dir.resolve("a");
        Cli.Result r = Cli.inProcess("analyze", "--model", model.toString(), "--input", corpus.toString(),
                "--column", "source", "--target-column", "target", "--threads", "1", "--workers", "1",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> header = TestFiles.csvHeader(out.resolve("planes.csv"));
        assertEquals(List.of("input", "layer", "head", "tokens", "block"), header.subList(0, 5));
        List<CSVRecord> rows = TestFiles.csvRecords(out.resolve("planes.csv"));
        int perPair = (BartOnnx.ENCODER_LAYERS + 2 * BartOnnx.DECODER_LAYERS) * BartOnnx.HEADS;   // one plane per head
        assertEquals(5 * perPair, rows.size());
        Map<String, Set<Integer>> layers = new HashMap<>();
        Map<Integer, Integer> encTokens = new HashMap<>();
        Map<Integer, Integer> decTokens = new HashMap<>();
        for (CSVRecord rec : rows) {
            layers.computeIfAbsent(rec.get("block"), k -> new TreeSet<>()).add(Integer.parseInt(rec.get("layer")));
            int input = Integer.parseInt(rec.get("input"));
            int tokens = Integer.parseInt(rec.get("tokens"));
            if (rec.get("block").equals("encoder")) {
                encTokens.put(input, tokens);
            } else if (rec.get("block").equals("decoder")) {
                decTokens.put(input, tokens);
            }
        }
        assertEquals(Set.of("encoder", "decoder", "cross"), layers.keySet());
        assertEquals(Set.of(0, 1), layers.get("encoder"), "encoder layers counted from 0");
        assertEquals(Set.of(0, 1, 2), layers.get("decoder"), "decoder layers counted from 0, not after the encoder's");
        assertEquals(Set.of(0, 1, 2), layers.get("cross"));
        for (CSVRecord rec : rows) {
            if (rec.get("block").equals("cross")) {
                int input = Integer.parseInt(rec.get("input"));
                assertEquals(encTokens.get(input) + decTokens.get(input), Integer.parseInt(rec.get("tokens")),
                        "a cross plane has the target and the source tokens");
                // a bipartite plane has no triangles
                for (String col : header) {
                    if (col.startsWith("cliques_3") && !rec.get(col).isEmpty()) {
                        assertEquals(0.0, Double.parseDouble(rec.get(col)), col);
                    }
                }
            }
        }
        String csv = Files.readString(out.resolve("planes.csv"));
        assertTrue(csv.contains("# decoder_file: decoder_model_merged.onnx\n"), csv.substring(0, 400));
        assertTrue(csv.contains("# target_column: target\n"));
    }

    @Test
    void capture_pair_npzHoldsThreeBlocksAndBothTokenLists() throws Exception {
        String python = System.getenv().getOrDefault("ATTNPLANES_PYTHON", "/usr/bin/python3");
        Path model = bart(Seq2SeqModels.DecoderFile.PLAIN);
        Path npz = dir.resolve("pair.npz");
        Cli.Result r = Cli.inProcess("capture", "--model", model.resolve(Seq2SeqModels.ENCODER_FILE).toString(),
                "--decoder", model.resolve(Seq2SeqModels.DECODER_FILE).toString(), "--text", "The cat sat.",
                "--target", "the cat", "--threads", "1", "--out", npz.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("wrote " + npz + " (encoder 2 layers, decoder 3 layers × 4 heads; "), r.out());
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of(python))
                || "1".equals(System.getenv("ATTNPLANES_REQUIRE_ORACLES")), "needs numpy");
        String script = String.join("\n",
                "import json, sys, numpy as np",
                "z = np.load(sys.argv[1])",
                "e, d, c = z['encoder_attention'], z['decoder_attention'], z['cross_attention']",
                "s, t = len(z['source_tokens']), len(z['target_tokens'])",
                "print(sorted(z.files))",
                "print(e.shape == (2, 4, s, s), d.shape == (3, 4, t, t), c.shape == (3, 4, t, s))",
                "print(bool(np.allclose(c.sum(-1), 1, atol=1e-5)), bool(np.all(np.triu(d, 1) == 0)))",
                "print(z['target_tokens'][0], bool(z['target_special'][0]), json.loads(str(z['provenance']))"
                        + "['decoder_start_token_id'])");
        Process p = new ProcessBuilder(python, "-c", script, npz.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("['cross_attention', 'decoder_attention', 'encoder_attention', 'provenance', 'source_pieces', "
                + "'source_special', 'source_token_ids', 'source_tokens', 'target_pieces', 'target_special', "
                + "'target_token_ids', 'target_tokens']\n"
                + "True True True\nTrue True\n</s> True 2", out);
    }

    @Test
    void capture_pairJson_holdsTheSameBlocksAsTheNpz() throws Exception {
        String python = System.getenv().getOrDefault("ATTNPLANES_PYTHON", "/usr/bin/python3");
        Path model = bart(Seq2SeqModels.DecoderFile.MERGED);
        Path npz = dir.resolve("pair.npz");
        Path json = dir.resolve("pair.json");
        for (Path out : List.of(npz, json)) {
            Cli.Result r = Cli.inProcess("capture", "--model", model.toString(), "--text", "The cat sat on the mat.",
                    "--target", "the cat", "--threads", "1", "--out", out.toString());
            assertEquals(0, r.exitCode(), r.err());
        }
        String script = String.join("\n",
                "import json, sys, numpy as np",
                "z = np.load(sys.argv[1])",
                "j = json.load(open(sys.argv[2]))",
                "for k in ['encoder_attention', 'decoder_attention', 'cross_attention']:",
                "    a = np.array(j[k], dtype=np.float32)",
                "    assert a.shape == z[k].shape, (k, a.shape, z[k].shape)",
                "    assert np.array_equal(a, z[k]), k",
                "assert [t['text'] for t in j['source_tokens']] == list(z['source_tokens'])",
                "assert [t['text'] for t in j['target_tokens']] == list(z['target_tokens'])",
                "assert json.loads(str(z['provenance'])) == j['provenance']",
                "print(j['source_text'], '|', j['target_text'], j['encoder_layers'], j['decoder_layers'], j['heads'],",
                "      z['cross_attention'].shape)");
        Process p = new ProcessBuilder(python, "-c", script, npz.toString(), json.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("The cat sat on the mat. | the cat 2 3 4 (3, 4, 6, 11)", out);
    }

    @Test
    void inspect_pair_describesBothModelsFeedsLimitsAndBlocks() throws Exception {
        Path merged = bart(Seq2SeqModels.DecoderFile.MERGED);
        Cli.Result r = Cli.inProcess("inspect", "--model", merged.toString());
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        for (String line : List.of("== encoder ==", "model: encoder_model.onnx (sha256 ", "== decoder ==",
                "model: decoder_model_merged.onnx (sha256 ",
                "decoder kind: merged (If on use_cache_branch; capture runs its no-cache branch",
                "  input_ids ← decoder start token 2 + the target's tokens [1, n_tgt] (teacher forcing)",
                "  encoder_hidden_states ← the encoder's last_hidden_state [1, n_src, " + BartOnnx.D + "]",
                "decoder start token: 2 (decoder_start_token_id of bart-MERGED/config.json)",
                "blocks: encoder 2 layers × 4 heads (self-attention); decoder 3 layers × 4 heads (causal "
                        + "self-attention); cross 3 layers × 4 heads (target rows × source columns)",
                "source limit: 48 tokens (learned position table of 50 rows, offset 2)",
                "target limit: 48 tokens (learned position table of 50 rows, offset 2), the start token included",
                "capture exposes: encoder_attention [2, 4, n_src, n_src], decoder_attention [3, 4, n_tgt, n_tgt], "
                        + "cross_attention [3, 4, n_tgt, n_src], the source and target tokens with their ids, and the "
                        + "decoder outputs [logits]",
                "capturable: yes (encoder 2 layers, decoder 3 layers; give --text and --target)")) {
            assertTrue(out.contains(line + "\n") || out.contains(line), "missing: " + line + "\n" + out);
        }
        Path t5 = Seq2SeqModels.writeDirectory(dir.resolve("t5"), Seq2SeqModels.Family.T5, 3,
                Seq2SeqModels.DecoderFile.PLAIN, false);
        r = Cli.inProcess("inspect", "--model", t5.resolve(Seq2SeqModels.ENCODER_FILE).toString(), "--decoder",
                t5.resolve(Seq2SeqModels.DECODER_FILE).toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("decoder kind: plain (no key/value cache inputs)\n"), r.out());
        assertTrue(r.out().contains("decoder start token: 0 (the tokenizer's padding id (no config.json with "
                + "decoder_start_token_id))\n"), r.out());
        assertTrue(r.out().contains("target limit: no limit"), r.out());
        Path t5merged = Seq2SeqModels.writeDirectory(dir.resolve("t5m"), Seq2SeqModels.Family.T5, 3,
                Seq2SeqModels.DecoderFile.MERGED, true);
        r = Cli.inProcess("inspect", "--model", t5merged.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("model: decoder_model_merged.onnx (sha256 "), r.out());
        assertTrue(r.out().contains("decoder kind: merged (If on use_cache_branch"), r.out());
        assertTrue(r.out().contains("decoder start token: 0 (decoder_start_token_id of t5m/config.json)"), r.out());
        Path onlyEncoder = Files.createDirectories(dir.resolve("only"));
        Files.copy(merged.resolve(Seq2SeqModels.ENCODER_FILE), onlyEncoder.resolve(Seq2SeqModels.ENCODER_FILE));
        String[][] bad = {
            {"inspect", "--decoder", merged.resolve(Seq2SeqModels.MERGED_FILE).toString()},
            {"inspect", "--model", onlyEncoder.toString()},
            {"inspect", "--model", merged.toString(), "--image", merged.resolve("config.json").toString()},
        };
        String[] expected = {"needs its encoder", "has encoder_model.onnx and no decoder_model.onnx",
            "--image cannot be given to an encoder-decoder"};
        for (int i = 0; i < bad.length; i++) {
            Cli.Result b = Cli.inProcess(bad[i]);
            assertEquals(2, b.exitCode(), "case " + i + ": " + b.err());
            assertTrue(b.err().contains(expected[i]), "case " + i + ": " + b.err());
            assertEquals(1, b.err().strip().lines().count(), b.err());
            assertEquals("", b.out(), "case " + i);
        }
    }

    @Test
    void render_crossPlane_nonBlankPngAndValidSvgNamingTheBlock() throws Exception {
        Path model = bart(Seq2SeqModels.DecoderFile.PLAIN);
        Path png = dir.resolve("cross.png");
        Path svg = dir.resolve("cross.svg");
        Cli.Result a = Cli.inProcess("render", "--model", model.toString(), "--text", "The cat sat on the mat.",
                "--target", "the cat", "--threads", "1", "--out", png.toString());
        Cli.Result b = Cli.inProcess("render", "--model", model.toString(), "--text", "The cat sat on the mat.",
                "--target", "the cat", "--block", "cross", "--top-k", "2", "--threads", "1", "--out", svg.toString());
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(0, b.exitCode(), b.err());
        assertTrue(TestFiles.distinctColours(javax.imageio.ImageIO.read(png.toFile()), 100) > 20, "PNG looks blank");
        org.w3c.dom.Document doc = TestFiles.parseXml(svg);
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        String text = doc.getDocumentElement().getTextContent();
        assertTrue(text.contains("cross layer 0"), "plane titles name the block");
        assertTrue(text.contains("cross-attention (green planes)"), "legend explains the bipartite planes");
        // --block all: encoder | cross | decoder with the block links (SVG elements l-<from>-<node>-<to>-<node>)
        Path allSvg = dir.resolve("all.svg");
        Path allPng = dir.resolve("all.png");
        for (Path f : List.of(allSvg, allPng)) {
            Cli.Result c = Cli.inProcess("render", "--model", model.toString(), "--text", "The cat sat on the mat.",
                    "--target", "the cat", "--block", "all", "--threads", "1", "--out", f.toString());
            assertEquals(0, c.exitCode(), c.err());
            assertTrue(c.out().contains("encoder, cross and decoder blocks, 8 planes"), c.out());
        }
        assertTrue(TestFiles.distinctColours(javax.imageio.ImageIO.read(allPng.toFile()), 100) > 20, "PNG blank");
        // one plane per head in three columns is unreadable: refused with a sentence, nothing written
        Path heads = dir.resolve("heads.png");
        Cli.Result ph = Cli.inProcess("render", "--model", model.toString(), "--text", "The cat sat on the mat.",
                "--target", "the cat", "--block", "all", "--heads", "per-head", "--threads", "1", "--out",
                heads.toString());
        assertEquals(2, ph.exitCode(), ph.err());
        assertTrue(ph.err().contains("--heads per-head cannot be drawn with --block all"), ph.err());
        assertTrue(!Files.exists(heads), "nothing written");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("l-(\\d+)-(\\d+)-(\\d+)-(\\d+)['\"]")
                .matcher(Files.readString(allSvg));
        int fromEncoder = 0;
        int fromDecoder = 0;
        while (m.find()) {
            int from = Integer.parseInt(m.group(1));
            int to = Integer.parseInt(m.group(3));
            if (from == 1 && to >= 2 && to <= 4) {
                fromEncoder++;                      // encoder layer 1 (its last plane) → cross planes 2..4
            } else if (from >= 5 && to == from - 3 && m.group(2).equals(m.group(4))) {
                fromDecoder++;                      // decoder layer l (plane 5 + l) → cross layer l, node t → t
            }
        }
        assertEquals(3 * 11, fromEncoder, "every cross plane's 11 source tokens linked from the encoder's last plane");
        assertEquals(3 * 6, fromDecoder, "every cross plane's 6 target tokens linked from its decoder layer");
        assertTrue(TestFiles.parseXml(allSvg).getDocumentElement().getTextContent()
                .contains("block links: encoder's last plane → cross sources (33)"));
        Cli.Result bad = Cli.inProcess("render", "--model", model.toString(), "--text", "The cat", "--target", "cat",
                "--block", "middle", "--out", dir.resolve("x.png").toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("--block middle is not one of encoder, decoder, cross"), bad.err());
        assertFalse(Files.exists(dir.resolve("x.png")));
    }

    @Test
    void badInput_pairOptions_exit2OneSentenceNoOutput() throws Exception {
        Path model = bart(Seq2SeqModels.DecoderFile.PLAIN);
        Path decoder = model.resolve(Seq2SeqModels.DECODER_FILE);
        Path out = dir.resolve("bad");
        String[][] cases = {
            {"analyze", "--decoder", decoder.toString(), "--text", "The cat", "--target", "cat", "--out",
                out.toString()},
            {"analyze", "--model", model.resolve(Seq2SeqModels.ENCODER_FILE).toString(), "--text", "The cat",
                "--target", "cat", "--out", out.toString()},
            {"analyze", "--model", decoder.toString(), "--text", "The cat", "--out", out.toString()},
            {"capture", "--model", model.toString(), "--text", "The cat", "--target", "cat ".repeat(60), "--out",
                out.toString() + ".npz"},
            {"analyze", "--model", model.toString(), "--text", "The cat", "--out", out.toString()},
        };
        String[] expected = {
            "--decoder " + decoder + " needs its encoder",
            "--target needs an encoder-decoder",
            "decoder_model.onnx is the decoder of an encoder–decoder",
            "--target: target has 64 tokens with the decoder start token but at most 48 are allowed",
            "--target is missing",
        };
        for (int i = 0; i < cases.length; i++) {
            Cli.Result r = Cli.inProcess(cases[i]);
            assertEquals(2, r.exitCode(), "case " + i + ": " + r.err());
            String err = r.err().strip();
            assertTrue(err.contains(expected[i]), "case " + i + ": " + err);
            assertEquals(1, err.lines().count(), "one sentence: " + err);
            assertFalse(err.contains("Exception"), err);
            assertFalse(Files.exists(out), "case " + i + " left " + out);
            assertFalse(Files.exists(Path.of(out + ".npz")), "case " + i + " left " + out + ".npz");
        }
    }
}
