#!/usr/bin/env python3
"""Log-log SVG of the output of h2-heads-vs-ripser.sh: CPU seconds (user+sys, whole process) vs tokens n for
ripser and ours, H<=1 and H<=2, plus ours on all 72 heads. No plotting library needed.
    python3 benchmarks/scripts/plot_heads_scaling.py RESULTS.txt OUT.svg"""
import math, re, sys

rows, allheads = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r'(\d+)\s+(\d)\s+(\S+)\s+(\S+)', line)
    if m:
        n, dim, r, o = int(m[1]), int(m[2]), m[3], m[4]
        rc = None if r.startswith('timeout') else max(float(r.split('/')[1]), 0.01)
        rows[(n, dim)] = (rc, max(float(o.split('/')[1]), 0.01), r.startswith('timeout'))
    m = re.search(r'all 72 heads.*cpu ([\d.]+) s', line)
    if m:
        allheads[max(k[0] for k in rows)] = float(m[1])
W, H, L, B, T, R = 640, 420, 70, 50, 30, 190
ns = sorted({k[0] for k in rows})
x0, x1 = math.log10(min(ns) / 1.2), math.log10(max(ns) * 1.2)
y0, y1 = -2, 3
X = lambda n: L + (math.log10(n) - x0) / (x1 - x0) * (W - L - R)
Y = lambda s: H - B - (math.log10(s) - y0) / (y1 - y0) * (H - B - T)
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>']
for e in range(y0, y1 + 1):
    out.append(f'<line x1="{L}" x2="{W - R}" y1="{Y(10 ** e):.1f}" y2="{Y(10 ** e):.1f}" stroke="#ddd"/>')
    out.append(f'<text x="{L - 6}" y="{Y(10 ** e) + 4:.1f}" text-anchor="end">{10 ** e:g}</text>')
for n in ns:
    out.append(f'<line x1="{X(n):.1f}" x2="{X(n):.1f}" y1="{T}" y2="{H - B}" stroke="#eee"/>')
    out.append(f'<text x="{X(n):.1f}" y="{H - B + 16}" text-anchor="middle">{n}</text>')
out.append(f'<text x="{(L + W - R) / 2}" y="{H - 12}" text-anchor="middle">tokens n (MiniLM head L0H2; log scale)</text>')
out.append(f'<text x="16" y="{(T + H - B) / 2}" transform="rotate(-90 16 {(T + H - B) / 2})" text-anchor="middle">'
           'CPU seconds, whole process (log)</text>')
series = [('ripser H≤1', '#d62728', '6,3', lambda n: rows.get((n, 1), (None,))[0]),
          ('ripser H≤2', '#d62728', '', lambda n: rows.get((n, 2), (None,))[0]),
          ('ours H≤1', '#1f77b4', '6,3', lambda n: rows.get((n, 1), (None, None))[1]),
          ('ours H≤2', '#1f77b4', '', lambda n: rows.get((n, 2), (None, None))[1]),
          ('ours all 72 heads H≤2', '#2ca02c', '', lambda n: allheads.get(n))]
for i, (name, col, dash, f) in enumerate(series):
    pts = [(X(n), Y(f(n))) for n in ns if f(n)]
    d = ' '.join(f'{x:.1f},{y:.1f}' for x, y in pts)
    out.append(f'<polyline points="{d}" fill="none" stroke="{col}" stroke-width="2" stroke-dasharray="{dash}"/>')
    for x, y in pts:
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{col}"/>')
    ly = T + 10 + 18 * i
    out.append(f'<line x1="{W - R + 12}" x2="{W - R + 36}" y1="{ly}" y2="{ly}" stroke="{col}" stroke-width="2" '
               f'stroke-dasharray="{dash}"/><text x="{W - R + 42}" y="{ly + 4}">{name}</text>')
# ripser timeouts: an arrow at the timeout level
for n in ns:
    if rows.get((n, 2), (0, 0, False))[2]:
        out.append(f'<text x="{X(n):.1f}" y="{T + 4}" text-anchor="middle" fill="#d62728">▲ ripser H≤2 &gt;300 s wall</text>'
                   if n == ns[-1] else f'<text x="{X(n):.1f}" y="{T + 4}" text-anchor="middle" fill="#d62728">▲</text>')
out.append('</svg>')
open(sys.argv[2], 'w').write('\n'.join(out))
