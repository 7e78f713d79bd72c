#!/usr/bin/python3
"""Writes the PyTorch golden fixtures that io.frontier.nn.GPTGoldenTest replays.

A minimal nanoGPT-like model written here with exactly io.frontier.nn.GPT's architecture and
parameter names (so the state dict maps one to one): token and position embeddings wte/wpe,
pre-LayerNorm blocks (x + attn(ln1(x)); x + mlp(ln2(x))) with a fused qkv projection, causal
softmax attention and an MLP Linear(w, 4w) -> GELU(tanh approximation) -> Linear(4w, w), a final
LayerNorm lnF, the output head tied to wte (or a bias-free lmHead) and an optional valueHead.

Two configurations (vocab 17, context 8, width 16, heads 2, layers 2, dropout 0):
  tied_value: tied embeddings with a value head; objective = CE + 0.5 * mean((values - returns)^2)
  untied:     a separate lmHead, no value head; objective = CE
each in float64 and float32 (the float32 file is computed by torch in float32 from the float64
weights rounded to float32). CE is the mean cross-entropy over targets other than -100.

Regenerate (from the repository root, with Debian's python, which has torch 1.13):

    /usr/bin/python3 autograd/src/test/python/make_gpt_fixtures.py

and commit the files it rewrites, autograd/src/test/resources/golden/gpt_<config>_<dtype>.safetensors.
The Java test only reads them. Tensors in each file (safetensors, written by hand below since the
safetensors package is not installed):
  param.<name>   the initial weights under Frontier's names
  tokens, targets (B, T) int64 (some targets -100), returns (B, T) (tied_value only)
  logits (B, T, V), values (B, T) (tied_value only), loss (1,) the CE, objective (1,)
  grad.<name>    d objective / d parameter, at the initial weights
  sgd.<name>     the weights after 10 steps of p -= 0.1 * grad (same batch each step)
  sgd_objective  (10,) the objective before each step
"""

import json
import math
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")
VOCAB, CONTEXT, WIDTH, HEADS, LAYERS = 17, 8, 16, 2, 2
BATCH, STEPS, LR = 3, 10, 0.1


class CausalSelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(WIDTH, 3 * WIDTH)
        self.proj = nn.Linear(WIDTH, WIDTH)

    def forward(self, x):
        b, t, c = x.shape
        d = c // HEADS
        q, k, v = self.qkv(x).split(c, dim=2)
        q, k, v = (z.reshape(b, t, HEADS, d).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(2, 3)) * (1.0 / math.sqrt(d))
        mask = torch.ones(t, t, dtype=torch.bool).triu(1)
        att = att.masked_fill(mask, float("-inf")).softmax(-1)
        return self.proj((att @ v).transpose(1, 2).reshape(b, t, c))


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(WIDTH, eps=1e-5)
        self.attn = CausalSelfAttention()
        self.ln2 = nn.LayerNorm(WIDTH, eps=1e-5)
        self.mlp = nn.Sequential(nn.Linear(WIDTH, 4 * WIDTH), nn.GELU(approximate="tanh"), nn.Linear(4 * WIDTH, WIDTH), nn.Dropout(0.0))

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.mlp(self.ln2(x))


class GPT(nn.Module):
    def __init__(self, tied, value_head):
        super().__init__()
        self.wte = nn.Embedding(VOCAB, WIDTH)
        self.wpe = nn.Embedding(CONTEXT, WIDTH)
        self.blocks = nn.Sequential(*[Block() for _ in range(LAYERS)])
        self.lnF = nn.LayerNorm(WIDTH, eps=1e-5)
        self.tied = tied
        if not tied:
            self.lmHead = nn.Linear(WIDTH, VOCAB, bias=False)
        if value_head:
            self.valueHead = nn.Linear(WIDTH, 1)
        self.has_value = value_head

    def forward(self, tokens):
        t = tokens.shape[1]
        x = self.wte(tokens) + self.wpe(torch.arange(t))
        x = self.lnF(self.blocks(x))
        logits = x @ self.wte.weight.t() if self.tied else self.lmHead(x)
        values = self.valueHead(x).squeeze(-1) if self.has_value else None
        return logits, values


