#!/usr/bin/env python3
"""PyTorch-CUDA peer rows for `frontier gpu-bench`, measured on the same card in the same run.

Line 1: {"meta": {"torch", "cuda", "device", "driver_cuda"}}; then one JSON object per line,
either {"note": "..."} or a row {"op", "backend": "cuda", "impl": "torch", "dtype", "shape",
"threads": 1, "unit", "values": [...]} whose values are per-sample results already in the unit
(the Java side takes the median). Shapes, byte accounting and timing match GpuBench exactly:
  matmul   shape [n, n, n], GFLOP/s = 2 n^3 / t; dtype float32 (TF32 off), tf32 (TF32 on,
           float32 tensors), bf16 (bfloat16 tensors). TF32 is switched with
           torch.backends.cuda.matmul.fp32_precision ("ieee"/"tf32") where torch has it (2.9+;
           mixing it with the legacy flag is an error there), else with allow_tf32.
  copy     dst.copy_(src),              GB/s = 8 n / t
  exp      torch.exp(a, out=o),         GB/s = 8 n / t
  add      torch.add(a, b, out=o),      GB/s = 12 n / t
  softmax  torch.softmax(x, -1) on (n/4096, 4096), GB/s = 8 n / t (output from the caching allocator)
  sum      torch.sum(a),                GB/s = 4 n / t
  layer_norm  F.layer_norm(x, (4096,), w, b) on (n/4096, 4096), GB/s = 8 n / t
  cross_entropy  F.cross_entropy(z, t, reduction='none') on (n/50257, 50257), GB/s = 4 x numel(z) / t
  cross_entropy_backward  torch.autograd.grad of those losses with respect to z (the graph of each
           input set built once, outside the samples), GB/s = 8 x numel(z) / t
  sort     torch.sort(z, descending=True, out=(values, indices)) on (n/50257, 50257), GB/s = 16 x numel(z) / t
  adamw    torch._fused_adamw_ on one tensor of n (torch.optim.AdamW(fused=True)'s kernel), GB/s = 28 n / t
  lion     lion-pytorch's update written as torch ops (torch has no Lion), GB/s = 20 n / t
  sgd_momentum  torch._fused_sgd_ with momentum 0.9, not the first step (torch.optim.SGD(fused=True)'s kernel), GB/s = 20 n / t
Timing: torch.cuda.Event pairs on the current stream; a first call alone (a call slower than
--slow-call is reported once and larger sizes of the series are skipped), a warm-up pass over the
input sets that estimates the time per call, then samples of k calls (k so that a sample spans
>= 1 ms, at most 64) preceded by one untimed call, as many as fit the case's budget within
[--min-reps, --max-reps]. Calls rotate among input sets spanning twice the L2 cache (at most 8).
Exit codes: 3 without torch, 4 without a CUDA device.
"""
import argparse
import json
import math
import sys
import time

MB = 1 << 20
SOFTMAX_ROW = 4096
MEMORY_OPS = [("copy", 8, 2), ("exp", 8, 2), ("add", 12, 3), ("softmax", 8, 2), ("sum", 4, 1),
              ("layer_norm", 8, 2), ("cross_entropy", 4, 2), ("cross_entropy_backward", 8, 2),
              ("sort", 16, 4), ("adamw", 28, 4), ("lion", 20, 3), ("sgd_momentum", 20, 3)]  # name, bytes/elem, buffers
LAYER_NORM_ROW = 4096
VOCAB = 50257
PRECISIONS = ["float32", "tf32", "bf16"]


def ce_backward(torch, F, a, n, dev):
    """A call that runs PyTorch's backward of F.cross_entropy (nll_loss and log_softmax backward)
    for input set s: the forward graph of each set is built on its first call and kept."""
    rows = n // VOCAB
    target = (torch.arange(rows, device=dev) * 7919) % VOCAB
    graphs = {}

    def call(s):
        if s not in graphs:
            with torch.enable_grad():
                z = a.narrow(0, s * n, rows * VOCAB).view(rows, VOCAB).detach().requires_grad_()
                losses = F.cross_entropy(z, target, reduction="none")
            graphs[s] = (z, losses, torch.ones_like(losses))
        z, losses, g = graphs[s]
        return torch.autograd.grad(losses, z, grad_outputs=g, retain_graph=True)
    return call


def emit(obj):
    print(json.dumps(obj), flush=True)


def note(text):
    emit({"note": "torch: " + text})


