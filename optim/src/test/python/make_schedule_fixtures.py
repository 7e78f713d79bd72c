#!/usr/bin/python3
"""Writes the PyTorch golden fixtures replayed by io.frontier.optim.schedule.GoldenScheduleTest and
io.frontier.optim.GoldenClipEmaTest.

Regenerate (from the repository root, with Debian's python, which has torch 1.13):

    /usr/bin/python3 optim/src/test/python/make_schedule_fixtures.py

and commit the JSON files it rewrites under optim/src/test/resources/golden/. The Java tests only
read those files; they never call Python.

schedules.json = {"torch_version", "cases": [...]}; each case has
  name      the key the Java test dispatches on (it rebuilds the same schedule with Frontier's API),
  torch     the torch construction, for the reader,
  base_lrs  the lr of each param group when the scheduler is built,
  metrics   (ReduceLROnPlateau only) the metric passed to each step(metric),
  lrs       lrs[t][g]: group g's lr after construction (t = 0) and after the t-th scheduler.step()
            (each one preceded by optimizer.step(), as in training).
The warm-up schedules that torch lacks as classes (cosine and linear decay after a linear warm-up)
are LambdaLR with the formula that Frontier's WarmupCosine and WarmupLinear document.

clip.json: cases of clip_grad_norm_ / clip_grad_value_ over float64 gradients: the parameters'
shapes, the gradients before (null where a parameter has none), the arguments, the returned total norm and the clipped gradients.

ema.json: torch.optim.swa_utils.AveragedModel with an EMA avg_fn over a sequence of parameter
snapshots: the snapshots and the averaged parameters after each update_parameters.
"""

import json
import math
import os

import torch
from torch.optim import lr_scheduler as S
from torch.optim.swa_utils import AveragedModel

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")
F64 = torch.float64
BASE_LRS = [0.1, 0.03]
STEPS = 60


def optimizer(lrs=BASE_LRS):
    groups = [{"params": [torch.zeros(1, dtype=F64, requires_grad=True)], "lr": lr} for lr in lrs]
    return torch.optim.SGD(groups, lr=lrs[0])


def warmup_cosine(warmup, total, min_factor, start_factor):
    def f(t):
        if t < warmup:
            return start_factor + (1.0 - start_factor) * t / warmup
        if t >= total:
            return min_factor
        progress = (t - warmup) / (total - warmup)
        return min_factor + (1.0 - min_factor) * (1.0 + math.cos(math.pi * progress)) / 2.0
    return f


def warmup_linear(warmup, total, min_factor, start_factor):
    def f(t):
        if t < warmup:
            return start_factor + (1.0 - start_factor) * t / warmup
        if t >= total:
            return min_factor
        return min_factor + (1.0 - min_factor) * (total - t) / (total - warmup)
    return f


