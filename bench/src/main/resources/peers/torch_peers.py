#!/usr/bin/env python3
"""PyTorch-CPU peer rows for `frontier bench --torch`, measured in the same session as the JMH rows.

Prints one JSON object per line: {"op", "impl": "torch", "dtype", "shape", "threads", "unit",
"values": [...]} where values are per-repeat results already in the unit (the Java side takes the
median). The shapes and byte accounting match the JMH benchmarks exactly:
  matmul          shape [n, n, n], GFLOP/s = 2 n^3 / t
  add, mul        shape [n],       GB/s = 12 n / t (read 2n, write n float32, output allocated)
  exp             shape [n],       GB/s = 8 n / t
  softmax         shape [n/1024, 1024] along the last dim, GB/s = 8 n / t
  add (per call)  shape [1],       us per call of a + b on 1-element float32 tensors
  matmul (per call) shape [10, 10, 10], us per call
  mlp-step        shape [64, 784, 256, 256, 10], us per SGD step of an MLP 784-256-256-10 (ReLU) at
                  batch 64: grads set to None, forward, cross_entropy, backward, p.add_(p.grad, alpha=-lr)
                  under no_grad, as AutogradBenchmark.mlpStep
  tape-add        shape [1], us per a + b of 1-element float32 leaves with requires_grad (op + graph node)
  tape-add-backward shape [1], the same plus backward() into grads cleared to None

Threads: torch.set_num_threads(t) limits PyTorch's OpenMP pool and threadpoolctl limits
OpenBLAS (which Debian's torch uses for matmul); without both, "1 thread" runs on two cores.
Run with Debian's python (/usr/bin/python3), which has python3-torch and python3-threadpoolctl.
"""
import argparse
import json
import sys
import time

import torch

try:
    from threadpoolctl import threadpool_limits
except ImportError:  # OpenBLAS then keeps its own thread count; say so in the output
    threadpool_limits = None


def timed(fn, seconds, repeats):
    """Per-repeat mean seconds per call: calibrate the inner count to ~seconds, warm up, repeat."""
    fn()
    inner = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        dt = time.perf_counter() - t0
        if dt >= seconds / 4 or inner >= 1 << 22:
            break
        inner *= 2
    inner = max(1, int(inner * seconds / max(dt, 1e-9)))
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        out.append((time.perf_counter() - t0) / inner)
    return out


def emit(op, dtype, shape, threads, unit, values):
    print(json.dumps({"op": op, "impl": "torch", "dtype": dtype, "shape": shape, "threads": threads,
                      "unit": unit, "values": values}), flush=True)


def autograd_peers(t, seconds, repeats):
    torch.manual_seed(11)
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256), torch.nn.ReLU(),
                                torch.nn.Linear(256, 10))
    params = list(model.parameters())
    xb = torch.randn(64, 784)
    yb = torch.randint(0, 10, (64,))

    def step():
        for p in params:
            p.grad = None
        loss = torch.nn.functional.cross_entropy(model(xb), yb)
        loss.backward()
        with torch.no_grad():
            for p in params:
                p.add_(p.grad, alpha=-0.01)

    emit("mlp-step", "float32", [64, 784, 256, 256, 10], t, "us", [s * 1e6 for s in timed(step, seconds, repeats)])
    a = torch.tensor([1.5], requires_grad=True)
    b = torch.tensor([2.5], requires_grad=True)
    emit("tape-add", "float32", [1], t, "us", [s * 1e6 for s in timed(lambda: a + b, seconds, repeats)])

    def add_backward():
        a.grad = None
        b.grad = None
        (a + b).backward()

    emit("tape-add-backward", "float32", [1], t, "us", [s * 1e6 for s in timed(add_backward, seconds, repeats)])
    gpt_step_peer(t, seconds, repeats)


def attention_peers(t, seconds, repeats, shapes):
    """AttentionBenchmark in PyTorch: causal attention on q, k, v cut from one (B, T, 3, H, D)
    tensor, the ops written out (masked_fill, softmax) and autograd's backward into q, k, v."""
    import math
    for shape in shapes:
        b, h, tt, d = shape
        g = torch.Generator().manual_seed(5)
        qkv = torch.rand(b, tt, 3, h, d, generator=g) - 0.5
        q, k, v = (qkv[:, :, i].transpose(1, 2).detach().requires_grad_() for i in range(3))
        grad = torch.rand(b, h, tt, d, generator=g) - 0.5
        mask = torch.triu(torch.ones(tt, tt, dtype=torch.bool), 1)
        scale = 1.0 / math.sqrt(d)

        def step():
            att = ((q @ k.transpose(-2, -1)) * scale).masked_fill(mask, float("-inf")).softmax(-1)
            torch.autograd.grad(att @ v, (q, k, v), grad)

        emit("attention-fwd-bwd", "float32", list(shape), t, "us", [s * 1e6 for s in timed(step, seconds, repeats)])


