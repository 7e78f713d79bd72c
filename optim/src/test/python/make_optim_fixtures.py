#!/usr/bin/python3
"""Writes the golden optimizer trajectories that io.frontier.optim.GoldenTrajectoryTest replays.

Each case runs one optimizer with one hyperparameter setting for 20 full-batch steps in float64 on
one problem and records every parameter after every step:

  quadratic   X (3, 4): 0.5 * sum(D * (X - C)^2), D > 0 (a 2-D parameter, so Adafactor factors it)
  rosenbrock  x (2,):   (1 - x0)^2 + 100 (x1 - x0^2)^2 from (-1.5, 2)
  mlp         W1 (5, 3), b1 (5), W2 (2, 5), b2 (2):
              mean((tanh(X W1^T + b1) W2^T + b2 - Y)^2) on fixed data X (8, 3), Y (8, 2)

A setting with maximize minimises by maximising the negated loss. Group cases split the MLP into
two parameter groups ({W1, b1} with its own lr, {W2, b2} with the defaults).

References: SGD, Adam, AdamW, RMSprop and Adagrad are torch.optim's (1.13, foreach=False). Lion
and Adafactor are not in torch 1.13, so this script writes their reference updates by hand (the
classes below), from the papers' pseudo-code:
  Lion      Chen et al. 2023, Algorithm 2, as lucidrains' lion-pytorch (decoupled weight decay);
  Adafactor Shazeer and Stern 2018 as Hugging Face transformers' Adafactor with
            relative_step=False, scale_parameter=False, warmup_init=False and a given lr.

Regenerate (from the repository root, with Debian's python, which has torch 1.13):

    /usr/bin/python3 optim/src/test/python/make_optim_fixtures.py

and commit optim/src/test/resources/golden/optim_trajectories.json. The Java test never calls Python.

Format: {"torch_version", "steps", "cases": [...]}; a case has
  name, optimizer (the Java class), problem,
  hyper       every hyperparameter under its Java name (flags as 0/1),
  groups      absent for one group of all parameters, else [{"params": [indices], "hyper": {overrides}}]:
              each group has hyper with its overrides applied,
  init        the parameters before the first step, data {name: tensor} (the problem's constants),
  trajectory  [[parameters after step 1], ..., [after step 20]].
A tensor is {"shape", "values"} (float64, row-major, floats written with repr).
"""

import json
import math
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden", "optim_trajectories.json")
F64 = torch.float64
STEPS = 20


def enc(x):
    return {"shape": list(x.shape), "values": x.detach().contiguous().reshape(-1).tolist()}


# ---------------------------------------------------------------- hand-written references


class Lion(torch.optim.Optimizer):
    """lucidrains' lion-pytorch update (Chen et al. 2023, Algorithm 2)."""

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, wd = group["lr"], group["weight_decay"]
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = p.grad
                state = self.state[p]
                if len(state) == 0:
                    state["exp_avg"] = torch.zeros_like(p)
                exp_avg = state["exp_avg"]
                p.data.mul_(1 - lr * wd)
                update = exp_avg.clone().mul_(beta1).add(grad, alpha=1 - beta1).sign_()
                p.add_(update, alpha=-lr)
                exp_avg.mul_(beta2).add_(grad, alpha=1 - beta2)


class Adafactor(torch.optim.Optimizer):
    """transformers' Adafactor with relative_step=False, scale_parameter=False, warmup_init=False:
    its step() with the relative-step and parameter-scale branches taken out (lr is the group's).
    beta1=None (no first moment) is written beta1=0 on the Java side."""

    def __init__(self, params, lr, eps1=1e-30, clip_threshold=1.0, decay_rate=-0.8, beta1=None, weight_decay=0.0):
        super().__init__(params, dict(lr=lr, eps1=eps1, clip_threshold=clip_threshold, decay_rate=decay_rate, beta1=beta1,
                                      weight_decay=weight_decay))

    @staticmethod
    def _rms(tensor):
        return tensor.norm(2) / (tensor.numel() ** 0.5)

    @staticmethod
    def _approx_sq_grad(exp_avg_sq_row, exp_avg_sq_col):
        r_factor = (exp_avg_sq_row / exp_avg_sq_row.mean(dim=-1, keepdim=True)).rsqrt_().unsqueeze(-1)
        c_factor = exp_avg_sq_col.unsqueeze(-2).rsqrt()
        return torch.mul(r_factor, c_factor)

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = p.grad
                state = self.state[p]
                grad_shape = grad.shape
                factored = len(grad_shape) >= 2
                use_first_moment = group["beta1"] is not None
                if len(state) == 0:
                    state["step"] = 0
                    if use_first_moment:
                        state["exp_avg"] = torch.zeros_like(grad)
                    if factored:
                        state["exp_avg_sq_row"] = torch.zeros(grad_shape[:-1], dtype=grad.dtype)
                        state["exp_avg_sq_col"] = torch.zeros(grad_shape[:-2] + grad_shape[-1:], dtype=grad.dtype)
                    else:
                        state["exp_avg_sq"] = torch.zeros_like(grad)
                state["step"] += 1
                lr = group["lr"]
                beta2t = 1.0 - math.pow(state["step"], group["decay_rate"])
                update = (grad ** 2) + group["eps1"]
                if factored:
                    exp_avg_sq_row = state["exp_avg_sq_row"]
                    exp_avg_sq_col = state["exp_avg_sq_col"]
                    exp_avg_sq_row.mul_(beta2t).add_(update.mean(dim=-1), alpha=(1.0 - beta2t))
                    exp_avg_sq_col.mul_(beta2t).add_(update.mean(dim=-2), alpha=(1.0 - beta2t))
                    update = self._approx_sq_grad(exp_avg_sq_row, exp_avg_sq_col)
                    update.mul_(grad)
                else:
                    exp_avg_sq = state["exp_avg_sq"]
                    exp_avg_sq.mul_(beta2t).add_(update, alpha=(1.0 - beta2t))
                    update = exp_avg_sq.rsqrt().mul_(grad)
                update.div_((self._rms(update) / group["clip_threshold"]).clamp_(min=1.0))
                update.mul_(lr)
                if use_first_moment:
                    exp_avg = state["exp_avg"]
                    exp_avg.mul_(group["beta1"]).add_(update, alpha=(1 - group["beta1"]))
                    update = exp_avg
                if group["weight_decay"] != 0:
                    p.add_(p, alpha=(-group["weight_decay"] * lr))
                p.add_(-update)


