package io.frontier.tensor;

import java.util.Arrays;

/**
 * Dense linear algebra with {@code torch.linalg}'s names and semantics, on batches: every function
 * accepts {@code (..., m, n)} and maps over the leading dims. Floating dtypes only; float64 is the
 * working precision of the Gaussian processes built on it.
 */
public final class LinAlg {
  private LinAlg() {}

  /** The result of {@link #slogdet}: {@code det = sign * exp(logAbsDet)}. */
  public record SignLogAbsDet(Tensor sign, Tensor logAbsDet) {}

  /**
   * The result of {@link #choleskyEx}: the lower factor, and {@code info} (INT64, the batch shape):
   * 0 where a matrix factored, else the order of its first leading minor that is not positive
   * definite (that matrix's factor is then unspecified).
   */
  public record CholeskyEx(Tensor l, Tensor info) {}

  /** The result of {@link #qr}: {@code A = Q R}. */
  public record QR(Tensor q, Tensor r) {}

  /** The result of {@link #eigh}: ascending eigenvalues and the eigenvectors as columns. */
  public record Eigh(Tensor eigenvalues, Tensor eigenvectors) {}

  /** The result of {@link #svd}: {@code A = U diag(S) Vh}. */
  public record SVD(Tensor u, Tensor s, Tensor vh) {}

