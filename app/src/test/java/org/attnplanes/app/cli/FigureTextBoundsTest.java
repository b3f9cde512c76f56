package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.attnplanes.app.testutil.Cli;
import org.attnplanes.model.DefaultModel;
import org.attnplanes.render.export.FigureMetadata;
import org.attnplanes.render.export.TextBoxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every figure the commands write has all its text inside the canvas: the writers paint through
 * {@link TextBoxes}, which measures every drawn string with the font metrics Java2D draws it with (in canvas
 * coordinates, against the canvas and the clip in force), and store the result under
 * {@link TextBoxes#METADATA_KEY} in the PNG and the SVG alike. This runs demo, render (stack, per-head grid,
 * long input), analyze --figures, compare (same and different tokens, a long input), compare-encodings and series, and reads
 * the key of every PNG and SVG they wrote.
 */
class FigureTextBoundsTest {

    private static final Pattern NONE = Pattern.compile("none of (\\d+) strings");
    private static final String SHORT = "The quick brown fox jumps over the lazy dog, and the dog just sleeps.";

    @TempDir
    Path dir;

    private static String longText() {
        String[] words = ("the model reads every token of the sentence and attends to earlier words while the heads"
                + " in each layer specialise on syntax position and meaning").split(" ");
        StringBuilder b = new StringBuilder();
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 270; i++) {
            b.append(i == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
        }
        return b.append('.').toString();
    }

    private void run(String... args) {
        Cli.Result r = Cli.inProcess(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r.err());
    }

    @Test
    void everyFigureOfEveryCommand_hasAllItsTextInsideTheCanvas() throws Exception {
        String model = DefaultModel.model().toString();
        Files.createDirectories(dir.resolve("render"));
        run("demo", "--out", dir.resolve("demo").toString());
        run("render", "--text", SHORT, "--out", dir.resolve("render/stack.png").toString());
        run("render", "--text", SHORT, "--layout", "circle", "--encoding", "colour,width", "--labels", "all",
                "--out", dir.resolve("render/circle.svg").toString());
        run("render", "--text", SHORT, "--heads", "per-head", "--out", dir.resolve("render/heads.png").toString());
        run("render", "--text", SHORT, "--heads", "per-head", "--layout", "circle", "--size", "700x500",
                "--out", dir.resolve("render/heads-small.svg").toString());
        run("render", "--text", longText(), "--out", dir.resolve("render/long.png").toString());
        run("analyze", "--text", SHORT, "--figures", "--out", dir.resolve("analyze").toString());
        run("compare", "--text", SHORT, "--other-model", model, "--out", dir.resolve("compare-same").toString());
        run("compare", "--text", "The cat sat.", "--other-text", "A dog was sleeping outside.",
                "--out", dir.resolve("compare-texts").toString());
        run("compare", "--text", longText(), "--other-text", longText().replaceFirst("model", "network"),
                "--no-cross-barcodes", "--out", dir.resolve("compare-long").toString());
        run("render", "--text", SHORT, "--layout", "circle", "--heads", "2", "--layers", "0..2", "--out",
                dir.resolve("render/head2.svg").toString());
        run("compare-encodings", "--text", SHORT, "--out", dir.resolve("encodings.png").toString());
        run("series", model, model, "--text", "Birds fly south.", "--out", dir.resolve("series").toString());

        List<Path> figures;
        try (Stream<Path> s = Files.walk(dir)) {
            figures = s.filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".svg")).sorted().toList();
        }
        assertTrue(figures.size() >= 30, "figures written: " + figures);
        List<String> problems = new ArrayList<>();
        for (Path f : figures) {
            Map<String, String> meta = f.toString().endsWith(".png") ? FigureMetadata.readPng(f)
                    : FigureMetadata.readSvg(f);
            String cut = meta.get(TextBoxes.METADATA_KEY);
            Matcher m = cut == null ? null : NONE.matcher(cut);
            if (m == null || !m.matches()) {
                problems.add(dir.relativize(f) + ": " + cut);
            } else if (Integer.parseInt(m.group(1)) < 3) {
                problems.add(dir.relativize(f) + ": only " + m.group(1) + " strings measured");
            }
        }
        assertEquals(List.of(), problems);
    }
}
