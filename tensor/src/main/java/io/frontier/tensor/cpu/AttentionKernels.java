package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.DropoutStream;
import io.frontier.tensor.cpu.gemm.Gemm;

/**
 * Scaled dot-product attention on the CPU (see Backend#attention and Backend#attentionBackward):
 * blocks of {@value #TILE} queries of one (batch, head) pair at a time, their {@code (TILE, kEnd)}
 * scores formed by one GEMM with the keys they may see ({@code kEnd}: up to the last query's
 * {@code i + offset}), softmaxed row by row over the kept keys (the rest zeroed), and multiplied by
 * the values in a second GEMM written straight into the output rows. The backward recomputes each
 * block's probabilities from the scores and the saved log-sum-exp ({@code exp(scale q.k - lse)},
 * one pass a row), then {@code dP = g v^T},
 * {@code dS = scale P (dP - rowsum(P dP))} (the softmax backward; {@code rowsum(P dP)} equals
 * {@code g . out}), {@code dq = dS k}, and accumulates {@code dk += dS^T q}, {@code dv += P^T g}:
 * five GEMMs a block, on the operands in place through their strides (the same {@link Gemm} as
 * matmul, Vector API where available). Only a block's scores are ever stored, never the
 * {@code (Tq, Tk)} matrix; pairs run in parallel, a pair's blocks in order (they add into the same
 * key gradients), and the GEMMs themselves run in parallel when there are fewer pairs than threads.
 */
final class AttentionKernels {
  static final int TILE = 64;

  private AttentionKernels() {}

  static void forward(Tensor q, Tensor k, Tensor v, double scale, int offset, DropoutStream dropout, Tensor out, Tensor lse) {
    Shape s = new Shape(q, k);
    boolean f32 = q.dtype() == DType.FLOAT32;
    Parallel.forRange(s.pairs, 1, (p0, p1) -> {
      Scratch w = new Scratch(f32, TILE * s.tk);
      for (int pair = p0; pair < p1; pair++) {
        for (int i0 = 0; i0 < s.tq; i0 += TILE) {
          int rows = Math.min(TILE, s.tq - i0);
          int kEnd = kept(i0 + rows - 1, offset, s.tk);
          scores(s, q, k, pair, i0, rows, kEnd, w);
          for (int r = 0; r < rows; r++) {
            double rowLse = w.softmaxRow(r * kEnd, kept(i0 + r, offset, s.tk), kEnd, scale);
            w.dropRow(r * kEnd, kept(i0 + r, offset, s.tk), dropout, ((long) pair * s.tq + i0 + r) * s.tk);
            int at = lse.storageOffset() + pair * s.tq + i0 + r;
            if (f32) ((CpuStorage) lse.storage()).floats()[at] = (float) rowLse;
            else ((CpuStorage) lse.storage()).doubles()[at] = rowLse;
          }
          // out rows = P v
          gemm(f32, rows, s.d, kEnd, w.buffer(), 0, kEnd, 1, v, row(v, pair, 0), v.stride(2), 1, out, row(out, pair, i0), out.stride(2), false,
              s.innerParallel);
        }
      }
    });
  }

  static void backward(Tensor gradOut, Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, double scale, int offset,
      DropoutStream dropout, Tensor gradQ, Tensor gradK, Tensor gradV) {
    Shape s = new Shape(q, k);
    boolean f32 = q.dtype() == DType.FLOAT32;
    Parallel.forRange(s.pairs, 1, (p0, p1) -> {
      Scratch p = new Scratch(f32, TILE * s.tk);
      Scratch ds = new Scratch(f32, TILE * s.tk);
      for (int pair = p0; pair < p1; pair++) {
        zeroRows(gradK, pair, s.tk, s.d);
        zeroRows(gradV, pair, s.tk, s.d);
        for (int i0 = 0; i0 < s.tq; i0 += TILE) {
          int rows = Math.min(TILE, s.tq - i0);
          int kEnd = kept(i0 + rows - 1, offset, s.tk);
          scores(s, q, k, pair, i0, rows, kEnd, p);
          for (int r = 0; r < rows; r++) p.probabilitiesRow(r * kEnd, kept(i0 + r, offset, s.tk), kEnd, scale, lse, pair * s.tq + i0 + r);
          // dP = g v^T, then dS = scale P (dP - rowsum(P dP)) in place
          gemm(f32, rows, kEnd, s.d, gradOut, row(gradOut, pair, i0), gradOut.stride(2), 1, v, row(v, pair, 0), 1, v.stride(2), ds.buffer(), 0,
              kEnd, false, s.innerParallel);
          // with dropout the weights that reached v were P Z: dP = Z (g v^T), dS from the undropped P,
          // and dv from P Z
          for (int r = 0; r < rows; r++) {
            long first = ((long) pair * s.tq + i0 + r) * s.tk;
            int keep = kept(i0 + r, offset, s.tk);
            ds.dropRow(r * kEnd, keep, dropout, first);
            ds.softmaxBackwardRow(r * kEnd, p, kEnd, scale);
            p.dropRow(r * kEnd, keep, dropout, first);
          }
          // dq rows = dS k; dk += dS^T q; dv += P^T g
          gemm(f32, rows, s.d, kEnd, ds.buffer(), 0, kEnd, 1, k, row(k, pair, 0), k.stride(2), 1, gradQ, row(gradQ, pair, i0), gradQ.stride(2),
              false, s.innerParallel);
          gemm(f32, kEnd, s.d, rows, ds.buffer(), 0, 1, kEnd, q, row(q, pair, i0), q.stride(2), 1, gradK, row(gradK, pair, 0), gradK.stride(2),
              true, s.innerParallel);
          gemm(f32, kEnd, s.d, rows, p.buffer(), 0, 1, kEnd, gradOut, row(gradOut, pair, i0), gradOut.stride(2), 1, gradV, row(gradV, pair, 0),
              gradV.stride(2), true, s.innerParallel);
        }
      }
    });
  }

