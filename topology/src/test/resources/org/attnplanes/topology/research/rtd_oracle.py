"""Cross-barcode (R-Cross-Barcode) oracle: the matrix of the published `rtd.barcodes.calc_embed_dist`
(Barannikov et al., github.com/IlyaTrofimov/RTD) rebuilt in NumPy from two given distance matrices, and its
Vietoris-Rips barcodes H0, H1 from GUDHI over Z/2 (the published code calls ripser++, unavailable here).

Input (argv[1]): blocks "n norm" then n rows of r1 then n rows of r2. Output per block: lines "dim birth death"
for finite bars of positive length, then a line "end".
"""
import sys
import numpy as np
import gudhi


def cross_matrix(r1, r2, norm):
    n = r1.shape[0]
    if norm == "QUANTILE":
        r1 = r1 / np.quantile(r1, 0.9)
        r2 = r2 / np.quantile(r2, 0.9)
    elif norm == "MEDIAN":
        r1 = r1 / np.median(r1)
        r2 = r2 / np.median(r2)
    elif norm == "MEAN":
        r1 = r1 / np.mean(r1)
        r2 = r2 / np.mean(r2)
    d = np.zeros((2 * n, 2 * n))
    d[n:, :n] = r1
    d[:n, n:] = r1.T
    d[n:, n:] = np.minimum(r1, r2)
    m = r1.mean()
    d[d < m * (1e-6)] = 0
    return d.astype(np.float32)


def main():
    tokens = open(sys.argv[1]).read().split()
    pos = 0
    out = []
    while pos < len(tokens):
        n, norm = int(tokens[pos]), tokens[pos + 1]
        pos += 2
        r1 = np.array([float(x) for x in tokens[pos:pos + n * n]]).reshape(n, n)
        pos += n * n
        r2 = np.array([float(x) for x in tokens[pos:pos + n * n]]).reshape(n, n)
        pos += n * n
        d = cross_matrix(r1, r2, norm)
        size = 2 * n
        rips = gudhi.RipsComplex(distance_matrix=[[float(d[i][j]) for j in range(i)] for i in range(size)])
        st = rips.create_simplex_tree(max_dimension=2)
        for dim, (b, e) in st.persistence(homology_coeff_field=2, min_persistence=0):
            if dim <= 1 and e != float("inf") and e > b:
                out.append("%d %r %r" % (dim, b, e))
        out.append("end")
    print("\n".join(out))


main()
