#!/usr/bin/python3
"""Writes the PyTorch golden fixtures that io.frontier.autograd.GoldenAutogradTest replays.

Micrograd-style end-to-end checks: each case builds one expression in float64 from seeded random
leaves, runs backward with a seeded random cotangent, and records the value and the gradient of
every leaf. The Java test rebuilds the same expression with Frontier's API (keyed by the case's
name) from the same leaves and compares the value and every gradient.

Regenerate (from the repository root, with Debian's python, which has torch 1.13):

    /usr/bin/python3 autograd/src/test/python/make_autograd_fixtures.py

(which also writes the losses topic of make_loss_fixtures.py, replayed by io.frontier.nn.LossesGoldenTest)

and commit the JSON files it rewrites under autograd/src/test/resources/golden/. The Java test only
reads those files; it never calls Python.

Format: one file per topic, autograd_<topic>.json = {"topic", "torch_version", "cases": [...]}.
Each case has
  name       the key the Java test dispatches on (and the JUnit display name),
  expr       the torch expression, for the reader,
  inputs     {name: tensor}, the float64 leaves (requires_grad), in a fixed order,
  ints       {name: tensor}, int64 index tensors (no gradient),
  consts     {name: tensor}, optional: float64 or bool tensors that get no gradient (masks,
             targets where torch's gradient is NaN); the Java test looks them up with the ints,
  cotangent  the gradient fed to backward (same shape as the value),
  value      the expression's value,
  grads      {name: tensor}, d(sum(value * cotangent))/d(input) for every input.
A tensor is {"dtype", "shape", "values"} with values flat in row-major order, floats written with
repr (full precision).
"""

import json
import os

import torch
import torch.nn.functional as F

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")
F64 = torch.float64
I64 = torch.int64


def enc(x):
    dtype = {F64: "float64", I64: "int64", torch.bool: "bool"}[x.dtype]
    flat = x.detach().contiguous().reshape(-1).tolist()
    return {"dtype": dtype, "shape": list(x.shape), "values": flat}


