"""networkx oracle for the la-tda threshold-graph features: matching number and chordality.

Input (argv[1]): blocks "n t" then n rows of attention weights. The graph has an edge {i, j} (i != j) iff
max(a[i][j], a[j][i]) >= t. Output per block: "matching chordal(0/1)".
"""
import sys
import networkx as nx


def main():
    tok = open(sys.argv[1]).read().split()
    pos = 0
    out = []
    while pos < len(tok):
        n, t = int(tok[pos]), float(tok[pos + 1])
        pos += 2
        a = [[float(tok[pos + i * n + j]) for j in range(n)] for i in range(n)]
        pos += n * n
        g = nx.Graph()
        g.add_nodes_from(range(n))
        for i in range(n):
            for j in range(i + 1, n):
                if max(a[i][j], a[j][i]) >= t:
                    g.add_edge(i, j)
        m = len(nx.max_weight_matching(g, maxcardinality=True))
        out.append("%d %d" % (m, 1 if nx.is_chordal(g) else 0))
    print("\n".join(out))


main()
