package io.frontier.tensor;

import io.frontier.tensor.backend.DropoutStream;
import java.util.Arrays;

/**
 * Scaled dot-product attention in one backend call each way ({@code
 * torch.nn.functional.scaled_dot_product_attention} without dropout): for q {@code (..., Tq, D)},
 * k and v {@code (..., Tk, D)}, {@code out_i = sum_j softmax_j(scale q_i . k_j) v_j} over the keys
 * query i keeps, with the log-sum-exp of each query's scaled scores saved for the backward. The
 * {@code (Tq, Tk)} probabilities are never stored: the backward recomputes them from q, k and the
 * log-sum-exp (FlashAttention, Dao et al. 2022). Query i keeps keys {@code j <= i + offset}; an
 * offset of at least {@code Tk - 1} keeps every key (no mask).
 *
 * <p>The backend sees 4-D views {@code (N0, N1, T, D)} with a unit last stride and any other
 * strides: leading dims are folded into two without copying where their strides allow (attention
 * heads cut from a fused qkv projection, {@code (B, T, 3, H, D)} permuted to {@code (B, H, T, D)},
 * fold as they are), otherwise the tensor is copied dense first. Outputs and gradients are laid out
 * in their input's dim order ({@code torch.empty_like}'s preserved format): for such heads, out is
 * stored {@code (B, T, H, D)}, so merging the heads back is a view and not a copy.
 */
final class AttentionOp {
  private AttentionOp() {}

  static Fused.Attention forward(Tensor q, Tensor k, Tensor v, double scale, int offset, String op) {
    return forward(q, k, v, scale, offset, 0, null, op);
  }

  /**
   * With {@code dropout > 0}, the weights reaching v are dropped with that probability and the rest
   * scaled by {@code 1 / (1 - p)}, the mask drawn from {@code generator} as {@code
   * Tensor.rand(generator, dtype, (..., Tq, Tk)).ge(p)} would draw it (the same blocks reserved).
   */
  static Fused.Attention forward(Tensor q, Tensor k, Tensor v, double scale, int offset, double dropout, Generator generator, String op) {
    checkInputs(op, q, k, v, scale, offset);
    if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException(op + ": dropout must be in [0, 1), got " + dropout);
    if (dropout > 0 && generator == null) throw new IllegalArgumentException(op + ": dropout " + dropout + " needs a generator");
    // clamped to Tk: any offset past Tk - 1 keeps every key all the same
    int maskOffset = (int) Math.min(offset, k.size(-2));
    Tensor out = emptyInOrderOf(q, q.shape);
    Tensor lse = Creation.emptyOn(q, q.dtype(), Arrays.copyOf(q.shape, q.dim() - 1));
    DropoutStream stream = DropoutStream.NONE;
    if (dropout > 0) {
      long weights = (long) lse.numel() * k.size(-2);
      Generator.State at = generator.reserve(DropoutStream.blocks(weights, q.dtype()));
      stream = new DropoutStream(dropout, at.seed(), at.offset());
    }
    if (out.numel() > 0) {
      Tensor q4 = fold(q);
      q.backend().attention(q4, fold(k), fold(v), scale, maskOffset, stream, foldOutput(out), perQuery(lse, q4));
    }
    if (Grad.shouldRecord(q, k, v)) Grad.record("attention", out, new Tensor[] {q, k, v}, scale, maskOffset, lse, stream);
    return new Fused.Attention(out, lse, stream);
  }

  static Fused.AttentionGrads backward(Tensor gradOut, Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, double scale, int offset,
      DropoutStream dropout) {
    String op = "attentionBackward";
    if (dropout == null) throw new IllegalArgumentException(op + ": dropout is null (DropoutStream.NONE for none)");
    checkInputs(op, q, k, v, scale, offset);
    checkShape(op, "gradOut", gradOut, q.shape, q);
    checkShape(op, "out", out, q.shape, q);
    checkShape(op, "logSumExp", lse, Arrays.copyOf(q.shape, q.dim() - 1), q);
    int maskOffset = (int) Math.min(offset, k.size(-2));
    Tensor[] packed = packedGradients(q, k, v);
    Tensor gq = packed != null ? packed[0] : emptyInOrderOf(q, q.shape);
    Tensor gk = packed != null ? packed[1] : emptyInOrderOf(k, k.shape);
    Tensor gv = packed != null ? packed[2] : emptyInOrderOf(v, v.shape);
    if (gq.numel() > 0 && gk.numel() > 0) {
      Tensor q4 = fold(q);
      q.backend().attentionBackward(fold(gradOut), q4, fold(k), fold(v), fold(out), perQuery(dense(lse), q4), scale, maskOffset, dropout, foldOutput(gq),
          foldOutput(gk), foldOutput(gv));
    } else {
      // no queries: nothing reaches the keys; gq is empty either way
      if (gk.numel() > 0) k.backend().fill(gk, 0.0);
      if (gv.numel() > 0) v.backend().fill(gv, 0.0);
    }
    return new Fused.AttentionGrads(gq, gk, gv);
  }