def set_tf32(torch, on):
    """Switches TF32 for cuBLAS float32 products through one API only; returns its name."""
    matmul = torch.backends.cuda.matmul
    try:
        matmul.fp32_precision = "tf32" if on else "ieee"
        return "fp32_precision"
    except (AttributeError, AssertionError):  # before 2.9 the module refuses unknown names with AssertionError
        matmul.allow_tf32 = on
        return "allow_tf32"


def rotating_sets(bytes_per_set, l2_bytes):
    if bytes_per_set <= 0:
        return 1
    return max(1, min(8, -(-2 * l2_bytes // bytes_per_set)))


def batching(seconds_per_call, budget, min_reps, max_reps):
    t = max(seconds_per_call, 1e-7)
    calls = int(min(64, max(1, math.ceil(1e-3 / t))))
    samples = int(max(min_reps, min(max_reps, math.floor(budget / (calls * t)))))
    return calls, samples


class Sampler:
    def __init__(self, torch, args):
        self.torch = torch
        self.args = args
        self.start = torch.cuda.Event(enable_timing=True)
        self.stop = torch.cuda.Event(enable_timing=True)

    def _timed(self, fn):
        self.start.record()
        fn()
        self.stop.record()
        self.stop.synchronize()
        return self.start.elapsed_time(self.stop) / 1e3

    def sample(self, call, sets, budget):
        """Seconds per call of each sample, and whether the first call alone was too slow."""
        first = self._timed(lambda: call(0))
        if first > self.args.slow_call:
            return [first], True

        def one_per_set():
            for s in range(sets):
                call(s)
        per_call = self._timed(one_per_set) / sets
        calls, samples = batching(per_call, budget, self.args.min_reps, self.args.max_reps)
        out = []
        nxt = 0
        for _ in range(samples):
            call(nxt % sets)  # untimed lead-in
            nxt += 1
            self.start.record()
            for _ in range(calls):
                call(nxt % sets)
                nxt += 1
            self.stop.record()
            self.stop.synchronize()
            out.append(self.start.elapsed_time(self.stop) / 1e3 / calls)
        return out, False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--matmul-sizes", default="1024,2048,4096,8192")
    ap.add_argument("--memory-bytes", default=",".join(str(b * MB) for b in (64, 256, 1024)))
    ap.add_argument("--l2-bytes", type=int, default=50 * MB)
    ap.add_argument("--budget", type=float, default=60.0, help="seconds for all cases")
    ap.add_argument("--per-case", type=float, default=2.0)
    ap.add_argument("--min-reps", type=int, default=3)
    ap.add_argument("--max-reps", type=int, default=50)
    ap.add_argument("--slow-call", type=float, default=2.0)
    args = ap.parse_args()
    matmul_sizes = [int(s) for s in args.matmul_sizes.split(",") if s]
    memory_bytes = [int(s) for s in args.memory_bytes.split(",") if s]

    try:
        import torch
    except ImportError as e:
        print("torch_cuda_peers: cannot import torch: %s" % e, file=sys.stderr)
        sys.exit(3)
    if not torch.cuda.is_available():
        print("torch_cuda_peers: torch %s sees no CUDA device (torch.cuda.is_available() is False)" % torch.__version__, file=sys.stderr)
        sys.exit(4)
    dev = torch.device("cuda")
    driver = torch._C._cuda_getDriverVersion() if hasattr(torch._C, "_cuda_getDriverVersion") else 0
    tf32_api = set_tf32(torch, False)
    emit({"meta": {"torch": torch.__version__, "cuda": torch.version.cuda, "device": torch.cuda.get_device_name(0),
                   "driver_cuda": "%d.%d" % (driver // 1000, driver % 1000 // 10) if driver else "unknown",
                   "tf32_switch": tf32_api}})

    # Pools as on the Java side: the largest (sets x operand) of any case, for two inputs and one output.
    need = 1
    for b in memory_bytes:
        for op, _, buffers in MEMORY_OPS:
            out_sets = 2 if op == "adamw" else 1  # exp_avg and exp_avg_sq both live in c
            need = max(need, rotating_sets(buffers * b, args.l2_bytes) * out_sets * (b // 4))
    for n in matmul_sizes:
        need = max(need, rotating_sets(3 * n * n * 4, args.l2_bytes) * n * n)
    gen = torch.Generator(device=dev).manual_seed(1)
    a = torch.rand(need, device=dev, generator=gen)
    b = torch.rand(need, device=dev, generator=gen)
    c = torch.empty(need, device=dev)
    # Load cuBLAS and the kernels once, so that no first call below pays for library start-up.
    w = torch.rand(64, 64, device=dev)
    torch.mm(w, w)
    torch.mm(w.bfloat16(), w.bfloat16())
    torch.exp(torch.softmax(w, -1) + w).sum()
    F = torch.nn.functional
    F.layer_norm(w, (64,), w[0], w[1])
    F.cross_entropy(w, torch.arange(64, device=dev), reduction="none")
    step_t = torch.tensor(1.0, device=dev)

    def adamw(p, g, m, v):
        torch._fused_adamw_([p], [g], [m], [v], [], [step_t], lr=1e-3, beta1=0.9, beta2=0.999, weight_decay=0.01, eps=1e-8,
                            amsgrad=False, maximize=False)
    try:
        adamw(w[0].clone(), w[1].clone(), w[2].clone(), w[3].clone())
    except Exception as e:  # the adamw case then fails on its own and becomes a note
        note("torch._fused_adamw_ is unavailable: %s" % e)

    def lion(p, g, m):
        # lion-pytorch's update (torch has no Lion): p *= 1 - lr wd; p -= lr sign(b1 m + (1 - b1) g); m = b2 m + (1 - b2) g
        p.mul_(1 - 1e-4 * 0.01)
        p.add_(m.mul(0.9).add_(g, alpha=0.1).sign_(), alpha=-1e-4)
        m.mul_(0.99).add_(g, alpha=0.01)

    def sgd_momentum(p, g, buf):
        torch._fused_sgd_([p], [g], [buf], weight_decay=0.0, momentum=0.9, lr=1e-3, dampening=0.0, nesterov=False, maximize=False,
                          is_first_step=False)
    try:
        sgd_momentum(w[0].clone(), w[1].clone(), w[2].clone())
    except Exception as e:  # the sgd_momentum case then fails on its own and becomes a note
        note("torch._fused_sgd_ is unavailable: %s" % e)
    torch.cuda.synchronize()

    sampler = Sampler(torch, args)
    deadline = time.perf_counter() + args.budget
    cases_left = len(memory_bytes) * len(MEMORY_OPS) + len(matmul_sizes) * len(PRECISIONS)
    last = {}  # series -> (seconds per call of its last size, -1 when too slow, NaN when it failed; work)

    def measure(series, label, work, sets, call, to_values, row):
        nonlocal cases_left
        cases_left -= 1
        remaining = deadline - time.perf_counter()
        prev = last.get(series)
        if prev is not None and (prev[0] < 0 or prev[0] != prev[0]):
            why = "was slower than %s s per call" % args.slow_call if prev[0] < 0 else "failed"
            note("skipped %s: a smaller size of this series %s" % (label, why))
            return
        if remaining <= 0:
            note("skipped %s: the %.0f s budget is spent" % (label, args.budget))
            return
        if prev is not None and prev[0] * work / prev[1] * (args.min_reps + 2) > remaining:
            note("skipped %s: predicted %.3f s per call does not fit the %.0f s left" % (label, prev[0] * work / prev[1], remaining))
            return
        budget = min(args.per_case, remaining / (cases_left + 1))
        try:
            secs, slow = sampler.sample(call, sets, budget)
        except Exception as e:  # one failing case must not lose the others
            last[series] = (float("nan"), work)
            note("%s failed: %s" % (label, e))
            return
        s = sorted(secs)
        median = s[len(s) // 2] if len(s) % 2 else (s[len(s) // 2 - 1] + s[len(s) // 2]) / 2
        last[series] = (-1 if slow else median, work)
        if slow:
            note("%s took %.2f s for one call; measured once, larger sizes skipped" % (label, secs[0]))
        row["values"] = to_values(secs)
        emit(row)

    def row(op, dtype, shape, unit):
        return {"op": op, "backend": "cuda", "impl": "torch", "dtype": dtype, "shape": shape, "threads": 1, "unit": unit}

    def view(pool, s, n):
        return pool.narrow(0, s * n, n)

    with torch.no_grad():
        for nbytes in memory_bytes:
            n = nbytes // 4
            size = "%d GB" % (nbytes // 1024 // MB) if nbytes >= 1024 * MB and nbytes % (1024 * MB) == 0 else "%d MB" % (nbytes // MB)
            for op, per_elem, buffers in MEMORY_OPS:
                sets = rotating_sets(buffers * nbytes, args.l2_bytes)
                if op == "copy":
                    call = lambda s, n=n: view(c, s, n).copy_(view(a, s, n))
                elif op == "exp":
                    call = lambda s, n=n: torch.exp(view(a, s, n), out=view(c, s, n))
                elif op == "add":
                    call = lambda s, n=n: torch.add(view(a, s, n), view(b, s, n), out=view(c, s, n))
                elif op == "softmax":
                    call = lambda s, n=n: torch.softmax(view(a, s, n).view(n // SOFTMAX_ROW, SOFTMAX_ROW), -1)
                elif op == "sum":
                    call = lambda s, n=n: torch.sum(view(a, s, n))
                elif op == "layer_norm":
                    rows = n // LAYER_NORM_ROW
                    call = lambda s, n=n, rows=rows: F.layer_norm(view(a, s, n).view(rows, LAYER_NORM_ROW), (LAYER_NORM_ROW,),
                                                                  b[:LAYER_NORM_ROW], b[LAYER_NORM_ROW:2 * LAYER_NORM_ROW], 1e-5)
                elif op == "cross_entropy":
                    rows = n // VOCAB
                    target = (torch.arange(rows, device=dev) * 7919) % VOCAB
                    call = lambda s, n=n, rows=rows, target=target: F.cross_entropy(
                        a.narrow(0, s * n, rows * VOCAB).view(rows, VOCAB), target, reduction="none")
                elif op == "cross_entropy_backward":
                    call = ce_backward(torch, F, a, n, dev)
                elif op == "sort":
                    rows = n // VOCAB
                    indices = torch.empty(rows, VOCAB, dtype=torch.int64, device=dev)
                    call = lambda s, n=n, rows=rows, indices=indices: torch.sort(
                        a.narrow(0, s * n, rows * VOCAB).view(rows, VOCAB), dim=-1, descending=True,
                        out=(c.narrow(0, s * n, rows * VOCAB).view(rows, VOCAB), indices))
                elif op == "lion":
                    call = lambda s, n=n: lion(view(a, s, n), view(b, s, n), view(c, s, n))
                elif op == "sgd_momentum":
                    call = lambda s, n=n: sgd_momentum(view(a, s, n), view(b, s, n), view(c, s, n))
                else:
                    call = lambda s, n=n: adamw(view(a, s, n), view(b, s, n), view(c, 2 * s, n), view(c, 2 * s + 1, n))
                if op in ("softmax", "layer_norm"):
                    shape = [n // SOFTMAX_ROW, SOFTMAX_ROW]
                elif op in ("cross_entropy", "cross_entropy_backward", "sort"):
                    shape = [n // VOCAB, VOCAB]
                else:
                    shape = [n]
                moved = float(per_elem) * shape[0] * (shape[1] if len(shape) > 1 else 1)
                measure(op, "%s %s" % (op, size), moved, sets, call,
                        lambda secs, moved=moved: [moved / t / 1e9 for t in secs], row(op, "float32", shape, "GB/s"))

        bf16 = {}
        for prec in PRECISIONS:
            set_tf32(torch, prec == "tf32")
            for n in matmul_sizes:
                nn = n * n
                sets = rotating_sets(3 * nn * 4, args.l2_bytes)
                if prec == "bf16":
                    if "a" not in bf16:  # bfloat16 copies of the pools' matmul part, made once
                        m = max(rotating_sets(3 * k * k * 4, args.l2_bytes) * k * k for k in matmul_sizes)
                        bf16 = {"a": a[:m].to(torch.bfloat16), "b": b[:m].to(torch.bfloat16), "c": torch.empty(m, device=dev, dtype=torch.bfloat16)}
                    pa, pb, pc = bf16["a"], bf16["b"], bf16["c"]
                else:
                    pa, pb, pc = a, b, c
                call = lambda s, n=n, nn=nn, pa=pa, pb=pb, pc=pc: torch.mm(view(pa, s, nn).view(n, n), view(pb, s, nn).view(n, n),
                                                                            out=view(pc, s, nn).view(n, n))
                flops = 2.0 * n ** 3
                measure("matmul-" + prec, "matmul %s %d" % (prec, n), flops, sets, call,
                        lambda secs, flops=flops: [flops / t / 1e9 for t in secs], row("matmul", prec, [n, n, n], "GFLOP/s"))
        set_tf32(torch, False)


if __name__ == "__main__":
    main()
