package org.attnplanes.app.workbench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.attnplanes.app.export.PlaneRecord;

/**
 * What the application layer made of a batch of texts: a {@link TextResult} per text that could be analysed,
 * in input order, and the reason for every text that was skipped (bad input: empty, over-long, untokenizable).
 *
 * @param analysed one result per analysed text, in the order of the batch
 * @param skipped  input number → one-sentence reason, for each skipped text
 */
public record BatchResult(List<TextResult> analysed, Map<Integer, String> skipped) {

    /** Validates and copies. */
    public BatchResult {
        analysed = List.copyOf(analysed);
        skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
    }

    /** All statistics rows of the analysed texts, in input and plane order. */
    public List<PlaneRecord> rows() {
        List<PlaneRecord> out = new ArrayList<>();
        for (TextResult r : analysed) {
            out.addAll(r.rows());
        }
        return out;
    }
}
