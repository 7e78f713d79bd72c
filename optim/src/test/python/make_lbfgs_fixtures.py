#!/usr/bin/python3
"""Writes the golden fixtures that io.frontier.optim.LbfgsGoldenTest and LbfgsBTest replay.

Regenerate (from the repository root, with Debian's python, which has torch 1.13 and scipy):

    /usr/bin/python3 optim/src/test/python/make_lbfgs_fixtures.py

and commit the JSON files it rewrites under optim/src/test/resources/golden/. The Java tests only
read them; they never call Python.

lbfgs_rosenbrock.json = {"torch_version", "cases": [...]}: torch.optim.LBFGS with
line_search_fn="strong_wolfe" in float64 on the Rosenbrock function
f(x) = sum(100 (x[1:] - x[:-1]^2)^2 + (1 - x[:-1])^2) from a fixed start. Each case has
  name, start, lr, history_size, max_iter (per step), tolerance_grad, tolerance_change, steps,
  evals        every closure call in order: {"x", "f", "g"} (x is where it was evaluated),
  step_losses  what each step returned (the loss at its start),
  final_x      the parameters after the last step,
  n_iter, func_evals  the optimizer's state counts after the last step.

lbfgsb_scipy.json = {"scipy_version", "cases": [...]}: scipy.optimize.minimize(method="L-BFGS-B")
on problems the Java tests rebuild from the same data: "quadratic" f = x.A x / 2 - b.x with the
given A, b and box; "rosenbrock10" on the given box. Each case has the data, x0, scipy's x and fun.
"""

import json
import os

import scipy
import scipy.optimize
import numpy as np
import torch

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")
F64 = torch.float64


def rosenbrock(x):
    return (100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2).sum()


def lbfgs_case(name, start, lr=1.0, history_size=100, max_iter=20, steps=1, tolerance_grad=1e-7, tolerance_change=1e-9):
    x = torch.tensor(start, dtype=F64, requires_grad=True)
    opt = torch.optim.LBFGS([x], lr=lr, max_iter=max_iter, history_size=history_size, tolerance_grad=tolerance_grad,
                            tolerance_change=tolerance_change, line_search_fn="strong_wolfe")
    evals = []

    def closure():
        opt.zero_grad()
        loss = rosenbrock(x)
        loss.backward()
        evals.append({"x": x.detach().tolist(), "f": loss.item(), "g": x.grad.tolist()})
        return loss

    step_losses = [float(opt.step(closure)) for _ in range(steps)]
    state = opt.state[x]
    return {
        "name": name, "start": start, "lr": lr, "history_size": history_size, "max_iter": max_iter,
        "tolerance_grad": tolerance_grad, "tolerance_change": tolerance_change, "steps": steps,
        "evals": evals, "step_losses": step_losses, "final_x": x.detach().tolist(),
        "n_iter": state["n_iter"], "func_evals": state["func_evals"],
    }


def rosenbrock_np(x):
    f = float(np.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2))
    g = np.zeros_like(x)
    g[:-1] += -400 * x[:-1] * (x[1:] - x[:-1] ** 2) - 2 * (1 - x[:-1])
    g[1:] += 200 * (x[1:] - x[:-1] ** 2)
    return f, g


def scipy_cases():
    rng = np.random.default_rng(7)
    n = 6
    q = rng.standard_normal((n, n))
    a = q @ q.T + n * np.eye(n)
    b = rng.standard_normal(n) * 10
    free_opt = np.linalg.solve(a, b)
    # a box that excludes the free optimum by cutting off two of its components (the others have
    # wide bounds, so the constrained optimum has free components as well as active ones)
    lower = np.full(n, -5.0)
    upper = np.full(n, 5.0)
    lower[0] = free_opt[0] + 0.5
    upper[3] = free_opt[3] - 0.5
    x0 = np.clip(rng.uniform(-3, 3, n), lower, upper)
    quad = scipy.optimize.minimize(lambda x: (0.5 * x @ a @ x - b @ x, a @ x - b), x0, jac=True, method="L-BFGS-B",
                                   bounds=list(zip(lower, upper)), options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 1000})
    cases = [{
        "name": "quadratic", "A": a.tolist(), "b": b.tolist(), "lower": lower.tolist(), "upper": upper.tolist(),
        "x0": x0.tolist(), "free_optimum": free_opt.tolist(), "x": quad.x.tolist(), "fun": float(quad.fun),
    }]
    n = 10
    lower = np.full(n, -2.0)
    upper = np.full(n, 2.0)
    upper[3] = 0.5  # the bound-constrained optimum is off the free optimum (all ones)
    x0 = np.full(n, -1.2)
    x0[1::2] = 1.0
    ros = scipy.optimize.minimize(rosenbrock_np, x0, jac=True, method="L-BFGS-B", bounds=list(zip(lower, upper)),
                                  options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 10000, "maxfun": 100000})
    cases.append({
        "name": "rosenbrock10", "lower": lower.tolist(), "upper": upper.tolist(), "x0": x0.tolist(),
        "x": ros.x.tolist(), "fun": float(ros.fun),
    })
    return cases


def main():
    cases = [
        lbfgs_case("2d one step", [-1.2, 1.0], max_iter=25),
        lbfgs_case("2d five steps of 4, history 3", [-1.2, 1.0], history_size=3, max_iter=4, steps=5),
        lbfgs_case("2d lr 0.5", [-1.5, 2.0], lr=0.5, max_iter=15),
        lbfgs_case("10d history 5", [-1.2 if i % 2 == 0 else 1.0 for i in range(10)], history_size=5, max_iter=25),
    ]
    with open(os.path.join(OUT_DIR, "lbfgs_rosenbrock.json"), "w") as fh:
        json.dump({"torch_version": torch.__version__, "cases": cases}, fh, indent=1)
        fh.write("\n")
    with open(os.path.join(OUT_DIR, "lbfgsb_scipy.json"), "w") as fh:
        json.dump({"scipy_version": scipy.__version__, "cases": scipy_cases()}, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
