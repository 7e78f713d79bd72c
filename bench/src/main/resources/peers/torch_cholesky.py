"""PyTorch-CUDA peer of Frontier's CholeskyBench: torch.linalg.cholesky (cuSOLVER's potrf, or its
batched kernels) of symmetric positive-definite matrices M M^T + n I on the GPU, timed as the median
over repeats of the mean of a batch of calls, each repeat ending with a synchronisation.
Prints one line per (dtype, shape) in CholeskyBench's format.
Usage: python3 torch_cholesky.py SHAPE [SHAPE ...]   with SHAPE = BxN
"""
import sys
import time

try:
    import torch
except ImportError:
    sys.exit(3)
if not torch.cuda.is_available():
    sys.exit(4)


def timed(fn, budget_s=0.05, repeats=5):
    fn()
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    fn()
    torch.cuda.synchronize()
    first = time.perf_counter() - t0
    calls = max(1, min(20, int(budget_s / max(first, 1e-6))))
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        torch.cuda.synchronize()
        out.append((time.perf_counter() - t0) * 1e3 / calls)
    out.sort()
    return out[len(out) // 2]


torch.manual_seed(0)
for dtype, name in ((torch.float32, "float32"), (torch.float64, "float64")):
    for shape in sys.argv[1:]:
        b, n = (int(x) for x in shape.split("x"))
        m = torch.rand(b, n, n, dtype=torch.float64, device="cuda") - 0.5
        a = (m @ m.transpose(1, 2) + n * torch.eye(n, dtype=torch.float64, device="cuda")).to(dtype)
        ms = timed(lambda: torch.linalg.cholesky(a))
        print("cholesky-bench %-8s %-10s %-22s %10.3f ms" % (name, shape, "torch-cusolver", ms), flush=True)
