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
import org.attnplanes.testmodels.TinyOnnx;
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
 * <p>Sizes: {@code -Dattnplanes.fuzz.n=N} scales every generator (CI default 600: 150 tokenizers, 60 models, 600
 * argument vectors); {@code -Dattnplanes.fuzz.report=FILE} appends the counts per generator and exit code
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

    /** Runs {@code args} in-process and checks the invariants; returns the exit code. */
    private int check(String generator, String where, List<Path> inputs, Path out, String... args) throws IOException {
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
        return r.exitCode();
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
}
