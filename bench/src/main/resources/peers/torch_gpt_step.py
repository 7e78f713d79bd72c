"""PyTorch eager peer of Frontier's GptStepBench: the same GPT (pre-LayerNorm blocks, fused qkv,
tanh-GELU MLP of width 4d, tied embeddings, no dropout), one training step = forward, mean
cross-entropy, backward, AdamW (torch's default implementation), zero_grad. Prints one JSON line:
{"impl": "torch", "precision": ..., "attention": ..., "median_ms": ..., "steps": [...]}.
Usage: python3 torch_gpt_step.py VOCAB CONTEXT WIDTH HEADS LAYERS BATCH STEPS PRECISION(highest|tf32) [ATTENTION]
ATTENTION: "manual" (default; minGPT's q k^T, masked_fill, softmax, times v) or "sdpa"
(F.scaled_dot_product_attention with is_causal=True: PyTorch's fused attention kernels, as
nanoGPT uses them).
"""
import json
import math
import sys
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    sys.exit(3)
if not torch.cuda.is_available():
    sys.exit(4)

vocab, context, width, heads, layers, batch, steps = (int(a) for a in sys.argv[1:8])
precision = sys.argv[8]
attention = sys.argv[9] if len(sys.argv) > 9 else "manual"
if attention not in ("manual", "sdpa"):
    sys.exit("ATTENTION must be manual or sdpa, not " + attention)
torch.backends.cuda.matmul.allow_tf32 = precision == "tf32"
torch.backends.cudnn.allow_tf32 = precision == "tf32"


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)
        self.register_buffer("mask", torch.triu(torch.ones(context, context, dtype=torch.bool), 1))

    def forward(self, x):
        b, t, _ = x.shape
        q, k, v = self.qkv(x).split(width, dim=2)
        hd = width // heads
        q, k, v = (z.view(b, t, heads, hd).transpose(1, 2) for z in (q, k, v))
        if attention == "sdpa":
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            att = (q @ k.transpose(-2, -1)) / math.sqrt(hd)
            att = att.masked_fill(self.mask[:t, :t], float("-inf")).softmax(-1)
            y = att @ v
        return self.proj(y.transpose(1, 2).reshape(b, t, width))


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(width)
        self.attn = Attention()
        self.ln2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(approximate="tanh"), nn.Linear(4 * width, width))

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.mlp(self.ln2(x))


class GPT(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte = nn.Embedding(vocab, width)
        self.wpe = nn.Embedding(context, width)
        self.blocks = nn.ModuleList(Block() for _ in range(layers))
        self.lnF = nn.LayerNorm(width)

    def forward(self, idx):
        t = idx.shape[1]
        x = self.wte(idx) + self.wpe(torch.arange(t, device=idx.device))
        for blk in self.blocks:
            x = blk(x)
        return self.lnF(x) @ self.wte.weight.t()


torch.manual_seed(0)
model = GPT().cuda()
opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1)
tokens = torch.randint(0, vocab, (batch, context), device="cuda")
targets = torch.randint(0, vocab, (batch, context), device="cuda")


def step():
    logits = model(tokens)
    loss = F.cross_entropy(logits.view(-1, vocab), targets.view(-1))
    loss.backward()
    opt.step()
    opt.zero_grad(set_to_none=True)


for _ in range(3):
    step()
torch.cuda.synchronize()
times = []
for _ in range(steps):
    t0 = time.perf_counter()
    step()
    torch.cuda.synchronize()
    times.append((time.perf_counter() - t0) * 1e3)
times.sort()
print(json.dumps({"impl": "torch", "precision": precision, "attention": attention, "torch": torch.__version__, "median_ms": times[len(times) // 2], "steps": times}))
