package org.attnplanes.topology.persistence.internal;

import java.util.ArrayList;
import java.util.List;
import org.attnplanes.topology.persistence.PersistenceInterval;

/**
 * The enclosing-radius cut of {@link RipsEngine}: closing the bars at the radius
 * ({@link org.attnplanes.topology.filtration.DistanceMatrix#enclosingRadius(float[], int, float)}).
 */
final class RadiusCut {

    private RadiusCut() {
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