SCHEDULES = [
    ("step", "StepLR(step_size=7, gamma=0.5)", lambda o: S.StepLR(o, step_size=7, gamma=0.5)),
    ("multistep", "MultiStepLR(milestones=[5, 12, 12, 30], gamma=0.3)",
     lambda o: S.MultiStepLR(o, milestones=[5, 12, 12, 30], gamma=0.3)),
    ("exponential", "ExponentialLR(gamma=0.93)", lambda o: S.ExponentialLR(o, gamma=0.93)),
    ("cosine", "CosineAnnealingLR(T_max=40, eta_min=0.001)", lambda o: S.CosineAnnealingLR(o, T_max=40, eta_min=0.001)),
    ("linear", "LinearLR(start_factor=0.25, end_factor=1.0, total_iters=10)",
     lambda o: S.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=10)),
    ("linear decay", "LinearLR(start_factor=1.0, end_factor=0.1, total_iters=45)",
     lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=45)),
    ("warmup cosine", "LambdaLR(warmup_cosine(warmup=10, total=50, min_factor=0.05, start_factor=0.0))",
     lambda o: S.LambdaLR(o, warmup_cosine(10, 50, 0.05, 0.0))),
    ("warmup linear", "LambdaLR(warmup_linear(warmup=8, total=50, min_factor=0.0, start_factor=0.1))",
     lambda o: S.LambdaLR(o, warmup_linear(8, 50, 0.0, 0.1))),
    ("onecycle", "OneCycleLR(max_lr=base_lrs, total_steps=60, cycle_momentum=False) (torch's defaults otherwise)",
     lambda o: S.OneCycleLR(o, max_lr=BASE_LRS, total_steps=60, cycle_momentum=False)),
    ("onecycle three-phase linear",
     "OneCycleLR(max_lr=base_lrs, total_steps=60, pct_start=0.25, anneal_strategy='linear', div_factor=10, "
     "final_div_factor=100, three_phase=True, cycle_momentum=False)",
     lambda o: S.OneCycleLR(o, max_lr=BASE_LRS, total_steps=60, pct_start=0.25, anneal_strategy="linear",
                            div_factor=10.0, final_div_factor=100.0, three_phase=True, cycle_momentum=False)),
    ("sequential warmup cosine",
     "SequentialLR([LinearLR(start_factor=0.1, total_iters=5), CosineAnnealingLR(T_max=45, eta_min=0.002)], milestones=[5])",
     lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=5),
                                  S.CosineAnnealingLR(o, T_max=45, eta_min=0.002)], milestones=[5])),
    ("sequential three",
     "SequentialLR([LinearLR(start_factor=0.2, total_iters=4), StepLR(step_size=10, gamma=0.5), ExponentialLR(gamma=0.9)], "
     "milestones=[4, 30])",
     lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.2, total_iters=4), S.StepLR(o, step_size=10, gamma=0.5),
                                  S.ExponentialLR(o, gamma=0.9)], milestones=[4, 30])),
    ("chained",
     "ChainedScheduler([LinearLR(start_factor=0.5, total_iters=6), StepLR(step_size=10, gamma=0.5), ExponentialLR(gamma=0.97), "
     "CosineAnnealingLR(T_max=70)])",
     lambda o: S.ChainedScheduler([S.LinearLR(o, start_factor=0.5, total_iters=6), S.StepLR(o, step_size=10, gamma=0.5),
                                   S.ExponentialLR(o, gamma=0.97), S.CosineAnnealingLR(o, T_max=70)])),
]


def plateau_metrics():
    # A falling loss with bumps and long flat stretches, so that patience, cooldown and both
    # threshold modes all come into play.
    out = []
    for t in range(STEPS):
        v = 1.0 / (1.0 + 0.15 * t) + 0.04 * math.sin(1.7 * t)
        if 20 <= t < 35:
            v = 0.3 + 0.001 * (t % 3)
        out.append(round(v, 6))
    return out


PLATEAUS = [
    ("plateau min rel", "ReduceLROnPlateau(mode='min', factor=0.5, patience=3, threshold=1e-2, threshold_mode='rel', "
     "cooldown=2, min_lr=[0.002, 0.001])",
     dict(mode="min", factor=0.5, patience=3, threshold=1e-2, threshold_mode="rel", cooldown=2, min_lr=[0.002, 0.001]), 1.0),
    ("plateau max abs", "ReduceLROnPlateau(mode='max', factor=0.3, patience=2, threshold=0.05, threshold_mode='abs', "
     "cooldown=0, min_lr=0.0) on the negated metric",
     dict(mode="max", factor=0.3, patience=2, threshold=0.05, threshold_mode="abs", cooldown=0, min_lr=0.0), -1.0),
    ("plateau eps", "ReduceLROnPlateau(mode='min', factor=0.5, patience=1, eps=0.02) (reductions smaller than eps are skipped)",
     dict(mode="min", factor=0.5, patience=1, eps=0.02), 1.0),
    ("plateau defaults", "ReduceLROnPlateau() (mode min, factor 0.1, patience 10, threshold 1e-4 rel, cooldown 0, min_lr 0, eps 1e-8)",
     dict(), 1.0),
]


def run_schedule(name, desc, make):
    o = optimizer()
    s = make(o)
    lrs = [[g["lr"] for g in o.param_groups]]
    for _ in range(STEPS):
        o.step()
        s.step()
        lrs.append([g["lr"] for g in o.param_groups])
    return {"name": name, "torch": desc, "base_lrs": BASE_LRS, "lrs": lrs}


