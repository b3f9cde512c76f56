#!/usr/bin/env python3
"""Seeded benchmark inputs in ripser's lower-distance format (float32 values written with %.9g, so C++
operator>> and Java Float.parseFloat read bit-identical numbers). No numpy needed.

usage: gen_dist.py N KIND SEED > FILE      KIND: uniform | attention | points
  uniform    i.i.d. U(0,1) distances (the worst case)
  attention  row softmax of N(0,1) logits, W = (A + A^T)/2, d = 1 - W / max W
  points     Euclidean distances of points uniform in the unit cube [0,1]^3 (float32, like ripser)
"""
import math
import random
import struct
import sys


def f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def main():
    n, kind, seed = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    r = random.Random(seed)
    out = sys.stdout
    if kind == "uniform":
        for i in range(1, n):
            out.write(",".join("%.9g" % f32(r.random()) for _ in range(i)) + "\n")
    elif kind == "points":
        p = [[f32(r.random()) for _ in range(3)] for _ in range(n)]
        for i in range(1, n):
            row = []
            for j in range(i):
                s = f32(0.0)
                for c in range(3):
                    t = f32(p[i][c] - p[j][c])
                    s = f32(s + f32(t * t))
                row.append("%.9g" % f32(math.sqrt(s)))
            out.write(",".join(row) + "\n")
    elif kind == "attention":
        a = []
        for i in range(n):
            z = [r.gauss(0, 1) for _ in range(n)]
            m = max(z)
            e = [math.exp(x - m) for x in z]
            s = sum(e)
            a.append([x / s for x in e])
        mw = max((a[i][j] + a[j][i]) / 2 for i in range(n) for j in range(i))
        for i in range(1, n):
            out.write(",".join("%.9g" % f32(1 - (a[i][j] + a[j][i]) / 2 / mw) for j in range(i)) + "\n")
    else:
        sys.exit("unknown kind " + kind)


if __name__ == "__main__":
    main()
