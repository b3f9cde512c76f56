package org.attnplanes.app.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.attnplanes.app.common.UserInputException;

/**
 * Names of a classifier's classes for the classifier plane: given by the user ({@code --class-labels a,b,c},
 * class 0 first) or read from the {@code id2label} map of the Hugging Face {@code config.json} next to the model
 * (or next to its tokenizer), as {@code {"0": "NEGATIVE", "1": "POSITIVE"}}. Shared by the commands and the
 * desktop app.
 *
 * @param labels class index → label, sorted by index
 * @param source where they came from ({@code "--class-labels"}, {@code "config.json id2label"}), for legends
 */
public record ClassLabels(Map<Integer, String> labels, String source) {

    /** No labels (classes are then called {@code "class k"}). */
    public static final ClassLabels NONE = new ClassLabels(Map.of(), "");

    /** Copies, sorted by class index. */
    public ClassLabels {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return labels.isEmpty();
    }

    /**
     * The labels of {@code --class-labels}: comma-separated, class 0 first, none empty.
     *
     * @throws UserInputException naming the option when a label is empty
     */
    public static ClassLabels parse(String option, String list) {
        List<String> parts = new ArrayList<>(List.of(list.split(",", -1)));
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int k = 0; k < parts.size(); k++) {
            String label = parts.get(k).strip();
            if (label.isEmpty()) {
                throw UserInputException.of(option, list, "has an empty label at position " + (k + 1)
                        + "; give one non-empty name per class, comma-separated, class 0 first (e.g. negative,positive)");
            }
            m.put(k, label);
        }
        return new ClassLabels(m, option);
    }

    /**
     * The {@code id2label} of the {@code config.json} in the model's folder, else in the tokenizer's folder;
     * {@link #NONE} when there is no such file or map, or when {@code model} is null (the embedded model, an
     * encoder without a classification head). A config.json that is not JSON, or an id that is not a
     * non-negative integer, is reported in one sentence.
     *
     * @throws UserInputException naming the file
     */
    public static ClassLabels fromConfig(Path model, Path tokenizer) {
        for (Path file : new Path[] {model, tokenizer}) {
            if (file == null) {
                continue;
            }
            Path dir = file.toAbsolutePath().getParent();
            Path config = dir == null ? null : dir.resolve("config.json");
            if (config != null && Files.isRegularFile(config)) {
                return read(config);
            }
        }
        return NONE;
    }

    /** Reads {@code id2label} of one config.json ({@link #NONE} when it has none). */
    static ClassLabels read(Path config) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(config.toFile());
        } catch (IOException e) {
            throw new UserInputException(config + " is not readable JSON (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); fix it or give the class names with --class-labels", e);
        }
        JsonNode map = root == null ? null : root.get("id2label");
        if (map == null || !map.isObject()) {
            return NONE;
        }
        Map<Integer, String> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id;
            try {
                id = Integer.parseInt(e.getKey().strip());
            } catch (NumberFormatException bad) {
                id = -1;
            }
            if (id < 0) {
                throw new UserInputException(config + ": id2label key \"" + e.getKey()
                        + "\" is not a class index >= 0; fix it or give the class names with --class-labels");
            }
            m.put(id, e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
        }
        return new ClassLabels(m, "config.json id2label");
    }

    /** The labels as one provenance value ({@code "0=negative, 1=positive"}). */
    public String describe() {
        StringBuilder b = new StringBuilder();
        labels.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return b.toString();
    }
}
