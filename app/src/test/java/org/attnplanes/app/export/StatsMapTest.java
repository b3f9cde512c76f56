package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class StatsMapTest {

    @Test
    void copyOf_randomMaps_equalToTheMapInTheSameOrder() {
        long seed = 77L;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int trial = 0; trial < 200; trial++) {
            Map<String, Double> m = new LinkedHashMap<>();
            int n = rnd.nextInt(0, 40);
            for (int i = 0; i < n; i++) {
                m.put("s" + rnd.nextInt(1000), rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextDouble());
            }
            StatsMap s = StatsMap.copyOf(m);
            assertEquals(m, s, "seed " + seed + ", trial " + trial);
            assertEquals(m.hashCode(), s.hashCode(), "seed " + seed + ", trial " + trial);
            assertEquals(new ArrayList<>(m.keySet()), new ArrayList<>(s.keySet()), "seed " + seed);
            for (String k : m.keySet()) {
                assertEquals(m.get(k), s.get(k), "seed " + seed + ", key " + k);
            }
            assertNull(s.get("absent"));
            assertFalse(s.containsKey("absent"));
            assertSame(s, StatsMap.copyOf(s));
        }
    }

    @Test
    void new_duplicateNameOrWrongLength_namesTheProblem() {
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> new StatsMap.Columns(List.of("a", "b", "a")));
        assertEquals("statistic \"a\" occurs twice", dup.getMessage());
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> new StatsMap(new StatsMap.Columns(List.of("a", "b")), new double[3]));
        assertEquals("3 values for 2 columns", len.getMessage());
        IllegalArgumentException owned = assertThrows(IllegalArgumentException.class, () -> StatsMap.owning(
                new StatsMap.Columns(List.of("a", "b")), new double[3]));
        assertEquals("3 values for 2 columns", owned.getMessage());
        StatsMap.Columns ab = new StatsMap.Columns(List.of("a", "b"));
        assertEquals(new StatsMap(ab, new double[] {1, Double.NaN}), StatsMap.owning(ab, new double[] {1, Double.NaN}));
    }

    @Test
    void planeRecord_statsAreImmutable() {
        PlaneRecord r = new PlaneRecord(1, 0, "0", 3, Map.of("x", 1.0), List.of());
        assertThrows(UnsupportedOperationException.class, () -> r.stats().put("y", 2.0));
    }
}
