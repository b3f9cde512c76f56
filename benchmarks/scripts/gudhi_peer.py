#!/usr/bin/python3
"""Peer pipeline for benchmarks/scripts/analyze-vs-gudhi.sh: persistent homology per head with GUDHI.

Reads the plane matrices that `attnplanes analyze --save-matrices FILE.npz` exported (one array
`input_<k>` of shape [planes, n, n] per input, symmetric normalized weights w in [0, 1]) and computes,
per plane, the H0/H1 barcodes of the clique (Vietoris-Rips) complex of the distance d = 1 - w
(d(i,i) = 0), exactly the filtration attnplanes uses. Prints sentences/s; with --json writes the bars
so the script can check both pipelines agree.

usage: gudhi_peer.py PLANES.npz [--json OUT.json]
"""
import json
import sys
import time

import gudhi
import numpy as np


def barcodes(w):
    d = 1.0 - w.astype(np.float64)
    np.fill_diagonal(d, 0.0)
    rips = gudhi.RipsComplex(distance_matrix=d, max_edge_length=float("inf"))
    st = rips.create_simplex_tree(max_dimension=2)
    st.compute_persistence(homology_coeff_field=2, min_persistence=-1)
    return [st.persistence_intervals_in_dimension(k).tolist() for k in (0, 1)]


def main():
    path = sys.argv[1]
    out = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
    z = np.load(path)
    names = sorted((k for k in z.files if k.startswith("input_")), key=lambda k: int(k.split("_")[1]))
    arrays = [z[k] for k in names]  # load before timing: the peer's I/O is not counted
    t0 = time.perf_counter()
    results = {}
    planes = 0
    for name, a in zip(names, arrays):
        results[name] = [barcodes(a[p]) for p in range(a.shape[0])]
        planes += a.shape[0]
    dt = time.perf_counter() - t0
    print(f"gudhi {gudhi.__version__}: {len(names)} inputs, {planes} planes in {dt:.3f} s = "
          f"{len(names) / dt:.2f} sentences/s")
    if out:
        with open(out, "w") as f:
            json.dump({k: v for k, v in results.items()}, f)


if __name__ == "__main__":
    main()
