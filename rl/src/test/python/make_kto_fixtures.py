#!/usr/bin/python3
"""Writes rl/src/test/resources/golden/autograd_kto.json, the PyTorch golden fixtures that
io.frontier.rl.preference.KtoGoldenTest replays against KtoLoss (values and gradients in float64).
Same format and harness as autograd/src/test/python/make_autograd_fixtures.py. From the repository
root, with Debian's PyTorch:

    /usr/bin/python3 rl/src/test/python/make_kto_fixtures.py

The loss is TRL's KTOTrainer.kto_loss (huggingface/trl, trl/trainer/kto_trainer.py @ b12c2cf) on one
process (accelerator.gather_for_metrics is the identity), followed by get_batch_loss_metrics's
losses.nanmean(). The policy's log-probabilities of the chosen and rejected completions are the
leaves; the reference's, and both models' log-probabilities of the mismatched KL completions (TRL
computes the policy's under no_grad), are constants. An empty side is a constant of shape (0,).
"""

import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "autograd", "src", "test", "python"))
import make_autograd_fixtures as harness  # noqa: E402

harness.OUT_DIR = os.path.join(HERE, "..", "resources", "golden")
F64 = harness.F64


def kto_loss(pc, pr, pk, rc, rr, rk, beta, desirable_weight, undesirable_weight, loss_type):
    if loss_type == "kto":  # calculate_KL
        kl = (pk - rk).mean().detach()
        kl = kl.mean().clamp(min=0)
    else:
        kl = torch.zeros(1, dtype=F64)

    if pc.shape[0] != 0 or rc.shape[0] != 0:
        chosen_logratios = pc - rc
        if loss_type == "kto":
            chosen_losses = 1 - torch.sigmoid(beta * (chosen_logratios - kl))
        elif loss_type == "apo_zero_unpaired":
            chosen_losses = 1 - torch.sigmoid(beta * chosen_logratios)
    else:
        chosen_losses = torch.tensor([], dtype=F64)

    if pr.shape[0] != 0 or rr.shape[0] != 0:
        rejected_logratios = pr - rr
        if loss_type == "kto":
            rejected_losses = 1 - torch.sigmoid(beta * (kl - rejected_logratios))
        elif loss_type == "apo_zero_unpaired":
            rejected_losses = torch.sigmoid(beta * rejected_logratios)
    else:
        rejected_losses = torch.tensor([], dtype=F64)

    losses = torch.cat((desirable_weight * chosen_losses, undesirable_weight * rejected_losses), 0)
    return losses.nanmean()


def kto_case(t, name, loss_type="kto", beta=0.1, wd=1.0, wu=1.0, nc=5, nr=3, kl_shift=1.0, spread=3.0):
    def side(n):
        tokens = t.randint(1, 9, n).to(F64)
        ref = -tokens * t.rand(n, low=0.5, high=2.0)
        return ref + t.randn(n, scale=spread), ref

    pc, rc = side(nc)
    pr, rr = side(nr)
    # The KL batch: each prompt with the next example's completion; the policy kl_shift nats above the reference on average.
    rk = -t.rand(nc + nr, low=2.0, high=20.0)
    pk = rk + kl_shift + t.randn(nc + nr, scale=0.5)

    leaves = {k: v for k, v in (("pc", pc), ("pr", pr)) if v.shape[0] > 0}
    consts = {"rc": rc, "rr": rr}
    consts.update({k: v for k, v in (("pc", pc), ("pr", pr)) if v.shape[0] == 0})
    if loss_type == "kto":
        consts.update({"pk": pk, "rk": rk})

    def fn(v, c):
        both = {**c, **v}
        empty = torch.zeros(0, dtype=F64)
        return kto_loss(both["pc"], both["pr"], c.get("pk", empty), c["rc"], c["rr"], c.get("rk", empty), beta, wd, wu, loss_type)

    expr = f"TRL kto_loss loss_type={loss_type} beta={beta} desirable_weight={wd} undesirable_weight={wu}, losses.nanmean()"
    t.case(name, expr, fn, leaves, consts=consts)


def kto():
    t = harness.Topic("kto", 41)
    kto_case(t, "kto")
    kto_case(t, "kto with the kl estimate clamped at 0", kl_shift=-2.0)
    kto_case(t, "kto beta 0.5 weights (1, 1.33), 2 chosen and 6 rejected", beta=0.5, wu=1.33, nc=2, nr=6)
    kto_case(t, "kto beta 0.2 desirable weight 0.8, no rejected", beta=0.2, wd=0.8, nr=0)
    kto_case(t, "kto beta 0.3, no chosen", beta=0.3, nc=0, nr=4)
    kto_case(t, "kto beta 0.5 spread 10", beta=0.5, spread=10.0, nc=4, nr=4, kl_shift=3.0)
    kto_case(t, "apo_zero_unpaired", loss_type="apo_zero_unpaired")
    kto_case(t, "apo_zero_unpaired beta 0.3 weights (2, 0.5), 4 chosen and 2 rejected", loss_type="apo_zero_unpaired",
             beta=0.3, wd=2.0, wu=0.5, nc=4, nr=2)
    t.write()


if __name__ == "__main__":
    kto()
