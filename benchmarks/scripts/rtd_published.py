"""Peer for the cross-barcode benchmark: the published RTD code path on the same matrices.

`calc_embed_dist` of github.com/IlyaTrofimov/RTD (rtd/barcodes.py) builds the 2n x 2n matrix
[[0, r1^T], [r1, min(r1, r2)]] (norm: none here, as our default; the published default divides by the 0.9
quantile), zeroes entries < 1e-6 * mean(r1), and calls ripser++ ("--format lower-distance --dim 1"). ripser++
needs a CUDA GPU, which this machine does not have, so the call is replaced by the CPU Ripser binary (Debian
`ripser` 1.2.1) through a file and a subprocess, as the published MTopDiv fork (script/metrics/MTopDiv) does.
Timed per pair in CPU seconds of this process plus its children (python start-up and file reading excluded).

usage: rtd_published.py EXPORT.bin [REPEATS=3]    (EXPORT.bin from ResearchMain cross)
prints: per-pair median CPU ms, and the finite H0/H1 bar counts (bars longer than 1e-6) per pair
"""
import os
import resource
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np


def cpu():
    s = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def calc_embed_dist(r1, r2):
    n = r1.shape[0]
    d = np.zeros((2 * n, 2 * n))
    d[n:, :n] = r1
    d[:n, n:] = r1.T
    d[n:, n:] = np.minimum(r1, r2)
    m = r1.mean()
    d[d < m * (1e-6)] = 0
    d_tril = d[np.tril_indices(d.shape[0], k=-1)]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        # one value per line is what the published fork writes (write_lower_bound_distance_matrix)
        f.write("\n".join("%.9g" % x for x in d_tril))
        name = f.name
    try:
        out = subprocess.run(["ripser", "--format", "lower-distance", "--dim", "1", name],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.remove(name)
    bars = {0: [], 1: []}
    dim = -1
    for line in out.splitlines():
        if line.startswith("persistence intervals in dim "):
            dim = int(line[len("persistence intervals in dim "):-1])
        elif line.startswith(" [") and dim in bars:
            b, e = line.strip()[1:-1].split(",")
            if e.strip():
                bars[dim].append((float(b), float(e)))
    return bars


def main():
    data = open(sys.argv[1], "rb").read()
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    n, pairs = struct.unpack(">ii", data[:8])
    vals = np.frombuffer(data[8:], dtype=">f4").astype(np.float64).reshape(pairs, 2, n, n)
    times = []
    counts = []
    for rep in range(repeats):
        t0 = cpu()
        for q in range(pairs):
            bars = calc_embed_dist(vals[q, 0], vals[q, 1])
            if rep == 0:
                counts.append("%d/%d" % tuple(sum(1 for b, e in bars[k] if e - b > 1e-6) for k in (0, 1)))
        times.append((cpu() - t0) / pairs * 1000)
    times.sort()
    print("published code (numpy + ripser binary): median %.1f ms CPU per pair over %d repeats" % (times[len(times) // 2], repeats))
    print("finite bars H0/H1 per pair: " + " ".join(counts))


main()
