#!/usr/bin/python3
"""Where io.topicnmf.nmf.Nmf's convergence test would stop, for other windows and tolerances.

  stop_rules.py TRACE...

TRACE: "iteration seconds objective" lines from a long fit with tol 0 (bench/QualitySweep.java
FIT spec tol=0,maxIter=300,trace=FILE). Nmf stops after the first iteration t with
f[t-L] - f[t] < tol * f[0], L = min(t, window); this prints that t for windows 1, 3, 5, 10 and
tolerances 1e-4 .. 5e-6, and the seconds since the fit started at t (initialisation included;
a warm JVM after the first fit, so only relative)."""
import sys

TOLS = (1e-4, 5e-5, 3e-5, 2e-5, 1e-5, 5e-6)


def stop(f, window, tol):
    for t in range(1, len(f)):
        if f[max(0, t - window)] - f[t] < tol * f[0]:
            return t
    return None


for name in sys.argv[1:]:
    rows = [line.split() for line in open(name) if line.strip()]
    sec = [float(r[1]) for r in rows]
    f = [float(r[2]) for r in rows]
    print(f"{name}: f0 {f[0]:.1f}, f{len(f) - 1} {f[-1]:.1f}; stop iteration (seconds) by window x tol")
    print("  window " + " ".join(f"{t:>12g}" for t in TOLS))
    for w in (1, 3, 5, 10):
        cells = []
        for t in TOLS:
            it = stop(f, w, t)
            cells.append(f"{'-':>12}" if it is None else f"{it:>5d} ({sec[it]:4.2f})")
        print(f"  {w:6d} " + " ".join(cells))
