#!/usr/bin/env python3
"""k-clique counting: AttentionPlanes BitsetCliqueCounter vs networkx enumerate_all_cliques, same graphs.

Generates seeded attention-like threshold graphs (row softmax of N(0, sigma^2) logits, edge {i,j} iff
max(A[i][j], A[j][i]) >= t), writes them as edge lists, counts the cliques of every size with networkx
(in-process, median of --runs runs, or one run when a run takes longer than 2 s) and with the Java counter
(org.attnplanes.bench.clique.CliqueCountsMain: one JVM for all graphs, in-process, warm median), checks the
counts agree exactly and prints the ratio per graph. Exit status 1 if any count differs.

Needs networkx (the pyenv python3 has 3.6.1; Debian's /usr/bin/python3 has none) and a built benchmarks
module: ./mvnw -q -o -pl benchmarks -am package -DskipTests
Usage: python3 benchmarks/scripts/cliques_vs_networkx.py [--seed 1] [--runs 3] [--out DIR]
"""
import argparse
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

import networkx as nx

CASES = [(128, 0.05), (128, 0.02), (128, 0.01), (256, 0.01), (256, 0.005), (512, 0.005), (512, 0.003)]


def attention(n, sigma, rnd):
    a = []
    for _ in range(n):
        logits = [rnd.gauss(0.0, sigma) for _ in range(n)]
        m = max(logits)
        e = [math.exp(x - m) for x in logits]
        s = sum(e)
        a.append([x / s for x in e])
    return a


def threshold_edges(a, t):
    n = len(a)
    return [(i, j) for i in range(n) for j in range(i + 1, n) if max(a[i][j], a[j][i]) >= t]


def nx_counts(n, edges, runs):
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    times = []
    counts = None
    for _ in range(runs):
        t0 = time.perf_counter()
        c = {}
        for clique in nx.enumerate_all_cliques(g):
            k = len(clique)
            c[k] = c.get(k, 0) + 1
        times.append(time.perf_counter() - t0)
        counts = [c.get(k, 0) for k in range(1, max(c) + 1)] if c else []
        if times[-1] > 2.0:
            break
    return counts, statistics.median(times), len(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sigma", type=float, default=2.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default=None, help="directory for the edge lists (default: a temporary one)")
    args = ap.parse_args()
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    jars = [f for f in os.listdir(os.path.join(root, "benchmarks", "target"))
            if f.startswith("attnplanes-benchmarks-") and f.endswith(".jar")]
    with open(os.path.join(root, "benchmarks", "target", "classpath.txt")) as f:
        cp = os.path.join(root, "benchmarks", "target", jars[0]) + ":" + f.read().strip()
    out = args.out or tempfile.mkdtemp(prefix="cliques-")
    os.makedirs(out, exist_ok=True)

    graphs = []
    for idx, (n, t) in enumerate(CASES):
        rnd = random.Random(args.seed * 1000 + idx)
        edges = threshold_edges(attention(n, args.sigma, rnd), t)
        path = os.path.join(out, f"attn_n{n}_t{t}_s{args.seed}.edges")
        with open(path, "w") as f:
            f.write(f"{n} {len(edges)}\n")
            f.writelines(f"{i} {j}\n" for i, j in edges)
        graphs.append((n, t, edges, path))

    t0 = time.perf_counter()
    proc = subprocess.run(["java", "-Xmx2g", "-cp", cp, "org.attnplanes.bench.clique.CliqueCountsMain",
                           *[g[3] for g in graphs]], capture_output=True, text=True, check=True)
    java_process = time.perf_counter() - t0
    java = {}
    for line in proc.stdout.splitlines():
        path, counts, median_ms, _min_ms = line.split("\t")
        java[path] = ([int(x) for x in counts.split(",")] if counts else [], float(median_ms) / 1000)

    print(f"networkx {nx.__version__}, python {sys.version.split()[0]}, seed {args.seed}, sigma {args.sigma}")
    print("| n | t | edges | k-clique counts (k = 1..ω) | networkx | ours (warm) | ratio |")
    print("|---|---|---|---|---|---|---|")
    ok = True
    for n, t, edges, path in graphs:
        counts, nx_s, nx_runs = nx_counts(n, edges, args.runs)
        j_counts, j_s = java[path]
        agree = counts == j_counts
        ok &= agree
        shown = ", ".join(str(c) for c in counts)
        print(f"| {n} | {t} | {len(edges)} | {shown}{'' if agree else ' **MISMATCH: ours ' + str(j_counts) + '**'} "
              f"| {nx_s * 1000:.1f} ms ({nx_runs} run{'s' if nx_runs > 1 else ''}) | {j_s * 1000:.3f} ms "
              f"| {nx_s / j_s:.0f}× |")
    print(f"Java whole process for all {len(graphs)} graphs (JVM start, parse, >= 1 s warm-up + >= 0.5 s timed runs each): "
          f"{java_process:.2f} s")
    print("counts agree" if ok else "COUNTS DIFFER")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
