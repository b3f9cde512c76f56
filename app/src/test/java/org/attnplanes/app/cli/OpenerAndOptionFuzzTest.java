package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.attnplanes.app.AttnPlanes;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.model.DefaultModel;
import org.attnplanes.testmodels.Seq2SeqModels;
import org.attnplanes.testmodels.TinyOnnx;
import org.attnplanes.testmodels.VitOnnx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Issue 12 fuzzing of the tokenizer and model openers and of the option parsers, in-process through the real
 * command line. Inputs: seeded mutations (truncation, byte flips, JSON values of the wrong type) of the real
 * all-MiniLM-L6-v2 tokenizer.json and of a real small ONNX encoder (test-models' TinyOnnx), and random argument
 * vectors over every subcommand but {@code gui} (it opens a window), without {@code --debug} (it asks for stack
 * traces). Invariants: exit 0 or 2, exit 2 with exactly
 * one stderr line, never a stack trace, the inputs byte-for-byte unchanged, and nothing written but complete
 * outputs (no file at all after exit 2).
 *
 * <p>The options added since issue 12 was written (encoder–decoder pairs, ViT images and preprocessing, overlays,
 * {@code --max-memory}, {@code --block}, {@code --class-labels}, HTML export) get a table of every bad value each
 * (exit 2 naming the option) and random vectors over the pair and ViT families.
 *
 * <p>Sizes: {@code -Dattnplanes.fuzz.n=N} scales every generator (CI default 600: 150 tokenizers, 60 models, 600
 * argument vectors, 150 pair/ViT vectors); {@code -Dattnplanes.fuzz.report=FILE} appends the counts per generator and exit code
 * (benchmarks/scripts/fuzz.sh runs ≥ 100,000 inputs this way).
 */
class OpenerAndOptionFuzzTest {

    private static final int N = Integer.getInteger("attnplanes.fuzz.n", 600);
    private static String previousModelCache;

    @TempDir
    Path dir;

    @BeforeAll
    static void noModelCache() {
        // mutated models must not fill the user's split-model cache
        previousModelCache = System.getProperty(DefaultModel.MODEL_CACHE_PROPERTY);
        System.setProperty(DefaultModel.MODEL_CACHE_PROPERTY, "false");
    }

    @AfterAll
    static void restoreModelCache() {
        if (previousModelCache == null) {
            System.clearProperty(DefaultModel.MODEL_CACHE_PROPERTY);
        } else {
            System.setProperty(DefaultModel.MODEL_CACHE_PROPERTY, previousModelCache);
        }
    }

    // ------------------------------------------------------------------ mutations

    /** One seeded mutation of {@code original}: truncation, 1–8 byte flips, or a JSON value of the wrong type. */
    static byte[] mutate(byte[] original, Random r, boolean json) {
        int kind = r.nextInt(json ? 3 : 2);
        if (kind == 0) {
            return java.util.Arrays.copyOf(original, r.nextInt(original.length));
        }
        if (kind == 1) {
            byte[] b = original.clone();
            int flips = 1 + r.nextInt(8);
            for (int i = 0; i < flips; i++) {
                int at = r.nextInt(Math.min(b.length, r.nextBoolean() ? 4096 : b.length));
                b[at] = (byte) (r.nextBoolean() ? b[at] ^ (1 << r.nextInt(8)) : r.nextInt(256));
            }
            return b;
        }
        String s = new String(original, StandardCharsets.UTF_8);
        String[] keys = {"model", "vocab", "type", "unk_token", "added_tokens", "padding", "truncation", "normalizer",
            "pre_tokenizer", "post_processor", "decoder", "id", "content", "special", "pad_id", "continuing_subword_prefix",
            "max_input_chars_per_word", "single", "pair", "special_tokens", "version"};
        String[] wrong = {"null", "0", "-1", "1e999", "\"x\"", "[]", "{}", "[1,\"a\",null]", "{\"type\":7}", "true",
            "\"\"", "99999999999"};
        String key = "\"" + keys[r.nextInt(keys.length)] + "\"";
        int at = s.indexOf(key, r.nextInt(Math.max(1, s.length() / 50)));
        if (at < 0) {
            at = s.indexOf(key);
        }
        if (at < 0) {
            return mutate(original, r, false);
        }
        int colon = s.indexOf(':', at + key.length());
        int end = valueEnd(s, colon + 1);
        return (s.substring(0, colon + 1) + wrong[r.nextInt(wrong.length)] + s.substring(end))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The index just after the JSON value that starts at or after {@code from}. */
    private static int valueEnd(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i >= s.length()) {
            return s.length();
        }
        char c = s.charAt(i);
        if (c == '"') {
            for (int j = i + 1; j < s.length(); j++) {
                if (s.charAt(j) == '\\') {
                    j++;
                } else if (s.charAt(j) == '"') {
                    return j + 1;
                }
            }
            return s.length();
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            boolean str = false;
            for (int j = i; j < s.length(); j++) {
                char d = s.charAt(j);
                if (str) {
                    if (d == '\\') {
                        j++;
                    } else if (d == '"') {
                        str = false;
                    }
                } else if (d == '"') {
                    str = true;
                } else if (d == '{' || d == '[') {
                    depth++;
                } else if ((d == '}' || d == ']') && --depth == 0) {
                    return j + 1;
                }
            }
            return s.length();
        }
        int j = i;
        while (j < s.length() && ",}] \n\r\t".indexOf(s.charAt(j)) < 0) {
            j++;
        }
        return j;
    }

    // ------------------------------------------------------------------ invariants

    private final Map<String, Integer> counts = new TreeMap<>();

    /** Runs {@code args} in-process and checks the invariants; returns the result. */
    private Cli.Result check(String generator, String where, List<Path> inputs, Path out, String... args) throws IOException {
        List<byte[]> before = new ArrayList<>();
        for (Path in : inputs) {
            before.add(Files.readAllBytes(in));
        }
        List<String> filesBefore = listing();
        String trace = System.getProperty("attnplanes.fuzz.trace");
        if (trace != null) {
            // the input about to run, for a crash that takes the JVM down (a native abort cannot be caught)
            Files.writeString(Path.of(trace), generator + " " + where + ": attnplanes " + String.join(" ", args)
                    + "\n");
        }
        Cli.Result r = Cli.inProcess(args);
        String what = where + ": attnplanes " + String.join(" ", args) + "\nexit " + r.exitCode() + " stderr: "
                + r.err();
        assertTrue(r.exitCode() == 0 || r.exitCode() == 2, what);
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:") || r.err().contains("Error:")
                && !r.err().startsWith("attnplanes: Error:"), what);
        if (r.exitCode() == 2) {
            assertEquals(1, r.err().lines().count(), what);
        }
        for (int i = 0; i < inputs.size(); i++) {
            assertArrayEquals(before.get(i), Files.readAllBytes(inputs.get(i)), "input changed: " + what);
        }
        List<String> filesAfter = listing();
        for (String f : filesAfter) {
            assertFalse(f.contains(".attnplanes-") && !f.endsWith(".attnplanes-manifest.json")
                    && !f.endsWith(".attnplanes.lock"), "staged file left: " + f + " after " + what);
        }
        if (r.exitCode() == 2) {
            assertEquals(filesBefore, filesAfter, "exit 2 must write nothing: " + what);
        }
        counts.merge(generator + " exit " + r.exitCode(), 1, Integer::sum);
        if (out != null && r.exitCode() == 0) {
            deleteTree(out);
        }
        return r;
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private void report(String test, int inputs) throws IOException {
        String file = System.getProperty("attnplanes.fuzz.report");
        if (file != null) {
            StringBuilder sb = new StringBuilder(test + ": " + inputs + " inputs");
            counts.forEach((k, v) -> sb.append("; ").append(k).append(": ").append(v));
            Files.writeString(Path.of(file), sb + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private Path tinyModel() throws IOException {
        Path m = dir.resolve("tiny.onnx");
        Files.write(m, TinyOnnx.encoder(new TinyOnnx.Weights(5), TinyOnnx.Layout.RANK4, false).toByteArray());
        return m;
    }

    // ------------------------------------------------------------------ generators

    @Test
    void tokenizerOpener_mutatedRealTokenizer_exit0or2_oneSentence_nothingWritten() throws Exception {
        byte[] real = Files.readAllBytes(DefaultModel.tokenizer());
        Path model = tinyModel();
        Path tok = dir.resolve("tokenizer.json");
        Path out = dir.resolve("trace.json");
        int n = Math.max(20, N / 4);
        for (int seed = 0; seed < n; seed++) {
            Random r = new Random(seed);
            Files.write(tok, mutate(real, r, true));
            check("tokenizer", "seed " + seed, List.of(tok, model), out, "capture", "--model", model.toString(),
                    "--tokenizer", tok.toString(), "--text", "the cat sat", "--out", out.toString());
        }
        report("tokenizer opener (mutated all-MiniLM-L6-v2 tokenizer.json, capture)", n);
    }

    @Test
    void modelOpener_mutatedRealOnnx_exit0or2_oneSentence_nothingWritten() throws Exception {
        byte[] real = Files.readAllBytes(tinyModel());
        Path model = dir.resolve("m.onnx");
        int n = Math.max(20, N / 10);
        for (int seed = 0; seed < n; seed++) {
            Random r = new Random(100_000L + seed);
            Files.write(model, mutate(real, r, false));
            check("model", "seed " + seed, List.of(model), null, "inspect", "--model", model.toString());
        }
        report("model opener (mutated TinyOnnx encoder .onnx, inspect)", n);
    }

    @Test
    void optionParsers_randomArgumentVectors_exit0or2_oneSentence_nothingWritten() throws Exception {
        Path model = tinyModel();
        Path text = Files.writeString(dir.resolve("corpus.txt"), "The cat sat.\nA dog ran.\n");
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path matrix = Files.writeString(dir.resolve("m.txt"), "1\n2,3\n");
        List<Path> inputs = List.of(model, text, matrix);
        String[] values = {"", "0", "1", "-1", "2", "3", "0.5", "1.5", "NaN", "-0", "1e9", "99999999999", "x",
            "mean", "max", "per-head", "sum", "json", "sparse", "lower-distance", "all", "0,1", "0..2", "a,b",
            "\u0000", "--out", "-", model.toString(), text.toString(), folder.toString(), matrix.toString(),
            dir.resolve("missing.txt").toString(), dir.resolve("new-out").toString(),
            dir.resolve("new.json").toString(), dir.resolve("new.npz").toString(), "/proc/x", "/dev/null"};
        CommandLine root = AttnPlanes.newCommandLine();
        List<String> names = new ArrayList<>(root.getSubcommands().keySet());
        names.remove("gui");        // opens a window
        names.remove("help");
        int n = N;
        for (int seed = 0; seed < n; seed++) {
            Random r = new Random(200_000L + seed);
            String cmd = names.get(r.nextInt(names.size()));
            List<OptionSpec> options = root.getSubcommands().get(cmd).getCommandSpec().options();
            List<String> args = new ArrayList<>(List.of(cmd));
            int k = r.nextInt(7);
            for (int i = 0; i < k; i++) {
                if (r.nextInt(12) == 0) {
                    args.add(r.nextBoolean() ? "--no-such-option" : values[r.nextInt(values.length)]);
                    continue;
                }
                OptionSpec o = options.get(r.nextInt(options.size()));
                String name = o.names()[r.nextInt(o.names().length)];
                if (name.equals("--debug")) {
                    continue;       // asks for stack traces
                }
                if (o.usageHelp() || o.versionHelp()) {
                    if (r.nextInt(4) != 0) {
                        continue;
                    }
                }
                if (o.arity().max() == 0) {
                    args.add(name);
                } else {
                    args.add(name);
                    args.add(values[r.nextInt(values.length)]);
                }
            }
            if ((cmd.equals("demo") || cmd.equals("analyze") || cmd.equals("capture") || cmd.equals("inspect")
                    || cmd.equals("render") || cmd.equals("compare-encodings")) && !args.contains("--model")) {
                // the default MiniLM would make a valid vector take seconds: use the tiny model (same code paths)
                args.add("--model");
                args.add(r.nextInt(5) == 0 ? text.toString() : model.toString());
            }
            if (cmd.equals("demo") && !args.contains("--out")) {
                args.add("--out");
                args.add(dir.resolve("demo-out").toString());   // never the working directory
            }
            check("options " + cmd, "seed " + seed, inputs, null, args.toArray(String[]::new));
            for (String made : List.of("new-out", "new.json", "new.npz", "demo-out")) {
                deleteTree(dir.resolve(made));
            }
        }
        report("option parsers (random argument vectors over " + names.size() + " subcommands)", n);
    }

    // ------------------------------------------------------------------ hostile sweep of the newer options

    /** Fixtures of the newer families: a BART pair folder, a ViT, a PNG, a pair corpus, a damaged image. */
    private record Families(Path bart, Path decoder, Path vit, Path png, Path badImage, Path pairs, Path tiny,
                            Path text) {
        List<Path> inputs() {
            return List.of(decoder, vit, png, badImage, pairs, tiny, text, bart.resolve(
                    Seq2SeqModels.ENCODER_FILE));
        }
    }

    private Families families() throws IOException {
        Path bart = Seq2SeqModels.writeDirectory(dir.resolve("bart"), Seq2SeqModels.Family.BART, 9,
                Seq2SeqModels.DecoderFile.MERGED, true);
        VitOnnx.Spec spec = VitOnnx.Spec.square(VitOnnx.Variant.VIT);
        Path vit = VitOnnx.write(dir.resolve("vit"), VitOnnx.vit(spec, 11), VitOnnx.preprocessorConfig(spec, 2));
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(20, 16,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        Random r = new Random(3);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 20; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        Path png = dir.resolve("image.png");
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        byte[] bad = Files.readAllBytes(png);
        Path badImage = Files.write(dir.resolve("cut.png"), java.util.Arrays.copyOf(bad, bad.length / 2));
        Path pairs = Files.writeString(dir.resolve("pairs.csv"), "source,target\nThe cat sat.,the cat\non the mat,sat\n");
        return new Families(bart, bart.resolve(Seq2SeqModels.MERGED_FILE), vit, png, badImage, pairs, tinyModel(),
                Files.writeString(dir.resolve("corpus.txt"), "The cat sat.\nA dog ran.\n"));
    }

    /**
     * Every bad value of the options added since issue 12 was written (encoder–decoder, ViT, overlays, memory
     * bound, blocks, class labels, HTML export): exit 2, one sentence that names the option, nothing written,
     * the inputs unchanged.
     */
    @Test
    void newerOptions_everyBadValue_exit2OneSentenceNamingTheOption_nothingWritten() throws Exception {
        Families f = families();
        String out = dir.resolve("new-out").toString();
        String bart = f.bart().toString();
        String vit = f.vit().toString();
        String tiny = f.tiny().toString();
        String png = f.png().toString();
        String missing = dir.resolve("missing.onnx").toString();
        String folder = Files.createDirectories(dir.resolve("folder")).toString();
        List<String[]> cases = List.of(
                // --decoder
                new String[] {"--decoder", "analyze", "--model", tiny, "--decoder", missing, "--text", "a", "--target", "a",
                    "--out", out},
                new String[] {"not the decoder", "analyze", "--model", tiny, "--tokenizer",
                    f.bart().resolve("tokenizer.json").toString(), "--decoder", tiny, "--text", "a", "--target", "a",
                    "--out", out},
                new String[] {"--decoder", "capture", "--model", tiny, "--decoder", folder, "--text", "a", "--target",
                    "a", "--out", out + ".npz"},
                new String[] {f.text().toString(), "inspect", "--model",
                    f.bart().resolve(Seq2SeqModels.ENCODER_FILE).toString(), "--decoder", f.text().toString()},
                new String[] {"--image", "render", "--model", vit, "--decoder", f.decoder().toString(), "--image",
                    png, "--out", out + ".png"},
                // --target, --target-column, --target-field
                new String[] {"--target", "capture", "--model", tiny, "--target", "the cat", "--text", "a", "--out",
                    out + ".npz"},
                new String[] {"--target", "capture", "--model", bart, "--target", "", "--text", "a", "--out",
                    out + ".npz"},
                new String[] {"--target", "capture", "--model", bart, "--target", "cat ".repeat(400), "--text", "a",
                    "--out", out + ".npz"},
                new String[] {"--target-column", "analyze", "--model", bart, "--input", f.pairs().toString(),
                    "--column", "source", "--target-column", "nope", "--out", out},
                new String[] {"--target-column", "analyze", "--model", bart, "--input", f.text().toString(),
                    "--target-column", "target", "--out", out},
                new String[] {"--target-field", "analyze", "--model", bart, "--input", f.pairs().toString(),
                    "--column", "source", "--target-field", "target", "--out", out},
                new String[] {"--target-column", "analyze", "--model", tiny, "--input", f.pairs().toString(),
                    "--column", "source", "--target-column", "target", "--out", out},
                // --image
                new String[] {"--image", "capture", "--model", vit, "--image", dir.resolve("none.png").toString(),
                    "--out", out + ".npz"},
                new String[] {"--image", "capture", "--model", vit, "--image", f.badImage().toString(), "--out",
                    out + ".npz"},
                new String[] {"--image", "capture", "--model", vit, "--image", folder, "--out", out + ".npz"},
                new String[] {"--image", "capture", "--model", vit, "--image", f.text().toString(), "--out",
                    out + ".npz"},
                new String[] {"--image", "analyze", "--model", tiny, "--image", png, "--out", out},
                new String[] {"--image", "render", "--model", bart, "--image", png, "--out", out + ".png"},
                // --overlay
                new String[] {"--overlay", "render", "--model", vit, "--image", png, "--overlay", "nope", "--out",
                    out + ".png"},
                new String[] {"--overlay", "render", "--model", tiny, "--text", "a b", "--overlay", "rollout",
                    "--out", out + ".png"},
                // --max-memory
                new String[] {"--max-memory", "analyze", "--model", tiny, "--text", "a", "--max-memory", "0", "--out",
                    out},
                new String[] {"--max-memory", "analyze", "--model", tiny, "--text", "a", "--max-memory", "-5m",
                    "--out", out},
                new String[] {"--max-memory", "analyze", "--model", tiny, "--text", "a", "--max-memory", "12x",
                    "--out", out},
                new String[] {"--max-memory", "analyze", "--model", tiny, "--text", "a", "--max-memory",
                    "999999999999999g", "--out", out},
                new String[] {"--max-memory", "analyze", "--model", tiny, "--text", "a", "--max-memory", "", "--out",
                    out},
                // --block
                new String[] {"--block", "render", "--model", tiny, "--text", "a b", "--block", "cross", "--out",
                    out + ".png"},
                new String[] {"--block", "render", "--model", bart, "--text", "a b", "--target", "a", "--block",
                    "sideways", "--out", out + ".png"},
                // --class-labels
                new String[] {"--class-labels", "render", "--model", vit, "--image", png, "--class-labels", "a,b",
                    "--out", out + ".png"},
                new String[] {"--class-labels", "render", "--model", vit, "--image", png, "--class-labels", ",,",
                    "--out", out + ".png"},
                new String[] {"--class-labels", "analyze", "--model", vit, "--image", png, "--class-labels",
                    "a,b,c,d,e", "--out", out},
                // render --out x.html and other export paths
                new String[] {"--out", "render", "--model", tiny, "--text", "a b", "--out", folder},
                new String[] {"--out", "render", "--model", tiny, "--text", "a b", "--out",
                    dir.resolve("no-such-folder").resolve("x.html").toString()},
                new String[] {"--out", "render", "--model", tiny, "--text", "a b", "--out", out + ".xyz"},
                new String[] {"--out", "render", "--model", tiny, "--text", "a b", "--out", "/proc/x.html"},
                new String[] {"--out", "render", "--model", tiny, "--text", "a b", "--out", f.text().toString()},
                // ViT preprocessing
                new String[] {"--image-size", "capture", "--model", vit, "--image", png, "--image-size", "0",
                    "--out", out + ".npz"},
                new String[] {"--image-size", "capture", "--model", vit, "--image", png, "--image-size", "3x",
                    "--out", out + ".npz"},
                new String[] {"--resample", "capture", "--model", vit, "--image", png, "--resample", "sharpest",
                    "--out", out + ".npz"},
                new String[] {"--crop-size", "capture", "--model", vit, "--image", png, "--crop-size", "-1", "--out",
                    out + ".npz"},
                new String[] {"--rescale-factor", "capture", "--model", vit, "--image", png, "--rescale-factor",
                    "NaN", "--out", out + ".npz"},
                new String[] {"--image-mean", "capture", "--model", vit, "--image", png, "--image-mean", "0.5,0.5",
                    "--out", out + ".npz"},
                new String[] {"--image-std", "capture", "--model", vit, "--image", png, "--image-std", "0,0,0",
                    "--out", out + ".npz"},
                new String[] {"--preprocessor-config", "capture", "--model", vit, "--image", png,
                    "--preprocessor-config", dir.resolve("none.json").toString(), "--out", out + ".npz"},
                new String[] {"--preprocessor-config", "capture", "--model", vit, "--image", png,
                    "--preprocessor-config", f.text().toString(), "--out", out + ".npz"},
                new String[] {"--image-size", "capture", "--model", tiny, "--text", "a", "--image-size", "32",
                    "--out", out + ".npz"});
        List<String> failures = new ArrayList<>();
        for (String[] c : cases) {
            String option = c[0];
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            Cli.Result r = check("newer options", option, f.inputs(), null, args);
            String line = "attnplanes " + String.join(" ", args) + "\n  exit " + r.exitCode() + ": " + r.err().strip();
            if (r.exitCode() != 2 || !r.err().contains(option)) {
                failures.add(line);
            }
            for (String made : List.of("new-out", "new-out.npz", "new-out.png", "new-out.xyz")) {
                deleteTree(dir.resolve(made));
            }
        }
        assertEquals(List.of(), failures, "each bad value must exit 2 naming its option");
        report("newer options (hostile sweep)", cases.size());
    }

    /**
     * Random argument vectors over the newer families (encoder–decoder pairs, ViT images) and their options, with
     * hostile values: the fuzz invariants of {@link #check}.
     */
    @Test
    void newerFamilies_randomArgumentVectors_exit0or2_oneSentence_nothingWritten() throws Exception {
        Families f = families();
        String[] models = {f.bart().toString(), f.vit().toString(), f.tiny().toString(), f.decoder().toString(),
            f.png().toString()};
        String[] commands = {"analyze", "capture", "render", "inspect"};
        String[][] options = {
            {"--decoder", f.decoder().toString(), f.tiny().toString(), f.png().toString(), "", "/dev/null"},
            {"--target", "", "the", "\u0000", "cat ".repeat(100), "a,b"},
            {"--target-column", "target", "source", "", "nope", "0"},
            {"--target-field", "target", "", "x"},
            {"--image", f.png().toString(), f.badImage().toString(), f.text().toString(), "/dev/null", ""},
            {"--input", f.pairs().toString(), f.text().toString(), f.png().toString()},
            {"--column", "source", "target", "", "7"},
            {"--text", "The cat sat.", "", "\u0001\u0002"},
            {"--overlay", "rollout", "none", "x", ""},
            {"--max-memory", "1", "1k", "0", "-1", "1g", "x", "99999999999999999999"},
            {"--block", "encoder", "decoder", "cross", "self", "x"},
            {"--class-labels", "a", "a,b,c", "", ",", "a,,b"},
            {"--image-size", "16", "0", "16x", "x16", "-3", "100000"},
            {"--crop-size", "none", "8", "0", "99999"},
            {"--resample", "bilinear", "nearest", "x", "9"},
            {"--rescale-factor", "0", "-1", "NaN", "Infinity", "0.5"},
            {"--image-mean", "0.5,0.5,0.5", "1", "a,b,c", "NaN,0,0"},
            {"--image-std", "0.5,0.5,0.5", "0,0,0", "-1,1,1", "1,1"},
            {"--preprocessor-config", "none", f.text().toString(), f.png().toString()},
            {"--stats", "none", "full", "x"},
            {"--out", dir.resolve("new-out").toString(), dir.resolve("new-out.npz").toString(),
                dir.resolve("new-out.html").toString(), dir.resolve("new-out.png").toString(), f.png().toString()}};
        int n = Math.max(40, N / 4);
        for (int seed = 0; seed < n; seed++) {
            Random r = new Random(300_000L + seed);
            List<String> args = new ArrayList<>(List.of(commands[r.nextInt(commands.length)], "--model",
                    models[r.nextInt(models.length)]));
            int k = 1 + r.nextInt(5);
            for (int i = 0; i < k; i++) {
                String[] o = options[r.nextInt(options.length)];
                args.add(o[0]);
                args.add(o[1 + r.nextInt(o.length - 1)]);
            }
            check("families", "seed " + seed, f.inputs(), null, args.toArray(String[]::new));
            for (String made : List.of("new-out", "new-out.npz", "new-out.html", "new-out.png")) {
                deleteTree(dir.resolve(made));
            }
        }
        report("newer families (random vectors over pair/ViT options)", n);
    }
}
