#!/usr/bin/python3
"""Writes rl/src/test/resources/golden/autograd_preference.json, the PyTorch golden fixtures that
io.frontier.rl.preference.PreferenceGoldenTest replays against DpoLoss and SequenceLogProbs (values and
gradients in float64). Same format and harness as autograd/src/test/python/make_autograd_fixtures.py.
From the repository root, with Debian's PyTorch:

    /usr/bin/python3 rl/src/test/python/make_preference_fixtures.py

The losses are written here from TRL's DPOTrainer._compute_loss (trl/trainer/dpo_trainer.py): each
loss type's per-pair formula, mean over the batch, weighted sum over the types. The policy's sequence
log-probabilities are the leaves; the reference's and the token counts are constants.
"""

import math
import os
import sys

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "autograd", "src", "test", "python"))
import make_autograd_fixtures as harness  # noqa: E402

harness.OUT_DIR = os.path.join(HERE, "..", "resources", "golden")


def scores(rho, f, alpha):
    if f == "reverse_kl":
        return rho
    if f == "forward_kl":
        return -torch.exp(-rho)
    if f == "js_divergence":
        return F.logsigmoid(rho)
    if f == "alpha_divergence":
        return torch.exp(torch.clamp((alpha - 1.0) * rho, max=80.0)) / (alpha - 1.0)
    raise ValueError(f)


def per_pair(kind, pc, pr, rc, rr, lc, lr, beta, eps, f, alpha, tau):
    rho_c, rho_r = pc - rc, pr - rr
    s_c, s_r = scores(rho_c, f, alpha), scores(rho_r, f, alpha)
    d = s_c - s_r
    smoothed = lambda x: -F.logsigmoid(beta * x) * (1 - eps) - F.logsigmoid(-beta * x) * eps
    if kind == "sigmoid":
        return -F.logsigmoid(beta * d)
    if kind == "hinge":
        return torch.relu(1 - beta * d)
    if kind == "ipo":
        return (s_c / lc.clamp(min=1.0) - s_r / lr.clamp(min=1.0) - 1 / (2 * beta)) ** 2
    if kind == "exo_pair":
        x = beta * d
        return torch.sigmoid(x) * (F.logsigmoid(x) - math.log1p(-eps)) + torch.sigmoid(-x) * (F.logsigmoid(-x) - math.log(eps))
    if kind == "nca_pair":
        w, l = beta * s_c, beta * s_r
        return -F.logsigmoid(w) - 0.5 * F.logsigmoid(-w) - 0.5 * F.logsigmoid(-l)
    if kind == "robust":
        return (-(1 - eps) * F.logsigmoid(beta * d) + eps * F.logsigmoid(-beta * d)) / (1 - 2 * eps)
    if kind == "bco_pair":
        return -F.logsigmoid(beta * s_c) - F.logsigmoid(-beta * s_r)
    if kind == "sppo_hard":
        return (s_c - 0.5 / beta) ** 2 + (s_r + 0.5 / beta) ** 2
    if kind == "aot":
        return smoothed(torch.sort(pc - pr, dim=0)[0] - torch.sort(rc - rr, dim=0)[0])
    if kind == "aot_unpaired":
        return smoothed(torch.sort(rho_c, dim=0)[0] - torch.sort(rho_r, dim=0)[0])
    if kind == "apo_zero":
        return (1 - torch.sigmoid(beta * rho_c)) + torch.sigmoid(beta * rho_r)
    if kind == "apo_down":
        return torch.sigmoid(beta * rho_c) + (1 - torch.sigmoid(beta * d))
    if kind == "discopop":
        x = beta * d
        m = torch.sigmoid(x / tau)
        return -F.logsigmoid(x) * (1 - m) + torch.exp(-x) * m
    if kind == "sigmoid_norm":
        return -F.logsigmoid(beta * (s_c / lc.clamp(min=1.0) - s_r / lr.clamp(min=1.0)))
    if kind == "sft":
        return (-pc.sum() / lc.sum()).expand(pc.shape[0])
    raise ValueError(kind)


