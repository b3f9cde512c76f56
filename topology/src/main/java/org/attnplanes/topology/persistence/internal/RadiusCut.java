package org.attnplanes.topology.persistence.internal;

import java.util.ArrayList;
import java.util.List;
import org.attnplanes.topology.persistence.PersistenceInterval;

/** The enclosing-radius cut of {@link RipsEngine}: the radius under a threshold, and closing the bars at it. */
final class RadiusCut {

    private RadiusCut() {
    }

    /** The enclosing radius of a lower triangle whose values {@code > limit} count as {@code +∞}. */
    static float enclosingRadius(float[] lower, int n, float limit) {
        if (n < 2) {
            return Float.POSITIVE_INFINITY;
        }
        float[] rowMax = new float[n];
        int k = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                float d = lower[k++];
                if (d > limit) {
                    d = Float.POSITIVE_INFINITY;
                }
                rowMax[i] = Math.max(rowMax[i], d);
                rowMax[j] = Math.max(rowMax[j], d);
            }
        }
        float r = Float.POSITIVE_INFINITY;
        for (float m : rowMax) {
            r = Math.min(r, m);
        }
        return r;
    }

    /**
     * The bars of the filtration cut below {@code r}, extended to the cone at {@code r}: essential bars end at
     * {@code r}, except one of dimension 0 (the cone is connected).
     */
    static List<PersistenceInterval> closeEssential(List<PersistenceInterval> bars, float r, boolean dim0) {
        List<PersistenceInterval> out = new ArrayList<>(bars.size());
        PersistenceInterval kept = null;
        for (PersistenceInterval p : bars) {
            if (!p.isEssential()) {
                out.add(p);
            } else if (dim0 && kept == null) {
                kept = p;
            } else if (p.birth() < r) {
                out.add(new PersistenceInterval(p.birth(), r));
            }
        }
        if (kept != null) {
            out.add(kept);
        }
        return out;
    }

}
