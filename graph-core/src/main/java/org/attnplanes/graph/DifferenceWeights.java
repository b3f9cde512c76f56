package org.attnplanes.graph;

/** Internal: the signed difference first − second of two planes over the same tokens. */
final class DifferenceWeights implements PlaneWeights {

    private final Plane first;
    private final Plane second;

    DifferenceWeights(Plane first, Plane second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public float attention(int query, int key) {
        return first.attention(query, key) - second.attention(query, key);
    }

    @Override
    public float raw(int i, int j) {
        return first.rawWeight(i, j) - second.rawWeight(i, j);
    }

    @Override
    public float normalized(int i, int j) {
        return first.weight(i, j) - second.weight(i, j);
    }

    @Override
    public float selfRaw(int i) {
        return first.selfRawWeight(i) - second.selfRawWeight(i);
    }

    @Override
    public float selfNormalized(int i) {
        return first.selfWeight(i) - second.selfWeight(i);
    }
}
