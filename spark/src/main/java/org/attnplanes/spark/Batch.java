package org.attnplanes.spark;

import java.io.Serializable;

/**
 * Inputs captured in one model call, formed as {@code analyze} forms them: all good inputs of the corpus
 * sorted by text length (ties by number), cut into runs of {@code --batch}. Batch {@code id} is the position
 * of the run, so a resumed job forms exactly the same batches (and the same floating-point results).
 */
record Batch(long id, int[] numbers, String[] texts) implements Serializable {
}
