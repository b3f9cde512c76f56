"""Runs a command and writes "wall_s cpu_s max_rss_kB" of it to OUT, with microsecond resolution (getrusage of
the waited-for children: user + sys CPU, peak resident set); GNU time prints CPU in 10 ms steps, too coarse for
the small inputs of ScalingMain. Exit status: the command's.
    python3 rusage.py OUT COMMAND [ARG...]"""
import resource
import subprocess
import sys
import time

t0 = time.perf_counter()
rc = subprocess.Popen(sys.argv[2:]).wait()
wall = time.perf_counter() - t0
u = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    f.write(f"{wall:.6f} {u.ru_utime + u.ru_stime:.6f} {u.ru_maxrss}\n")
sys.exit(rc if rc >= 0 else 128 - rc)
