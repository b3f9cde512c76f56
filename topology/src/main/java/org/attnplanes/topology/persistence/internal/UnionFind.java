package org.attnplanes.topology.persistence.internal;

/** Disjoint sets over {@code 0..n−1} with path compression and union by rank. */
public final class UnionFind {

    private final int[] parent;
    private final byte[] rank;

    /** {@code n} singletons. */
    public UnionFind(int n) {
        parent = new int[n];
        rank = new byte[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
    }

    /** The representative of {@code x}'s set. */
    public int find(int x) {
        int y = x;
        while (parent[y] != y) {
            y = parent[y];
        }
        while (parent[x] != y) {
            int z = parent[x];
            parent[x] = y;
            x = z;
        }
        return y;
    }

    /** Merges the sets of two representatives {@code x != y}. */
    public void linkRoots(int x, int y) {
        if (rank[x] > rank[y]) {
            parent[y] = x;
        } else {
            parent[x] = y;
            if (rank[x] == rank[y]) {
                rank[y]++;
            }
        }
    }
}
