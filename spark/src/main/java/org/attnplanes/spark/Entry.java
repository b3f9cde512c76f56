package org.attnplanes.spark;

import java.io.Serializable;

/**
 * One input of the corpus as the job ships it: its 1-based line or record number and either its text or
 * why it cannot be analysed (the same rules and messages as {@code analyze}'s corpus reader).
 *
 * @param number  line number ({@code .txt}, {@code .jsonl}) or record number ({@code .csv}, {@code .tsv},
 *                Parquet), 1-based
 * @param text    the stripped text, or null for a bad input
 * @param problem why the input is bad, or null
 */
record Entry(int number, String text, String problem) implements Serializable {

    static Entry of(int number, String text) {
        return new Entry(number, text, null);
    }

    static Entry bad(int number, String problem) {
        return new Entry(number, null, problem);
    }

    boolean ok() {
        return problem == null;
    }
}