class Topic:
    def __init__(self, name, seed):
        self.name = name
        self.gen = torch.Generator().manual_seed(seed)
        self.cases = []

    def randn(self, *shape, scale=1.0):
        return torch.randn(*shape, generator=self.gen, dtype=F64) * scale

    def rand(self, *shape, low=0.0, high=1.0):
        return low + (high - low) * torch.rand(*shape, generator=self.gen, dtype=F64)

    def randint(self, low, high, *shape):
        return torch.randint(low, high, shape, generator=self.gen, dtype=I64)

    def case(self, name, expr, fn, inputs, ints=None, cotangent=None, consts=None):
        ints = ints or {}
        consts = consts or {}
        leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
        out = fn(leaves, {**ints, **consts})
        if cotangent is None:
            cotangent = torch.ones((), dtype=F64) if out.dim() == 0 else self.randn(*out.shape)
        out.backward(cotangent)
        grads = {}
        for k, v in leaves.items():
            if v.grad is None:
                raise ValueError(name + ": input " + k + " gets no gradient")
            grads[k] = enc(v.grad)
        c = {
            "name": name,
            "expr": expr,
            "inputs": {k: enc(v) for k, v in inputs.items()},
            "ints": {k: enc(v) for k, v in ints.items()},
            "cotangent": enc(cotangent),
            "value": enc(out),
            "grads": grads,
        }
        if consts:
            c["consts"] = {k: enc(v) for k, v in consts.items()}
        self.cases.append(c)

    def write(self):
        path = os.path.join(OUT_DIR, "autograd_" + self.name + ".json")
        doc = {"topic": self.name, "torch_version": torch.__version__, "cases": self.cases}
        with open(path, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
        print("wrote", path, len(self.cases), "cases")


def s(v):
    return torch.tensor(v, dtype=F64)


# ---------------------------------------------------------------------------------------------
def micrograd():
    t = Topic("micrograd", 1)

    def sanity(v, _):
        x = v["x"]
        z = 2 * x + 2 + x
        q = z.relu() + z * x
        h = (z * z).relu()
        return h + q + q * x

    expr_sanity = "z = 2*x + 2 + x; q = z.relu() + z*x; h = (z*z).relu(); y = h + q + q*x"
    t.case("micrograd test_sanity_check", expr_sanity, sanity, {"x": s(-4.0)})

    def more_ops(v, _):
        a, b = v["a"], v["b"]
        c = a + b
        d = a * b + b ** 3
        c = c + (c + 1)
        c = c + (1 + c + (-a))
        d = d + (d * 2 + (b + a).relu())
        d = d + (3 * d + (b - a).relu())
        e = c - d
        f = e ** 2
        g = f / 2.0
        g = g + 10.0 / f
        return g

    expr_more = ("c = a + b; d = a*b + b**3; c += c + 1; c += 1 + c + (-a); d += d*2 + (b + a).relu(); "
                 "d += 3*d + (b - a).relu(); e = c - d; f = e**2; g = f / 2.0; g += 10.0 / f")
    t.case("micrograd test_more_ops", expr_more, more_ops, {"a": s(-4.0), "b": s(2.0)})
    t.case("micrograd test_more_ops on random scalars", expr_more, more_ops,
           {"a": t.randn((), scale=2.0), "b": t.randn((), scale=2.0)})
    t.case("micrograd test_more_ops elementwise on vectors", expr_more, more_ops,
           {"a": t.randn(5, scale=2.0), "b": t.randn(5, scale=2.0)})

    def mlp(v, i):
        h = torch.tanh(v["x"] @ v["w1"] + v["b1"])
        logits = h @ v["w2"] + v["b2"]
        return -F.log_softmax(logits, 1).gather(1, i["target"].unsqueeze(1)).mean()

    t.case("MLP with a cross-entropy loss (logSoftmax, gather, mean)",
           "h = tanh(x @ w1 + b1); logits = h @ w2 + b2; -log_softmax(logits, 1).gather(1, target[:, None]).mean()",
           mlp, {"x": t.randn(4, 3), "w1": t.randn(3, 5), "b1": t.randn(5), "w2": t.randn(5, 3), "b2": t.randn(3)},
           {"target": torch.tensor([0, 2, 1, 2])})

    def shared(v, _):
        x, y = v["x"], v["y"]
        sub = x * y + x.sin()
        return sub * sub + sub.exp() * x + (x * x).sum()

    t.case("a shared subexpression used twice accumulates its gradient",
           "sub = x*y + sin(x); sub*sub + exp(sub)*x + (x*x).sum()", shared, {"x": t.randn(4), "y": t.randn(4)})
    t.write()


# ---------------------------------------------------------------------------------------------
def broadcasting():
    t = Topic("broadcast", 2)
    t.case("add and mul broadcast (3,1) with (4,) and (2,1,4)", "(a + b) * c",
           lambda v, _: (v["a"] + v["b"]) * v["c"], {"a": t.randn(3, 1), "b": t.randn(4), "c": t.randn(2, 1, 4)})
    t.case("sub and div broadcast with a 0-dim tensor", "(a / b - c) * d",
           lambda v, _: (v["a"] / v["b"] - v["c"]) * v["d"],
           {"a": t.randn(2, 3), "b": t.rand(3, low=0.5, high=2.0), "c": t.randn(2, 1), "d": t.randn(())})
    t.case("pow with tensor exponents broadcast over the base", "a ** e + a ** k",
           lambda v, _: v["a"] ** v["e"] + v["a"] ** v["k"],
           {"a": t.rand(2, 3, low=0.5, high=2.0), "e": t.randn(3), "k": t.randn(())})
    t.case("maximum and minimum broadcast (no ties)", "maximum(a, b) * minimum(a, b).exp()",
           lambda v, _: torch.maximum(v["a"], v["b"]) * torch.minimum(v["a"], v["b"]).exp(),
           {"a": t.randn(3, 1), "b": t.randn(1, 4)})
    t.case("maximum and minimum with ties split the gradient evenly", "maximum(a, b) * 2 + minimum(a, b) * 3",
           lambda v, _: torch.maximum(v["a"], v["b"]) * 2 + torch.minimum(v["a"], v["b"]) * 3,
           {"a": s([1.0, 2.0, -1.0, 0.5]), "b": s([1.0, 3.0, -1.0, 0.0])})
    t.write()


# ---------------------------------------------------------------------------------------------
def reductions():
    t = Topic("reductions", 3)
    t.case("sum over dims with keepdim and mean over a dim", "x.sum((0, 2), keepdim=True) * x + x.mean(1, keepdim=True)",
           lambda v, _: v["x"].sum((0, 2), keepdim=True) * v["x"] + v["x"].mean(1, keepdim=True), {"x": t.randn(2, 3, 4)})
    ties = torch.tensor([[1., 3., 3., 0.], [2., 2., 2., 2.], [-1., 5., 0., 5.]], dtype=F64)
    t.case("amax with ties splits the gradient evenly", "x.amax(1) concatenated with x.amax((0, 1)) (as (4,))",
           lambda v, _: torch.cat([v["x"].amax(1), v["x"].amax((0, 1)).reshape(1)]), {"x": ties})
    t.case("max(dim) with ties routes the gradient to the returned index", "x.max(1).values and x.min(0).values",
           lambda v, _: torch.cat([v["x"].max(1).values, v["x"].min(0).values]), {"x": ties})
    t.case("max(dim) values route the gradient to the chosen index", "x.max(1).values (no ties) and x.max(0, keepdim) values",
           lambda v, _: torch.cat([v["x"].max(1).values, v["x"].max(0, keepdim=True).values.reshape(-1)]),
           {"x": t.randn(3, 5)})
    t.case("var and std with corrections", "x.var(1) + x.var(correction=0) + x.std((0,), keepdim=True).sum()",
           lambda v, _: v["x"].var(1) + torch.var(v["x"], dim=(0, 1), correction=0)
           + torch.std(v["x"], dim=(0,), correction=1, keepdim=True).sum(), {"x": t.randn(3, 5)})
    t.case("norms: 2-norm, 1-norm over a dim, 3-norm keepdim", "x.norm() + x.norm(1, dim=1) + x.norm(3, dim=(0,), keepdim=True).sum()",
           lambda v, _: v["x"].norm() + v["x"].norm(1, dim=1) + v["x"].norm(3, dim=(0,), keepdim=True).sum(),
           {"x": t.randn(3, 4)})
    t.case("logsumexp over one dim and over two dims", "x.logsumexp(2) * x.logsumexp((0, 1), keepdim=True).squeeze(2)",
           lambda v, _: v["x"].logsumexp(2) * torch.logsumexp(v["x"], (0, 1), keepdim=True).squeeze(2).sum(),
           {"x": t.randn(2, 3, 4)})
    t.case("softmax and logSoftmax over different dims", "softmax(x, 1) * w + log_softmax(x, 0)",
           lambda v, _: torch.softmax(v["x"], 1) * v["w"] + torch.log_softmax(v["x"], 0), {"x": t.randn(3, 5), "w": t.randn(3, 5)})
    t.case("cumsum along both dims", "x.cumsum(1) * x.cumsum(0)",
           lambda v, _: v["x"].cumsum(1) * v["x"].cumsum(0), {"x": t.randn(3, 4)})
    t.case("prod over a dim (no zeros)", "x.prod(1, keepdim=True) * x",
           lambda v, _: v["x"].prod(1, keepdim=True) * v["x"], {"x": t.rand(3, 4, low=0.5, high=1.5)})
    t.write()


# ---------------------------------------------------------------------------------------------
def matmul():
    t = Topic("matmul", 4)
    t.case("mm", "a.mm(b)", lambda v, _: v["a"].mm(v["b"]), {"a": t.randn(3, 4), "b": t.randn(4, 2)})
    t.case("batched matmul broadcasting the batch dims", "a (2,1,3,4) @ b (3,4,5)",
           lambda v, _: v["a"] @ v["b"], {"a": t.randn(2, 1, 3, 4), "b": t.randn(3, 4, 5)})
    t.case("mv then dot", "m.mv(x).dot(u) + (x @ n).sum()",
           lambda v, _: v["m"].mv(v["x"]).dot(v["u"]) + (v["x"] @ v["n"]).sum(),
           {"m": t.randn(3, 4), "x": t.randn(4), "u": t.randn(3), "n": t.randn(4, 2)})
    t.case("bmm of a transposed batch", "a.bmm(b.transpose(1, 2))",
           lambda v, _: v["a"].bmm(v["b"].transpose(1, 2)), {"a": t.randn(2, 3, 4), "b": t.randn(2, 5, 4)})
    t.write()


# ---------------------------------------------------------------------------------------------
def views():
    t = Topic("views", 5)
    t.case("transpose, permute, reshape, t, flatten", "(x.permute(2, 0, 1).reshape(4, 6).t() * y).transpose(0, 1).flatten()",
           lambda v, _: (v["x"].permute(2, 0, 1).reshape(4, 6).t() * v["y"]).transpose(0, 1).flatten(),
           {"x": t.randn(2, 3, 4), "y": t.randn(6, 4)})
    t.case("slice with a step, select, narrow, unsqueeze, expand",
           "x.narrow(1, 1, 3) * x.select(1, 4).unsqueeze(1).expand(4, 3) + x[1:4:2, 0:3].sum()",
           lambda v, _: v["x"].narrow(1, 1, 3) * v["x"].select(1, 4).unsqueeze(1).expand(4, 3) + v["x"][1:4:2, 0:3].sum(),
           {"x": t.randn(4, 5)})
    t.case("squeeze, flatten range, unflatten, diagonal", "x.squeeze(1).unflatten(1, (2, 3)).flatten(0, 1) * x.squeeze(1)[:, :2].reshape(-1, 1) + diagonal(y, 0, 0, 1).sum()",
           lambda v, _: v["x"].squeeze(1).unflatten(1, (2, 3)).flatten(0, 1) * v["x"].squeeze(1)[:, :2].reshape(-1, 1)
           + torch.diagonal(v["y"], 0, 0, 1).sum(),
           {"x": t.randn(3, 1, 6), "y": t.randn(4, 4)})
    t.write()


# ---------------------------------------------------------------------------------------------
def indexing():
    t = Topic("indexing", 6)
    t.case("gather with repeated indices", "x.gather(1, idx)",
           lambda v, i: v["x"].gather(1, i["idx"]), {"x": t.randn(3, 4)}, {"idx": torch.tensor([[0, 0, 3], [2, 1, 2], [3, 3, 3]])})
    t.case("embedding and index_select with repeated indices", "embedding(ids, w) * x.index_select(1, cols).t()",
           lambda v, i: F.embedding(i["ids"], v["w"]) * v["x"].index_select(1, i["cols"]).t(),
           {"w": t.randn(5, 3), "x": t.randn(3, 4)}, {"ids": torch.tensor([4, 0, 4, 2, 1, 4]), "cols": torch.tensor([1, 1, 0, 3, 2, 1])})
    t.case("scatter_add into a base with collisions", "base.scatter_add(1, idx, src)",
           lambda v, i: v["base"].scatter_add(1, i["idx"], v["src"]), {"base": t.randn(3, 5), "src": t.randn(3, 4)},
           {"idx": torch.tensor([[0, 0, 4, 1], [2, 2, 2, 2], [3, 1, 3, 0]])})

    def pieces(v, _):
        a, b, c = v["a"], v["b"], v["c"]
        parts = torch.cat([a, b, c], 0).split(2, 0)  # (2,3), (2,3), (1,3)
        st = torch.stack([parts[0], parts[1] * b], 0)  # (2,2,3)
        ch = st.chunk(3, 2)  # three (2,2,1)
        return ch[0] * ch[2] + ch[1].exp() + parts[2].sum()

    t.case("cat, split, stack, chunk", "parts = cat([a,b,c]).split(2); st = stack([p0, p1*b]); ch = st.chunk(3, 2); ch0*ch2 + exp(ch1) + p2.sum()",
           pieces, {"a": t.randn(2, 3), "b": t.randn(2, 3), "c": t.randn(1, 3)})
    t.case("split with sizes and stack on the last dim", "x0, x1 = x.split([1, 3], 1); stack([x0.squeeze(1) * y, x1.sum(1)], 1)",
           lambda v, _: torch.stack([v["x"].split([1, 3], 1)[0].squeeze(1) * v["y"], v["x"].split([1, 3], 1)[1].sum(1)], 1),
           {"x": t.randn(3, 4), "y": t.randn(3)})
    t.case("topk, sort and max(dim) values", "cat of x.topk(3, 1).values, x.topk(2, 0, largest=False).values, x.sort(1, descending=True).values, x.max(1).values",
           lambda v, _: torch.cat([v["x"].topk(3, 1).values.flatten(), v["x"].topk(2, 0, largest=False).values.flatten(),
                                   v["x"].sort(1, descending=True).values.flatten(), v["x"].max(1).values]),
           {"x": t.randn(3, 6)})
    t.write()


# ---------------------------------------------------------------------------------------------
def where_clamp():
    t = Topic("where", 7)
    t.case("where, masked_fill, clamp inside the bounds", "where(x > 0, x*y, exp(y)) + y.masked_fill(y < -0.5, 0.5) * clamp(x, -0.5, 0.5)",
           lambda v, _: torch.where(v["x"] > 0, v["x"] * v["y"], v["y"].exp())
           + v["y"].masked_fill(v["y"] < -0.5, 0.5) * v["x"].clamp(-0.5, 0.5),
           {"x": t.randn(3, 4), "y": t.randn(3, 4)})
    # torch's rule: an element exactly on a bound is inside (min <= x <= max): x gets the whole
    # gradient and the bound none.
    t.case("clamp exactly at its bounds passes the whole gradient to x",
           "x.clamp(-0.5, 0.5) + x.clamp_min(0.5) * 2 + x.clamp_max(-0.5) * 3 + clamp(x, lo, hi) * 5",
           lambda v, _: v["x"].clamp(-0.5, 0.5) + v["x"].clamp_min(0.5) * 2 + v["x"].clamp_max(-0.5) * 3
           + torch.clamp(v["x"], v["lo"], v["hi"]) * 5,
           {"x": s([-0.5, 0.5, 0.0, -1.0, 1.0, 0.25]), "lo": s([-0.5, -1.0, 0.0, -0.5, -0.5, -0.5]),
            "hi": s([0.5, 0.5, 0.0, 0.5, 0.5, 0.25])})
    t.case("clamp with tensor bounds, clamp_min, clamp_max", "x.clamp(lo, hi) + x.clamp_min(0.1) * x.clamp_max(-0.2)",
           lambda v, _: torch.clamp(v["x"], v["lo"], v["hi"]) + v["x"].clamp_min(0.1) * v["x"].clamp_max(-0.2),
           {"x": t.randn(3, 4), "lo": t.rand(4, low=-1.0, high=-0.2), "hi": t.rand(3, 1, low=0.1, high=0.8)})
    t.write()


# ---------------------------------------------------------------------------------------------
def activations():
    t = Topic("activations", 8)
    x = t.rand(16, low=-4.0, high=4.0)

    def acts(v, _):
        x = v["x"]
        return torch.stack([F.gelu(x), F.gelu(x, approximate="tanh"), F.silu(x), F.softplus(x),
                            F.softplus(x, beta=2.0, threshold=3.0), torch.sigmoid(x), torch.tanh(x), F.logsigmoid(x),
                            torch.relu(x)])

    t.case("gelu exact and tanh, silu, softplus (default, beta 2 threshold 3), sigmoid, tanh, logSigmoid, relu",
           "stack([gelu(x), gelu(x, 'tanh'), silu(x), softplus(x), softplus(x, 2, 3), sigmoid(x), tanh(x), logsigmoid(x), relu(x)])",
           acts, {"x": x})
    t.case("unary chain: exp, log, sqrt, rsqrt, reciprocal, sin, cos, abs, expm1, log1p, erf",
           "stack([...]) of the unaries of a positive x and a signed y",
           lambda v, _: torch.stack([v["p"].log(), v["p"].sqrt(), v["p"].rsqrt(), v["p"].reciprocal(), v["y"].exp(),
                                     v["y"].sin(), v["y"].cos(), v["y"].abs(), v["y"].expm1(), v["p"].log1p(), v["y"].erf(),
                                     v["y"].square()]),
           {"p": t.rand(6, low=0.2, high=3.0), "y": t.randn(6)})
    t.write()


if __name__ == "__main__":
    os.makedirs(OUT_DIR, exist_ok=True)
    micrograd()
    broadcasting()
    reductions()
    matmul()
    views()
    indexing()
    where_clamp()
    activations()
    import make_loss_fixtures  # the losses topic lives in its own script
    make_loss_fixtures.losses()
