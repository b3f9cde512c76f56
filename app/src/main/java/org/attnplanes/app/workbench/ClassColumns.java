package org.attnplanes.app.workbench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.StatsMap;
import org.attnplanes.graph.ClassifierPlane;

/**
 * The classifier's prediction as columns of {@code planes.csv} (and the Spark {@code planes} table), for a model
 * with a classification output (logits {@code [1, C]}): {@code predicted_class}, the index of the most probable
 * class, then {@code p_<label>}, the softmax probability of each class, named by its label ({@code --class-labels}
 * or the model's config.json {@code id2label}; {@code p_class_<k>} without labels). They describe the input, not
 * the plane: every plane row of an input carries the same values, so that a table of planes can be grouped or
 * filtered by the model's decision without a join. They come first, before the statistics.
 */
public final class ClassColumns {

    /** The predicted class index column. */
    public static final String PREDICTED = "predicted_class";

    /** Schemas already extended, keyed by (class columns, statistic columns): rows of one run share one. */
    private static final Map<List<List<String>>, StatsMap.Columns> SCHEMAS = new ConcurrentHashMap<>();

    private ClassColumns() {
    }

    /**
     * The column names for these classes: {@link #PREDICTED}, then {@code p_<label>} with every character that is
     * not a letter, digit or underscore replaced by {@code _}; {@code p_class_<k>} for all classes when two labels
     * would give the same name.
     */
    public static List<String> names(List<String> labels) {
        List<String> out = new ArrayList<>(labels.size() + 1);
        out.add(PREDICTED);
        Set<String> seen = new HashSet<>(out);
        for (String label : labels) {
            StringBuilder b = new StringBuilder("p_");
            label.strip().codePoints().forEach(c -> b.appendCodePoint(
                    Character.isLetterOrDigit(c) || c == '_' ? c : '_'));
            if (!seen.add(b.toString())) {
                List<String> plain = new ArrayList<>(List.of(PREDICTED));
                for (int k = 0; k < labels.size(); k++) {
                    plain.add("p_class_" + k);
                }
                return plain;
            }
            out.add(b.toString());
        }
        return out;
    }

    /**
     * What the class columns among {@code columns} (a table's columns, {@link #PREDICTED} followed by one
     * probability column per class) mean, as one provenance sentence; null when there are none.
     */
    public static String describe(List<String> columns) {
        int at = columns.indexOf(PREDICTED);
        if (at < 0) {
            return null;
        }
        List<String> p = new ArrayList<>();
        for (int i = at + 1; i < columns.size() && columns.get(i).startsWith("p_"); i++) {
            p.add(columns.get(i) + " = class " + (i - at - 1));
        }
        return PREDICTED + " = index of the most probable class of the model's classification output (logits [1, C]);"
                + " " + String.join(", ", p) + ": the softmax probability of each class; the same on every plane row"
                + " of an input (they describe the input, not the plane)";
    }

    /**
     * The rows with the class columns of {@code c} put first in every row's statistics (the same values on every
     * row: they belong to the input); the rows themselves when {@code c} is null.
     */
    public static List<PlaneRecord> prepend(List<PlaneRecord> rows, ClassifierPlane c) {
        if (c == null || rows.isEmpty()) {
            return rows;
        }
        List<String> classNames = names(c.labels());
        double[] classValues = new double[classNames.size()];
        classValues[0] = c.predicted();
        for (int k = 0; k < c.size(); k++) {
            classValues[k + 1] = c.probability(k);
        }
        List<PlaneRecord> out = new ArrayList<>(rows.size());
        for (PlaneRecord r : rows) {
            StatsMap s = (StatsMap) r.stats();
            List<String> statNames = s.columns().names();
            StatsMap.Columns cols = SCHEMAS.computeIfAbsent(List.of(classNames, statNames), key -> {
                List<String> all = new ArrayList<>(classNames);
                all.addAll(statNames);
                return new StatsMap.Columns(all);
            });
            double[] v = new double[cols.size()];
            System.arraycopy(classValues, 0, v, 0, classValues.length);
            for (int i = 0; i < s.size(); i++) {
                v[classValues.length + i] = s.value(i);
            }
            out.add(new PlaneRecord(r.input(), r.layer(), r.head(), r.tokens(), new StatsMap(cols, v), r.barcodes(),
                    r.block()));
        }
        return out;
    }
}