def gpt_step_peer(t, seconds, repeats):
    """AutogradBenchmark.gptStep in PyTorch: the same GPT (pre-LayerNorm, fused qkv, tanh GELU,
    tied embeddings), vocabulary 64, context 64, width 128, 4 heads, 2 layers, batch 16, AdamW."""
    import math
    nn = torch.nn
    F = torch.nn.functional
    vocab, context, width, heads, layers, batch = 64, 64, 128, 4, 2, 16

    class Attention(nn.Module):
        def __init__(self):
            super().__init__()
            self.qkv = nn.Linear(width, 3 * width)
            self.proj = nn.Linear(width, width)
            self.register_buffer("mask", torch.triu(torch.ones(context, context, dtype=torch.bool), 1))

        def forward(self, x):
            b, n, _ = x.shape
            q, k, v = self.qkv(x).split(width, dim=2)
            hd = width // heads
            q, k, v = (z.view(b, n, heads, hd).transpose(1, 2) for z in (q, k, v))
            att = ((q @ k.transpose(-2, -1)) / math.sqrt(hd)).masked_fill(self.mask[:n, :n], float("-inf")).softmax(-1)
            return self.proj((att @ v).transpose(1, 2).reshape(b, n, width))

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln1, self.attn, self.ln2 = nn.LayerNorm(width), Attention(), nn.LayerNorm(width)
            self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(approximate="tanh"), nn.Linear(4 * width, width))

        def forward(self, x):
            x = x + self.attn(self.ln1(x))
            return x + self.mlp(self.ln2(x))

    class GPT(nn.Module):
        def __init__(self):
            super().__init__()
            self.wte, self.wpe = nn.Embedding(vocab, width), nn.Embedding(context, width)
            self.blocks = nn.ModuleList(Block() for _ in range(layers))
            self.lnF = nn.LayerNorm(width)

        def forward(self, idx):
            x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1]))
            for blk in self.blocks:
                x = blk(x)
            return self.lnF(x) @ self.wte.weight.t()

    torch.manual_seed(13)
    model = GPT()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    tokens = torch.randint(0, vocab, (batch, context))
    targets = torch.randint(0, vocab, (batch, context))

    def step():
        loss = F.cross_entropy(model(tokens).view(-1, vocab), targets.view(-1))
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)

    emit("gpt-step", "float32", [batch, context, vocab, width, heads, layers], t, "us", [s * 1e6 for s in timed(step, seconds, repeats)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--only", default="matmul,elementwise,percall,autograd,attention", help="comma-separated benchmark names")
    args = ap.parse_args()
    threads_list = [int(t) for t in args.threads.split(",")]
    seconds, repeats = (0.2, 3) if args.quick else (1.0, 5)
    sizes = [256] if args.quick else [128, 256, 512, 1024, 2048]
    dtypes = ["float32"] if args.quick else ["float32", "float64"]
    elem_sizes = [1 << 20] if args.quick else [1 << 20, 1 << 22, 1 << 24]
    elem_ops = ["add", "exp", "softmax"] if args.quick else ["add", "mul", "exp", "softmax"]
    if threadpool_limits is None:
        print("torch_peers: threadpoolctl missing, OpenBLAS threads not limited", file=sys.stderr)
    only = set(args.only.split(","))
    want = lambda name: name in only
    for t in threads_list:
        torch.set_num_threads(t)
        limits = threadpool_limits(t) if threadpool_limits else None
        try:
            if want("matmul"):
                for dtype in dtypes:
                    for n in sizes:
                        g = torch.Generator().manual_seed(n)
                        a = torch.rand(n, n, generator=g, dtype=getattr(torch, dtype))
                        b = torch.rand(n, n, generator=g, dtype=getattr(torch, dtype))
                        secs = timed(lambda: torch.mm(a, b), seconds, repeats)
                        emit("matmul", dtype, [n, n, n], t, "GFLOP/s", [2.0 * n ** 3 / s / 1e9 for s in secs])
            if want("elementwise"):
                for op in elem_ops:
                    for n in elem_sizes:
                        a = torch.rand(n)
                        b = torch.rand(n)
                        if op == "add":
                            fn, moved, shape = (lambda: torch.add(a, b)), 12.0 * n, [n]
                        elif op == "mul":
                            fn, moved, shape = (lambda: torch.mul(a, b)), 12.0 * n, [n]
                        elif op == "exp":
                            fn, moved, shape = (lambda: torch.exp(a)), 8.0 * n, [n]
                        else:
                            m = a.view(n // 1024, 1024)
                            fn, moved, shape = (lambda: torch.softmax(m, -1)), 8.0 * n, [n // 1024, 1024]
                        secs = timed(fn, seconds, repeats)
                        emit(op, "float32", shape, t, "GB/s", [moved / s / 1e9 for s in secs])
            if want("percall") and t == 1:
                x = torch.rand(1)
                y = torch.rand(1)
                emit("add", "float32", [1], 1, "us", [s * 1e6 for s in timed(lambda: x + y, seconds, repeats)])
                p = torch.rand(10, 10)
                q = torch.rand(10, 10)
                emit("matmul", "float32", [10, 10, 10], 1, "us", [s * 1e6 for s in timed(lambda: p @ q, seconds, repeats)])
            if want("linalg"):
                for n in ([256] if args.quick else [128, 256, 512, 1024]):
                    g = torch.Generator().manual_seed(n)
                    a = torch.randn(n, n, generator=g, dtype=torch.float64) + 3.0 * torch.eye(n, dtype=torch.float64)
                    b = torch.randn(n, 1, generator=g, dtype=torch.float64)
                    secs = timed(lambda: torch.linalg.solve(a, b), seconds, repeats)
                    emit("solve", "float64", [n, n, 1], t, "GFLOP/s", [2.0 * n ** 3 / 3 / s / 1e9 for s in secs])
                    spd = a @ a.T + n * torch.eye(n, dtype=torch.float64)
                    secs = timed(lambda: torch.linalg.cholesky(spd), seconds, repeats)
                    emit("cholesky", "float64", [n, n], t, "GFLOP/s", [1.0 * n ** 3 / 3 / s / 1e9 for s in secs])
            if want("autograd"):
                autograd_peers(t, seconds, repeats)
            if want("attention"):
                attention_peers(t, seconds, repeats, [(16, 4, 64, 32)] if args.quick else [(16, 4, 64, 32), (4, 8, 256, 64)])
        finally:
            if limits is not None:
                limits.unregister()


if __name__ == "__main__":
    main()