def dpo_case(t, name, kinds, weights=None, beta=0.1, eps=0.0, f="reverse_kl", alpha=1.0, tau=0.05, b=6, spread=4.0):
    weights = weights or [1.0] * len(kinds)
    lc = t.randint(1, 9, b).to(harness.F64)
    lr = t.randint(1, 9, b).to(harness.F64)
    # Sequence log-probabilities: negative, a few nats per token, policy near the reference.
    rc = -lc * t.rand(b, low=0.5, high=2.0)
    rr = -lr * t.rand(b, low=0.5, high=2.0)
    pc = rc + t.randn(b, scale=spread)
    pr = rr + t.randn(b, scale=spread)

    def fn(v, c):
        loss = 0.0
        for kind, w in zip(kinds, weights):
            loss = loss + per_pair(kind, v["pc"], v["pr"], c["rc"], c["rr"], c["lc"], c["lr"], beta, eps, f, alpha, tau).mean() * w
        return loss

    expr = "sum_i w_i mean(loss_i) for " + "+".join(kinds) + f" beta={beta} eps={eps} f={f} alpha={alpha} tau={tau}"
    consts = {"rc": rc, "rr": rr, "lc": lc, "lr": lr}
    if kinds == ["sft"]:  # SFT reads only the chosen completions: pr is a constant, not a leaf without a gradient
        t.case(name, expr, lambda v, c: fn({**v, "pr": c["pr"]}, c), {"pc": pc}, consts={**consts, "pr": pr})
    else:
        t.case(name, expr, fn, {"pc": pc, "pr": pr}, consts=consts)


