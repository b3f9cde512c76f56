"""NumPy oracle for LapEigvals (Binkowski et al. 2025; github.com/graphml-lab-pwr/lapeigvals).

Input (argv[1]): "layers heads T" then layers*heads matrices (T rows each), layer-major.
Output: for every head, (1) the Laplacian diagonal per layer, a NumPy port of the published
`laplacian_diagonal_from_attn`, one line per layer; (2) a line "eig" followed by all eigenvalues of the full
multi-layer Laplacian built as the published `full_laplacian_from_attn` builds it (block diagonal of the layers,
self-attention of layers >= 1 moved to the inter-layer edge, out-degree = column sum / nonzero count,
L = diag(deg) - A), computed with numpy.linalg.eigvals and sorted (real parts; imaginary parts must be ~0).
"""
import sys
import numpy as np


def diag_published(item_attn):
    item_attn = [a.copy() for a in item_attn]
    num_layers = len(item_attn)
    num_heads, T, _ = item_attn[0].shape
    num_out_edges = np.arange(1, T + 1)[::-1].astype(np.float64)
    fst = num_out_edges + 1
    last = num_out_edges - 1
    idx = np.arange(T)
    out = np.zeros((num_layers, num_heads, T))
    f, s = item_attn[0], item_attn[1]
    deg = f.sum(axis=1) + s[:, idx, idx]
    deg = deg / fst
    out[0] = deg - f[:, idx, idx]
    for l in range(1, num_layers - 1):
        la = item_attn[l]
        nx_ = item_attn[l + 1]
        la[:, idx, idx] = 0.0
        deg = la.sum(axis=1) + nx_[:, idx, idx]
        out[l] = deg / num_out_edges
    la = item_attn[-1]
    la[:, idx, idx] = 0.0
    deg = la.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        deg = deg / last
    deg[:, -1] = 0.0
    out[-1] = deg
    return out


def full_published(item_attn, head):
    L = len(item_attn)
    T = item_attn[0].shape[1]
    adj = np.zeros((L * T, L * T))
    for l in range(L):
        adj[l * T:(l + 1) * T, l * T:(l + 1) * T] = item_attn[l][head]
    d = np.arange(T, T * L)
    adj[d, d - T] = adj[d, d]
    adj[d, d] = 0
    with np.errstate(divide="ignore", invalid="ignore"):
        deg = adj.sum(axis=0) / np.count_nonzero(adj, axis=0)
    deg[np.isnan(deg)] = 0.0
    return np.diag(deg) - adj


def main():
    tok = open(sys.argv[1]).read().split()
    L, H, T = int(tok[0]), int(tok[1]), int(tok[2])
    vals = np.array([float(x) for x in tok[3:]]).reshape(L, H, T, T)
    item_attn = [vals[l] for l in range(L)]
    dg = diag_published(item_attn)
    lines = []
    for h in range(H):
        for l in range(L):
            lines.append(" ".join(repr(float(x)) for x in dg[l, h]))
        ev = np.linalg.eigvals(full_published(item_attn, h))
        assert np.max(np.abs(ev.imag)) < 1e-9
        lines.append("eig " + " ".join(repr(float(x)) for x in np.sort(ev.real)))
    print("\n".join(lines))


main()
