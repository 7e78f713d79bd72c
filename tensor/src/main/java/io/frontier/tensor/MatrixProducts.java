package io.frontier.tensor;

import java.util.Arrays;

/**
 * matmul with PyTorch's rules, and mm, bmm, mv, dot, outer; the backend sees (B, M, K) @ (B, K, N),
 * or (B1, B2, M, K) @ (B1, B2, K, N) when two batch dims do not merge without a copy.
 */
final class MatrixProducts {
  private MatrixProducts() {}

  private static void checkOperands(String op, Tensor a, Tensor b) {
    if (!a.device().equals(b.device())) {
      throw new IllegalArgumentException(op + ": expected both operands on the same device, got " + a.device() + " and " + b.device());
    }
    if (a.dtype() != b.dtype()) {
      throw new IllegalArgumentException(op + ": expected both operands to have the same dtype, got " + a.dtype() + " and " + b.dtype());
    }
    if (!a.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": expected floating point operands, got " + a.dtype());
    }
    if (a.dim() == 0 || b.dim() == 0) {
      throw new IllegalArgumentException(
          op + ": both arguments need at least 1 dimension, got " + a.dim() + "-d and " + b.dim() + "-d (shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape) + ")");
    }
  }

  private static void checkInner(String op, Tensor a, Tensor b, int ka, int kb) {
    if (ka != kb) {
      throw new IllegalArgumentException(
          op + ": shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape) + " do not align (" + ka + " != " + kb + ")");
    }
  }

  static Tensor matmul(Tensor a, Tensor b) {
    checkOperands("matmul", a, b);
    int da = a.dim();
    int db = b.dim();
    if (da == 1 && db == 1) {
      checkInner("matmul", a, b, a.shape[0], b.shape[0]);
      return dot(a, b);
    }
    if (da == 2 && db == 2) {
      checkInner("matmul", a, b, a.shape[1], b.shape[0]);
      return mm(a, b);
    }
    if (da == 1 && db == 2) {
      checkInner("matmul", a, b, a.shape[0], b.shape[0]);
      return mm(Views.unsqueeze(a, 0), b).squeeze(0);
    }
    if (da == 2 && db == 1) {
      checkInner("matmul", a, b, a.shape[1], b.shape[0]);
      return mv(a, b);
    }
    // batched: promote 1-D operands to matrices, broadcast the batch dims
    Tensor x = da == 1 ? Views.unsqueeze(a, 0) : a;
    Tensor y = db == 1 ? Views.unsqueeze(b, 1) : b;
    int n = x.shape[x.dim() - 2];
    int k = x.shape[x.dim() - 1];
    int k2 = y.shape[y.dim() - 2];
    int p = y.shape[y.dim() - 1];
    checkInner("matmul", a, b, k, k2);
    int[] batchA = Arrays.copyOf(x.shape, x.dim() - 2);
    int[] batchB = Arrays.copyOf(y.shape, y.dim() - 2);
    int[] batch = Shapes.broadcast("matmul", batchA, batchB);
    int[] outShape = Arrays.copyOf(batch, batch.length + 2);
    outShape[batch.length] = n;
    outShape[batch.length + 1] = p;
    Tensor result;
    if (y.dim() == 2 && x.isContiguous()) {
      // (..., n, k) @ (k, p): one big product of (batch*n, k) @ (k, p)
      result = mm(x.reshape(-1, k), y).reshape(outShape);
    } else {
      int[] xs = Arrays.copyOf(batch, batch.length + 2);
      xs[batch.length] = n;
      xs[batch.length + 1] = k;
      int[] ys = Arrays.copyOf(batch, batch.length + 2);
      ys[batch.length] = k;
      ys[batch.length + 1] = p;
      int flat = Shapes.numel(batch);
      Tensor xe = Views.expand(x, xs);
      Tensor ye = Views.expand(y, ys);
      if (batch.length == 2 && (!flattens(xe) || !flattens(ye))) {
        // Two batch dims that no single stride describes (attention heads split from one tensor, a
        // broadcast over one of them): one product over both, instead of copying them flat.
        result = matmul4Unchecked(xe, ye);
      } else {
        result = bmmUnchecked(xe.reshape(flat, n, k), ye.reshape(flat, k, p)).reshape(outShape);
      }
    }
    if (da == 1) result = result.squeeze(-2);
    if (db == 1) result = result.squeeze(-1);
    return result;
  }

  static Tensor mm(Tensor a, Tensor b) {
    checkOperands("mm", a, b);
    if (a.dim() != 2 || b.dim() != 2) {
      throw new IllegalArgumentException("mm: expected 2-D tensors, got shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape));
    }
    checkInner("mm", a, b, a.shape[1], b.shape[0]);
    return bmmUnchecked(Views.unsqueeze(a, 0), Views.unsqueeze(b, 0)).squeeze(0);
  }

  static Tensor bmm(Tensor a, Tensor b) {
    checkOperands("bmm", a, b);
    if (a.dim() != 3 || b.dim() != 3) {
      throw new IllegalArgumentException("bmm: expected 3-D tensors, got shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape));
    }
    if (a.shape[0] != b.shape[0]) {
      throw new IllegalArgumentException("bmm: batch sizes differ: " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape));
    }
    checkInner("bmm", a, b, a.shape[2], b.shape[1]);
    return bmmUnchecked(a, b);
  }

  private static Tensor bmmUnchecked(Tensor a, Tensor b) {
    Tensor out = Creation.emptyOn(a, a.dtype(), new int[] {a.shape[0], a.shape[1], b.shape[2]});
    if (out.numel() > 0) a.backend().matmul(a, b, out);
    if (Grad.shouldRecord(a, b)) Grad.record("bmm", out, new Tensor[] {a, b});
    return out;
  }

  /** Whether the two batch dims of a 4-D view merge into one without a copy. */
  private static boolean flattens(Tensor t) {
    return Shapes.viewStrides(t.shape, t.strides, new int[] {t.shape[0] * t.shape[1], t.shape[2], t.shape[3]}) != null;
  }

  private static Tensor matmul4Unchecked(Tensor a, Tensor b) {
    Tensor out = Creation.emptyOn(a, a.dtype(), new int[] {a.shape[0], a.shape[1], a.shape[2], b.shape[3]});
    if (out.numel() > 0) a.backend().matmul(a, b, out);
    if (Grad.shouldRecord(a, b)) Grad.record("matmul4", out, new Tensor[] {a, b});
    return out;
  }

  static Tensor mv(Tensor a, Tensor v) {
    checkOperands("mv", a, v);
    if (a.dim() != 2 || v.dim() != 1) {
      throw new IllegalArgumentException("mv: expected a 2-D matrix and a 1-D vector, got shapes " + Shapes.str(a.shape) + " and " + Shapes.str(v.shape));
    }
    checkInner("mv", a, v, a.shape[1], v.shape[0]);
    return mm(a, Views.unsqueeze(v, 1)).squeeze(1);
  }

  static Tensor dot(Tensor a, Tensor b) {
    checkOperands("dot", a, b);
    if (a.dim() != 1 || b.dim() != 1) {
      throw new IllegalArgumentException("dot: expected 1-D tensors, got shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape));
    }
    if (a.shape[0] != b.shape[0]) {
      throw new IllegalArgumentException("dot: inconsistent tensor size, expected tensors of equal length, got " + a.shape[0] + " and " + b.shape[0]);
    }
    return mm(Views.unsqueeze(a, 0), Views.unsqueeze(b, 1)).reshape();
  }

  static Tensor outer(Tensor a, Tensor b) {
    if (a.dim() != 1 || b.dim() != 1) {
      throw new IllegalArgumentException("outer: expected 1-D tensors, got shapes " + Shapes.str(a.shape) + " and " + Shapes.str(b.shape));
    }
    return Views.unsqueeze(a, 1).mul(Views.unsqueeze(b, 0));
  }
}