def preference():
    t = harness.Topic("preference", 31)
    for kind in ["sigmoid", "hinge", "ipo", "nca_pair", "bco_pair", "sppo_hard", "aot", "aot_unpaired", "apo_zero", "apo_down",
                 "discopop", "sigmoid_norm", "sft"]:
        dpo_case(t, kind, [kind])
    dpo_case(t, "sigmoid beta 0.5", ["sigmoid"], beta=0.5)
    dpo_case(t, "hinge beta 0.3 spread 10", ["hinge"], beta=0.3, spread=10.0)
    dpo_case(t, "exo_pair eps 1e-3", ["exo_pair"], eps=1e-3)
    dpo_case(t, "exo_pair eps 0.2 beta 0.5", ["exo_pair"], eps=0.2, beta=0.5)
    dpo_case(t, "robust eps 0.1", ["robust"], eps=0.1)
    dpo_case(t, "robust eps 0", ["robust"], eps=0.0)
    dpo_case(t, "aot eps 0.2", ["aot"], eps=0.2)
    dpo_case(t, "aot_unpaired eps 0.3 beta 0.4", ["aot_unpaired"], eps=0.3, beta=0.4)
    dpo_case(t, "discopop tau 0.5 beta 0.3", ["discopop"], tau=0.5, beta=0.3)
    dpo_case(t, "ipo beta 0.5", ["ipo"], beta=0.5)
    dpo_case(t, "sigmoid forward_kl", ["sigmoid"], f="forward_kl", spread=1.0)
    dpo_case(t, "sigmoid js_divergence", ["sigmoid"], f="js_divergence")
    dpo_case(t, "sigmoid alpha_divergence 0.5", ["sigmoid"], f="alpha_divergence", alpha=0.5, spread=1.0)
    dpo_case(t, "ipo alpha_divergence 1.5", ["ipo"], f="alpha_divergence", alpha=1.5, spread=1.0)
    dpo_case(t, "rpo sigmoid 1 + sft 0.2", ["sigmoid", "sft"], weights=[1.0, 0.2])
    dpo_case(t, "mpo sigmoid 0.8 + bco_pair 0.2 + sft 1", ["sigmoid", "bco_pair", "sft"], weights=[0.8, 0.2, 1.0])

    # MODPO (ZHZisZZ/modpo, modpo_trainer.py): margins (B, m) from fixed reward models
    for name, w, hinge in [("modpo sigmoid w (0.6, 0.4)", [0.6, 0.4], False), ("modpo hinge w (0.5, 0.3, 0.2)", [0.5, 0.3, 0.2], True)]:
        b, m = 5, len(w) - 1
        rc, rr = -t.rand(b, low=2.0, high=9.0), -t.rand(b, low=2.0, high=9.0)
        mc, mr = t.randn(b, m), t.randn(b, m)

        def modpo(v, c, w=w, hinge=hinge):
            wt = torch.tensor(w, dtype=harness.F64)
            rw = (1 / wt[0]) * (0.1 * (v["pc"] - c["rc"]) - c["mc"] @ wt[1:])
            rl = (1 / wt[0]) * (0.1 * (v["pr"] - c["rr"]) - c["mr"] @ wt[1:])
            logits = rw - rl
            return (torch.relu(1 - logits) if hinge else -F.logsigmoid(logits)).mean()

        t.case(name, "MODPO beta=0.1 w=" + str(w), modpo, {"pc": rc + t.randn(b, scale=3.0), "pr": rr + t.randn(b, scale=3.0)},
               consts={"rc": rc, "rr": rr, "mc": mc, "mr": mr})

    # SimPO (TRL CPO loss_type=simpo) and ORPO (TRL ORPO): reference-free, length-averaged log-probabilities
    b = 6
    lc, lr = t.randint(1, 9, b).to(harness.F64), t.randint(1, 9, b).to(harness.F64)
    pc, pr = -lc * t.rand(b, low=0.05, high=2.0), -lr * t.rand(b, low=0.05, high=2.0)
    for name, beta, gamma, eps in [("simpo beta 2 gamma 1", 2.0, 1.0, 0.0), ("simpo beta 2.5 gamma 0.5 eps 0.1", 2.5, 0.5, 0.1)]:
        def simpo(v, c, beta=beta, gamma=gamma, eps=eps):
            z = beta * (v["pc"] / c["lc"] - v["pr"] / c["lr"]) - gamma
            return (-(1 - eps) * F.logsigmoid(z) - eps * F.logsigmoid(-z)).mean()
        t.case(name, "SimPO", simpo, {"pc": pc, "pr": pr}, consts={"lc": lc, "lr": lr})

    def orpo(v, c):
        ac, ar = v["pc"] / c["lc"], v["pr"] / c["lr"]
        log_odds = (ac - ar) - (torch.log1p(-torch.exp(ac)) - torch.log1p(-torch.exp(ar)))
        nll = -v["pc"].sum() / c["lc"].sum()
        return nll - (0.25 * F.logsigmoid(log_odds)).mean()
    t.case("orpo lambda 0.25", "ORPO", orpo, {"pc": pc, "pr": pr}, consts={"lc": lc, "lr": lr})

    # SequenceLogProbs: sum over the completion mask of log_softmax(logits).gather(labels).
    logits = t.randn(3, 6, 5, scale=2.0)
    ids = t.randint(0, 5, 3, 6)
    mask = torch.tensor([[0, 0, 1, 1, 1, 0], [0, 1, 1, 1, 1, 1], [0, 0, 0, 1, 0, 0]], dtype=torch.bool)

    def aligned(v, c):
        lp = torch.log_softmax(v["logits"], -1).gather(-1, c["ids"].unsqueeze(-1)).squeeze(-1)
        return (lp * c["mask"].to(lp.dtype)).sum(1)

    def causal(v, c):
        lp = torch.log_softmax(v["logits"][:, :-1], -1).gather(-1, c["ids"][:, 1:].unsqueeze(-1)).squeeze(-1)
        return (lp * c["mask"][:, 1:].to(lp.dtype)).sum(1)

    t.case("sequence log-probs aligned", "(log_softmax(logits).gather(ids) * mask).sum(1)", aligned, {"logits": logits},
           ints={"ids": ids}, consts={"mask": mask})
    t.case("sequence log-probs causal", "(log_softmax(logits[:, :-1]).gather(ids[:, 1:]) * mask[:, 1:]).sum(1)", causal,
           {"logits": logits}, ints={"ids": ids}, consts={"mask": mask})
    t.write()


if __name__ == "__main__":
    preference()