  private static void requireMatrices(String op, Tensor a, boolean square) {
    if (!a.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": expected a floating point tensor, got " + a.dtype());
    }
    if (a.dim() < 2) {
      throw new IllegalArgumentException(op + ": expected a tensor with 2 or more dimensions, got shape " + Shapes.str(a.shape));
    }
    if (square && a.shape[a.dim() - 1] != a.shape[a.dim() - 2]) {
      throw new IllegalArgumentException(op + ": expected a batch of square matrices, got shape " + Shapes.str(a.shape));
    }
  }

  private static int[] batchShape(Tensor a) {
    return Arrays.copyOf(a.shape, a.dim() - 2);
  }

  /** (..., m, n) as a contiguous (B, m, n). */
  private static Tensor flat(Tensor a, int[] batch) {
    int b = Shapes.numel(batch);
    return a.contiguous().reshape(b, a.shape[a.dim() - 2], a.shape[a.dim() - 1]);
  }

  private static int[] withBatch(int[] batch, int... tail) {
    int[] out = Arrays.copyOf(batch, batch.length + tail.length);
    System.arraycopy(tail, 0, out, batch.length, tail.length);
    return out;
  }

  private static Tensor alloc(Tensor like, int... shape) {
    return Creation.emptyOn(like, like.dtype(), shape);
  }

  /** Lower Cholesky factor L of SPD matrices ({@code A = L L^T}); only the lower triangle is read. */
  public static Tensor cholesky(Tensor a) {
    return cholesky(a, false);
  }

  /** Cholesky factor: upper {@code U} with {@code A = U^T U} when {@code upper}. */
  public static Tensor cholesky(Tensor a, boolean upper) {
    requireMatrices("cholesky", a, true);
    int[] batch = batchShape(a);
    int n = a.size(-1);
    Tensor x = flat(a, batch);
    Tensor out = alloc(x, x.shape.clone());
    if (out.numel() > 0) x.backend().linalg().cholesky(x, upper, out);
    if (Grad.shouldRecord(x)) Grad.record("cholesky", out, new Tensor[] {x}, upper);
    return out.reshape(withBatch(batch, n, n));
  }

  /**
   * {@link #cholesky}'s lower factor without its check, as {@code torch.linalg.cholesky_ex}: no
   * exception for a matrix that is not positive definite, whose failing order {@code info} gives
   * instead; on a device nothing is synchronised (reading {@code info} is). Differentiable as
   * {@link #cholesky} where the factor exists.
   */
  public static CholeskyEx choleskyEx(Tensor a) {
    requireMatrices("choleskyEx", a, true);
    int[] batch = batchShape(a);
    int n = a.size(-1);
    Tensor x = flat(a, batch);
    Tensor out = alloc(x, x.shape.clone());
    Tensor info = Creation.emptyOn(x, DType.INT64, new int[] {x.size(0)});
    if (out.numel() > 0) x.backend().linalg().choleskyEx(x, out, info);
    else if (info.numel() > 0) info.fill_(0.0);
    if (Grad.shouldRecord(x)) Grad.record("cholesky", out, new Tensor[] {x}, false);
    return new CholeskyEx(out.reshape(withBatch(batch, n, n)), info.reshape(batch));
  }

  /**
   * Solves {@code A X = B} ({@code left}) or {@code X A = B} for triangular A, as
   * {@code torch.linalg.solve_triangular}; batch dims broadcast.
   */
  public static Tensor solveTriangular(Tensor a, Tensor b, boolean upper, boolean left, boolean unitriangular) {
    requireMatrices("solveTriangular", a, true);
    requireMatrices("solveTriangular", b, false);
    checkSameType("solveTriangular", a, b);
    int n = a.size(-1);
    int inner = left ? b.size(-2) : b.size(-1);
    if (inner != n) {
      throw new IllegalArgumentException(
          "solveTriangular: A " + Shapes.str(a.shape) + " and B " + Shapes.str(b.shape) + " do not align for a " + (left ? "left" : "right") + " solve (" + n + " != " + inner + ")");
    }
    Tensor[] ab = broadcastBatch("solveTriangular", a, b);
    int[] batch = batchShape(ab[1]);
    Tensor af = flat(ab[0], batch);
    Tensor bf = flat(ab[1], batch);
    Tensor out = alloc(bf, bf.shape.clone());
    if (out.numel() > 0) af.backend().linalg().solveTriangular(af, bf, upper, left, unitriangular, out);
    if (Grad.shouldRecord(af, bf)) Grad.record("solveTriangular", out, new Tensor[] {af, bf}, upper, left, unitriangular);
    return out.reshape(ab[1].shape);
  }

  /** Solves {@code A X = B} for square, non-singular A; B may be (..., n) or (..., n, k). */
  public static Tensor solve(Tensor a, Tensor b) {
    requireMatrices("solve", a, true);
    checkSameType("solve", a, b);
    if (b.dim() < 1) {
      throw new IllegalArgumentException("solve: expected B to be a vector or a batch of matrices, got a 0-d tensor");
    }
    int n = a.size(-1);
    boolean vector = b.dim() == 1 || (b.dim() == a.dim() - 1 && Arrays.equals(Arrays.copyOf(b.shape, b.dim()), Arrays.copyOf(a.shape, a.dim() - 1)));
    Tensor bm = vector ? b.unsqueeze(-1) : b;
    if (bm.size(-2) != n) {
      throw new IllegalArgumentException("solve: A " + Shapes.str(a.shape) + " and B " + Shapes.str(b.shape) + " do not align (" + n + " != " + bm.size(-2) + ")");
    }
    Tensor[] ab = broadcastBatch("solve", a, bm);
    int[] batch = batchShape(ab[1]);
    Tensor af = flat(ab[0], batch);
    Tensor bf = flat(ab[1], batch);
    Tensor out = alloc(bf, bf.shape.clone());
    if (out.numel() > 0) af.backend().linalg().solve(af, bf, out);
    if (Grad.shouldRecord(af, bf)) Grad.record("solve", out, new Tensor[] {af, bf});
    Tensor x = out.reshape(ab[1].shape);
    return vector ? x.squeeze(-1) : x;
  }

  /**
   * Solves {@code A X = B} given the Cholesky factor of A, as {@code torch.cholesky_solve}: the lower
   * {@code L} with {@code A = L L^T}, or the upper {@code U} with {@code A = U^T U} when {@code upper}.
   */
  public static Tensor choleskySolve(Tensor b, Tensor factor, boolean upper) {
    // Both cases are L L^T with L = U^T for an upper factor: forward with L, then back with L^T.
    Tensor lower = upper ? factor.mT() : factor;
    Tensor y = solveTriangular(lower, b, false, true, false);
    return solveTriangular(lower.mT(), y, true, true, false);
  }

  /**
   * The inverse of {@code A} from its Cholesky factor, as {@code torch.cholesky_inverse}: {@code (L Lᵀ)⁻¹}
   * for the lower {@code L}, or {@code (Uᵀ U)⁻¹} for the upper {@code U} when {@code upper}. On the CPU
   * it costs a third of {@code choleskySolve(I, factor)}. Not differentiable yet.
   */
  public static Tensor choleskyInverse(Tensor factor, boolean upper) {
    requireMatrices("choleskyInverse", factor, true);
    requireNoGrad("choleskyInverse", factor);
    int[] batch = batchShape(factor);
    int n = factor.size(-1);
    Tensor lower = flat(upper ? factor.mT() : factor, batch);
    Tensor out = alloc(lower, lower.shape.clone());
    if (out.numel() > 0) lower.backend().linalg().choleskyInverse(lower, out);
    return out.reshape(withBatch(batch, n, n));
  }

  /** Inverse of square, non-singular matrices. */
  public static Tensor inv(Tensor a) {
    requireMatrices("inv", a, true);
    int[] batch = batchShape(a);
    Tensor x = flat(a, batch);
    Tensor out = alloc(x, x.shape.clone());
    if (out.numel() > 0) x.backend().linalg().inverse(x, out);
    if (Grad.shouldRecord(x)) Grad.record("inv", out, new Tensor[] {x});
    return out.reshape(a.shape);
  }

  /** Sign and natural log of the absolute determinant; a singular matrix gives (0, -inf). */
  public static SignLogAbsDet slogdet(Tensor a) {
    requireMatrices("slogdet", a, true);
    int[] batch = batchShape(a);
    Tensor x = flat(a, batch);
    int bsz = x.size(0);
    Tensor sign = alloc(x, bsz, 1, 1);
    Tensor logAbs = alloc(x, bsz, 1, 1);
    if (bsz > 0) x.backend().linalg().slogdet(x, sign, logAbs);
    // The sign is piecewise constant: only log|det| is differentiable.
    if (Grad.shouldRecord(x)) Grad.record("slogdet", logAbs, new Tensor[] {x});
    return new SignLogAbsDet(sign.reshape(batch), logAbs.reshape(batch));
  }

  /** log(det A): NaN for a negative determinant and -inf for a singular matrix, as {@code torch.logdet}. */
  public static Tensor logdet(Tensor a) {
    SignLogAbsDet s = slogdet(a);
    Tensor nan = Creation.full(Shapes.SCALAR, Double.NaN, a.dtype(), a.device());
    return Elementwise.where(s.sign().lt(0.0), nan, s.logAbsDet());
  }

  /** The determinant. */
  public static Tensor det(Tensor a) {
    SignLogAbsDet s = slogdet(a);
    return s.sign().mul(s.logAbsDet().exp());
  }

  /** Reduced QR: Q (..., m, k) with orthonormal columns and upper-triangular R (..., k, n), k = min(m, n). */
  public static QR qr(Tensor a) {
    requireMatrices("qr", a, false);
    requireNoGrad("qr", a);
    int[] batch = batchShape(a);
    Tensor x = flat(a, batch);
    int m = a.size(-2);
    int n = a.size(-1);
    int k = Math.min(m, n);
    Tensor q = alloc(x, x.size(0), m, k);
    Tensor r = alloc(x, x.size(0), k, n);
    if (x.numel() > 0) x.backend().linalg().qr(x, q, r);
    return new QR(q.reshape(withBatch(batch, m, k)), r.reshape(withBatch(batch, k, n)));
  }

  /** Eigen-decomposition of symmetric matrices (the lower triangle is read). */
  public static Eigh eigh(Tensor a) {
    requireMatrices("eigh", a, true);
    requireNoGrad("eigh", a);
    int[] batch = batchShape(a);
    Tensor x = flat(a, batch);
    int n = a.size(-1);
    Tensor w = alloc(x, x.size(0), 1, n);
    Tensor v = alloc(x, x.size(0), n, n);
    if (x.numel() > 0) x.backend().linalg().eigh(x, w, v);
    return new Eigh(w.reshape(withBatch(batch, n)), v.reshape(withBatch(batch, n, n)));
  }

  /** Reduced singular value decomposition with descending singular values. */
  public static SVD svd(Tensor a) {
    requireMatrices("svd", a, false);
    requireNoGrad("svd", a);
    int[] batch = batchShape(a);
    Tensor x = flat(a, batch);
    int m = a.size(-2);
    int n = a.size(-1);
    int k = Math.min(m, n);
    Tensor u = alloc(x, x.size(0), m, k);
    Tensor s = alloc(x, x.size(0), 1, k);
    Tensor vh = alloc(x, x.size(0), k, n);
    if (x.numel() > 0) x.backend().linalg().svd(x, u, s, vh);
    return new SVD(u.reshape(withBatch(batch, m, k)), s.reshape(withBatch(batch, k)), vh.reshape(withBatch(batch, k, n)));
  }

  /** Ops without a registered derivative refuse inputs that require grad rather than silently drop it. */
  private static void requireNoGrad(String op, Tensor a) {
    if (Grad.shouldRecord(a)) {
      throw new UnsupportedOperationException(op + ": gradients are not supported yet (the input requires grad); call it inside "
          + "Grad.noGrad() or on a detached input");
    }
  }

  private static void checkSameType(String op, Tensor a, Tensor b) {
    if (a.dtype() != b.dtype()) {
      throw new IllegalArgumentException(op + ": expected A and B of the same dtype, got " + a.dtype() + " and " + b.dtype());
    }
    if (!a.device().equals(b.device())) {
      throw new IllegalArgumentException(op + ": expected A and B on the same device, got " + a.device() + " and " + b.device());
    }
  }

  /** Expands the batch dims of A and B to their broadcast shape. */
  private static Tensor[] broadcastBatch(String op, Tensor a, Tensor b) {
    int[] batch = Shapes.broadcast(op, batchShape(a), batchShape(b));
    Tensor ea = Views.expand(a, withBatch(batch, a.size(-2), a.size(-1)));
    Tensor eb = Views.expand(b, withBatch(batch, b.size(-2), b.size(-1)));
    return new Tensor[] {ea, eb};
  }
}
