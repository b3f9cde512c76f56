"""MTop-Div oracle: the published TOHA computation re-run in NumPy + GUDHI.

Reconstructs, line for line, `transform_attention_scores_to_distances` of the authors' code (TOHA repository,
src/methods/mtopdiv/utils.py, and lm-polygraph's mtopdiv.py): d = 1 - clip(w, 0) in float32, diagonal zeroed,
min(d, d^T), prompt-prompt block zeroed; then the H0 barcode (the published code calls ripser++ / ripser.py,
neither of which is installable here, so GUDHI's Rips complex gives the same H0 barcode) and
get_score(..., 0, 'sum_length') / response length.

Input (argv[1]): blocks "n p" followed by n rows of n attention weights. Output: one line per block: the score
(repr) from GUDHI and, when the Debian `ripser` binary is on the PATH (Ripser is the engine behind the published
ripser.py / ripser++ calls), the score from its H0 bars (printed with 6 significant digits), or "-".
"""
import shutil
import subprocess
import tempfile
import sys
import numpy as np
import gudhi


def transform(attn):
    attn = attn.astype(np.float32)
    n = attn.shape[-1]
    d = 1 - np.clip(attn, a_min=0.0, a_max=None)
    zero_diag = np.ones((n, n)) - np.eye(n)
    d = d * np.broadcast_to(zero_diag, d.shape)
    d = np.minimum(np.swapaxes(d, -1, -2), d)
    return d


def h0_sum_length(d):
    n = d.shape[0]
    if n == 1:
        return 0.0
    rips = gudhi.RipsComplex(distance_matrix=[[float(d[i][j]) for j in range(i)] for i in range(n)])
    st = rips.create_simplex_tree(max_dimension=1)
    pers = st.persistence(homology_coeff_field=2, min_persistence=-1)
    total = 0.0
    for dim, (b, e) in pers:
        if dim == 0 and e != float("inf"):
            total += e - b
    return total


def ripser_score(d, r):
    if shutil.which("ripser") is None or d.shape[0] < 2:
        return "-"
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        for row in d:
            f.write(",".join("%.9g" % float(x) for x in row) + "\n")
        name = f.name
    out = subprocess.run(["ripser", "--format", "distance", "--dim", "1", name], capture_output=True, text=True,
                         check=True).stdout
    total = 0.0
    dim = -1
    for line in out.splitlines():
        if line.startswith("persistence intervals in dim "):
            dim = int(line[len("persistence intervals in dim "):-1])
        elif line.startswith(" [") and dim == 0:
            b, e = line.strip()[1:-1].split(",")
            if e.strip():
                total += float(e) - float(b)
    return repr(total / r)


def main():
    tokens = open(sys.argv[1]).read().split()
    pos = 0
    out = []
    while pos < len(tokens):
        n, p = int(tokens[pos]), int(tokens[pos + 1])
        pos += 2
        a = np.array([float(x) for x in tokens[pos:pos + n * n]], dtype=np.float64).reshape(n, n)
        pos += n * n
        d = transform(a)
        r = n - p
        d[:-r, :-r] = 0  # the published `distance_matrix[:-response_length, :-response_length] = 0`
        out.append(repr(h0_sum_length(d) / r) + " " + ripser_score(d, r))
    print("\n".join(out))


main()