def run_plateau(name, desc, kwargs, sign):
    o = optimizer()
    s = S.ReduceLROnPlateau(o, **kwargs)
    metrics = [sign * m for m in plateau_metrics()]
    lrs = [[g["lr"] for g in o.param_groups]]
    for m in metrics:
        o.step()
        s.step(m)
        lrs.append([g["lr"] for g in o.param_groups])
    return {"name": name, "torch": desc, "base_lrs": BASE_LRS, "metrics": metrics, "lrs": lrs}


def enc(x):
    return None if x is None else {"shape": list(x.shape), "values": x.detach().reshape(-1).tolist()}


def clip_cases():
    gen = torch.Generator().manual_seed(1234)
    shapes = [(3, 4), (5,), (2, 3, 2), ()]

    def grads(scale):
        return [torch.randn(s, generator=gen, dtype=F64) * scale for s in shapes]

    cases = []
    for name, scale, kind, arg, norm_type, none_at in [
        ("norm 2 clipped", 1.0, "norm", 1.0, 2.0, None),
        ("norm 2 not clipped (coefficient clamped to 1)", 0.05, "norm", 5.0, 2.0, None),
        ("norm inf clipped", 3.0, "norm", 0.5, math.inf, None),
        ("norm 1 clipped, one parameter without a gradient", 2.0, "norm", 0.7, 1.0, 1),
        ("norm 3.5 clipped", 2.0, "norm", 0.9, 3.5, None),
        ("value", 1.0, "value", 0.3, None, 2),
    ]:
        before = grads(scale)
        if none_at is not None:
            before[none_at] = None
        params = []
        for s, g in zip(shapes, before):
            p = torch.zeros(s, dtype=F64, requires_grad=True)
            p.grad = None if g is None else g.clone()
            params.append(p)
        case = {"name": name, "kind": kind, "arg": arg, "shapes": [list(s) for s in shapes], "grads": [enc(g) for g in before]}
        if kind == "norm":
            total = torch.nn.utils.clip_grad_norm_(params, arg, norm_type=norm_type)
            case["norm_type"] = "inf" if norm_type == math.inf else norm_type
            case["total_norm"] = total.item()
        else:
            torch.nn.utils.clip_grad_value_(params, arg)
        case["clipped"] = [enc(p.grad) for p in params]
        cases.append(case)
    return cases


def ema_cases():
    gen = torch.Generator().manual_seed(99)
    shapes = {"weight": (3, 4), "bias": (3,)}
    cases = []
    for name, decay, warmup in [("ema decay 0.9", 0.9, None), ("ema decay 0.999 with warm-up gamma 1 power 2/3", 0.999, (1.0, 2.0 / 3.0))]:
        model = torch.nn.Module()
        for k, s in shapes.items():
            model.register_parameter(k, torch.nn.Parameter(torch.randn(*s, generator=gen, dtype=F64)))

        def avg_fn(avg, p, n, decay=decay, warmup=warmup):
            d = decay
            if warmup is not None:
                gamma, power = warmup
                d = min(decay, 1.0 - (1.0 + n.item() / gamma) ** -power)
            return d * avg + (1.0 - d) * p

        ema = AveragedModel(model, avg_fn=avg_fn)
        snapshots, averaged = [], []
        for _ in range(12):
            with torch.no_grad():
                for p in model.parameters():
                    p.add_(torch.randn(p.shape, generator=gen, dtype=F64) * 0.1)
            ema.update_parameters(model)
            snapshots.append({k: enc(v) for k, v in model.named_parameters()})
            averaged.append({k: enc(v) for k, v in ema.module.named_parameters()})
        case = {"name": name, "decay": decay, "snapshots": snapshots, "averaged": averaged}
        if warmup is not None:
            case["warmup_gamma"], case["warmup_power"] = warmup
        cases.append(case)
    return cases


def write(name, cases):
    path = os.path.join(OUT_DIR, name)
    with open(path, "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    print("wrote", path, len(cases), "cases")


def main():
    torch.set_default_dtype(F64)
    os.makedirs(OUT_DIR, exist_ok=True)
    cases = [run_schedule(*c) for c in SCHEDULES] + [run_plateau(*c) for c in PLATEAUS]
    write("schedules.json", cases)
    write("clip.json", clip_cases())
    write("ema.json", ema_cases())


if __name__ == "__main__":
    main()
