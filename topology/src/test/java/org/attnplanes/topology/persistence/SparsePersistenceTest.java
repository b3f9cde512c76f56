package org.attnplanes.topology.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.filtration.SparseDistances;
import org.attnplanes.topology.io.BarcodeText;
import org.attnplanes.topology.io.DistanceMatrixReader;
import org.attnplanes.topology.testing.Inputs;
import org.attnplanes.topology.testing.Oracles;
import org.attnplanes.topology.testing.Allocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SparsePersistence} (union-find H0, 2-core, per-component engine) gives the same barcodes as the dense
 * engine on the densified matrix, and as Debian {@code ripser --format sparse}; a far-away index costs nothing.
 */
class SparsePersistenceTest {

    @TempDir
    Path dir;

    /** Random sparse input: isolated points, trees hanging off cycles, several components, ties, zeros. */
    static SparseDistances randomSparse(long seed) {
        Random r = new Random(seed);
        int n = 2 + r.nextInt(40);
        int edges = r.nextInt(3 * n);
        int[] a = new int[edges];
        int[] b = new int[edges];
        float[] d = new float[edges];
        int c = 0;
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int k = 0; k < edges; k++) {
            int i = r.nextInt(n);
            int j = r.nextInt(n);
            // prefer nearby indices so that components and cycles both occur
            if (r.nextInt(3) > 0) {
                j = Math.min(n - 1, i + 1 + r.nextInt(4));
            }
            if (i == j || !seen.add((long) Math.max(i, j) << 32 | Math.min(i, j))) {
                continue;
            }
            a[c] = i;
            b[c] = j;
            d[c] = r.nextInt(5) == 0 ? r.nextInt(3) : r.nextFloat() * 10f;
            c++;
        }
        return SparseDistances.of(n, java.util.Arrays.copyOf(a, c), java.util.Arrays.copyOf(b, c),
                java.util.Arrays.copyOf(d, c));
    }

    private static List<List<PersistenceInterval>> sorted(Barcodes b) {
        List<List<PersistenceInterval>> out = new ArrayList<>();
        for (Barcode x : b.byDimension()) {
            out.add(x.sorted());
        }
        return out;
    }

    @ParameterizedTest(name = "maxDim {0}")
    @ValueSource(ints = {0, 1, 2})
    void compute_randomSparse_equalsDenseEngine(int maxDim) {
        for (long seed = 1; seed <= 150; seed++) {
            SparseDistances d = randomSparse(seed);
            float threshold = seed % 3 == 0 ? 5f : Float.POSITIVE_INFINITY;
            RipsPersistence algorithm = new RipsPersistence(maxDim);
            Barcodes expected = algorithm.compute(Filtration.fromDistances(d.toDistanceMatrix(), threshold));
            Barcodes actual = SparsePersistence.compute(algorithm, d, threshold);
            assertEquals(sorted(expected), sorted(actual), "seed " + seed + " " + d + " threshold " + threshold);
        }
    }

    @Test
    void compute_withRepresentatives_mapsCocycleEdgesBackToInputIndices() {
        // a 4-cycle on points 10, 20, 30, 40 (with a tail 40-41) among 50 isolated points
        SparseDistances d = DistanceMatrixReader.parseSparse("10 20 1\n20 30 1\n30 40 1\n40 10 1\n40 41 0.5\n49 0 3\n");
        Barcodes b = SparsePersistence.compute(new RipsPersistence(1).withRepresentatives(true), d,
                Float.POSITIVE_INFINITY);
        assertEquals(1, b.dimension(1).size());
        for (CochainEdge e : b.dimension(1).representative(0).orElseThrow()) {
            assertTrue(List.of(10, 20, 30, 40).contains(e.u()) && List.of(10, 20, 30, 40).contains(e.v()), e.toString());
        }
    }

    @Test
    void compute_seededSparseFiles_equalRipser() {
        assumeTrue(Oracles.hasRipser(), "the ripser binary (Debian package ripser) is needed for this oracle test");
        for (long seed = 1; seed <= 12; seed++) {
            SparseDistances d = randomSparse(seed * 7919);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < d.entryCount(); k++) {
                sb.append(d.hi(k)).append(' ').append(d.lo(k)).append(' ').append(d.value(k)).append('\n');
            }
            // ripser takes n from the largest index: make sure the last point appears
            sb.append(d.size() - 1).append(' ').append(d.size()).append(" 9.5\n");
            Path file = Inputs.write(dir.resolve("s" + seed + ".txt"), sb.toString());
            Map<Integer, List<String>> expected = Oracles.ripser(file, "sparse", 2, null);
            Barcodes ours = SparsePersistence.compute(new RipsPersistence(2), DistanceMatrixReader.readSparse(file),
                    Float.POSITIVE_INFINITY);
            Map<Integer, List<String>> actual = Oracles.parseBars(BarcodeText.toRipserText(ours));
            // ripser prints no dimension above n - 2; ours are empty there
            actual.keySet().removeIf(k -> !expected.containsKey(k) && actual.get(k).isEmpty());
            assertEquals(expected, actual, "seed " + seed * 7919);
        }
    }

    @Test
    void compute_oneEdgeToIndex65535_neverAllocatesTheDenseMatrix() {
        // issue 12.3: the dense path built a 65536 x 65536 triangle (8.6 GB) for this 12-byte input
        long before = Allocations.currentThread();
        SparseDistances d = DistanceMatrixReader.parseSparse("0 65535 1\n");
        Barcodes b = SparsePersistence.compute(new RipsPersistence(2), d, Float.POSITIVE_INFINITY);
        long mib = (Allocations.currentThread() - before) >> 20;
        assertEquals(65_536, d.size());
        assertEquals(65_535, b.dimension(0).essentialCount());
        assertEquals(1, b.dimension(0).size() - b.dimension(0).essentialCount());
        assertEquals(0, b.dimension(1).size());
        assertTrue(mib < 256, "allocated " + mib + " MiB (the dense triangle would be 8 GiB)");
    }

    /**
     * Random sparse graph whose 2-core is one large component (a ring through every point plus random chords,
     * then pendant trees), so that the engine runs on the entries ({@code m > 64}, under 4 cells per entry).
     */
    static SparseDistances largeCore(int n, int chords, long seed) {
        Random r = new Random(seed);
        List<int[]> pairs = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        int core = n - n / 5;
        for (int i = 0; i < core; i++) {
            int j = (i + 1) % core;
            seen.add((long) Math.max(i, j) << 32 | Math.min(i, j));
            pairs.add(new int[] {i, j});
        }
        for (int c = 0; c < chords; c++) {
            int i = r.nextInt(core);
            int j = r.nextInt(3) == 0 ? r.nextInt(core) : (i + 2 + r.nextInt(6)) % core;
            if (i != j && seen.add((long) Math.max(i, j) << 32 | Math.min(i, j))) {
                pairs.add(new int[] {i, j});
            }
        }
        for (int v = core; v < n; v++) {
            pairs.add(new int[] {v, r.nextInt(v)}); // trees hanging off the core
        }
        int[] a = new int[pairs.size()];
        int[] b = new int[pairs.size()];
        float[] d = new float[pairs.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = pairs.get(k)[0];
            b[k] = pairs.get(k)[1];
            // ties and zeros as well as distinct values
            d[k] = r.nextInt(6) == 0 ? r.nextInt(4) * 0.5f : r.nextFloat() * 4f;
        }
        return SparseDistances.of(n, a, b, d);
    }

    private static String sparseText(SparseDistances d) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < d.entryCount(); k++) {
            sb.append(d.hi(k)).append(' ').append(d.lo(k)).append(' ').append(d.value(k)).append('\n');
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "maxDim {0}")
    @ValueSource(ints = {1, 2, 3})
    void compute_largeCore_entryBackedEngineEqualsDenseEngine(int maxDim) {
        for (long seed = 1; seed <= 12; seed++) {
            SparseDistances d = largeCore(80 + (int) (seed * 13), (int) (seed * 11), seed);
            float threshold = seed % 3 == 0 ? 2.5f : Float.POSITIVE_INFINITY;
            RipsPersistence algorithm = new RipsPersistence(maxDim);
            Barcodes expected = algorithm.compute(Filtration.fromDistances(d.toDistanceMatrix(), threshold));
            Barcodes actual = SparsePersistence.compute(algorithm, d, threshold);
            assertEquals(sorted(expected), sorted(actual), "seed " + seed + " threshold " + threshold);
        }
    }

    @Test
    void compute_largeCoreFiles_equalRipserSparseFormat() {
        assumeTrue(Oracles.hasRipser(), "the ripser binary (Debian package ripser) is needed for this oracle test");
        for (long seed = 21; seed <= 28; seed++) {
            SparseDistances d = largeCore(150 + (int) seed * 20, 60 + (int) seed * 5, seed);
            Path file = Inputs.write(dir.resolve("core" + seed + ".txt"), sparseText(d));
            Map<Integer, List<String>> expected = Oracles.ripser(file, "sparse", 2, null);
            Barcodes ours = SparsePersistence.compute(new RipsPersistence(2), DistanceMatrixReader.readSparse(file),
                    Float.POSITIVE_INFINITY);
            assertEquals(expected, Oracles.parseBars(BarcodeText.toRipserText(ours)), "seed " + seed);
        }
    }

    @Test
    void compute_twentyThousandPointCore_staysProportionalToEntries() {
        // issue 12.3: one 2-core component of 16,000 points used to become a 128 M-cell (512 MB) triangle
        SparseDistances d = largeCore(20_000, 8_000, 99);
        long before = Allocations.currentThread();
        Barcodes b = SparsePersistence.compute(new RipsPersistence(2), d, Float.POSITIVE_INFINITY);
        long mib = (Allocations.currentThread() - before) >> 20;
        assertTrue(mib < 64, "allocated " + mib + " MiB for " + d.entryCount() + " entries");
        long betti1 = b.dimension(1).essentialCount();
        assertTrue(betti1 > 100, "a ring with chords keeps many independent cycles: " + betti1);
        if (Oracles.hasRipser()) {
            Path file = Inputs.write(dir.resolve("core20000.txt"), sparseText(d));
            assertEquals(Oracles.ripser(file, "sparse", 2, null), Oracles.parseBars(BarcodeText.toRipserText(b)));
        }
    }
}
