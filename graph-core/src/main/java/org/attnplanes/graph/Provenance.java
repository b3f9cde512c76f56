package org.attnplanes.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a trace, a statistic or a figure was made. It travels with every result and is written into every
 * export (PNG text chunk, SVG metadata, JSON field, CSV header comment).
 *
 * <p>The fixed fields name the model and the input; {@code settings} holds every other choice made on the
 * way (layer and head selection, symmetrization, normalization, encoding, threshold, max dimension, …) in
 * insertion order. Immutable; {@link #with(String, String)} returns a new instance.
 *
 * @param modelFile   file name of the ONNX model (no directories), never null
 * @param modelSha256 lower-case hex SHA-256 of the model file, or {@code ""} when unknown
 * @param tokenizer   file name of the tokenizer, or {@code ""} when token ids were given directly
 * @param inputSha256 lower-case hex SHA-256 of the UTF-8 input text (or of the token ids), or {@code ""}
 * @param toolVersion AttentionPlanes version that produced the result
 * @param settings    further key → value settings, copied, in insertion order
 */
public record Provenance(String modelFile, String modelSha256, String tokenizer, String inputSha256,
                         String toolVersion, Map<String, String> settings) {

    /** The version of this build of AttentionPlanes, read from the jar manifest ("dev" when run from classes). */
    public static final String TOOL_VERSION = readToolVersion();

    /** Validates and copies. */
    public Provenance {
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(modelSha256, "modelSha256");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(inputSha256, "inputSha256");
        Objects.requireNonNull(toolVersion, "toolVersion");
        Objects.requireNonNull(settings, "settings");
        settings.forEach((k, v) -> {
            Objects.requireNonNull(k, "settings key");
            Objects.requireNonNull(v, () -> "settings value for \"" + k + "\"");
        });
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A provenance with no settings, stamped with {@link #TOOL_VERSION}. */
    public static Provenance of(String modelFile, String modelSha256, String tokenizer, String inputSha256) {
        return new Provenance(modelFile, modelSha256, tokenizer, inputSha256, TOOL_VERSION, Map.of());
    }

    /** Provenance of data that did not come from a model (synthetic traces, matrices read from files). */
    public static Provenance synthetic(String description) {
        return new Provenance(description, "", "", "", TOOL_VERSION, Map.of());
    }

    /** A copy with one more setting (replacing an earlier value of the same key). */
    public Provenance with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(settings);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new Provenance(modelFile, modelSha256, tokenizer, inputSha256, toolVersion, copy);
    }

    /** A copy with a different input hash (used when one model captures many inputs). */
    public Provenance withInput(String newInputSha256) {
        return new Provenance(modelFile, modelSha256, tokenizer, newInputSha256, toolVersion, settings);
    }

    /** Every field as one ordered string map, for CSV comments, PNG text chunks and SVG metadata. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", modelFile);
        m.put("model_sha256", modelSha256);
        m.put("tokenizer", tokenizer);
        m.put("input_sha256", inputSha256);
        m.put("tool_version", toolVersion);
        m.putAll(settings);
        return Collections.unmodifiableMap(m);
    }

    private static String readToolVersion() {
        String v = Provenance.class.getPackage() == null ? null : Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
