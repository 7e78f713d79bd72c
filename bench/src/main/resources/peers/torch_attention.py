"""PyTorch-CUDA peer of Frontier's AttentionBench: causal attention forward + backward on q, k, v
cut from one (B, T, 3, H, D) float32 projection (as a GPT's qkv layer leaves them), timed as the
median over repeats of the mean of a batch of calls, each repeat ending with a synchronisation.
Three implementations: "manual" (q k^T * scale, masked_fill, softmax, times v; autograd's
backward), "sdpa" (F.scaled_dot_product_attention(is_causal=True), PyTorch's fused kernels) and
"sdpa-dropout0.1" (the same with dropout_p=0.1).
Prints one JSON line per (shape, impl).
Usage: python3 torch_attention.py PRECISION(highest|tf32) SHAPE [SHAPE ...]   with SHAPE = BxHxTxD
"""
import json
import math
import sys
import time

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    sys.exit(3)
if not torch.cuda.is_available():
    sys.exit(4)

precision = sys.argv[1]
torch.backends.cuda.matmul.allow_tf32 = precision == "tf32"


def manual(q, k, v, scale, mask):
    att = (q @ k.transpose(-2, -1)) * scale
    return att.masked_fill(mask, float("-inf")).softmax(-1) @ v


def timed(fn, calls=10, repeats=7):
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
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
for shape in sys.argv[2:]:
    b, h, t, d = (int(x) for x in shape.split("x"))
    qkv = torch.rand(b, t, 3, h, d, device="cuda") - 0.5
    q, k, v = (qkv[:, :, i].transpose(1, 2).detach().requires_grad_() for i in range(3))
    g = torch.rand(b, h, t, d, device="cuda") - 0.5
    scale = 1.0 / math.sqrt(d)
    mask = torch.triu(torch.ones(t, t, dtype=torch.bool, device="cuda"), 1)
    for impl in ("manual", "sdpa", "sdpa-dropout0.1"):
        if impl != "manual" and not hasattr(F, "scaled_dot_product_attention"):
            continue
        p = 0.1 if impl == "sdpa-dropout0.1" else 0.0
        attend = (lambda: manual(q, k, v, scale, mask)) if impl == "manual" else (
            lambda p=p: F.scaled_dot_product_attention(q, k, v, is_causal=True, scale=scale, dropout_p=p))
        forward = timed(lambda: attend().detach())
        both = timed(lambda: torch.autograd.grad(attend(), (q, k, v), g))
        print(json.dumps({"impl": "torch-" + impl, "precision": precision, "shape": shape, "torch": torch.__version__,
                          "forward_ms": forward, "forward_backward_ms": both}), flush=True)
