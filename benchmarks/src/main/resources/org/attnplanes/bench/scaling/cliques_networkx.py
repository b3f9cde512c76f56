"""Peer of ScalingMain's clique stage: counts the cliques of every size of each graph of GRAPHS with networkx
enumerate_all_cliques and prints one line per graph (its k-clique counts, k = 1..) and then
"cpu <seconds>": the median process CPU time of counting all graphs (reading excluded) over 1-3 runs (one run
once a run takes over 1 s).
GRAPHS: blocks "g N M" followed by M lines "i j" (0-based).
    python3 cliques_networkx.py GRAPHS"""
import statistics
import sys
import time

import networkx as nx


def read(path):
    graphs = []
    with open(path) as f:
        lines = iter(f.read().split("\n"))
        for line in lines:
            if not line.startswith("g "):
                continue
            _, n, m = line.split()
            g = nx.Graph()
            g.add_nodes_from(range(int(n)))
            g.add_edges_from(tuple(map(int, next(lines).split())) for _ in range(int(m)))
            graphs.append(g)
    return graphs


def counts(g):
    c = {}
    for clique in nx.enumerate_all_cliques(g):
        c[len(clique)] = c.get(len(clique), 0) + 1
    return [c.get(k, 0) for k in range(1, max(c) + 1)] if c else []


def main():
    graphs = read(sys.argv[1])
    times, result = [], None
    for _ in range(3):
        t0 = time.process_time()
        result = [counts(g) for g in graphs]
        times.append(time.process_time() - t0)
        if times[-1] > 1.0:
            break
    for r in result:
        print(",".join(map(str, r)))
    print(f"cpu {statistics.median(times):.6f}")
    print(f"networkx {nx.__version__}")


if __name__ == "__main__":
    main()
