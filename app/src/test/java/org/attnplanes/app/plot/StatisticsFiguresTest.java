package org.attnplanes.app.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.attnplanes.app.export.PlaneRecord;
import org.junit.jupiter.api.Test;

/**
 * The analysis figures of an encoder–decoder average within each block and layer, never across blocks (they each
 * count their own layers: "layer 0" of the encoder, decoder and cross-attention are three different planes):
 * checked against means computed here on seeded random records.
 */
class StatisticsFiguresTest {

    @Test
    void blocksOfAnEncoderDecoder_areNeverAveragedTogether() {
        Random rnd = new Random(11);
        List<PlaneRecord> rows = new ArrayList<>();
        String[] blocks = {"cross", "encoder", "decoder"};
        int[] layers = {3, 2, 3};
        for (int input = 0; input < 3; input++) {
            for (int b = 0; b < 3; b++) {
                for (int l = 0; l < layers[b]; l++) {
                    for (int h = 0; h < 2; h++) {
                        List<double[]> h0 = new ArrayList<>();
                        List<double[]> h1 = new ArrayList<>();
                        for (int k = rnd.nextInt(4); k >= 0; k--) {
                            double birth = rnd.nextDouble() * 0.5;
                            h1.add(new double[] {birth, birth + rnd.nextDouble() * 0.5});
                        }
                        h0.add(new double[] {0, Double.POSITIVE_INFINITY});
                        rows.add(new PlaneRecord(input, l, Integer.toString(h), 5,
                                Map.of("betti1_t0.10", (double) rnd.nextInt(5), "cliques2_t0.10", (double) rnd.nextInt(9)),
                                List.of(h0, h1), blocks[b]));
                    }
                }
            }
        }
        List<Curve> curves = StatisticsFigures.bettiCurves(rows, 1);
        List<String> expected = List.of("encoder layer 0", "encoder layer 1", "decoder layer 0", "decoder layer 1",
                "decoder layer 2", "cross layer 0", "cross layer 1", "cross layer 2");
        assertEquals(expected, curves.stream().map(Curve::name).toList());
        StatisticsFigures.HeadMeans heat = StatisticsFigures.headMeans(rows, "betti1_t0.10");
        assertEquals(expected, heat.rows());
        assertEquals(expected, List.copyOf(StatisticsFigures.cliqueMeans(rows, "0.10", 2).keySet()));
        double[] grid = StatisticsFigures.grid();
        for (int c = 0; c < expected.size(); c++) {
            String block = expected.get(c).split(" ")[0];
            int layer = Integer.parseInt(expected.get(c).split(" ")[2]);
            List<PlaneRecord> mine = rows.stream().filter(r -> r.block().equals(block) && r.layer() == layer).toList();
            for (int i = 0; i < grid.length; i += 7) {
                double sum = 0;
                for (PlaneRecord r : mine) {
                    for (double[] bar : r.barcodes().get(1)) {
                        float f = 1f - (float) grid[i];
                        sum += bar[0] <= f && f < bar[1] ? 1 : 0;
                    }
                }
                assertEquals(sum / mine.size(), curves.get(c).y()[i], 1e-12, expected.get(c) + " at " + grid[i]);
            }
            for (int h = 0; h < 2; h++) {
                String head = Integer.toString(h);
                double mean = mine.stream().filter(r -> r.head().equals(head))
                        .mapToDouble(r -> r.stats().get("betti1_t0.10")).average().orElseThrow();
                assertEquals(mean, heat.values()[c][h], 1e-12, expected.get(c) + " head " + h);
            }
        }
    }
}