  private static void checkInputs(String op, Tensor q, Tensor k, Tensor v, double scale, int offset) {
    if (q == null || k == null || v == null) throw new IllegalArgumentException(op + ": " + (q == null ? "q" : k == null ? "k" : "v") + " is null");
    if (!q.dtype().isFloatingPoint()) throw new IllegalArgumentException(op + ": expected float32 or float64 q, k and v, got " + q.dtype());
    if (q.dim() < 2) throw new IllegalArgumentException(op + ": expected q of at least 2 dims (..., Tq, D), got shape " + Shapes.str(q.shape));
    if (k.dim() != q.dim() || v.dim() != q.dim()) {
      throw new IllegalArgumentException(op + ": q, k and v must have as many dims, got shapes " + Shapes.str(q.shape) + ", " + Shapes.str(k.shape)
          + " and " + Shapes.str(v.shape));
    }
    int n = q.dim();
    int[] kvShape = k.shape.clone();
    for (int d = 0; d < n - 2; d++) {
      if (k.shape[d] != q.shape[d] || v.shape[d] != q.shape[d]) {
        throw new IllegalArgumentException(op + ": q, k and v must share their leading (batch, head) dims, got shapes " + Shapes.str(q.shape)
            + ", " + Shapes.str(k.shape) + " and " + Shapes.str(v.shape));
      }
    }
    if (k.shape[n - 1] != q.shape[n - 1]) {
      throw new IllegalArgumentException(op + ": k has shape " + Shapes.str(k.shape) + ", expected the head dim " + q.shape[n - 1] + " of q "
          + Shapes.str(q.shape));
    }
    checkShape(op, "v", v, kvShape, q);
    checkLike(op, "k", k, q);
    if (q.shape[n - 1] == 0) throw new IllegalArgumentException(op + ": the head dim D must be at least 1, got shape " + Shapes.str(q.shape));
    if (q.shape[n - 2] > 0 && k.shape[n - 2] == 0) {
      throw new IllegalArgumentException(op + ": " + q.shape[n - 2] + " queries and no keys (k has shape " + Shapes.str(k.shape) + ")");
    }
    if (offset < 0) throw new IllegalArgumentException(op + ": offset must be >= 0 (every query keeps a key), got " + offset);
    if (!Double.isFinite(scale)) throw new IllegalArgumentException(op + ": scale must be finite, got " + scale);
  }

  private static void checkShape(String op, String name, Tensor t, int[] shape, Tensor q) {
    if (t == null) throw new IllegalArgumentException(op + ": " + name + " is null");
    if (!Arrays.equals(t.shape, shape)) {
      throw new IllegalArgumentException(op + ": " + name + " has shape " + Shapes.str(t.shape) + ", expected " + Shapes.str(shape));
    }
    checkLike(op, name, t, q);
  }

  private static void checkLike(String op, String name, Tensor t, Tensor q) {
    if (t.dtype() != q.dtype()) throw new IllegalArgumentException(op + ": " + name + " is " + t.dtype() + ", expected " + q.dtype() + " as q");
    if (!t.device().equals(q.device())) {
      throw new IllegalArgumentException(op + ": expected all tensors on " + q.device() + ", " + name + " is on " + t.device());
    }
  }

  /**
   * An uninitialised dense tensor of {@code shape} whose dims are laid out in the order of
   * {@code like}'s strides (largest outermost; ties keep dim order), as {@code torch.empty_like},
   * where that order folds for the kernels; contiguous otherwise.
   */
  static Tensor emptyInOrderOf(Tensor like, int[] shape) {
    int n = shape.length;
    Integer[] order = new Integer[n];
    for (int d = 0; d < n; d++) order[d] = d;
    // stable: equal strides (size-1 dims among them) keep their logical order
    Arrays.sort(order, (a, b) -> Integer.compare(like.strides[b], like.strides[a]));
    int[] strides = new int[n];
    int step = 1;
    for (int i = n - 1; i >= 0; i--) {
      strides[order[i]] = step;
      step *= Math.max(1, shape[order[i]]);
    }
    // the kernels need a unit last stride and leading dims that fold into two without a copy
    // (foldView); a layout without them is stored contiguous instead
    Storage storage = like.backend().allocateUninitialized(like.dtype(), Shapes.numel(shape), like.device());
    Tensor ordered = new Tensor(storage, shape.clone(), strides, 0);
    if (foldView(ordered) != null) return ordered;
    return new Tensor(storage, shape.clone(), Shapes.contiguousStrides(shape), 0);
  }

