"""Betti numbers of flag filtrations at given values, with GUDHI (the oracle of TopologyAnalyzerTest).

stdin: blocks of
    n maxdim
    <n(n-1)/2 lower-triangular float32 values, row by row (i > j), 'inf' for absent edges>
    <values at which to read the Betti numbers>
stdout: one line per block: for each value, the Betti numbers 0..maxdim joined by ',' ; values separated by ' '.
Z/2 coefficients (GUDHI's default is Z/11), simplices up to dimension maxdim + 1.
"""
import math
import sys

import gudhi


def main():
    tokens = sys.stdin.read().split("\n")
    i = 0
    out = []
    while i < len(tokens) and tokens[i].strip():
        n, maxdim = map(int, tokens[i].split())
        lower = [float(x) for x in tokens[i + 1].split()] if n > 1 else []
        values = [float(x) for x in tokens[i + 2].split()]
        i += 3
        st = gudhi.SimplexTree()
        for v in range(n):
            st.insert([v], filtration=0.0)
        k = 0
        for a in range(1, n):
            for b in range(a):
                d = lower[k]
                k += 1
                if not math.isinf(d):
                    st.insert([b, a], filtration=d)
        st.expansion(maxdim + 1)
        st.compute_persistence(homology_coeff_field=2, persistence_dim_max=True)
        row = []
        for v in values:
            b = st.persistent_betti_numbers(v, v)
            b = list(b) + [0] * (maxdim + 1 - len(b))
            row.append(",".join(str(x) for x in b[: maxdim + 1]))
        out.append(" ".join(row))
    print("\n".join(out))


if __name__ == "__main__":
    main()
