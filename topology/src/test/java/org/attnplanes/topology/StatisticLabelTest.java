package org.attnplanes.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Human column names for table headers: one per column of a schema, distinct, never the raw name. */
class StatisticLabelTest {

    @Test
    void label_examples() {
        assertEquals("β₁ at w ≥ 0.10", Statistic.label("betti1_t0.10"));
        assertEquals("β₀ at w ≥ 0.05", Statistic.label("betti0_t0.05"));
        assertEquals("3-cliques at w ≥ 0.10", Statistic.label("cliques3_t0.10"));
        assertEquals("edges at w ≥ 0.25", Statistic.label("cliques2_t0.25"));
        assertEquals("H₁ total persistence (1 − w)", Statistic.label("h1_total"));
        assertEquals("H₀ persistence entropy (nats)", Statistic.label("h0_entropy"));
        assertEquals("largest clique ω at w ≥ 0.50", Statistic.label("clique_number_t0.50"));
        assertEquals("maximal cliques at w ≥ 0.50", Statistic.label("maxcliques_t0.50"));
    }

    @Test
    void label_everyFixedColumnOfASchema_distinctAndReadable() {
        StatisticsSchema schema = StatisticsSchema.of(List.of(0.5, 0.25, 0.1, 0.05), 2, 4, true, List.of());
        Set<String> seen = new HashSet<>();
        for (String c : schema.names()) {
            String l = Statistic.label(c);
            assertNotEquals(c, l, "no human name for " + c);
            assertEquals(true, seen.add(l), "two columns named " + l);
        }
    }
}
