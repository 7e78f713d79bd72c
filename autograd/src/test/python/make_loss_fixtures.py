#!/usr/bin/python3
"""Writes autograd_losses.json, the PyTorch golden fixtures that io.frontier.nn.LossesGoldenTest replays
against io.frontier.nn.Losses (values and input gradients in float64). Same format and harness as
make_autograd_fixtures.py, which also runs this; or on its own, from the repository root:

    /usr/bin/python3 autograd/src/test/python/make_loss_fixtures.py

Masks have no torch counterpart: the reference is torch's reduction='none' loss times the mask,
summed, over the mask's sum (over the mask on non-ignored targets for the class losses). Frontier's
class-indexed losses take the classes on the last dim, so (B, T, C) logits go to torch transposed.
"""

import torch
import torch.nn.functional as F

from make_autograd_fixtures import Topic


def masked_mean(loss, m, valid=None):
    m = m.to(loss.dtype).expand(loss.shape)
    den = m if valid is None else m * valid.to(loss.dtype)
    return (loss * m).sum() / den.sum()


def losses():
    t = Topic("losses", 9)
    big = lambda *shape: t.randn(*shape, scale=3.0)

    # ---- regression
    t.case("mse mean", "F.mse_loss(x, y)", lambda v, _: F.mse_loss(v["x"], v["y"]), {"x": t.randn(3, 4), "y": t.randn(3, 4)})
    t.case("mse sum", "F.mse_loss(x, y, reduction='sum')", lambda v, _: F.mse_loss(v["x"], v["y"], reduction="sum"),
           {"x": t.randn(5), "y": t.randn(5)})
    t.case("mse none with a float mask", "F.mse_loss(x, y, reduction='none') * m",
           lambda v, i: F.mse_loss(v["x"], v["y"], reduction="none") * i["m"], {"x": t.randn(3, 4), "y": t.randn(3, 4)},
           consts={"m": t.rand(3, 4)})
    t.case("mse mean with a bool row mask (3,1)", "masked mean of F.mse_loss(x, y, reduction='none') over m",
           lambda v, i: masked_mean(F.mse_loss(v["x"], v["y"], reduction="none"), i["m"]),
           {"x": t.randn(3, 4), "y": t.randn(3, 4)}, consts={"m": torch.tensor([[True], [False], [True]])})
    t.case("huber delta 1 mean", "F.huber_loss(x, y)", lambda v, _: F.huber_loss(v["x"], v["y"]), {"x": big(4, 5), "y": t.randn(4, 5)})
    t.case("huber delta 0.5 sum with a float mask", "(F.huber_loss(x, y, reduction='none', delta=0.5) * m).sum()",
           lambda v, i: (F.huber_loss(v["x"], v["y"], reduction="none", delta=0.5) * i["m"]).sum(),
           {"x": big(2, 6), "y": t.randn(2, 6)}, consts={"m": t.rand(2, 6)})
    t.case("huber delta 2 none", "F.huber_loss(x, y, reduction='none', delta=2.0)",
           lambda v, _: F.huber_loss(v["x"], v["y"], reduction="none", delta=2.0), {"x": big(7), "y": t.randn(7)})

    # ---- classification
    t.case("crossEntropy (N,C) mean", "F.cross_entropy(x, target)", lambda v, i: F.cross_entropy(v["x"], i["target"]),
           {"x": big(5, 4)}, {"target": t.randint(0, 4, 5)})
    tgt = t.randint(0, 5, 3, 4)
    tgt[0, 1] = -100
    tgt[2, 3] = -100
    t.case("crossEntropy (B,T,C) ignoreIndex and labelSmoothing 0.1 mean",
           "F.cross_entropy(x.transpose(1, 2), target, ignore_index=-100, label_smoothing=0.1)",
           lambda v, i: F.cross_entropy(v["x"].transpose(1, 2), i["target"], label_smoothing=0.1), {"x": big(3, 4, 5)}, {"target": tgt})
    t.case("crossEntropy (B,T,C) ignoreIndex and labelSmoothing 0.2 sum",
           "F.cross_entropy(x.transpose(1, 2), target, label_smoothing=0.2, reduction='sum')",
           lambda v, i: F.cross_entropy(v["x"].transpose(1, 2), i["target"], label_smoothing=0.2, reduction="sum"),
           {"x": big(3, 4, 5)}, {"target": tgt})
    tgt7 = t.randint(0, 6, 7)
    tgt7[3] = 2
    t.case("crossEntropy (N,C) ignoreIndex 2 none", "F.cross_entropy(x, target, ignore_index=2, reduction='none')",
           lambda v, i: F.cross_entropy(v["x"], i["target"], ignore_index=2, reduction="none"), {"x": big(7, 6)}, {"target": tgt7})
    t.case("crossEntropy (B,T,C) with a token mask and ignoreIndex mean",
           "masked mean of F.cross_entropy(x.transpose(1, 2), target, label_smoothing=0.1, reduction='none') over m on non-ignored",
           lambda v, i: masked_mean(F.cross_entropy(v["x"].transpose(1, 2), i["target"], label_smoothing=0.1, reduction="none"),
                                    i["m"], i["target"] != -100),
           {"x": big(3, 4, 5)}, {"target": tgt}, consts={"m": t.rand(3, 4) > 0.3})
    t.case("nll (N,C) ignoreIndex mean", "F.nll_loss(log_softmax(x), target)",
           lambda v, i: F.nll_loss(F.log_softmax(v["x"], 1), i["target"]), {"x": big(6, 4)},
           {"target": torch.tensor([0, 3, -100, 1, 1, 2])})
    t.case("nll (B,T,C) of raw log-probs sum", "F.nll_loss(lp.transpose(1, 2), target, reduction='sum')",
           lambda v, i: F.nll_loss(v["lp"].transpose(1, 2), i["target"], reduction="sum"), {"lp": t.randn(3, 4, 5)}, {"target": tgt})
    t.case("nll (N,C) with a float mask mean", "masked mean of F.nll_loss(lp, target, reduction='none') over m on non-ignored",
           lambda v, i: masked_mean(F.nll_loss(v["lp"], i["target"], reduction="none"), i["m"], i["target"] != -100),
           {"lp": t.randn(6, 4)}, {"target": torch.tensor([0, 3, -100, 1, 1, 2])}, consts={"m": t.rand(6)})

    # ---- binary and distributions
    x_bce = torch.cat([big(8), torch.tensor([40.0, -40.0, 0.5, -700.0], dtype=torch.float64)]).reshape(3, 4)
    t.case("binaryCrossEntropyWithLogits mean with extreme logits and soft targets", "F.binary_cross_entropy_with_logits(x, y)",
           lambda v, _: F.binary_cross_entropy_with_logits(v["x"], v["y"]), {"x": x_bce, "y": t.rand(3, 4)})
    t.case("binaryCrossEntropyWithLogits posWeight (C,) sum", "F.binary_cross_entropy_with_logits(x, y, pos_weight=pw, reduction='sum')",
           lambda v, i: F.binary_cross_entropy_with_logits(v["x"], v["y"], pos_weight=i["pw"], reduction="sum"),
           {"x": big(3, 4), "y": (t.rand(3, 4) > 0.5).double()}, consts={"pw": t.rand(4, low=0.5, high=3.0)})
    t.case("binaryCrossEntropyWithLogits none with a bool mask", "F.binary_cross_entropy_with_logits(x, y, reduction='none') * m",
           lambda v, i: F.binary_cross_entropy_with_logits(v["x"], v["y"], reduction="none") * i["m"],
           {"x": big(2, 5), "y": t.rand(2, 5)}, consts={"m": t.rand(2, 5) > 0.5})
    p = torch.softmax(t.randn(4, 5), 1)
    p[0, 2] = 0.0
    p[3, 0] = 0.0
    t.case("klDiv batchmean with zero target probabilities", "F.kl_div(lp, p, reduction='batchmean')",
           lambda v, i: F.kl_div(v["lp"], i["p"], reduction="batchmean"), {"lp": F.log_softmax(t.randn(4, 5), 1)}, consts={"p": p})
    t.case("klDiv sum with probability targets", "F.kl_div(lp, p, reduction='sum')",
           lambda v, _: F.kl_div(v["lp"], v["p"], reduction="sum"),
           {"lp": F.log_softmax(t.randn(3, 4), 1), "p": torch.softmax(t.randn(3, 4), 1)})
    t.case("klDiv mean logTarget", "F.kl_div(lp, lq, reduction='mean', log_target=True)",
           lambda v, _: F.kl_div(v["lp"], v["lq"], reduction="mean", log_target=True),
           {"lp": F.log_softmax(t.randn(3, 4), 1), "lq": F.log_softmax(t.randn(3, 4), 1)})
    t.case("klDiv none logTarget with a float mask", "F.kl_div(lp, lq, reduction='none', log_target=True) * m",
           lambda v, i: F.kl_div(v["lp"], v["lq"], reduction="none", log_target=True) * i["m"],
           {"lp": F.log_softmax(t.randn(2, 3), 1), "lq": F.log_softmax(t.randn(2, 3), 1)}, consts={"m": t.rand(2, 3)})

    # ---- token log-probs
    t.case("tokenLogProbs (B,T,V)", "F.log_softmax(x, -1).gather(-1, labels[..., None])[..., 0]",
           lambda v, i: F.log_softmax(v["x"], -1).gather(-1, i["labels"].unsqueeze(-1)).squeeze(-1),
           {"x": big(2, 3, 7)}, {"labels": t.randint(0, 7, 2, 3)})
    lab = t.randint(0, 6, 3, 2)
    lab[1, 0] = -100
    t.case("tokenLogProbs (B,T,V) with ignoreIndex", "log_softmax(x, -1).gather(-1, labels.clamp_min(0)[..., None])[..., 0].masked_fill(labels == -100, 0)",
           lambda v, i: F.log_softmax(v["x"], -1).gather(-1, i["labels"].clamp_min(0).unsqueeze(-1)).squeeze(-1)
           .masked_fill(i["labels"] == -100, 0.0), {"x": big(3, 2, 6)}, {"labels": lab})
    t.write()


if __name__ == "__main__":
    losses()