  /**
   * x[at, at + n) becomes exp(fma(x, scale, -lse)) in float32 with {@link ScalarExp}: the same
   * bits as {@link VectorAttentionF32#expShifted}, which runs this for its tail.
   */
  static void expShifted(float[] x, int at, int n, float scale, float lse) {
    for (int i = 0; i < n; i++) x[at + i] = ScalarExp.f32(Math.fma(x[at + i], scale, -lse));
  }

  /** Keys query i keeps: the first min(Tk, i + offset + 1). */
  static int kept(int i, int offset, int tk) {
    return (int) Math.min(tk, (long) i + offset + 1);
  }

  /** The block's raw scores q_i . k_j, (rows, kEnd) densely at the scratch's start. */
  private static void scores(Shape s, Tensor q, Tensor k, int pair, int i0, int rows, int kEnd, Scratch w) {
    gemm(w.f32, rows, kEnd, s.d, q, row(q, pair, i0), q.stride(2), 1, k, row(k, pair, 0), 1, k.stride(2), w.buffer(), 0, kEnd, false,
        s.innerParallel);
  }

  /** The problem's sizes, and whether the GEMMs themselves should run in parallel (fewer pairs than threads). */
  private record Shape(int pairs, int tq, int tk, int d, boolean innerParallel) {
    Shape(Tensor q, Tensor k) {
      this(q.size(0) * q.size(1), q.size(2), k.size(2), q.size(3), q.size(0) * q.size(1) < Parallel.numThreads());
    }
  }

  /** Element (pair, t, 0) of a 4-D view (N0, N1, T, D), pair = a N1 + b. */
  private static int row(Tensor t, int pair, int index) {
    int n1 = t.size(1);
    return t.storageOffset() + pair / n1 * t.stride(0) + pair % n1 * t.stride(1) + index * t.stride(2);
  }

  private static void zeroRows(Tensor t, int pair, int rows, int d) {
    for (int r = 0; r < rows; r++) {
      int at = row(t, pair, r);
      if (t.dtype() == DType.FLOAT32) java.util.Arrays.fill(((CpuStorage) t.storage()).floats(), at, at + d, 0f);
      else java.util.Arrays.fill(((CpuStorage) t.storage()).doubles(), at, at + d, 0.0);
    }
  }

  /** C = A B (or C += A B) with A and B read from tensors' storages or a scratch array, as {@link Gemm} takes them. */
  private static void gemm(boolean f32, int m, int n, int kk, Object a, int aOff, int aRow, int aCol, Object b, int bOff, int bRow, int bCol,
      Object c, int cOff, int ldc, boolean accumulate, boolean parallel) {
    if (f32) {
      Gemm.sgemm(m, n, kk, floats(a), aOff, aRow, aCol, floats(b), bOff, bRow, bCol, floats(c), cOff, ldc, accumulate, parallel);
    } else {
      Gemm.dgemm(m, n, kk, doubles(a), aOff, aRow, aCol, doubles(b), bOff, bRow, bCol, doubles(c), cOff, ldc, accumulate, parallel);
    }
  }

  private static float[] floats(Object o) {
    return o instanceof Tensor t ? ((CpuStorage) t.storage()).floats() : (float[]) o;
  }

