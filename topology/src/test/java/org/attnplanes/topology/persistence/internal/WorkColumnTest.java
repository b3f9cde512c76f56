package org.attnplanes.topology.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkColumn} against a brute-force Z/2 column (a multiset of triangle keys, a key present iff its count is
 * odd): seeded sequences of coboundaries of random edges and of stored columns copied out earlier, in one reused
 * instance (so {@link WorkColumn#clear} is checked too), on planes of 3 to 64 vertices with ties.
 */
class WorkColumnTest {

    @Test
    void operations_seededSequences_matchBruteForceParity() {
        WorkColumn wc = new WorkColumn();
        for (int round = 0; round < 400; round++) {
            long seed = 31L * round + 7;
            Random r = new Random(seed);
            int n = 3 + r.nextInt(62);
            float[] dd = new float[n * n];
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    float v = r.nextInt(3) == 0 ? r.nextInt(8) / 8f : r.nextFloat();
                    dd[i * n + j] = v;
                    dd[j * n + i] = v;
                }
            }
            TreeMap<Long, Integer> count = new TreeMap<>();
            List<long[]> stored = new ArrayList<>();
            int ops = 1 + r.nextInt(12);
            for (int op = 0; op < ops; op++) {
                if (!stored.isEmpty() && r.nextInt(3) == 0) {
                    long[] col = stored.get(r.nextInt(stored.size()));
                    long[] pool = new long[col.length + 5];
                    System.arraycopy(col, 0, pool, 3, col.length);
                    wc.addColumn(pool, 3, col.length);
                    for (long k : col) {
                        count.merge(k, 1, Integer::sum);
                    }
                } else {
                    int a = 1 + r.nextInt(n - 1);
                    int b = r.nextInt(a);
                    float d = dd[a * n + b];
                    long common = 0L;
                    for (int x = 0; x < n; x++) {
                        if (x != a && x != b && r.nextInt(4) != 0) {
                            common |= 1L << x;
                        }
                    }
                    wc.addCoboundary(dd, n, a, b, Float.floatToRawIntBits(d), common);
                    for (int x = 0; x < n; x++) {
                        if ((common >>> x & 1L) != 0L) {
                            float diam = Math.max(d, Math.max(dd[x * n + a], dd[x * n + b]));
                            count.merge(FiltrationSort.key(diam, TriangleCodes.triangle(x, a, b)), 1, Integer::sum);
                        }
                    }
                }
                long[] odd = count.entrySet().stream().filter(e -> e.getValue() % 2 == 1).mapToLong(e -> e.getKey())
                        .toArray();
                String what = "round " + round + " op " + op + " n = " + n + " seed " + seed;
                assertEquals(odd.length == 0 ? -1L : odd[0], wc.pivot(), what + ": pivot");
                long[] pool = new long[wc.listedCount() + 2];
                int size = wc.copyTo(pool, 2);
                long[] copied = Arrays.copyOfRange(pool, 2, 2 + size);
                Arrays.sort(copied);
                assertEquals(Arrays.toString(odd), Arrays.toString(copied), what + ": keys in the column");
                if (r.nextBoolean()) {
                    stored.add(copied);
                }
            }
            wc.clear();
            assertEquals(-1L, wc.pivot(), "round " + round + ": cleared");
        }
    }
}
