#!/usr/bin/python3
"""Writes the PyTorch golden fixtures that the Java tests in io.frontier.tensor.golden replay.

Regenerate (from the repository root, with Debian's python, which has torch 1.13):

    /usr/bin/python3 tensor/src/test/python/make_golden_fixtures.py

and commit the JSON files it rewrites under tensor/src/test/resources/golden/. The Java tests only
read those files; they never call Python.

Format: one file per topic, {"topic", "torch_version", "cases": [...]}. Each case has
  name      a sentence that names the behaviour (the JUnit display name),
  op        the operation key the Java test dispatches on (e.g. "var", "sort", "add.scalar"),
  call      the torch expression that produced the expectation,
  inputs    {name: tensor} or {name: [tensor, ...]} in argument order,
  args      the op's other arguments,
  outputs   [tensor, ...] (values and indices for sort/max, every piece for split/chunk),
  or error  "<torch exception type>: <message>" when torch refuses the call;
and optionally rtol/atol (with a note saying why) and zero_sign (the sign of zeros must match).
A case with frontier_refuses is a documented difference: torch answers, Frontier refuses by design.
A tensor is {"dtype", "shape", "values"} with values flat in row-major order; floats are written
with repr (full precision) and NaN and the infinities as the strings "nan", "inf", "-inf".
"""

import json
import math
import os
import sys

import torch
import torch.nn.functional as F

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")

F64 = torch.float64
F32 = torch.float32
I64 = torch.int64
BOOL = torch.bool
NAN = float("nan")
INF = float("inf")
EPS32 = torch.finfo(F32).eps
EPS64 = torch.finfo(F64).eps

DTYPE_NAMES = {F32: "float32", F64: "float64", I64: "int64", BOOL: "bool"}


