#!/usr/bin/python3
"""scikit-learn 1.2.1 on GpBenchmark's exact data (io.frontier.bench.jmh.GpBenchmark), for the
equal-log-marginal-likelihood check and a same-day timing beside `frontier bench --filter gp`.

    /usr/bin/python3 bench/src/main/resources/peers/gp_sklearn.py [--threads 2] [--sizes 100,200,500,1000]

Setup as shared/reference/baselines.md section 4: ConstantKernel(1.0) * Matern(ones(6), nu=2.5)
+ WhiteKernel(1e-3), normalize_y=True, n_restarts_optimizer=0, sklearn's own L-BFGS-B. Prints one
line per n: fit seconds (median of 3 after a warm-up, wall and process CPU time), L-BFGS-B evaluations (nfev), the fitted log marginal likelihood,
and predict mean+std seconds at 1e4 points.
"""

import argparse
import statistics
import time

import numpy as np
import scipy.optimize
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel
from threadpoolctl import threadpool_limits

DIM = 6
PRIMES = [2, 3, 5, 7, 11, 13]


def inputs(rows, offset):
    i = np.arange(rows, dtype=np.float64)[:, None] + offset + 1
    v = i * np.sqrt(np.array(PRIMES, dtype=np.float64))[None, :]
    return v - np.floor(v)


def outputs(x):
    s = np.sin(3 * x[:, 0]) + 0.5 * x[:, 0] * x[:, 5] + np.cos(2 * x[:, 1:]).sum(axis=1)
    wiggle = 1e4 * np.sin(np.arange(1, len(x) + 1, dtype=np.float64))
    return s + 0.01 * (wiggle - np.floor(wiggle) - 0.5)


EVALUATIONS = []


def lbfgsb(obj_func, initial_theta, bounds):
    """sklearn's own "fmin_l_bfgs_b" call, wrapped only to record the number of evaluations."""
    res = scipy.optimize.minimize(obj_func, initial_theta, method="L-BFGS-B", jac=True, bounds=bounds)
    EVALUATIONS.append(res.nfev)
    return res.x, res.fun


def model():
    kernel = ConstantKernel(1.0) * Matern(length_scale=np.ones(DIM), nu=2.5) + WhiteKernel(1e-3)
    return GaussianProcessRegressor(kernel=kernel, normalize_y=True, n_restarts_optimizer=0, optimizer=lbfgsb)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--sizes", default="100,200,500,1000")
    args = ap.parse_args()
    test = inputs(10_000, 1_000_000)
    with threadpool_limits(args.threads):
        for n in [int(s) for s in args.sizes.split(",")]:
            x = inputs(n, 0)
            y = outputs(x)
            model().fit(x, y)
            times = []
            cpu = []
            for _ in range(3):
                t0 = time.perf_counter()
                c0 = time.process_time()
                gp = model().fit(x, y)
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            p0 = time.perf_counter()
            gp.predict(test, return_std=True)
            predict = time.perf_counter() - p0
            k = gp.kernel_
            print(f"n={n} fit_s={statistics.median(times):.4f} (min {min(times):.4f}) fit_cpu_s={statistics.median(cpu):.4f} nfev={EVALUATIONS[-1]} lml={gp.log_marginal_likelihood_value_:.6f} "
                  f"predict_mean_std_s={predict:.4f} lengthscales={np.round(k.k1.k2.length_scale, 4).tolist()} "
                  f"outputscale={k.k1.k1.constant_value:.4g} noise={k.k2.noise_level:.4g}", flush=True)


if __name__ == "__main__":
    main()
