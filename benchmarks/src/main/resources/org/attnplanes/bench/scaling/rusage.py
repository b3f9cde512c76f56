"""Runs a command and writes "wall_s cpu_s max_rss_kB returncode" of it to OUT, with microsecond resolution
(getrusage of the waited-for child: user + sys CPU, peak resident set); GNU time prints CPU in 10 ms steps, too
coarse for the small inputs of ScalingMain. returncode is the child's exit status, or -N if signal N ended it.
With CPU_S > 0 the child runs under RLIMIT_CPU (soft CPU_S: SIGXCPU; hard CPU_S + 5: SIGKILL), with AS_BYTES > 0
under RLIMIT_AS (allocations beyond it fail: std::bad_alloc in C++, MemoryError in Python), so a limit holds in
CPU seconds whatever the machine's load, and a runaway run cannot take the machine's memory. Exit status: the
command's (128 + N for signal N).
    python3 rusage.py OUT CPU_S AS_BYTES COMMAND [ARG...]"""
import resource
import subprocess
import sys
import time

cpu_s = int(sys.argv[2])
as_bytes = int(sys.argv[3])


def limits():
    if cpu_s > 0:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 5))
    if as_bytes > 0:
        resource.setrlimit(resource.RLIMIT_AS, (as_bytes, as_bytes))


t0 = time.perf_counter()
rc = subprocess.Popen(sys.argv[4:], preexec_fn=limits).wait()
wall = time.perf_counter() - t0
u = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    f.write(f"{wall:.6f} {u.ru_utime + u.ru_stime:.6f} {u.ru_maxrss} {rc}\n")
sys.exit(rc if rc >= 0 else 128 - rc)
