package org.attnplanes.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What every executor needs to analyse a partition exactly as the driver asked: the job's own command-line
 * arguments (parsed again on the executor into the same option mixins as {@code analyze}), and the model and
 * tokenizer shipped with the job ({@code SparkContext.addFile}) with the model's SHA-256 as the driver read it.
 *
 * @param args          the job's arguments
 * @param modelFile     the shipped model's file name, or null for the embedded default model
 * @param modelOption   {@code --model} as given (for messages)
 * @param modelSha256   SHA-256 of the model file on the driver, or null for the embedded model
 * @param tokenizerFile the shipped tokenizer's file name, or null (none, or the embedded model's own)
 * @param columns       the statistic columns of this configuration, in order (null until probed)
 */
record JobSettings(List<String> args, String modelFile, String modelOption, String modelSha256, String tokenizerFile,
                   List<String> columns) implements Serializable {

    JobSettings {
        args = List.copyOf(args);
        columns = columns == null ? null : List.copyOf(columns);
    }

    /** The same settings with the statistic columns known. */
    JobSettings withColumns(List<String> names) {
        return new JobSettings(args, modelFile, modelOption, modelSha256, tokenizerFile, names);
    }

    /** Identifies one model configuration within an executor JVM. */
    String modelKey() {
        return modelFile + "|" + modelSha256 + "|" + tokenizerFile + "|" + String.join("\u0000", args);
    }
}