# ---------------------------------------------------------------- Java names -> constructors

# Every hyperparameter under its Java name with the Java Options' defaults, in the Java order.
DEFAULTS = {
    "SGD": dict(lr=1e-3, momentum=0.0, dampening=0.0, weightDecay=0.0, nesterov=0, maximize=0),
    "Adam": dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weightDecay=0.0, amsgrad=0, maximize=0),
    "AdamW": dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weightDecay=1e-2, amsgrad=0, maximize=0),
    "RMSprop": dict(lr=1e-2, alpha=0.99, eps=1e-8, weightDecay=0.0, momentum=0.0, centered=0, maximize=0),
    "Adagrad": dict(lr=1e-2, lrDecay=0.0, weightDecay=0.0, initialAccumulatorValue=0.0, eps=1e-10, maximize=0),
    "Lion": dict(lr=1e-4, beta1=0.9, beta2=0.99, weightDecay=0.0),
    "Adafactor": dict(lr=1e-3, eps1=1e-30, clipThreshold=1.0, decayRate=-0.8, beta1=0.0, weightDecay=0.0),
}

SNAKE = {"weightDecay": "weight_decay", "lrDecay": "lr_decay", "initialAccumulatorValue": "initial_accumulator_value",
         "clipThreshold": "clip_threshold", "decayRate": "decay_rate"}
FLAGS = {"nesterov", "maximize", "amsgrad", "centered"}


def torch_kwargs(name, h):
    """Java-named hyperparameters as the torch (or reference) constructor's keyword arguments."""
    kw = {}
    for k, v in h.items():
        if k in ("beta1", "beta2") and name in ("Adam", "AdamW", "Lion"):
            continue
        kw[SNAKE.get(k, k)] = bool(v) if k in FLAGS else v
    if name in ("Adam", "AdamW", "Lion") and "beta1" in h:
        kw["betas"] = (h["beta1"], h["beta2"])
    if name == "Adafactor" and "beta1" in h:
        kw["beta1"] = h["beta1"] if h["beta1"] > 0 else None
    if name in ("SGD", "Adam", "AdamW", "RMSprop", "Adagrad"):
        kw["foreach"] = False
    return kw


def make_optimizer(name, params, hyper, groups):
    cls = {"Lion": Lion, "Adafactor": Adafactor}.get(name) or getattr(torch.optim, name)
    if groups is None:
        return cls(params, **torch_kwargs(name, hyper))
    torch_groups = [dict(params=[params[i] for i in g["params"]], **torch_kwargs(name, g["hyper"])) for g in groups]
    return cls(torch_groups, **torch_kwargs(name, hyper))


# ---------------------------------------------------------------- problems


def problems():
    gen = torch.Generator().manual_seed(20240611)

    def randn(*shape):
        return torch.randn(*shape, generator=gen, dtype=F64)

    def rand(*shape, low, high):
        return low + (high - low) * torch.rand(*shape, generator=gen, dtype=F64)

    out = {}
    d, c = rand(3, 4, low=0.2, high=5.0), randn(3, 4)
    out["quadratic"] = ([randn(3, 4)], {"D": d, "C": c}, lambda p, k: 0.5 * (k["D"] * (p[0] - k["C"]) ** 2).sum())
    out["rosenbrock"] = ([torch.tensor([-1.5, 2.0], dtype=F64)], {},
                         lambda p, k: (1 - p[0][0]) ** 2 + 100 * (p[0][1] - p[0][0] ** 2) ** 2)
    init = [randn(5, 3) * 0.5, randn(5) * 0.1, randn(2, 5) * 0.5, randn(2) * 0.1]
    out["mlp"] = (init, {"X": randn(8, 3), "Y": randn(8, 2)},
                  lambda p, k: ((torch.tanh(k["X"] @ p[0].T + p[1]) @ p[2].T + p[3] - k["Y"]) ** 2).mean())
    return out


