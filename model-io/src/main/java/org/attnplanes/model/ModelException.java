package org.attnplanes.model;

/**
 * A model or tokenizer file cannot be used for attention capture: missing, not ONNX, truncated, without
 * an attention Softmax, with fused attention, with inputs model-io cannot feed, or rejected by ONNX Runtime.
 * The message is one sentence for the user: it names the file, what is wrong and, where there is one, the fix.
 */
public final class ModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a user-facing message. */
    public ModelException(String message) {
        super(message);
    }

    /** An exception with a user-facing message and the underlying cause (kept for logs, not for users). */
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
