#!/usr/bin/python3
"""GUDHI peer for benchmarks/scripts/small-planes-vs-gudhi.sh: H0-H1 persistence per real MiniLM head plane.

Reads the planes SmallPlanesMain exported (little-endian int32 plane count; per plane int32 n, int32 our H1 bar
count, n*n float32 filtration values 1 - w, 0 on the diagonal), computes with GUDHI the H0/H1 barcodes of the
clique (Vietoris-Rips) complex of those values (the same float32 numbers, widened to float64), and prints the
mean time per plane over the given number of passes (pass 1 and the median of the others) and how many planes
disagree with ours on the number of H1 bars longer than 1e-6.

usage: small_planes_gudhi.py PLANES.bin [PASSES=3]
"""
import statistics
import struct
import sys
import time

import gudhi
import numpy as np


def barcodes(d):
    rips = gudhi.RipsComplex(distance_matrix=d, max_edge_length=float("inf"))
    st = rips.create_simplex_tree(max_dimension=2)
    st.compute_persistence(homology_coeff_field=2, min_persistence=-1)
    return st.persistence_intervals_in_dimension(1)


def main():
    data = open(sys.argv[1], "rb").read()
    passes = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    (count,) = struct.unpack_from("<i", data, 0)
    off = 4
    planes = []
    for _ in range(count):
        n, h1 = struct.unpack_from("<ii", data, off)
        off += 8
        d = np.frombuffer(data, dtype="<f4", count=n * n, offset=off).reshape(n, n).astype(np.float64)
        off += 4 * n * n
        planes.append((d, h1))
    times = []
    bad = 0
    for p in range(passes):
        t0 = time.perf_counter()
        results = [barcodes(d) for d, _ in planes]
        times.append((time.perf_counter() - t0) / count)
        if p == 0:
            for (d, h1), bars in zip(planes, results):
                ours = sum(1 for b, e in bars if e > b + 1e-6)
                if ours != h1:
                    bad += 1
    rest = statistics.median(times[1:]) if passes > 1 else times[0]
    print(f"gudhi {gudhi.__version__}: {count} planes, mean n = {np.mean([d.shape[0] for d, _ in planes]):.1f}; "
          f"us per plane: pass 1 {times[0] * 1e6:.1f}, later passes (median) {rest * 1e6:.1f}; "
          f"H1 bar counts differ on {bad} planes")


if __name__ == "__main__":
    main()