# Settings per optimizer (Java names; the rest are the defaults above).
SETTINGS = {
    "SGD": [dict(lr=0.05), dict(lr=0.05, momentum=0.9, dampening=0.1, weightDecay=0.01),
            dict(lr=0.05, momentum=0.9, nesterov=1, weightDecay=0.001), dict(lr=0.05, momentum=0.5, maximize=1)],
    "Adam": [dict(lr=0.01), dict(lr=0.01, amsgrad=1, weightDecay=0.01),
             dict(lr=0.02, beta1=0.8, beta2=0.99, eps=1e-6, maximize=1)],
    "AdamW": [dict(lr=0.01, weightDecay=0.1), dict(lr=0.01, amsgrad=1),
              dict(lr=0.02, beta1=0.8, beta2=0.99, eps=1e-6, weightDecay=0.0, maximize=1)],
    "RMSprop": [dict(lr=0.01), dict(lr=0.01, centered=1, momentum=0.9),
                dict(lr=0.005, alpha=0.9, eps=1e-6, weightDecay=0.01, maximize=1)],
    "Adagrad": [dict(lr=0.1), dict(lr=0.1, lrDecay=0.01, weightDecay=0.01, initialAccumulatorValue=0.1, eps=1e-8),
                dict(lr=0.05, maximize=1)],
    "Lion": [dict(lr=0.001), dict(lr=0.003, beta1=0.95, beta2=0.98, weightDecay=0.1)],
    "Adafactor": [dict(lr=0.01), dict(lr=0.01, beta1=0.9, weightDecay=0.01, clipThreshold=0.5, decayRate=-0.5),
                  dict(lr=0.02, eps1=1e-3)],
}

# SGD's step on the Rosenbrock valley (curvature ~2700 at the start) must be far smaller.
ROSENBROCK_SGD_LR = 5e-4

# Two groups on the MLP: {W1, b1} with their own lr, {W2, b2} with the optimizer's.
GROUP_CASES = {
    "SGD": (dict(lr=0.05, momentum=0.9), 0.2),
    "Adam": (dict(lr=0.01), 0.001),
    "RMSprop": (dict(lr=0.01, centered=1), 0.002),
    "Lion": (dict(lr=0.001, weightDecay=0.1), 0.01),
    "Adafactor": (dict(lr=0.01, beta1=0.9), 0.05),
}


def run(name, problem, hyper, groups):
    init, data, loss_fn = problems()[problem]
    params = [t.clone().requires_grad_(True) for t in init]
    opt = make_optimizer(name, params, hyper, groups)
    sign = -1.0 if hyper.get("maximize", 0) else 1.0
    trajectory = []
    for _ in range(STEPS):
        opt.zero_grad(set_to_none=True)
        (sign * loss_fn(params, data)).backward()
        opt.step()
        trajectory.append([enc(p) for p in params])
    for p in params:
        if not torch.isfinite(p).all():
            raise ValueError(f"{name} on {problem} with {hyper}: diverged")
    return {"init": [enc(t) for t in init], "data": {k: enc(v) for k, v in data.items()}, "trajectory": trajectory}


def main():
    cases = []
    for name, settings in SETTINGS.items():
        for setting in settings:
            for problem in ("quadratic", "rosenbrock", "mlp"):
                hyper = dict(DEFAULTS[name], **setting)
                if name == "SGD" and problem == "rosenbrock":
                    hyper["lr"] = ROSENBROCK_SGD_LR
                label = "".join(f", {k}={v}" for k, v in setting.items() if k != "lr")
                case = {"name": f"{name}(lr={hyper['lr']}{label}) on {problem}", "optimizer": name, "problem": problem,
                        "hyper": hyper}
                case.update(run(name, problem, hyper, None))
                cases.append(case)
    for name, (setting, lr0) in GROUP_CASES.items():
        hyper = dict(DEFAULTS[name], **setting)
        groups = [{"params": [0, 1], "hyper": {"lr": lr0}}, {"params": [2, 3], "hyper": {}}]
        case = {"name": f"{name} with two groups, lr {lr0} and {hyper['lr']}, on mlp", "optimizer": name, "problem": "mlp",
                "hyper": hyper, "groups": groups}
        case.update(run(name, "mlp", hyper, groups))
        cases.append(case)
    with open(OUT, "w") as f:
        json.dump({"torch_version": torch.__version__, "steps": STEPS, "cases": cases}, f)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
