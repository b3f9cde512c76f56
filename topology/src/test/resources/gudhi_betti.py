"""Betti numbers of the flag (Vietoris-Rips) complex at given filtration values, with GUDHI.

usage: gudhi_betti.py LOWER_DISTANCE_FILE MAX_DIM FIELD T1 [T2 ...]
Prints one line per threshold t: beta_0 .. beta_MAX_DIM of the clique complex of {ij : d_ij <= t},
computed as GUDHI's persistent_betti_numbers(t, t) (bars with birth <= t < death).
Distances are read as float32 (numpy) so they match the Java engine and ripser bit for bit.
"""
import sys

import gudhi
import numpy as np


def main():
    path, max_dim, field = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    ts = [float(x) for x in sys.argv[4:]]
    rows = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                rows.append([float(x) for x in line.replace(",", " ").split()])
    n = len(rows) + 1
    d = np.zeros((n, n), dtype=np.float32)
    for i, row in enumerate(rows, start=1):
        for j, v in enumerate(row):
            d[i, j] = d[j, i] = np.float32(v)
    st = gudhi.SimplexTree()
    for v in range(n):
        st.insert([v], filtration=0.0)
    for i in range(n):
        for j in range(i):
            st.insert([i, j], filtration=float(d[i, j]))
    st.expansion(max_dim + 1)
    st.compute_persistence(homology_coeff_field=field, persistence_dim_max=True)
    for t in ts:
        b = st.persistent_betti_numbers(t, t)
        b = list(b) + [0] * (max_dim + 1 - len(b))
        print(" ".join(str(x) for x in b[: max_dim + 1]))


if __name__ == "__main__":
    main()
