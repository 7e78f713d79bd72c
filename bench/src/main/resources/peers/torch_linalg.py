"""PyTorch-CUDA peer of Frontier's LinalgBench: torch.linalg.cholesky of M M^T + n I and
torch.linalg.solve of (M + 4 I) X = B (one column) on the GPU (cuSOLVER), float32 and float64,
timed as the median over repeats of the mean of a batch of calls, each repeat ending with a
synchronisation. Prints one line per (op, dtype, shape) in LinalgBench's format.
Usage: python3 torch_linalg.py SHAPE [SHAPE ...]   with SHAPE = BxN
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
        eye = torch.eye(n, dtype=torch.float64, device="cuda")
        m = torch.rand(b, n, n, dtype=torch.float64, device="cuda") - 0.5
        spd = (m @ m.transpose(1, 2) + n * eye).to(dtype)
        general = (2 * torch.rand(b, n, n, dtype=torch.float64, device="cuda") - 1 + 4 * eye).to(dtype)
        rhs = torch.rand(b, n, 1, dtype=dtype, device="cuda")
        for op, fn in (("cholesky", lambda: torch.linalg.cholesky(spd)), ("solve", lambda: torch.linalg.solve(general, rhs))):
            print("linalg-bench %-8s %-8s %-10s %-20s %10.3f ms" % (op, name, shape, "torch-cusolver", timed(fn)), flush=True)
