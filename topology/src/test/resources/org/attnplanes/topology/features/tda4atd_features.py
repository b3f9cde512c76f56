"""Independent oracle: the published tda4atd feature pipeline on one attention matrix.

Follows danchern97/tda4atd (utils.cutoff_matrix, stats_count.get_filtered_mat_list, ripser_count.matrix_to_ripser,
count_ripser_features): rows renormalised, threshold graphs from the renormalised matrix (edge count includes the
diagonal), barcodes of min(d, d^T) with d = 1 - w after zeroing w <= 1e-3, computed here with GUDHI (Z/2) instead
of ripser++, infinite bars dropped. Usage: python3 tda4atd_features.py matrix.txt (n lines of n floats).
Prints "attn_edges <t> <count>" and "<name> <value>" lines.
"""
import sys

import gudhi
import numpy as np

a = np.loadtxt(sys.argv[1], dtype=np.float32, ndmin=2)
n = a.shape[0]
m = a / a.sum(axis=1, keepdims=True)           # cutoff_matrix (all tokens real)
for t in (0.025, 0.05, 0.1, 0.25, 0.5, 0.75):  # stats_count: filtered_matrix[filtered_matrix >= thr] = 1
    print("attn_edges %r %d" % (t, int((m >= t).sum())))
w = (m > 1e-3).astype(np.float32) * m           # matrix_to_ripser, lower_bound = 1e-3
d = 1.0 - w
d -= np.diag(np.diag(d))
d = np.minimum(d.T, d)
st = gudhi.RipsComplex(distance_matrix=d.astype(np.float64), max_edge_length=float("inf")).create_simplex_tree(max_dimension=2)
st.compute_persistence(homology_coeff_field=2)  # bars of length > 0, as ripser prints them
for dim in (0, 1):
    bars = np.array([p for p in st.persistence_intervals_in_dimension(dim) if np.isfinite(p[1])], dtype=np.float64)
    lengths = bars[:, 1] - bars[:, 0] if len(bars) else np.zeros(0)
    print("h%d_s %.9g" % (dim, lengths.sum()))
    print("h%d_nb %d" % (dim, len(bars)))
    p = lengths[lengths > 0] / lengths.sum() if len(bars) and lengths.sum() > 0 else np.zeros(0)
    print("h%d_e %.9g" % (dim, -(p * np.log(p)).sum()))
