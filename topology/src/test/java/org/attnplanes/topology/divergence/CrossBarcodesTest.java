package org.attnplanes.topology.divergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.attnplanes.topology.testing.PythonOracle;
import org.junit.jupiter.api.Test;

class CrossBarcodesTest {

    /** d = 1 − max(w_ij, w_ji) of a random attention head. */
    static DistanceMatrix plane(int n, long seed, double sigma) {
        AttentionMatrix a = PythonOracle.attention(n, seed, false, sigma, false);
        float[][] d = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = i == j ? 0f : 1f - Math.max(a.weight(i, j), a.weight(j, i));
            }
        }
        return DistanceMatrix.fromFull(d);
    }

    @Test
    void identicalPlanesHaveAnEmptyH1CrossBarcodeAndZeroRtd() {
        DistanceMatrix d = plane(20, 1, 2);
        assertEquals(0, CrossBarcodes.crossBarcodes(d, d, CrossBarcodes.Normalization.NONE, 1).h1Count());
        assertEquals(0.0, CrossBarcodes.rtd(d, d, CrossBarcodes.Normalization.NONE));
    }

    @Test
    void differentPlanesDiverge() {
        DistanceMatrix a = plane(24, 2, 2);
        DistanceMatrix b = plane(24, 3, 2);
        double rtd = CrossBarcodes.rtd(a, b, CrossBarcodes.Normalization.NONE);
        assertEquals(true, rtd > 0, "rtd = " + rtd);
    }

    @Test
    void sizesMustMatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossBarcodes.crossBarcodes(plane(5, 1, 1), plane(6, 1, 1), CrossBarcodes.Normalization.NONE, 1));
        assertEquals(true, e.getMessage().contains("5 and 6"));
    }

    /** The published matrix construction in NumPy, barcodes by GUDHI (Z/2): the same bars. */
    @Test
    void agreesWithThePublishedConstructionAndGudhi() {
        assumeTrue(PythonOracle.has("numpy", "gudhi"), "numpy/gudhi not available");
        Random r = new Random(17);
        StringBuilder in = new StringBuilder();
        List<Barcodes> mine = new ArrayList<>();
        CrossBarcodes.Normalization[] norms = CrossBarcodes.Normalization.values();
        for (int t = 0; t < 12; t++) {
            int n = 3 + r.nextInt(14);
            DistanceMatrix a = plane(n, 40 + t, 0.5 + 3 * r.nextDouble());
            DistanceMatrix b = plane(n, 90 + t, 0.5 + 3 * r.nextDouble());
            CrossBarcodes.Normalization norm = norms[t % norms.length];
            in.append(n).append(' ').append(norm).append('\n');
            for (DistanceMatrix d : List.of(a, b)) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        in.append(i == j ? 0.0 : (double) d.distance(i, j)).append(j + 1 < n ? ' ' : '\n');
                    }
                }
            }
            mine.add(CrossBarcodes.crossBarcodes(a, b, norm, 1).barcodes());
        }
        String[] lines = PythonOracle.run("rtd_oracle.py", in.toString()).strip().split("\n");
        int block = 0;
        List<List<double[]>> expected = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
        for (String line : lines) {
            if (line.equals("end")) {
                compare(expected, mine.get(block), block);
                expected = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
                block++;
            } else {
                String[] p = line.split(" ");
                expected.get(Integer.parseInt(p[0])).add(new double[] {Double.parseDouble(p[1]), Double.parseDouble(p[2])});
            }
        }
        assertEquals(mine.size(), block);
    }

    private static void compare(List<List<double[]>> expected, Barcodes b, int block) {
        for (int dim = 0; dim <= 1; dim++) {
            List<double[]> got = new ArrayList<>();
            for (PersistenceInterval iv : b.intervals(dim)) {
                if (!iv.isEssential() && iv.death() > iv.birth()) {
                    got.add(new double[] {iv.birth(), iv.death()});
                }
            }
            List<double[]> exp = expected.get(dim);
            java.util.Comparator<double[]> c = (x, y) -> x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(x[1], y[1]);
            got.sort(c);
            exp.sort(c);
            assertEquals(exp.size(), got.size(), "block " + block + " H" + dim + " bar count");
            for (int i = 0; i < exp.size(); i++) {
                assertEquals(exp.get(i)[0], got.get(i)[0], 1e-6, "block " + block + " H" + dim + " birth " + i);
                assertEquals(exp.get(i)[1], got.get(i)[1], 1e-6, "block " + block + " H" + dim + " death " + i);
            }
        }
    }
}
