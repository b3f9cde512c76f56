package org.attnplanes.topology.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link RankedColumn} against a brute-force Z/2 column (a multiset of triangle keys, a key present iff its count
 * is odd): seeded sequences of coboundaries of random edges and of stored columns drained earlier, in one reused
 * instance (so {@link RankedColumn#drainTo} emptying it is checked too), on planes of 3 to 64 vertices with and
 * without ties between edges. After every operation the pivot must be the smallest key (filtration order), and
 * the drained column must be exactly the keys of odd count.
 */
class RankedColumnTest {

    @Test
    void operations_seededSequences_matchBruteForceParityAndPivot() {
        RankedColumn rc = new RankedColumn();
        for (int round = 0; round < 400; round++) {
            long seed = 17L * round + 3;
            Random r = new Random(seed);
            int n = 3 + r.nextInt(62);
            boolean ties = round % 2 == 0;
            float[] dd = new float[n * n];
            int m = n * (n - 1) / 2;
            long[] keys = new long[m];
            int k = 0;
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    float v = ties && r.nextInt(2) == 0 ? r.nextInt(8) / 8f : r.nextFloat();
                    dd[i * n + j] = v;
                    dd[j * n + i] = v;
                    keys[k++] = FiltrationSort.key(v, (i << 6) | j);
                }
            }
            // the engine's tables: edges by rank, (rank << 12) | code under both orders, ends of the tie groups
            Arrays.sort(keys);
            int[] enc = new int[64 * 64];
            int[] groupEnd = new int[m];
            for (int q = m - 1; q >= 0; q--) {
                int c = TriangleCodes.code(keys[q]);
                enc[c] = (q << 12) | c;
                enc[((c & 63) << 6) | (c >>> 6)] = (q << 12) | c;
                groupEnd[q] = q + 1 < m && keys[q + 1] >>> 32 == keys[q] >>> 32 ? groupEnd[q + 1] : q + 1;
            }
            TreeMap<Long, Integer> count = new TreeMap<>();
            List<int[]> storedRanks = new ArrayList<>();
            List<long[]> storedWords = new ArrayList<>();
            List<long[]> storedKeys = new ArrayList<>();
            int ops = 1 + r.nextInt(12);
            for (int op = 0; op < ops; op++) {
                String what = "seed " + seed + " n = " + n + " op " + op;
                if (!storedKeys.isEmpty() && r.nextInt(3) == 0) {
                    int s = r.nextInt(storedKeys.size());
                    int[] ranks = storedRanks.get(s);
                    long[] words = storedWords.get(s);
                    int[] rankPool = new int[ranks.length + 5];
                    long[] wordPool = new long[words.length + 5];
                    System.arraycopy(ranks, 0, rankPool, 2, ranks.length);
                    System.arraycopy(words, 0, wordPool, 2, words.length);
                    rc.addColumn(rankPool, wordPool, 2, ranks.length);
                    for (long key : storedKeys.get(s)) {
                        count.merge(key, 1, Integer::sum);
                    }
                } else {
                    int a = 1 + r.nextInt(n - 1);
                    int b = r.nextInt(a);
                    long common = 0L;
                    for (int x = 0; x < n; x++) {
                        if (x != a && x != b && r.nextInt(4) != 0) {
                            common |= 1L << x;
                        }
                    }
                    rc.addCoboundary(enc, a, b, common);
                    for (int x = 0; x < n; x++) {
                        if ((common >>> x & 1L) != 0L) {
                            float diam = Math.max(dd[a * n + b], Math.max(dd[x * n + a], dd[x * n + b]));
                            count.merge(FiltrationSort.key(diam, TriangleCodes.triangle(x, a, b)), 1, Integer::sum);
                        }
                    }
                }
                long[] expected = count.entrySet().stream().filter(e -> e.getValue() % 2 == 1)
                        .mapToLong(e -> e.getKey()).toArray();
                int pivot = rc.pivot(groupEnd, keys);
                assertEquals(expected.length == 0 ? -1L : expected[0], pivot < 0 ? -1L : key(pivot, keys, dd, n),
                        what + ": pivot");
                if (r.nextInt(4) == 0 || op == ops - 1) {
                    int[] ranks = new int[rc.sizeBound()];
                    long[] words = new long[ranks.length];
                    int size = rc.drainTo(ranks, words, 0);
                    ranks = Arrays.copyOf(ranks, size);
                    words = Arrays.copyOf(words, size);
                    List<Long> got = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        for (int bit = 0; bit < 64; bit++) {
                            if ((words[i] >>> bit & 1L) != 0L) {
                                got.add(key((ranks[i] << 6) | bit, keys, dd, n));
                            }
                        }
                    }
                    got.sort(null);
                    assertEquals(Arrays.toString(expected), got.toString(), what + ": drained column");
                    assertEquals(-1, rc.pivot(groupEnd, keys), what + ": empty after draining");
                    storedRanks.add(ranks);
                    storedWords.add(words);
                    storedKeys.add(expected);
                    count.clear();
                }
            }
        }
    }

    /** The key of the triangle at a position: its longest edge by rank, its third vertex. */
    private static long key(int position, long[] keys, float[] dd, int n) {
        int c = TriangleCodes.code(keys[position >>> 6]);
        int a = c >>> 6;
        int b = c & 63;
        int x = 63 - (position & 63);
        float diam = Math.max(dd[a * n + b], Math.max(dd[x * n + a], dd[x * n + b]));
        return FiltrationSort.key(diam, TriangleCodes.triangle(x, a, b));
    }
}