def ce_loss(logits, targets):
    return F.cross_entropy(logits.reshape(-1, VOCAB), targets.reshape(-1), ignore_index=-100)


def objective(model, batch):
    logits, values = model(batch["tokens"])
    loss = ce_loss(logits, batch["targets"])
    obj = loss if values is None else loss + 0.5 * ((values - batch["returns"]) ** 2).mean()
    return logits, values, loss, obj


def random_weights(model, gen):
    """Non-trivial float64 weights: N(0, 0.3) matrices, LayerNorm gains 1 + N(0, 0.1), biases N(0, 0.1)."""
    state = {}
    for name, p in model.named_parameters():
        if name.endswith("bias"):
            w = 0.1 * torch.randn(p.shape, generator=gen, dtype=torch.float64)
        elif ".ln" in name or name.startswith("lnF"):
            w = 1 + 0.1 * torch.randn(p.shape, generator=gen, dtype=torch.float64)
        else:
            w = 0.3 * torch.randn(p.shape, generator=gen, dtype=torch.float64)
        state[name] = w
    return state


ST_DTYPES = {torch.float64: "F64", torch.float32: "F32", torch.int64: "I64"}


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous()
        data = t.numpy().tobytes() if t.numel() else b""
        header[name] = {"dtype": ST_DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    head = json.dumps(header, separators=(",", ":")).encode("utf-8")
    head += b" " * (-len(head) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head)
        for b in blobs:
            f.write(b)


def make(config, tied, value_head, seed):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    base = random_weights(GPT(tied, value_head), gen)
    tokens = torch.randint(0, VOCAB, (BATCH, CONTEXT), generator=gen)
    targets = torch.randint(0, VOCAB, (BATCH, CONTEXT), generator=gen)
    targets[0, 2] = -100
    targets[2, 5] = -100
    returns = torch.randn(BATCH, CONTEXT, generator=gen, dtype=torch.float64)
    for dtype, tag in ((torch.float64, "float64"), (torch.float32, "float32")):
        model = GPT(tied, value_head).to(dtype)
        model.load_state_dict({k: v.to(dtype) for k, v in base.items()}, strict=True)
        batch = {"tokens": tokens, "targets": targets, "returns": returns.to(dtype)}
        out = {"param." + k: v.detach().clone() for k, v in model.state_dict().items()}
        out["tokens"] = tokens
        out["targets"] = targets
        if value_head:
            out["returns"] = batch["returns"]
        logits, values, loss, obj = objective(model, batch)
        obj.backward()
        out["logits"] = logits
        if value_head:
            out["values"] = values
        out["loss"] = loss.reshape(1)
        out["objective"] = obj.reshape(1)
        for name, p in model.named_parameters():
            out["grad." + name] = p.grad.clone()
        objectives = []
        model.zero_grad(set_to_none=True)
        for _ in range(STEPS):
            obj = objective(model, batch)[3]
            objectives.append(obj.item())
            obj.backward()
            with torch.no_grad():
                for p in model.parameters():
                    p -= LR * p.grad
            model.zero_grad(set_to_none=True)
        for name, p in model.named_parameters():
            out["sgd." + name] = p.detach().clone()
        out["sgd_objective"] = torch.tensor(objectives, dtype=dtype)
        path = os.path.join(OUT_DIR, "gpt_%s_%s.safetensors" % (config, tag))
        write_safetensors(path, out)
        print("wrote", path, "objective", out["objective"].item(), "after sgd", objectives[-1])


if __name__ == "__main__":
    torch.set_num_threads(1)
    make("tied_value", tied=True, value_head=True, seed=1234)
    make("untied", tied=False, value_head=False, seed=5678)
