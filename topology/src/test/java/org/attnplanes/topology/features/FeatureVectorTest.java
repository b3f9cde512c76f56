package org.attnplanes.topology.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureVectorTest {

    @Test
    void of_repeatedName_failsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureVector.of(List.of("a", "b", "a"), new double[3]));
        assertEquals("feature name \"a\" occurs twice", e.getMessage());
    }

    @Test
    void concat_sameNameListsTwice_checksDuplicatesAndKeepsValues() {
        List<String> left = List.of("x", "y");
        List<String> right = List.of("z");
        for (int rep = 0; rep < 3; rep++) {
            FeatureVector v = FeatureVector.of(left, new double[] {rep, 2}).concat(FeatureVector.of(right,
                    new double[] {3}));
            assertEquals(List.of("x", "y", "z"), v.names());
            assertEquals(rep, v.get("x"));
            assertEquals(3.0, v.get("z"));
            assertEquals(Map.of("x", (double) rep, "y", 2.0, "z", 3.0), v.asMap());
        }
        FeatureVector clash = FeatureVector.of(List.of("y"), new double[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureVector.of(left, new double[2]).concat(clash));
        assertEquals("feature name \"y\" occurs twice", e.getMessage());
    }

    @Test
    void concatOfThree_equalsTheChainAndChecksDuplicates() {
        java.util.Random rnd = new java.util.Random(16);
        for (int rep = 0; rep < 50; rep++) {
            FeatureVector[] parts = new FeatureVector[3];
            int next = 0;
            for (int k = 0; k < 3; k++) {
                int size = rnd.nextInt(4);
                String[] names = new String[size];
                double[] values = new double[size];
                for (int i = 0; i < size; i++) {
                    names[i] = "f" + next++;
                    values[i] = rnd.nextGaussian();
                }
                parts[k] = FeatureVector.of(List.of(names), values);
            }
            FeatureVector three = FeatureVector.concat(parts[0], parts[1], parts[2]);
            FeatureVector chain = parts[0].concat(parts[1]).concat(parts[2]);
            assertEquals(chain.names(), three.names());
            assertEquals(chain.asMap(), three.asMap());
        }
        assertTrue(FeatureVector.concat(FeatureVector.empty(), FeatureVector.empty(), FeatureVector.empty()).names()
                .isEmpty());
        FeatureVector a = FeatureVector.of(List.of("a"), new double[1]);
        FeatureVector b = FeatureVector.of(List.of("b"), new double[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureVector.concat(a, b, FeatureVector.of(List.of("a"), new double[1])));
        assertEquals("feature name \"a\" occurs twice", e.getMessage());
    }

    @Test
    void get_unknownName_failsListingNames() {
        FeatureVector v = FeatureVector.ofUnique(List.of("p", "q"), new double[] {1, 2});
        assertTrue(v.has("q"));
        assertFalse(v.has("r"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.get("r"));
        assertEquals("feature \"r\" is not one of [p, q]", e.getMessage());
    }

    @Test
    void format_repeatedCalls_giveTheSameNames() {
        for (int rep = 0; rep < 2; rep++) {
            assertEquals("0.10", ThresholdNames.format(0.1));
            assertEquals("0.025", ThresholdNames.format(0.025));
            assertEquals("1.00", ThresholdNames.format(1));
            assertEquals("betti1_t0.05", ThresholdNames.suffixed("betti1", 0.05));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThresholdNames.format(Double.NaN));
        assertEquals("threshold = NaN must be finite", e.getMessage());
    }
}