  /**
   * Gradients of q, k and v in one new buffer, each laid out as its input lies in theirs, where q, k
   * and v are equally strided parts of one dense block at equal steps (the heads cut from a fused
   * qkv projection, {@code (B, T, 3, H, D)}); null otherwise. Autograd's split backward then finds
   * the qkv gradient already assembled and takes it without a copy.
   */
  private static Tensor[] packedGradients(Tensor q, Tensor k, Tensor v) {
    if (q.storage != k.storage || q.storage != v.storage || q.numel() == 0 || 3L * q.numel() > Integer.MAX_VALUE) return null;
    if (!Arrays.equals(k.shape, q.shape) || !Arrays.equals(v.shape, q.shape)) return null;
    if (!Arrays.equals(k.strides, q.strides) || !Arrays.equals(v.strides, q.strides)) return null;
    int step = k.offset - q.offset;
    if (step <= 0 || v.offset - k.offset != step || foldView(q) == null) return null;
    int n = q.dim();
    int[] shape = Arrays.copyOf(q.shape, n + 1);
    int[] strides = Arrays.copyOf(q.strides, n + 1);
    shape[n] = 3;
    strides[n] = step;
    // dense: the three parts tile [q.offset, q.offset + 3 numel) exactly, so the buffer has no gaps
    if (!Views.isNonOverlapping(shape, strides) || maxOffset(shape, strides) != 3L * q.numel() - 1) return null;
    Storage storage = q.backend().allocateUninitialized(q.dtype(), 3 * q.numel(), q.device());
    Tensor[] grads = new Tensor[3];
    for (int i = 0; i < 3; i++) grads[i] = new Tensor(storage, q.shape.clone(), q.strides.clone(), i * step);
    return grads;
  }

  private static long maxOffset(int[] shape, int[] strides) {
    long max = 0;
    for (int d = 0; d < shape.length; d++) max += (long) strides[d] * (shape[d] - 1);
    return max;
  }

  /**
   * The unrecorded 4-D view {@code (N0, N1, T, D)} of an input {@code (..., T, D)}: {@link #foldView},
   * or that of a dense copy where the layout does not fold.
   */
  static Tensor fold(Tensor t) {
    Tensor v = foldView(t);
    return v != null ? v : foldView(dense(t));
  }

  /** The 4-D view of an output, which {@link #emptyInOrderOf} laid out so that it folds. */
  private static Tensor foldOutput(Tensor t) {
    Tensor v = foldView(t);
    if (v == null) throw new IllegalStateException("attention: an output of strides " + Shapes.str(t.strides) + " does not fold");
    return v;
  }

  /**
   * The 4-D view {@code (N0, N1, T, D)} of {@code (..., T, D)} over the same storage, or null where
   * the last stride is not 1 or the leading dims do not fold into two (all but the last of them must
   * step over the next one's whole extent; size-1 dims are skipped).
   */
  static Tensor foldView(Tensor t) {
    int n = t.dim();
    if (t.numel() > 0 && t.shape[n - 1] > 1 && t.strides[n - 1] != 1) return null;
    int lead = n - 2;
    int n1 = lead >= 1 ? t.shape[lead - 1] : 1;
    int s1 = lead >= 1 ? t.strides[lead - 1] : 0;
    int n0 = 1;
    int s0 = 0;
    int inner = -1;
    for (int d = lead - 2; d >= 0; d--) {
      if (t.shape[d] == 1) continue;
      if (inner >= 0 && t.strides[d] != t.strides[inner] * t.shape[inner]) return null;
      if (inner < 0) s0 = t.strides[d];
      n0 *= t.shape[d];
      inner = d;
    }
    int[] shape = {n0, n1, t.shape[n - 2], t.shape[n - 1]};
    int[] strides = {s0, s1, t.strides[n - 2], t.strides[n - 1]};
    return new Tensor(t.storage, shape, strides, t.offset);
  }

  /** A dense per-query tensor {@code (..., Tq)} as the backend's {@code (N0, N1, Tq)}. */
  private static Tensor perQuery(Tensor lse, Tensor q4) {
    int[] shape = {q4.shape[0], q4.shape[1], q4.shape[2]};
    return new Tensor(lse.storage, shape, Shapes.contiguousStrides(shape), lse.offset);
  }

  /** A dense, unrecorded copy (on t's device). */
  private static Tensor dense(Tensor t) {
    if (t.isContiguous()) return t;
    Tensor c = Creation.emptyOn(t, t.dtype(), t.shape);
    t.backend().copy(t, c);
    return c;
  }
}
