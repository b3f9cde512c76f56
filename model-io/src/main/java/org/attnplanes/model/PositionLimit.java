package org.attnplanes.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.attnplanes.model.internal.GraphAnalysis;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The largest number of tokens a model takes, and where that number comes from: its learned position table
 * (rows minus the table's index offset, 2 for BART/OPT-style positions), else — for rotary or relative positions,
 * which have no table — {@code model_max_length} of {@code tokenizer_config.json} or {@code max_position_embeddings}
 * of {@code config.json} next to the tokenizer or the model; else no limit is known.
 *
 * @param tokens the limit, or {@link Integer#MAX_VALUE} when none is known
 * @param source where it comes from, e.g. {@code "learned position table of 66 rows, offset 2"}
 * @param why    the short form for error messages, e.g. {@code "position table of model.onnx"}
 */
record PositionLimit(int tokens, String source, String why) {

    /** transformers' VERY_LARGE_INTEGER (int(1e30)) and anything near it mean "no limit". */
    private static final double NO_LIMIT = 1e15;

    static PositionLimit of(GraphAnalysis analysis, Path model, Path tokenizer) {
        if (analysis.positionLimit() > 0) {
            String offset = analysis.positionOffset() > 0 ? ", offset " + analysis.positionOffset() : "";
            return new PositionLimit((int) Math.min(Integer.MAX_VALUE, analysis.positionLimit()),
                    "learned position table of " + analysis.positionRows() + " rows" + offset,
                    "position table of " + model.getFileName() + offset);
        }
        List<Path> dirs = new ArrayList<>();
        if (tokenizer != null && tokenizer.toAbsolutePath().getParent() != null) {
            dirs.add(tokenizer.toAbsolutePath().getParent());
        }
        Path modelDir = model.toAbsolutePath().getParent();
        if (modelDir != null && !dirs.contains(modelDir)) {
            dirs.add(modelDir);
        }
        for (Path dir : dirs) {
            long n = number(dir.resolve("tokenizer_config.json"), "model_max_length");
            if (n > 0) {
                String src = "model_max_length " + n + " of " + dir.getFileName() + "/tokenizer_config.json";
                return new PositionLimit((int) Math.min(Integer.MAX_VALUE, n), src + " (no position table)", src);
            }
        }
        for (Path dir : dirs) {
            long n = number(dir.resolve("config.json"), "max_position_embeddings");
            if (n > 0) {
                String src = "max_position_embeddings " + n + " of " + dir.getFileName() + "/config.json";
                return new PositionLimit((int) Math.min(Integer.MAX_VALUE, n), src + " (no position table)", src);
            }
        }
        return new PositionLimit(Integer.MAX_VALUE, "none known (no position table, no tokenizer_config.json "
                + "model_max_length): give --max-tokens for rotary or relative positions", "no limit known");
    }

    /** A positive integer field of a JSON file, or -1 when the file, the field or a sane value is missing. */
    private static long number(Path file, String field) {
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(r);
            if (!root.isJsonObject()) {
                return -1;
            }
            JsonObject o = root.getAsJsonObject();
            if (!o.has(field) || !o.get(field).isJsonPrimitive() || !o.get(field).getAsJsonPrimitive().isNumber()) {
                return -1;
            }
            double v = o.get(field).getAsDouble();
            return v >= 1 && v < NO_LIMIT ? (long) v : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The limit under {@code options}: {@link CaptureOptions#maxTokens()} when set and smaller. */
    int effective(CaptureOptions options) {
        return options.maxTokens() > 0 ? Math.min(options.maxTokens(), tokens) : tokens;
    }

    /** Why {@link #effective} is what it is, for error messages. */
    String reason(CaptureOptions options) {
        return options.maxTokens() > 0 && options.maxTokens() < tokens ? "--max-tokens" : why;
    }

    /** One line for {@code inspect}. */
    String describe(CaptureOptions options) {
        int e = effective(options);
        return (e == Integer.MAX_VALUE ? "no limit" : e + " tokens") + " ("
                + (options.maxTokens() > 0 && options.maxTokens() < tokens ? "--max-tokens" : source) + ")";
    }
}