def enc_number(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return float(v)


def enc_tensor(x):
    if x.dtype not in DTYPE_NAMES:
        raise ValueError("unsupported dtype " + str(x.dtype))
    flat = x.detach().contiguous().reshape(-1).tolist()
    return {"dtype": DTYPE_NAMES[x.dtype], "shape": list(x.shape), "values": [enc_number(v) for v in flat]}


def enc_arg(v):
    if isinstance(v, torch.dtype):
        return DTYPE_NAMES[v]
    if isinstance(v, (list, tuple)):
        return [enc_arg(e) for e in v]
    if isinstance(v, float):
        return enc_number(v)
    return v


def enc_input(v):
    if isinstance(v, (list, tuple)):
        return [enc_tensor(e) for e in v]
    return enc_tensor(v)


def as_outputs(result):
    if isinstance(result, torch.Tensor):
        return [result]
    if hasattr(result, "values") and hasattr(result, "indices"):  # torch.return_types
        return [result.values, result.indices]
    return list(result)


class Topic:
    def __init__(self, name):
        self.name = name
        self.cases = []

    def case(self, name, op, call, inputs, args, fn, error=False, rtol=None, atol=None, note=None, zero_sign=False,
             frontier_refuses=False):
        """Runs fn(**inputs) in torch and records the case; error=True means torch must refuse it.

        frontier_refuses=True records a documented difference: torch computes a result (kept in the
        fixture for reference) but Frontier refuses the call; the note must say why.
        """
        if frontier_refuses and not note:
            raise ValueError("case '%s': a documented difference needs a note" % name)
        if any(c["name"] == name for c in self.cases):
            raise ValueError("duplicate case name: " + name)
        c = {"name": name, "op": op, "call": call,
             "inputs": {k: enc_input(v) for k, v in inputs.items()},
             "args": {k: enc_arg(v) for k, v in args.items()}}
        try:
            result = fn(**inputs)
        except Exception as e:  # noqa: BLE001 - we record whatever torch raises
            if not error:
                raise RuntimeError("case '%s' raised unexpectedly: %s" % (name, e))
            c["error"] = "%s: %s" % (type(e).__name__, str(e).splitlines()[0])
        else:
            if error:
                raise RuntimeError("case '%s' was expected to fail but returned %s" % (name, result))
            c["outputs"] = [enc_tensor(o) for o in as_outputs(result)]
        if rtol is not None:
            c["rtol"] = rtol
        if atol is not None:
            c["atol"] = atol
        if note is not None:
            c["note"] = note
        if zero_sign:
            c["zero_sign"] = True
        if frontier_refuses:
            c["frontier_refuses"] = True
        self.cases.append(c)

    def write(self):
        doc = {"topic": self.name, "torch_version": torch.__version__,
               "generator": "tensor/src/test/python/make_golden_fixtures.py", "cases": self.cases}
        path = os.path.join(OUT_DIR, self.name + ".json")
        # one case per line keeps the files small and their diffs readable
        head = json.dumps({k: v for k, v in doc.items() if k != "cases"}, allow_nan=False)[:-1]
        lines = [json.dumps(c, allow_nan=False) for c in self.cases]
        with open(path, "w") as f:
            f.write(head + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n")
        print("%-16s %3d cases -> %s" % (self.name, len(self.cases), os.path.relpath(path)))
        return len(self.cases)


def t(values, dtype=F64):
    return torch.tensor(values, dtype=dtype)


def randn(gen, *shape, dtype=F64):
    return torch.randn(tuple(shape), generator=gen, dtype=F64).to(dtype)


# ---------------------------------------------------------------------------- variance


def variance():
    T = Topic("variance")
    g = torch.Generator().manual_seed(1)
    x = randn(g, 3, 4, 5)
    for fname in ("var", "std"):
        fn = getattr(torch, fname)
        for corr in (0, 1, 2):
            T.case("%s with correction %d over all elements" % (fname, corr), fname,
                   "torch.%s(x, dim=None, correction=%d)" % (fname, corr),
                   {"x": x}, {"dims": [], "correction": corr, "keepdim": False},
                   lambda x, fn=fn, corr=corr: fn(x, dim=None, correction=corr))
            T.case("%s with correction %d along dim 1" % (fname, corr), fname,
                   "torch.%s(x, dim=1, correction=%d)" % (fname, corr),
                   {"x": x}, {"dims": [1], "correction": corr, "keepdim": False},
                   lambda x, fn=fn, corr=corr: fn(x, dim=1, correction=corr))
        T.case("%s over dims 0 and 2 with keepdim keeps size-1 dims" % fname, fname,
               "torch.%s(x, dim=(0, 2), correction=1, keepdim=True)" % fname,
               {"x": x}, {"dims": [0, 2], "correction": 1, "keepdim": True},
               lambda x, fn=fn: fn(x, dim=(0, 2), correction=1, keepdim=True))
        T.case("%s over dims -1 and 0 without keepdim" % fname, fname,
               "torch.%s(x, dim=(-1, 0), correction=2, keepdim=False)" % fname,
               {"x": x}, {"dims": [-1, 0], "correction": 2, "keepdim": False},
               lambda x, fn=fn: fn(x, dim=(-1, 0), correction=2, keepdim=False))
    T.case("var over all dims with keepdim keeps every dim", "var",
           "torch.var(x, dim=None, correction=0, keepdim=True)", {"x": x}, {"dims": [], "correction": 0, "keepdim": True},
           lambda x: torch.var(x, dim=None, correction=0, keepdim=True))
    two = t([1.0, 2.0])
    T.case("var with correction 2 of two distinct values is inf", "var",
           "torch.var(x, dim=None, correction=2)", {"x": two}, {"dims": [], "correction": 2, "keepdim": False},
           lambda x: torch.var(x, dim=None, correction=2))
    T.case("var with correction 2 of two equal values is nan", "var",
           "torch.var(x, dim=None, correction=2)", {"x": t([3.0, 3.0])}, {"dims": [], "correction": 2, "keepdim": False},
           lambda x: torch.var(x, dim=None, correction=2))
    T.case("var with correction 1 of one element is nan", "var",
           "torch.var(x, dim=0, correction=1)", {"x": t([5.0])}, {"dims": [0], "correction": 1, "keepdim": False},
           lambda x: torch.var(x, dim=0, correction=1))
    T.case("std with correction 3 of three elements is inf", "std",
           "torch.std(x, dim=None, correction=3)", {"x": t([1.0, 2.0, 4.0])}, {"dims": [], "correction": 3, "keepdim": False},
           lambda x: torch.std(x, dim=None, correction=3))
    T.case("var along a dim of size 2 with correction 2 mixes inf and nan", "var",
           "torch.var(x, dim=1, correction=2, keepdim=True)", {"x": t([[1.0, 2.0], [4.0, 4.0]])},
           {"dims": [1], "correction": 2, "keepdim": True},
           lambda x: torch.var(x, dim=1, correction=2, keepdim=True))
    T.case("var of values with a large offset does not cancel", "var",
           "torch.var(x, dim=None, correction=1)", {"x": t([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])},
           {"dims": [], "correction": 1, "keepdim": False},
           lambda x: torch.var(x, dim=None, correction=1))
    T.case("var of float32 stays float32", "var",
           "torch.var(x, dim=1, correction=1)", {"x": randn(g, 4, 37, dtype=F32)},
           {"dims": [1], "correction": 1, "keepdim": False},
           lambda x: torch.var(x, dim=1, correction=1))
    T.case("var of a constant tensor is exactly zero", "var",
           "torch.var(x, dim=None, correction=1)", {"x": torch.full((7,), 0.1, dtype=F64)},
           {"dims": [], "correction": 1, "keepdim": False},
           lambda x: torch.var(x, dim=None, correction=1))
    T.case("var of int64 is refused", "var",
           "torch.var(x, dim=None, correction=1)", {"x": t([1, 2, 3], I64)},
           {"dims": [], "correction": 1, "keepdim": False},
           lambda x: torch.var(x, dim=None, correction=1), error=True)
    return T


# ---------------------------------------------------------------------------- activations


def activations():
    T = Topic("activations")
    grid = t([-1000.0, -800.0, -40.0, -20.0, -10.0, -5.0, -3.0, -1.0, -0.5, -1e-8, -0.0, 0.0, 1e-8,
              0.5, 1.0, 3.0, 5.0, 10.0, 20.0, 40.0, 800.0, 1000.0, INF, -INF, NAN])
    g = torch.Generator().manual_seed(2)
    f32 = (torch.linspace(-12.0, 12.0, 37, dtype=F64) + 0.01 * randn(g, 37)).to(F32)
    erf_tail = t([-8.0, -6.0, -4.0])
    specs = [
        ("gelu", {"approximate": "none"}, "F.gelu(x, approximate='none')", lambda x: F.gelu(x, approximate="none")),
        ("gelu", {"approximate": "tanh"}, "F.gelu(x, approximate='tanh')", lambda x: F.gelu(x, approximate="tanh")),
        ("silu", {}, "F.silu(x)", lambda x: F.silu(x)),
        ("softplus", {}, "F.softplus(x)", lambda x: F.softplus(x)),
        ("logSigmoid", {}, "F.logsigmoid(x)", lambda x: F.logsigmoid(x)),
        ("sigmoid", {}, "torch.sigmoid(x)", lambda x: torch.sigmoid(x)),
        ("erf", {}, "torch.erf(x)", lambda x: torch.erf(x)),
    ]
    for op, args, call, fn in specs:
        label = op + ("('%s')" % args["approximate"] if "approximate" in args else "")
        T.case("%s over a grid from -1000 to 1000 with infinities and nan" % label, op, call, {"x": grid}, args, fn)
        if op == "gelu":
            T.case("%s of float32 matches on an odd-length row" % label, op, call, {"x": f32}, args, fn,
                   atol=4 * EPS32 * f32.abs().max().item(),
                   note="1 + erf(x/sqrt 2) and 1 + tanh(...) cancel for negative x: an error of one float32 ulp "
                        "of 1 becomes an absolute error of about |x| 6e-8. Torch rounds every step to float32 "
                        "(its gelu(-3.34) is off by 1.2e-4 relative); Frontier's scalar path works in float64")
        else:
            T.case("%s of float32 matches on an odd-length row" % label, op, call, {"x": f32}, args, fn)
    T.case("gelu('none') far in the negative tail", "gelu", "F.gelu(x, approximate='none')",
           {"x": erf_tail}, {"approximate": "none"}, lambda x: F.gelu(x, approximate="none"),
           rtol=1e-10, note="Frontier's float64 erf (a series below 3) is off by up to ~10 ulp near |x| = 2.5 "
                            "where libm's, which torch uses, is within 1 ulp; 1 + erf(x/sqrt 2) cancels and turns "
                            "that into 5e-11 relative at x = -4")
    for beta, threshold in ((2.0, 20.0), (0.5, 1.0), (1.0, 5.0), (-1.0, 20.0)):
        T.case("softplus with beta %g and threshold %g" % (beta, threshold), "softplus",
               "F.softplus(x, beta=%r, threshold=%r)" % (beta, threshold), {"x": grid},
               {"beta": beta, "threshold": threshold},
               lambda x, b=beta, th=threshold: F.softplus(x, beta=b, threshold=th))
    T.case("softplus with beta 3 of float32", "softplus", "F.softplus(x, beta=3.0, threshold=20.0)",
           {"x": f32}, {"beta": 3.0, "threshold": 20.0}, lambda x: F.softplus(x, beta=3.0, threshold=20.0))
    T.case("sigmoid saturates to exactly 0 and 1 at large magnitude", "sigmoid", "torch.sigmoid(x)",
           {"x": t([-1000.0, -745.2, -709.0, 709.0, 745.2, 1000.0])}, {}, lambda x: torch.sigmoid(x))
    T.case("erf of int64 promotes to float32", "erf", "torch.erf(x)", {"x": t([-2, 0, 1, 3], I64)}, {}, lambda x: torch.erf(x))
    return T


# ---------------------------------------------------------------------------- softmax


def softmax():
    T = Topic("softmax")
    g = torch.Generator().manual_seed(3)
    x = t([[1.0, -INF, 3.0, 0.5],
           [-INF, -INF, -INF, -INF],
           [-1000.0, -1001.0, -1002.5, -999.0],
           [2.0, INF, 1.0, -INF],
           [1e-300, 0.0, -0.0, 1e300]])
    finite = randn(g, 4, 5) * 10
    specs = [("softmax", torch.softmax), ("logSoftmax", torch.log_softmax)]
    for op, fn in specs:
        for dim in (0, 1, -1):
            T.case("%s along dim %d with -inf entries, an all -inf row and +inf" % (op, dim), op,
                   "torch.%s(x, dim=%d)" % (fn.__name__, dim), {"x": x}, {"dim": dim},
                   lambda x, fn=fn, dim=dim: fn(x, dim=dim))
        T.case("%s of finite values along dim 0" % op, op, "torch.%s(x, dim=0)" % fn.__name__,
               {"x": finite}, {"dim": 0}, lambda x, fn=fn: fn(x, dim=0))
        rows = randn(g, 3, 37, dtype=F32) * 5
        T.case("%s of float32 along an odd-length last dim" % op, op, "torch.%s(x, dim=-1)" % fn.__name__,
               {"x": rows}, {"dim": -1}, lambda x, fn=fn: fn(x, dim=-1),
               atol=4 * EPS32 * rows.abs().max().item(),
               note="x - (max + log sum exp) cancels in float32: both libraries err by ulps of max |x|")
        T.case("%s of float32 with -inf entries along a strided dim" % op, op, "torch.%s(x, dim=0)" % fn.__name__,
               {"x": x.to(F32)}, {"dim": 0}, lambda x, fn=fn: fn(x, dim=0))
        T.case("%s of a 0-d tensor" % op, op, "torch.%s(x, dim=0)" % fn.__name__,
               {"x": t(-3.5)}, {"dim": 0}, lambda x, fn=fn: fn(x, dim=0))
    for dim in (0, 1, -1):
        T.case("logsumexp along dim %d with -inf entries, an all -inf row and +inf" % dim, "logsumexp",
               "torch.logsumexp(x, dim=%d)" % dim, {"x": x}, {"dims": [dim], "keepdim": False},
               lambda x, dim=dim: torch.logsumexp(x, dim=dim))
    T.case("logsumexp over both dims with keepdim", "logsumexp", "torch.logsumexp(x, dim=(0, 1), keepdim=True)",
           {"x": finite}, {"dims": [0, 1], "keepdim": True}, lambda x: torch.logsumexp(x, dim=(0, 1), keepdim=True))
    T.case("logsumexp of a row holding nan is nan", "logsumexp", "torch.logsumexp(x, dim=1)",
           {"x": t([[1.0, NAN, 2.0], [NAN, -INF, INF], [0.0, 1.0, 2.0]])}, {"dims": [1], "keepdim": False},
           lambda x: torch.logsumexp(x, dim=1))
    T.case("logsumexp of very large values does not overflow", "logsumexp", "torch.logsumexp(x, dim=0)",
           {"x": t([1e308, 1e308, -1e308])}, {"dims": [0], "keepdim": False}, lambda x: torch.logsumexp(x, dim=0))
    T.case("logsumexp of float32 along an odd-length last dim", "logsumexp", "torch.logsumexp(x, dim=-1)",
           {"x": randn(g, 3, 37, dtype=F32) * 5}, {"dims": [-1], "keepdim": False},
           lambda x: torch.logsumexp(x, dim=-1))
    T.case("logsumexp of int64 promotes to float32", "logsumexp", "torch.logsumexp(x, dim=0)",
           {"x": t([1, 2, 3], I64)}, {"dims": [0], "keepdim": False}, lambda x: torch.logsumexp(x, dim=0))
    return T


# ---------------------------------------------------------------------------- sorting


def sorting():
    T = Topic("sorting")
    g = torch.Generator().manual_seed(4)
    ties = torch.randint(0, 4, (41,), generator=g).to(F64)
    zeros = t([0.0, -0.0, 1.0, NAN, -1.0, 0.0, NAN, -0.0, -INF, INF, 0.0])
    mat = torch.randint(0, 3, (6, 5), generator=g).to(F64)
    for desc in (False, True):
        word = "descending" if desc else "ascending"
        T.case("sort %s keeps tied elements in input order" % word, "sort",
               "torch.sort(x, dim=0, descending=%s, stable=True)" % desc, {"x": ties},
               {"dim": 0, "descending": desc}, lambda x, d=desc: torch.sort(x, dim=0, descending=d, stable=True))
        T.case("sort %s places nan %s and keeps -0.0 and 0.0 in input order" % (word, "first" if desc else "last"),
               "sort", "torch.sort(x, dim=0, descending=%s, stable=True)" % desc, {"x": zeros},
               {"dim": 0, "descending": desc}, lambda x, d=desc: torch.sort(x, dim=0, descending=d, stable=True),
               zero_sign=True)
        T.case("sort %s along dim 0 of a matrix with ties" % word, "sort",
               "torch.sort(x, dim=0, descending=%s, stable=True)" % desc, {"x": mat},
               {"dim": 0, "descending": desc}, lambda x, d=desc: torch.sort(x, dim=0, descending=d, stable=True))
        T.case("argsort %s along the last dim of a matrix with ties" % word, "argsort",
               "torch.argsort(x, dim=-1, descending=%s, stable=True)" % desc, {"x": mat},
               {"dim": -1, "descending": desc}, lambda x, d=desc: torch.sort(x, dim=-1, descending=d, stable=True).indices)
        T.case("sort %s of int64 with ties" % word, "sort",
               "torch.sort(x, dim=0, descending=%s, stable=True)" % desc,
               {"x": t([3, -1, 3, 0, -1, 7, 0, 3], I64)}, {"dim": 0, "descending": desc},
               lambda x, d=desc: torch.sort(x, dim=0, descending=d, stable=True))
        T.case("sort %s of bool" % word, "sort", "torch.sort(x, dim=0, descending=%s, stable=True)" % desc,
               {"x": t([True, False, True, False, False], BOOL)}, {"dim": 0, "descending": desc},
               lambda x, d=desc: torch.sort(x, dim=0, descending=d, stable=True))
    T.case("sort of float32 with nan and many ties", "sort", "torch.sort(x, dim=0, stable=True)",
           {"x": t([2.5, NAN, 1.0, 2.5, -0.0, 1.0, 0.0, NAN, 2.5] * 4, F32)}, {"dim": 0, "descending": False},
           lambda x: torch.sort(x, dim=0, stable=True), zero_sign=True)
    distinct = randn(g, 3, 9)
    for largest in (True, False):
        T.case("topk %s of distinct values gives sorted values and their indices" % ("largest" if largest else "smallest"),
               "topk", "torch.topk(x, 4, dim=1, largest=%s)" % largest, {"x": distinct},
               {"k": 4, "dim": 1, "largest": largest}, lambda x, l=largest: torch.topk(x, 4, dim=1, largest=l))
        T.case("topk %s values with ties and nan" % ("largest" if largest else "smallest"), "topk.values",
               "torch.topk(x, 5, dim=0, largest=%s).values" % largest,
               {"x": t([1.0, 3.0, 3.0, NAN, 2.0, 3.0, -INF, 1.0])}, {"k": 5, "dim": 0, "largest": largest},
               lambda x, l=largest: torch.topk(x, 5, dim=0, largest=l).values)
    T.case("topk along dim 0 of a matrix (values)", "topk.values", "torch.topk(x, 2, dim=0).values",
           {"x": mat}, {"k": 2, "dim": 0, "largest": True}, lambda x: torch.topk(x, 2, dim=0).values)
    T.case("topk with k 0 gives empty values and indices", "topk", "torch.topk(x, 0, dim=0)",
           {"x": t([1.0, 2.0, 3.0])}, {"k": 0, "dim": 0, "largest": True}, lambda x: torch.topk(x, 0, dim=0))
    T.case("topk with k larger than the dim is refused", "topk", "torch.topk(x, 4, dim=0)",
           {"x": t([1.0, 2.0, 3.0])}, {"k": 4, "dim": 0, "largest": True}, lambda x: torch.topk(x, 4, dim=0), error=True)
    return T


# ---------------------------------------------------------------------------- arg reductions


def argreductions():
    T = Topic("argreductions")
    ties = t([[3.0, 1.0, 3.0, 1.0],
              [2.0, 2.0, 2.0, 2.0],
              [-0.0, 0.0, -1.0, -1.0]])
    nans = t([[1.0, NAN, 3.0, NAN],
              [NAN, 5.0, -INF, INF],
              [INF, 2.0, INF, -INF]])
    for name, x in (("ties", ties), ("nan", nans)):
        for dim in (0, 1):
            for fname, op in (("max", "max.dim"), ("min", "min.dim")):
                T.case("%s along dim %d with %s returns the first occurrence" % (fname, dim, name), op,
                       "torch.%s(x, dim=%d)" % (fname, dim), {"x": x}, {"dim": dim, "keepdim": False},
                       lambda x, f=getattr(torch, fname), d=dim: f(x, dim=d), zero_sign=True)
            for fname in ("argmax", "argmin"):
                T.case("%s along dim %d with %s" % (fname, dim, name), fname, "torch.%s(x, dim=%d, keepdim=True)" % (fname, dim),
                       {"x": x}, {"dim": dim, "keepdim": True}, lambda x, f=getattr(torch, fname), d=dim: f(x, dim=d, keepdim=True))
        for fname in ("argmax", "argmin"):
            T.case("%s over all elements with %s" % (fname, name), fname, "torch.%s(x)" % fname, {"x": x},
                   {"dim": None, "keepdim": False}, lambda x, f=getattr(torch, fname): f(x))
        for fname in ("max", "min"):
            T.case("%s over all elements with %s" % (fname, name), fname, "torch.%s(x)" % fname, {"x": x}, {},
                   lambda x, f=getattr(torch, fname): f(x))
    odd = torch.arange(37, dtype=F32)
    odd[20] = NAN
    for fname, op in (("max", "max"), ("min", "min")):
        T.case("%s of float32 propagates a nan in the middle of an odd-length vector" % fname, op, "torch.%s(x)" % fname,
               {"x": odd}, {}, lambda x, f=getattr(torch, fname): f(x))
        T.case("%s along dim 0 of float32 finds a nan past the first element" % fname, op + ".dim",
               "torch.%s(x, dim=0)" % fname, {"x": odd}, {"dim": 0, "keepdim": False},
               lambda x, f=getattr(torch, fname): f(x, dim=0))
    ints = t([[4, 9, 9, -2], [-2, -2, 7, 4]], I64)
    for fname, op in (("max", "max.dim"), ("min", "min.dim")):
        T.case("%s of int64 along dim 1 with ties" % fname, op, "torch.%s(x, dim=1, keepdim=True)" % fname,
               {"x": ints}, {"dim": 1, "keepdim": True}, lambda x, f=getattr(torch, fname): f(x, dim=1, keepdim=True))
    T.case("max of bool along dim 1", "max.dim", "torch.max(x, dim=1)",
           {"x": t([[False, True, True], [False, False, False]], BOOL)}, {"dim": 1, "keepdim": False},
           lambda x: torch.max(x, dim=1))
    T.case("max along dim 0 of a 0-d tensor is the tensor with index 0", "max.dim", "torch.max(x, dim=0)",
           {"x": t(3.5)}, {"dim": 0, "keepdim": False}, lambda x: torch.max(x, dim=0))
    T.case("max along an empty dim is refused", "max.dim", "torch.max(x, dim=1)", {"x": torch.zeros(2, 0, dtype=F64)},
           {"dim": 1, "keepdim": False}, lambda x: torch.max(x, dim=1), error=True)
    return T


# ---------------------------------------------------------------------------- matmul


def matmul():
    T = Topic("matmul")
    g = torch.Generator().manual_seed(5)
    shapes = [
        ("a 1-D by 1-D product is a 0-d dot product", (5,), (5,)),
        ("a 1-D by 2-D product drops the prepended dim", (4,), (4, 3)),
        ("a 2-D by 1-D product is a matrix-vector product", (3, 4), (4,)),
        ("a 2-D by 2-D product", (3, 4), (4, 2)),
        ("a batched matrix times a matrix broadcasts the matrix", (2, 3, 4), (4, 5)),
        ("a vector times a batch of matrices", (4,), (2, 4, 3)),
        ("a batch of matrices times a vector", (2, 3, 4), (4,)),
        ("batch dims (2, 1) and (3,) broadcast to (2, 3)", (2, 1, 3, 4), (3, 4, 2)),
        ("batch dims of equal size multiply pairwise", (3, 2, 4), (3, 4, 5)),
        ("a matrix times a batch of matrices", (3, 4), (2, 4, 2)),
        ("an inner dim of size 0 gives zeros", (2, 0), (0, 3)),
    ]
    for name, sa, sb in shapes:
        a = randn(g, *sa)
        b = randn(g, *sb)
        T.case(name, "matmul", "torch.matmul(a, b)", {"a": a, "b": b}, {}, lambda a, b: torch.matmul(a, b),
               atol=1e-13, note="summation order differs from torch's BLAS; values are O(1)")
    T.case("float32 matmul of odd sizes", "matmul", "torch.matmul(a, b)",
           {"a": randn(g, 2, 7, 33, dtype=F32), "b": randn(g, 33, 9, dtype=F32)}, {}, lambda a, b: torch.matmul(a, b),
           atol=1e-5, note="float32 sums of 33 products of O(1) values; summation order differs")
    errors = [
        ("2-D operands whose inner dims differ are refused", (3, 4), (5, 2)),
        ("a 1-D by 1-D product of different lengths is refused", (3,), (4,)),
        ("a batch of matrices times a vector of the wrong length is refused", (2, 3, 4), (5,)),
        ("batch dims that do not broadcast are refused", (2, 3, 4), (3, 4, 5)),
        ("a 0-d operand is refused", (), (3,)),
    ]
    T.case("int64 matmul is refused by Frontier though torch computes it", "matmul", "torch.matmul(a, b)",
           {"a": t([[1, 2], [3, 4]], I64), "b": t([[5], [-6]], I64)}, {}, lambda a, b: torch.matmul(a, b),
           frontier_refuses=True, note="documented difference: Frontier's matrix products take floating point "
                                       "operands only (Tensor.matmul Javadoc); torch also multiplies integers")
    T.case("float64 times float32 is refused", "matmul", "torch.matmul(a, b)",
           {"a": randn(g, 2, 3), "b": randn(g, 3, 2, dtype=F32)}, {}, lambda a, b: torch.matmul(a, b), error=True)
    for name, sa, sb in errors:
        T.case(name, "matmul", "torch.matmul(a, b)", {"a": randn(g, *sa), "b": randn(g, *sb)}, {}, lambda a, b: torch.matmul(a, b),
               error=True)
    return T


# ---------------------------------------------------------------------------- indexing


def indexing():
    T = Topic("indexing")
    g = torch.Generator().manual_seed(6)
    x = randn(g, 3, 4)
    T.case("gather along dim 0", "gather", "torch.gather(x, 0, index)",
           {"x": x, "index": t([[2, 0, 1, 2], [0, 0, 2, 1]], I64)}, {"dim": 0}, lambda x, index: torch.gather(x, 0, index))
    T.case("gather along dim 1 with an index smaller than the input", "gather", "torch.gather(x, 1, index)",
           {"x": x, "index": t([[3, 3], [0, 1]], I64)}, {"dim": 1}, lambda x, index: torch.gather(x, 1, index))
    T.case("gather along dim -1 of int64", "gather", "torch.gather(x, -1, index)",
           {"x": t([[10, 20, 30], [40, 50, 60]], I64), "index": t([[2, 2, 0, 1], [1, 0, 0, 0]], I64)}, {"dim": -1},
           lambda x, index: torch.gather(x, -1, index))
    T.case("gather with an index out of range is refused", "gather", "torch.gather(x, 0, index)",
           {"x": x, "index": t([[3, 0]], I64)}, {"dim": 0}, lambda x, index: torch.gather(x, 0, index), error=True)
    base = torch.zeros(3, 5, dtype=F64)
    T.case("scatter along dim 0 with distinct targets", "scatter", "x.scatter(0, index, src)",
           {"x": base, "index": t([[0, 1, 2, 0, 0], [2, 0, 0, 1, 2]], I64), "src": randn(g, 2, 5)}, {"dim": 0},
           lambda x, index, src: x.scatter(0, index, src))
    T.case("scatter along dim 1 uses only the leading block of a larger src", "scatter", "x.scatter(1, index, src)",
           {"x": base, "index": t([[4, 0], [1, 3]], I64), "src": randn(g, 3, 4)}, {"dim": 1},
           lambda x, index, src: x.scatter(1, index, src))
    T.case("scatter of a value along dim 1", "scatter.value", "x.scatter(1, index, -2.5)",
           {"x": x, "index": t([[0, 3], [1, 2], [2, 2]], I64)}, {"dim": 1, "value": -2.5},
           lambda x, index: x.scatter(1, index, -2.5))
    T.case("scatterAdd along dim 0 sums repeated indices", "scatterAdd", "x.scatter_add(0, index, src)",
           {"x": torch.ones(3, 4, dtype=F64), "index": t([[0, 1, 2, 0], [0, 1, 0, 0], [0, 2, 2, 0]], I64),
            "src": randn(g, 3, 4)}, {"dim": 0}, lambda x, index, src: x.scatter_add(0, index, src))
    T.case("scatterAdd along dim 1 sums repeated indices of int64", "scatterAdd", "x.scatter_add(1, index, src)",
           {"x": torch.zeros(2, 3, dtype=I64), "index": t([[0, 0, 0, 2], [1, 2, 1, 1]], I64),
            "src": t([[1, 2, 3, 4], [10, 20, 30, 40]], I64)}, {"dim": 1},
           lambda x, index, src: x.scatter_add(1, index, src))
    T.case("scatterAdd with mismatched dtypes is refused", "scatterAdd", "x.scatter_add(0, index, src)",
           {"x": torch.zeros(2, dtype=F64), "index": t([0, 1], I64), "src": t([1.0, 2.0], F32)}, {"dim": 0},
           lambda x, index, src: x.scatter_add(0, index, src), error=True)
    T.case("indexSelect along dim 0 with repeated indices", "indexSelect", "torch.index_select(x, 0, index)",
           {"x": x, "index": t([2, 0, 2, 2], I64)}, {"dim": 0}, lambda x, index: torch.index_select(x, 0, index))
    T.case("indexSelect along dim 1", "indexSelect", "torch.index_select(x, 1, index)",
           {"x": x, "index": t([3, 1], I64)}, {"dim": 1}, lambda x, index: torch.index_select(x, 1, index))
    T.case("indexSelect with a negative index is refused", "indexSelect", "torch.index_select(x, 0, index)",
           {"x": x, "index": t([-1], I64)}, {"dim": 0}, lambda x, index: torch.index_select(x, 0, index), error=True)
    T.case("indexAdd along dim 0 accumulates repeated indices", "indexAdd", "x.index_add(0, index, src)",
           {"x": x, "index": t([1, 1, 0, 1], I64), "src": randn(g, 4, 4)}, {"dim": 0},
           lambda x, index, src: x.index_add(0, index, src))
    T.case("indexAdd along dim 1 of int64", "indexAdd", "x.index_add(1, index, src)",
           {"x": torch.ones(2, 3, dtype=I64), "index": t([2, 0, 2], I64), "src": t([[1, 2, 3], [4, 5, 6]], I64)},
           {"dim": 1}, lambda x, index, src: x.index_add(1, index, src))
    T.case("takeAlongDim with argsort indices sorts each row", "takeAlongDim", "torch.take_along_dim(x, indices, 1)",
           {"x": x, "indices": torch.argsort(x, dim=1)}, {"dim": 1}, lambda x, indices: torch.take_along_dim(x, indices, 1))
    T.case("takeAlongDim broadcasts a single index row over the other dim", "takeAlongDim",
           "torch.take_along_dim(x, indices, 1)", {"x": x, "indices": t([[3, 0]], I64)}, {"dim": 1},
           lambda x, indices: torch.take_along_dim(x, indices, 1))
    T.case("takeAlongDim broadcasts the input over the index's other dim", "takeAlongDim",
           "torch.take_along_dim(x, indices, 1)", {"x": t([[1.5, 2.5, 3.5, 4.5]]), "indices": t([[0, 3], [2, 2], [1, 0]], I64)},
           {"dim": 1}, lambda x, indices: torch.take_along_dim(x, indices, 1))
    T.case("takeAlongDim along dim 0", "takeAlongDim", "torch.take_along_dim(x, indices, 0)",
           {"x": x, "indices": t([[2, 1, 0, 0]], I64)}, {"dim": 0}, lambda x, indices: torch.take_along_dim(x, indices, 0))
    T.case("oneHot of a vector", "oneHot", "F.one_hot(x, 4)", {"x": t([0, 2, 1, 3, 2], I64)}, {"numClasses": 4},
           lambda x: F.one_hot(x, 4))
    T.case("oneHot of a matrix adds a last dim", "oneHot", "F.one_hot(x, 3)", {"x": t([[0, 2], [1, 1]], I64)},
           {"numClasses": 3}, lambda x: F.one_hot(x, 3))
    T.case("oneHot with -1 infers the class count from the largest value", "oneHot", "F.one_hot(x, -1)",
           {"x": t([0, 2, 1], I64)}, {"numClasses": -1}, lambda x: F.one_hot(x, -1))
    T.case("oneHot with a class value not below numClasses is refused", "oneHot", "F.one_hot(x, 3)",
           {"x": t([0, 3], I64)}, {"numClasses": 3}, lambda x: F.one_hot(x, 3), error=True)
    weight = randn(g, 5, 3)
    T.case("embedding of a matrix of indices", "embedding", "F.embedding(indices, weight)",
           {"weight": weight, "indices": t([[4, 0, 4], [1, 2, 3]], I64)}, {},
           lambda weight, indices: F.embedding(indices, weight))
    T.case("embedding of a 0-d index", "embedding", "F.embedding(indices, weight)",
           {"weight": weight, "indices": t(2, I64)}, {}, lambda weight, indices: F.embedding(indices, weight))
    T.case("embedding with an index out of range is refused", "embedding", "F.embedding(indices, weight)",
           {"weight": weight, "indices": t([5], I64)}, {}, lambda weight, indices: F.embedding(indices, weight), error=True)
    return T


# ---------------------------------------------------------------------------- division and powers


def division():
    T = Topic("division")
    ia = t([7, -7, 7, -7, 0, 6, -6, 1, -1], I64)
    ib = t([2, 2, -2, -2, 3, -3, 3, 5, 5], I64)
    fa = t([7.5, -7.5, 7.5, -7.5, 0.0, -0.0, 6.0, -6.0, 1.0, -1.0, 5.3, -5.3])
    fb = t([2.0, 2.0, -2.0, -2.0, 3.0, -3.0, -3.0, 3.0, 5.0, 5.0, 0.1, 0.1])
    T.case("int64 divided by int64 is true division in float32", "div", "torch.div(a, b)",
           {"a": ia, "b": ib}, {"roundingMode": None}, lambda a, b: torch.div(a, b))
    T.case("int64 true division by zero gives signed infinities and nan", "div", "torch.div(a, b)",
           {"a": t([1, -1, 0], I64), "b": t([0, 0, 0], I64)}, {"roundingMode": None}, lambda a, b: torch.div(a, b))
    T.case("int64 divided by a Java double is float32", "div.scalar", "torch.div(a, 2.0)",
           {"a": ia}, {"other": 2.0}, lambda a: torch.div(a, 2.0))
    for mode in ("trunc", "floor"):
        T.case("int64 div with rounding mode %s and negative operands keeps int64" % mode, "div",
               "torch.div(a, b, rounding_mode='%s')" % mode, {"a": ia, "b": ib}, {"roundingMode": mode},
               lambda a, b, m=mode: torch.div(a, b, rounding_mode=m))
        T.case("float64 div with rounding mode %s and negative operands" % mode, "div",
               "torch.div(a, b, rounding_mode='%s')" % mode, {"a": fa, "b": fb}, {"roundingMode": mode},
               lambda a, b, m=mode: torch.div(a, b, rounding_mode=m), zero_sign=True)
        T.case("float64 div with rounding mode %s by zero gives infinities and nan" % mode, "div",
               "torch.div(a, b, rounding_mode='%s')" % mode, {"a": t([1.0, -1.0, 0.0]), "b": t([0.0, 0.0, 0.0])},
               {"roundingMode": mode}, lambda a, b, m=mode: torch.div(a, b, rounding_mode=m))
        T.case("int64 div with rounding mode %s by zero is refused" % mode, "div",
               "torch.div(a, b, rounding_mode='%s')" % mode, {"a": t([5, -5], I64), "b": t([1, 0], I64)},
               {"roundingMode": mode}, lambda a, b, m=mode: torch.div(a, b, rounding_mode=m), error=True)
        T.case("int64 div with rounding mode %s by a float tensor promotes to float32" % mode, "div",
               "torch.div(a, b, rounding_mode='%s')" % mode, {"a": ia, "b": t([2.5] * 9, F32)},
               {"roundingMode": mode}, lambda a, b, m=mode: torch.div(a, b, rounding_mode=m), zero_sign=True)
    T.case("floorDivide of int64 rounds toward negative infinity", "floorDivide", "torch.floor_divide(a, b)",
           {"a": ia, "b": ib}, {}, lambda a, b: torch.floor_divide(a, b))
    T.case("floorDivide of float64 rounds toward negative infinity", "floorDivide", "torch.floor_divide(a, b)",
           {"a": fa, "b": fb}, {}, lambda a, b: torch.floor_divide(a, b), zero_sign=True)
    T.case("floorDivide of int64 by a Java long", "floorDivide.scalar", "torch.floor_divide(a, -3)",
           {"a": ia}, {"other": -3}, lambda a: torch.floor_divide(a, -3))
    T.case("remainder of int64 takes the sign of the divisor", "remainder", "torch.remainder(a, b)",
           {"a": ia, "b": ib}, {}, lambda a, b: torch.remainder(a, b))
    T.case("remainder of float64 takes the sign of the divisor", "remainder", "torch.remainder(a, b)",
           {"a": fa, "b": fb}, {}, lambda a, b: torch.remainder(a, b), zero_sign=True)
    T.case("remainder of float64 by zero is nan", "remainder", "torch.remainder(a, b)",
           {"a": t([1.0, -1.0, 0.0, INF]), "b": t([0.0, -0.0, 0.0, 2.0])}, {}, lambda a, b: torch.remainder(a, b))
    T.case("remainder of float64 by an infinite divisor", "remainder", "torch.remainder(a, b)",
           {"a": t([1.0, -1.0, 1.0, -1.0]), "b": t([INF, INF, -INF, -INF])}, {}, lambda a, b: torch.remainder(a, b))
    T.case("remainder of int64 by zero is refused", "remainder", "torch.remainder(a, b)",
           {"a": t([1, 2], I64), "b": t([1, 0], I64)}, {}, lambda a, b: torch.remainder(a, b), error=True)
    T.case("remainder of int64 by a negative Java long", "remainder.scalar", "torch.remainder(a, -4)",
           {"a": ia}, {"other": -4}, lambda a: torch.remainder(a, -4))
    T.case("remainder of int64 by a Java double is float32", "remainder.scalar", "torch.remainder(a, 2.5)",
           {"a": ia}, {"other": 2.5}, lambda a: torch.remainder(a, 2.5))
    T.case("remainder of float32 by a negative Java double", "remainder.scalar", "torch.remainder(a, -1.5)",
           {"a": fa.to(F32)}, {"other": -1.5}, lambda a: torch.remainder(a, -1.5), zero_sign=True)
    # powers
    T.case("int64 to int64 powers stay int64", "pow", "torch.pow(a, b)",
           {"a": t([2, 3, -2, 0, 0, -3, 5], I64), "b": t([3, 2, 3, 0, 4, 3, 1], I64)}, {}, lambda a, b: torch.pow(a, b))
    T.case("int64 to negative int64 tensor powers round toward zero", "pow", "torch.pow(a, b)",
           {"a": t([2, 3, 1, -1, -1, 0, -2], I64), "b": t([-1, -2, -3, -3, -2, -1, -1], I64)}, {}, lambda a, b: torch.pow(a, b))
    T.case("int64 to a negative 0-d int64 tensor power rounds toward zero", "pow", "torch.pow(a, b)",
           {"a": t([2, 1, -1], I64), "b": t(-1, I64)}, {}, lambda a, b: torch.pow(a, b))
    T.case("int64 powers wrap around on overflow", "pow", "torch.pow(a, b)",
           {"a": t([3, 2, -3], I64), "b": t([41, 63, 41], I64)}, {}, lambda a, b: torch.pow(a, b))
    T.case("int64 to a Java long power stays int64", "pow.long", "torch.pow(a, 3)",
           {"a": t([2, -3, 0, 1], I64)}, {"exponent": 3}, lambda a: torch.pow(a, 3))
    T.case("int64 to a negative Java long power is refused", "pow.long", "torch.pow(a, -1)",
           {"a": t([2, 3], I64)}, {"exponent": -1}, lambda a: torch.pow(a, -1), error=True)
    T.case("int64 to a Java double power is float32", "pow.double", "torch.pow(a, 2.0)",
           {"a": t([2, -3, 0], I64)}, {"exponent": 2.0}, lambda a: torch.pow(a, 2.0))
    T.case("int64 to a negative Java double power is float32", "pow.double", "torch.pow(a, -0.5)",
           {"a": t([4, 1, 9], I64)}, {"exponent": -0.5}, lambda a: torch.pow(a, -0.5))
    T.case("float64 powers with negative bases and fractional exponents", "pow", "torch.pow(a, b)",
           {"a": t([-2.0, -8.0, 0.0, 0.0, -0.0, 2.0, NAN, 1.0]), "b": t([3.0, 1.0 / 3.0, -1.0, 0.0, -1.0, 0.5, 0.0, NAN])},
           {}, lambda a, b: torch.pow(a, b), zero_sign=True)
    T.case("float64 one to any power and minus one to an infinite power are one", "pow", "torch.pow(a, b)",
           {"a": t([1.0, 1.0, 1.0, -1.0, -1.0, NAN, -1.0]), "b": t([INF, -INF, NAN, INF, -INF, -0.0, 0.5])},
           {}, lambda a, b: torch.pow(a, b))
    T.case("bool to a Java long power is int64", "pow.long", "torch.pow(a, 2)",
           {"a": t([True, False], BOOL)}, {"exponent": 2}, lambda a: torch.pow(a, 2))
    T.case("bool to a negative Java long power is refused", "pow.long", "torch.pow(a, -1)",
           {"a": t([True, False], BOOL)}, {"exponent": -1}, lambda a: torch.pow(a, -1), error=True)
    T.case("float32 to a Java long power", "pow.long", "torch.pow(a, 3)",
           {"a": t([1.5, -2.0, 0.1], F32)}, {"exponent": 3}, lambda a: torch.pow(a, 3))
    return T


# ---------------------------------------------------------------------------- type promotion


def promotion():
    T = Topic("promotion")
    i = t([1, -2, 3], I64)
    f32 = t([0.5, -1.25, 3.0], F32)
    f64 = t([0.1, 0.2, 0.3])
    b = t([True, False, True], BOOL)
    b2 = t([True, True, False], BOOL)
    cases = [
        ("int64 tensor plus a Java double is float32", "add.scalar", "x + 2.5", {"x": i}, {"other": 2.5}, lambda x: x + 2.5),
        ("int64 tensor plus a Java long stays int64", "add.scalar", "x + 2", {"x": i}, {"other": 2}, lambda x: x + 2),
        ("float32 tensor plus a Java double stays float32", "add.scalar", "x + 0.1", {"x": f32}, {"other": 0.1}, lambda x: x + 0.1),
        ("bool tensor plus a Java long is int64", "add.scalar", "x + 2", {"x": b}, {"other": 2}, lambda x: x + 2),
        ("bool tensor times a Java double is float32", "mul.scalar", "x * 2.5", {"x": b}, {"other": 2.5}, lambda x: x * 2.5),
        ("float32 tensor plus a float64 0-d tensor stays float32", "add", "x + y",
         {"x": f32, "y": t(0.1)}, {}, lambda x, y: x + y),
        ("int64 0-d tensor plus a float32 tensor is float32", "add", "x + y",
         {"x": t(3, I64), "y": f32}, {}, lambda x, y: x + y),
        ("int64 tensor plus a float64 0-d tensor is float64", "add", "x + y",
         {"x": i, "y": t(0.1)}, {}, lambda x, y: x + y),
        ("float32 tensor plus a float64 tensor is float64", "add", "x + y", {"x": f32, "y": f64}, {}, lambda x, y: x + y),
        ("int64 tensor plus a bool tensor is int64", "add", "x + y", {"x": i, "y": b}, {}, lambda x, y: x + y),
        ("bool plus bool is a logical or and stays bool", "add", "x + y", {"x": b, "y": b2}, {}, lambda x, y: x + y),
        ("bool times bool is a logical and and stays bool", "mul", "x * y", {"x": b, "y": b2}, {}, lambda x, y: x * y),
        ("bool minus bool is refused", "sub", "x - y", {"x": b, "y": b2}, {}, lambda x, y: x - y),
        ("float32 0-d plus float64 0-d is float64", "add", "x + y", {"x": t(1.5, F32), "y": t(0.1)}, {}, lambda x, y: x + y),
        ("float32 tensor minus an int64 tensor is float32", "sub", "x - y", {"x": f32, "y": i}, {}, lambda x, y: x - y),
        ("int64 0-d times an int64 tensor is int64", "mul", "x * y", {"x": t(-4, I64), "y": i}, {}, lambda x, y: x * y),
        ("int64 tensor compared with a Java double gives bool", "lt.scalar", "x < 2.5", {"x": i}, {"other": 2.5}, lambda x: x < 2.5),
        ("int64 tensor equals a Java double after rounding both to float32", "eq.scalar", "x == 3.0000001",
         {"x": t([3, 4], I64)}, {"other": 3.0000001}, lambda x: x == 3.0000001),
        ("float32 tensor compared with a float64 tensor compares in float64", "eq", "x == y",
         {"x": t([0.1, 0.5], F32), "y": t([0.1, 0.5])}, {}, lambda x, y: x == y),
        ("float32 tensor compared with a float64 0-d tensor compares in float32", "eq", "x == y",
         {"x": t([0.1, 0.5], F32), "y": t(0.1)}, {}, lambda x, y: x == y),
        ("comparisons with nan are false except ne", "ne", "x != y",
         {"x": t([NAN, 1.0, NAN]), "y": t([NAN, NAN, 1.0])}, {}, lambda x, y: x != y),
        ("ge of int64 and float32 gives bool", "ge", "x >= y", {"x": i, "y": f32}, {}, lambda x, y: x >= y),
        ("gt of bool and int64 gives bool", "gt", "x > y", {"x": b, "y": t([0, 0, 2], I64)}, {}, lambda x, y: x > y),
        ("where with int64 and float32 branches is float32", "where", "torch.where(c, x, y)",
         {"c": b, "x": i, "y": f32}, {}, lambda c, x, y: torch.where(c, x, y)),
        ("where with a float32 tensor and a float64 0-d branch is float32", "where", "torch.where(c, x, y)",
         {"c": b, "x": f32, "y": t(0.1)}, {}, lambda c, x, y: torch.where(c, x, y)),
        ("where with an int64 tensor and a float64 0-d branch is float64", "where", "torch.where(c, x, y)",
         {"c": b, "x": i, "y": t(0.1)}, {}, lambda c, x, y: torch.where(c, x, y)),
        ("where with bool and int64 branches is int64", "where", "torch.where(c, x, y)",
         {"c": b, "x": b2, "y": i}, {}, lambda c, x, y: torch.where(c, x, y)),
        ("where broadcasts condition and branches", "where", "torch.where(c, x, y)",
         {"c": t([[True], [False]], BOOL), "x": f64, "y": t([[1.0], [2.0]], F32)}, {}, lambda c, x, y: torch.where(c, x, y)),
        ("where with a non-bool condition is refused", "where", "torch.where(c, x, y)",
         {"c": t([1, 0, 1], I64), "x": f64, "y": f64}, {}, lambda c, x, y: torch.where(c, x, y)),
        ("exp of int64 is float32", "exp", "torch.exp(x)", {"x": i}, {}, lambda x: torch.exp(x)),
        ("sum of bool is int64", "sum", "torch.sum(x)", {"x": b}, {}, lambda x: torch.sum(x)),
        ("neg of bool is refused", "neg", "torch.neg(x)", {"x": b}, {}, lambda x: torch.neg(x)),
        ("abs of int64 stays int64", "abs", "torch.abs(x)", {"x": i}, {}, lambda x: torch.abs(x)),
    ]
    cases += [
        ("in-place add of a Java double to an int64 tensor is refused", "add_.scalar", "x.add_(2.5)", {"x": i},
         {"other": 2.5}, lambda x: x.clone().add_(2.5)),
        ("in-place add of an int64 tensor to a float32 tensor stays float32", "add_", "x.add_(y)", {"x": f32, "y": i}, {},
         lambda x, y: x.clone().add_(y)),
        ("in-place add of an int64 tensor to a bool tensor is refused", "add_", "x.add_(y)", {"x": b, "y": i}, {},
         lambda x, y: x.clone().add_(y)),
        ("in-place add of a float64 0-d tensor to an int64 tensor is refused", "add_", "x.add_(y)",
         {"x": i, "y": t(0.5)}, {}, lambda x, y: x.clone().add_(y)),
        ("float32 tensor plus a Java long stays float32", "add.scalar", "x + 3", {"x": f32}, {"other": 3}, lambda x: x + 3),
    ]
    for name, op, call, inputs, args, fn in cases:
        err = name.endswith("is refused")
        T.case(name, op, call, inputs, args, fn, error=err)
    return T


# ---------------------------------------------------------------------------- reductions and scans


def reductions():
    T = Topic("reductions")
    g = torch.Generator().manual_seed(7)
    x = randn(g, 3, 4, 5)
    ints = t([[3, -1, 4], [1, -5, 9], [2, 6, -5]], I64)
    bools = t([[True, False, True], [True, True, False]], BOOL)
    for op, fn in (("cumsum", torch.cumsum), ("cumprod", torch.cumprod)):
        for dim in (0, 1, -1):
            T.case("%s of float64 along dim %d" % (op, dim), op, "torch.%s(x, dim=%d)" % (op, dim), {"x": x}, {"dim": dim},
                   lambda x, fn=fn, d=dim: fn(x, dim=d))
        T.case("%s of int64 stays int64" % op, op, "torch.%s(x, dim=1)" % op, {"x": ints}, {"dim": 1},
               lambda x, fn=fn: fn(x, dim=1))
        T.case("%s of bool is int64" % op, op, "torch.%s(x, dim=1)" % op, {"x": bools}, {"dim": 1},
               lambda x, fn=fn: fn(x, dim=1))
        T.case("%s of float32 along an odd-length dim" % op, op, "torch.%s(x, dim=0)" % op,
               {"x": (1.0 + 0.01 * randn(g, 37)).to(F32)}, {"dim": 0}, lambda x, fn=fn: fn(x, dim=0))
        T.case("%s propagates nan and inf" % op, op, "torch.%s(x, dim=0)" % op,
               {"x": t([1.0, INF, 2.0, -INF, NAN, 3.0])}, {"dim": 0}, lambda x, fn=fn: fn(x, dim=0))
    T.case("prod of all elements of float64", "prod", "torch.prod(x)", {"x": x[0]}, {"dim": None, "keepdim": False}, lambda x: torch.prod(x))
    T.case("prod along dim 1 with keepdim", "prod", "torch.prod(x, dim=1, keepdim=True)", {"x": x},
           {"dim": 1, "keepdim": True}, lambda x: torch.prod(x, dim=1, keepdim=True))
    T.case("prod of int64 stays int64", "prod", "torch.prod(x, dim=0)", {"x": ints}, {"dim": 0, "keepdim": False},
           lambda x: torch.prod(x, dim=0))
    T.case("prod of bool is int64", "prod", "torch.prod(x)", {"x": bools}, {"dim": None, "keepdim": False}, lambda x: torch.prod(x))
    T.case("prod of zero times inf is nan", "prod", "torch.prod(x)", {"x": t([2.0, 0.0, INF])},
           {"dim": None, "keepdim": False}, lambda x: torch.prod(x))
    T.case("prod over an empty dim is one", "prod", "torch.prod(x, dim=1)", {"x": torch.zeros(2, 0, dtype=F64)},
           {"dim": 1, "keepdim": False}, lambda x: torch.prod(x, dim=1))
    v = t([[3.0, -4.0, 0.0, 1.5], [-0.0, 0.0, -2.0, 2.0], [1e200, 1e200, -1e-200, 0.0]])
    for p in (1.0, 2.0, INF, -INF, 0.0, 3.0):
        T.case("norm with p %s over all elements" % p, "norm", "torch.linalg.vector_norm(x, ord=%r)" % p,
               {"x": v[:2]}, {"p": p, "dims": [], "keepdim": False}, lambda x, p=p: torch.linalg.vector_norm(x, ord=p))
        T.case("norm with p %s along dim 1" % p, "norm", "torch.linalg.vector_norm(x, ord=%r, dim=1)" % p,
               {"x": x}, {"p": p, "dims": [1], "keepdim": False},
               lambda x, p=p: torch.linalg.vector_norm(x, ord=p, dim=1))
    T.case("norm with p 3 over dims 0 and 2 with keepdim", "norm",
           "torch.linalg.vector_norm(x, ord=3.0, dim=(0, 2), keepdim=True)", {"x": x},
           {"p": 3.0, "dims": [0, 2], "keepdim": True},
           lambda x: torch.linalg.vector_norm(x, ord=3.0, dim=(0, 2), keepdim=True))
    T.case("norm of float32 with p 2 along an odd-length dim", "norm", "torch.linalg.vector_norm(x, ord=2.0, dim=1)",
           {"x": randn(g, 3, 37, dtype=F32)}, {"p": 2.0, "dims": [1], "keepdim": False},
           lambda x: torch.linalg.vector_norm(x, ord=2.0, dim=1))
    T.case("norm with p -1", "norm", "torch.linalg.vector_norm(x, ord=-1.0)", {"x": t([1.0, 2.0, 4.0])},
           {"p": -1.0, "dims": [], "keepdim": False}, lambda x: torch.linalg.vector_norm(x, ord=-1.0),
           frontier_refuses=True, note="documented difference: Frontier's norm takes p > 0, p = 0 or +-inf "
                                       "(Tensor.norm Javadoc); torch also accepts negative p")
    T.case("norm of int64 is refused", "norm", "torch.linalg.vector_norm(x, ord=2.0)", {"x": ints},
           {"p": 2.0, "dims": [], "keepdim": False}, lambda x: torch.linalg.vector_norm(x, ord=2.0), error=True)
    for dims, keep in (([], False), ([0], False), ([1, 2], True), ([-1, 0], False)):
        T.case("mean over dims %s%s" % (dims or "all", " with keepdim" if keep else ""), "mean",
               "torch.mean(x, dim=%s, keepdim=%s)" % (tuple(dims) if dims else None, keep), {"x": x},
               {"dims": dims, "keepdim": keep},
               lambda x, d=dims, k=keep: torch.mean(x, dim=tuple(d), keepdim=k) if d else torch.mean(x))
    T.case("mean of float32 along an odd-length dim", "mean", "torch.mean(x, dim=1)",
           {"x": randn(g, 3, 37, dtype=F32)}, {"dims": [1], "keepdim": False}, lambda x: torch.mean(x, dim=1))
    T.case("mean of int64 is refused", "mean", "torch.mean(x)", {"x": ints}, {"dims": [], "keepdim": False},
           lambda x: torch.mean(x), error=True)
    T.case("mean propagates nan and inf", "mean", "torch.mean(x, dim=1)",
           {"x": t([[1.0, NAN, 2.0], [INF, 1.0, 2.0], [INF, -INF, 0.0]])}, {"dims": [1], "keepdim": False},
           lambda x: torch.mean(x, dim=1))
    nanx = torch.arange(37, dtype=F64).reshape(1, 37).repeat(2, 1)
    nanx[0, 23] = NAN
    for op, fn in (("amax", torch.amax), ("amin", torch.amin)):
        for dims, keep in (([0], False), ([1, 2], True), ([-1, 0], False)):
            T.case("%s over dims %s%s" % (op, dims, " with keepdim" if keep else ""), op,
                   "torch.%s(x, dim=%s, keepdim=%s)" % (op, tuple(dims), keep), {"x": x},
                   {"dims": dims, "keepdim": keep}, lambda x, fn=fn, d=dims, k=keep: fn(x, dim=tuple(d), keepdim=k))
        T.case("%s along an odd-length dim propagates nan" % op, op, "torch.%s(x, dim=1)" % op,
               {"x": nanx}, {"dims": [1], "keepdim": False}, lambda x, fn=fn: fn(x, dim=1))
        T.case("%s of float32 along an odd-length dim propagates nan" % op, op, "torch.%s(x, dim=1)" % op,
               {"x": nanx.to(F32)}, {"dims": [1], "keepdim": False}, lambda x, fn=fn: fn(x, dim=1))
        T.case("%s of float32 over all elements propagates nan" % op, op, "torch.%s(x, dim=(0, 1))" % op,
               {"x": nanx.to(F32)}, {"dims": [], "keepdim": False}, lambda x, fn=fn: fn(x, dim=(0, 1)))
        T.case("%s of int64 along dim 0" % op, op, "torch.%s(x, dim=0)" % op, {"x": ints},
               {"dims": [0], "keepdim": False}, lambda x, fn=fn: fn(x, dim=0))
        T.case("%s over an empty dim is refused" % op, op, "torch.%s(x, dim=1)" % op, {"x": torch.zeros(2, 0, dtype=F64)},
               {"dims": [1], "keepdim": False}, lambda x, fn=fn: fn(x, dim=1), error=True)
    T.case("sum of int64 along dim 0 stays int64", "sum", "torch.sum(x, dim=0)", {"x": ints}, {"dims": [0], "keepdim": False},
           lambda x: torch.sum(x, dim=0))
    T.case("sum of float32 along an odd-length dim", "sum", "torch.sum(x, dim=1, keepdim=True)",
           {"x": randn(g, 3, 37, dtype=F32)}, {"dims": [1], "keepdim": True}, lambda x: torch.sum(x, dim=1, keepdim=True))
    return T


# ---------------------------------------------------------------------------- shapes


def shapes():
    T = Topic("shapes")
    g = torch.Generator().manual_seed(8)
    m = randn(g, 3, 5)
    batched = randn(g, 2, 3, 4)
    for op, fn in (("tril", torch.tril), ("triu", torch.triu)):
        for diag in (0, 1, -1, 3, -5):
            T.case("%s of a wide matrix with diagonal %d" % (op, diag), op, "torch.%s(x, diagonal=%d)" % (op, diag),
                   {"x": m}, {"diagonal": diag}, lambda x, fn=fn, d=diag: fn(x, diagonal=d))
        T.case("%s of a batch of matrices with diagonal -1" % op, op, "torch.%s(x, diagonal=-1)" % op,
               {"x": batched}, {"diagonal": -1}, lambda x, fn=fn: fn(x, diagonal=-1))
        T.case("%s of an int64 tall matrix with diagonal 1" % op, op, "torch.%s(x, diagonal=1)" % op,
               {"x": torch.arange(1, 13, dtype=I64).reshape(4, 3)}, {"diagonal": 1}, lambda x, fn=fn: fn(x, diagonal=1))
        T.case("%s of a bool matrix" % op, op, "torch.%s(x)" % op, {"x": torch.ones(3, 3, dtype=BOOL)},
               {"diagonal": 0}, lambda x, fn=fn: fn(x))
        T.case("%s of a 1-D tensor is refused" % op, op, "torch.%s(x)" % op, {"x": t([1.0, 2.0])}, {"diagonal": 0},
               lambda x, fn=fn: fn(x), error=True)
    for dims in ([0], [1], [0, 2], [-1], [0, 1, 2]):
        T.case("flip along dims %s" % dims, "flip", "torch.flip(x, %s)" % (tuple(dims),), {"x": batched}, {"dims": dims},
               lambda x, d=dims: torch.flip(x, tuple(d)))
    for shifts, dims in (([1], [0]), ([-1], [1]), ([-4], [1]), ([7], [-1]), ([2, -1], [0, 1]), ([1, 1], [1, 1])):
        T.case("roll by %s along dims %s" % (shifts, dims), "roll", "torch.roll(x, %s, %s)" % (tuple(shifts), tuple(dims)),
               {"x": m}, {"shifts": shifts, "dims": dims}, lambda x, s=shifts, d=dims: torch.roll(x, tuple(s), tuple(d)))
    for reps in ([2, 1], [1, 3], [2, 1, 2], [0, 2], [3]):
        x = t([1.0, 2.0, 3.0]) if len(reps) == 1 else m[:2, :3]
        T.case("repeat %s" % reps, "repeat", "x.repeat(%s)" % (tuple(reps),), {"x": x}, {"repeats": reps},
               lambda x, r=reps: x.repeat(*r))
    T.case("repeat with fewer repeats than dims is refused", "repeat", "x.repeat(2)", {"x": m}, {"repeats": [2]},
           lambda x: x.repeat(2), error=True)
    small = t([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    for pad, value in (([1, 2], 0.0), ([0, 0, 2, 1], -1.5), ([-1, 2], 0.0), ([-1, 2, 1, -1], 9.0),
                       ([-3, 1], 7.0), ([1, -1, 0, 0, 1, 1], 0.5)):
        x = small if len(pad) < 6 else small.reshape(1, 2, 3)
        T.case("pad %s with value %s" % (pad, value), "pad", "F.pad(x, %s, value=%r)" % (tuple(pad), value),
               {"x": x}, {"pad": pad, "value": value}, lambda x, p=pad, v=value: F.pad(x, tuple(p), value=v))
    T.case("pad that crops a dim below zero is refused", "pad", "F.pad(x, (-2, -2))", {"x": small},
           {"pad": [-2, -2], "value": 0.0}, lambda x: F.pad(x, (-2, -2)), error=True)
    T.case("pad of int64 with an integral value", "pad", "F.pad(x, (2, 0), value=-1)",
           {"x": t([[1, 2], [3, 4]], I64)}, {"pad": [2, 0], "value": -1.0}, lambda x: F.pad(x, (2, 0), value=-1))
    ia = t([[1, 2], [3, 4]], I64)
    cats = [
        ("cat of int64 and float32 along dim 0 promotes to float32", [ia, t([[0.5, 1.5]], F32)], 0),
        ("cat of bool and int64 along dim 1 promotes to int64", [t([[True], [False]], BOOL), ia], 1),
        ("cat of float32 and float64 promotes to float64", [t([0.1], F32), t([0.1, 0.2])], 0),
        ("cat along dim -1 of three tensors", [m[:, :2], m[:, 3:], m[:, :1]], -1),
        ("cat skips a legacy empty 1-D tensor but promotes with it", [ia, torch.zeros(0, dtype=F32)], 0),
        ("cat of tensors whose other dims differ is refused", [ia, t([[1, 2, 3]], I64)], 0),
    ]
    for name, parts, dim in cats:
        T.case(name, "cat", "torch.cat(tensors, dim=%d)" % dim, {"tensors": parts}, {"dim": dim},
               lambda tensors, d=dim: torch.cat(tensors, dim=d), error=name.endswith("refused"))
    for dim in (0, 1, 2, -1):
        T.case("stack along dim %d" % dim, "stack", "torch.stack(tensors, dim=%d)" % dim,
               {"tensors": [m[:2], m[1:3], m[:2] * 2]}, {"dim": dim}, lambda tensors, d=dim: torch.stack(tensors, dim=d))
    T.case("stack of int64 and float64 promotes", "stack", "torch.stack(tensors, dim=0)",
           {"tensors": [t([1, 2], I64), t([0.5, 0.25])]}, {"dim": 0}, lambda tensors: torch.stack(tensors, dim=0))
    T.case("stack of unequal shapes is refused", "stack", "torch.stack(tensors, dim=0)",
           {"tensors": [t([1.0, 2.0]), t([1.0])]}, {"dim": 0}, lambda tensors: torch.stack(tensors, dim=0), error=True)
    seq = torch.arange(10, dtype=F64).reshape(5, 2)
    for size in (2, 5, 7):
        T.case("split into pieces of %d along dim 0 leaves a short last piece" % size, "split",
               "torch.split(x, %d, dim=0)" % size, {"x": seq}, {"splitSize": size, "dim": 0},
               lambda x, s=size: torch.split(x, s, dim=0))
    T.case("split into pieces of 0 along a non-empty dim is refused", "split", "torch.split(x, 0, dim=0)",
           {"x": seq}, {"splitSize": 0, "dim": 0}, lambda x: torch.split(x, 0, dim=0), error=True)
    T.case("split with explicit sizes including zero", "split.sizes", "torch.split(x, [1, 0, 3, 1], dim=0)",
           {"x": seq}, {"sizes": [1, 0, 3, 1], "dim": 0}, lambda x: torch.split(x, [1, 0, 3, 1], dim=0))
    T.case("split with sizes that do not sum to the dim is refused", "split.sizes", "torch.split(x, [1, 3], dim=0)",
           {"x": seq}, {"sizes": [1, 3], "dim": 0}, lambda x: torch.split(x, [1, 3], dim=0), error=True)
    for n, chunks in ((6, 4), (5, 4), (10, 3), (3, 6), (6, 3), (0, 2), (7, 7), (13, 5)):
        T.case("chunk of %d elements into %d" % (n, chunks), "chunk", "torch.chunk(x, %d, dim=-1)" % chunks,
               {"x": torch.arange(n, dtype=F64).reshape(1, n)}, {"chunks": chunks, "dim": -1},
               lambda x, c=chunks: torch.chunk(x, c, dim=-1))
    T.case("chunk into zero pieces is refused", "chunk", "torch.chunk(x, 0, dim=0)", {"x": seq}, {"chunks": 0, "dim": 0},
           lambda x: torch.chunk(x, 0, dim=0), error=True)
    return T


# ---------------------------------------------------------------------------- creation


def creation():
    T = Topic("creation")
    for start, end, steps, dtype in ((0.0, 1.0, 5, F32), (-1.0, 1.0, 11, F32), (0.0, 1.0, 1, F32), (3.0, 7.0, 0, F32),
                                     (10.0, -10.0, 7, F64), (0.0, 1.0, 50, F64), (-5.5, 5.5, 1, F64), (1.0, 1.0, 4, F64),
                                     (0.1, 0.7, 9, F32), (0.0, 10.0, 4, I64), (-5.0, 5.0, 4, I64)):
        eps = {F32: EPS32, F64: EPS64, I64: 0.0}[dtype]
        T.case("linspace from %g to %g in %d steps as %s" % (start, end, steps, DTYPE_NAMES[dtype]), "linspace",
               "torch.linspace(%r, %r, %d, dtype=%s)" % (start, end, steps, dtype), {},
               {"start": start, "end": end, "steps": steps, "dtype": dtype},
               lambda s=start, e=end, n=steps, d=dtype: torch.linspace(s, e, n, dtype=d),
               atol=2 * eps * max(abs(start), abs(end)),
               note="torch computes end - step * k in the output dtype with a fused multiply-add; Frontier in "
                    "float64 then rounds. Values agree to ulps of the range, so a value near 0 may differ")
    T.case("linspace with negative steps is refused", "linspace", "torch.linspace(0.0, 1.0, -1)", {},
           {"start": 0.0, "end": 1.0, "steps": -1, "dtype": F32}, lambda: torch.linspace(0.0, 1.0, -1), error=True)
    for start, end, step, dtype in ((0.0, 1.0, 0.1, F32), (1.0, 1.3, 0.1, F64), (0.0, 0.3, 0.1, F64), (-1.0, 1.0, 0.3, F64),
                                    (5.0, 1.0, -1.5, F32), (1.0, 2.5, 0.5, F64), (0.0, 1.0, 0.25, F32), (2.0, 2.0, 0.5, F64),
                                    (0.0, 10.0, 3.0, F64)):
        T.case("arange from %g to %g by %g has ceil((end - start) / step) elements (%s)" % (start, end, step, DTYPE_NAMES[dtype]),
               "arange.double", "torch.arange(%r, %r, %r, dtype=%s)" % (start, end, step, dtype), {},
               {"start": start, "end": end, "step": step, "dtype": dtype},
               lambda s=start, e=end, st=step, d=dtype: torch.arange(s, e, st, dtype=d))
    T.case("arange with a step of the wrong sign is refused", "arange.double", "torch.arange(0.0, 1.0, -0.5)", {},
           {"start": 0.0, "end": 1.0, "step": -0.5, "dtype": F32}, lambda: torch.arange(0.0, 1.0, -0.5), error=True)
    T.case("arange with a zero step is refused", "arange.double", "torch.arange(0.0, 1.0, 0.0)", {},
           {"start": 0.0, "end": 1.0, "step": 0.0, "dtype": F32}, lambda: torch.arange(0.0, 1.0, 0.0), error=True)
    for start, end, step in ((0, 5, 1), (-3, 10, 4), (10, -3, -4), (5, 5, 1), (0, 7, 7)):
        T.case("integer arange from %d to %d by %d is int64" % (start, end, step), "arange.long",
               "torch.arange(%d, %d, %d)" % (start, end, step), {}, {"start": start, "end": end, "step": step},
               lambda s=start, e=end, st=step: torch.arange(s, e, st))
    for n, m, dtype in ((3, 3, F32), (2, 4, F64), (4, 2, I64), (0, 3, F32), (3, 1, BOOL)):
        T.case("eye(%d, %d) as %s" % (n, m, DTYPE_NAMES[dtype]), "eye", "torch.eye(%d, %d, dtype=%s)" % (n, m, dtype), {},
               {"n": n, "m": m, "dtype": dtype}, lambda n=n, m=m, d=dtype: torch.eye(n, m, dtype=d))
    T.case("eye(n) is a float32 square identity", "eye.square", "torch.eye(4)", {}, {"n": 4}, lambda: torch.eye(4))
    return T


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    total = 0
    for make in (variance, activations, softmax, sorting, argreductions, matmul, indexing, division, promotion,
                 reductions, shapes, creation):
        total += make().write()
    print("total %d cases (torch %s)" % (total, torch.__version__))


if __name__ == "__main__":
    sys.exit(main())