  private static double[] doubles(Object o) {
    return o instanceof Tensor t ? ((CpuStorage) t.storage()).doubles() : (double[]) o;
  }

  /** A block's (rows, kEnd) scores or their gradients, float32 or float64, and the row operations on them. */
  private static final class Scratch {
    final boolean f32;
    final float[] f;
    final double[] dbl;
    private final boolean vector = VectorSupport.available();
    private double[] factors;

    Scratch(boolean f32, int size) {
      this.f32 = f32;
      this.f = f32 ? new float[size] : null;
      this.dbl = f32 ? null : new double[size];
    }

    Object buffer() {
      return f32 ? f : dbl;
    }

    /**
     * Row [at, at + n) of raw scores becomes softmax(scale x) over its first {@code kept} entries
     * and zeros after them; returns the log-sum-exp of the kept scaled scores, max - log(p_max)
     * (p_max = 1 / sum exp(x - max)).
     */
    double softmaxRow(int at, int kept, int n, double scale) {
      int top = 0;
      if (f32) {
        float s = (float) scale;
        for (int j = 0; j < kept; j++) {
          f[at + j] *= s;
          if (f[at + j] > f[at + top]) top = j;
        }
        float max = f[at + top];
        if (vector) VectorSoftmax.f32(f, at, f, at, kept, false);
        else SoftmaxKernels.f32(f, at, 1, f, at, 1, kept, false);
        java.util.Arrays.fill(f, at + kept, at + n, 0f);
        return max - Math.log(f[at + top]);
      }
      for (int j = 0; j < kept; j++) {
        dbl[at + j] *= scale;
        if (dbl[at + j] > dbl[at + top]) top = j;
      }
      double max = dbl[at + top];
      SoftmaxKernels.f64(dbl, at, 1, dbl, at, 1, kept, false);
      java.util.Arrays.fill(dbl, at + kept, at + n, 0.0);
      return max - Math.log(dbl[at + top]);
    }

    /**
     * Row [at, at + n) of raw scores becomes the forward's probabilities from its saved log-sum-exp:
     * {@code exp(scale x - lse)} over the first {@code kept} entries (one pass, where the softmax
     * takes three), zeros after them.
     */
    void probabilitiesRow(int at, int kept, int n, double scale, Tensor lse, int query) {
      if (f32) {
        float rowLse = ((CpuStorage) lse.storage()).floats()[lse.storageOffset() + query];
        if (vector) VectorAttentionF32.expShifted(f, at, kept, (float) scale, rowLse);
        else expShifted(f, at, kept, (float) scale, rowLse);
        java.util.Arrays.fill(f, at + kept, at + n, 0f);
        return;
      }
      double rowLse = ((CpuStorage) lse.storage()).doubles()[lse.storageOffset() + query];
      for (int j = 0; j < kept; j++) dbl[at + j] = Math.exp(scale * dbl[at + j] - rowLse);
      java.util.Arrays.fill(dbl, at + kept, at + n, 0.0);
    }

    /** Row [at, at + kept) times its dropout factors (weights first .. first + kept - 1); nothing without dropout. */
    void dropRow(int at, int kept, DropoutStream dropout, long first) {
      if (!dropout.active()) return;
      if (factors == null || factors.length < kept) factors = new double[Math.max(kept, 64)];
      dropout.factors(first, kept, f32 ? DType.FLOAT32 : DType.FLOAT64, factors);
      if (f32) {
        for (int j = 0; j < kept; j++) f[at + j] = (float) (f[at + j] * factors[j]);
      } else {
        for (int j = 0; j < kept; j++) dbl[at + j] *= factors[j];
      }
    }

    /** Row [at, at + n) of dP becomes scale P (dP - sum(P dP)), P's row at the same place in {@code p}. */
    void softmaxBackwardRow(int at, Scratch p, int n, double scale) {
      if (f32 && vector) {
        VectorSoftmaxBackwardF32.row(f, at, p.f, at, f, at, n, (float) scale);
        return;
      }
      double dot = 0;
      if (f32) {
        for (int j = 0; j < n; j++) dot += (double) f[at + j] * p.f[at + j];
        for (int j = 0; j < n; j++) f[at + j] = (float) (scale * p.f[at + j] * (f[at + j] - dot));
      } else {
        for (int j = 0; j < n; j++) dot += dbl[at + j] * p.dbl[at + j];
        for (int j = 0; j < n; j++) dbl[at + j] = scale * p.dbl[at + j] * (dbl[at + j] - dot);
      }
    }
  }
}
