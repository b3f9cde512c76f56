package org.attnplanes.app.testutil;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LayerSelection;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Symmetrization;

/** Seeded random graph specs for the property tests of the GUI's caches (layout and topology). */
public final class RandomSpecs {

    private RandomSpecs() {
    }

    /**
     * A builder with no classifier and random weight options, the inputs of both a layout and the topology: a
     * random subset of the trace's layers (or all), a head reduction or a single head, a symmetrization and a
     * normalization. The caller adds what its cache reads besides.
     */
    public static GraphSpec.Builder weights(Random rnd, AttentionTrace trace) {
        GraphSpec.Builder b = GraphSpec.builder().classifier(false);
        List<Integer> layers = new ArrayList<>();
        for (int l = 0; l < trace.layers(); l++) {
            if (rnd.nextInt(3) > 0) {
                layers.add(l);
            }
        }
        if (!layers.isEmpty() && rnd.nextBoolean()) {
            b.layers(LayerSelection.of(layers.stream().mapToInt(Integer::intValue).toArray()));
        }
        switch (rnd.nextInt(4)) {
            case 0 -> b.headReduction(HeadReduction.MEAN);
            case 1 -> b.headReduction(HeadReduction.MAX);
            case 2 -> b.headReduction(HeadReduction.PER_HEAD);
            default -> b.head(rnd.nextInt(trace.heads()));
        }
        b.symmetrization(Symmetrization.values()[rnd.nextInt(Symmetrization.values().length)]);
        b.normalization(Normalization.values()[rnd.nextInt(Normalization.values().length)]);
        return b;
    }
}
