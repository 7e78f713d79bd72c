#!/usr/bin/env python3
"""DEAP peer rows for `frontier bench --deap`: the 3-D hypervolume of DEAP's C extension
(deap.tools._hypervolume.hv.hypervolume, minimisation) on the very points of HypervolumeBenchmark,
which the Java side writes to text files (one point per line, exact decimal doubles).

Usage: deap_peers.py [--quick] REF0,REF1,REF2 N:PATH [N:PATH ...]
Prints one JSON object per line: {"op": "hypervolume-3d", "impl": "deap", "dtype": "float64",
"shape": [n, 3], "threads": 1, "unit": "us", "values": [...], "hv": value}; values are per-repeat
mean microseconds per call after one warm-up call. Run with Debian's python (/usr/bin/python3),
which has python3-deap.
"""
import argparse
import json
import time

import numpy as np
from deap.tools._hypervolume import hv


def timed(fn, seconds, repeats):
    """Per-repeat mean seconds per call: one warm-up, calibrate the inner count to ~seconds, repeat."""
    t0 = time.perf_counter()
    fn()
    dt = time.perf_counter() - t0
    inner = max(1, int(seconds / max(dt, 1e-9)))
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        out.append((time.perf_counter() - t0) / inner)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("reference")
    ap.add_argument("sets", nargs="+")
    args = ap.parse_args()
    seconds, repeats = (0.2, 3) if args.quick else (1.0, 5)
    ref = np.array([float(v) for v in args.reference.split(",")])
    for item in args.sets:
        n, path = item.split(":", 1)
        points = np.loadtxt(path, dtype=np.float64, ndmin=2)
        assert points.shape == (int(n), ref.size), (points.shape, n)
        value = hv.hypervolume(points, ref)
        times = timed(lambda: hv.hypervolume(points, ref), seconds, repeats)
        print(json.dumps({"op": "hypervolume-3d", "impl": "deap", "dtype": "float64", "shape": [int(n), int(ref.size)],
                          "threads": 1, "unit": "us", "values": [t * 1e6 for t in times], "hv": value}), flush=True)


if __name__ == "__main__":
    main()
