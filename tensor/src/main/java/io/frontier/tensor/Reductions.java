package io.frontier.tensor;

import io.frontier.tensor.backend.IndexReduceOp;
import io.frontier.tensor.backend.ReduceOp;
import io.frontier.tensor.backend.ScanOp;

/** The frontend of reductions, scans and softmax: dims, keepdim, dtypes and compositions. */
final class Reductions {
  private Reductions() {}

  /** Runs a backend reduction and returns the result with the reduced dims kept (size 1). */
  private static Tensor reduceKeep(String name, ReduceOp op, Tensor x, int[] dims, DType inType, DType outType, boolean allowEmpty) {
    int[] d = Shapes.wrapDims(name, dims, x.dim());
    int[] kept = x.shape.clone();
    for (int i : d) {
      if (!allowEmpty && kept[i] == 0) {
        throw new IllegalArgumentException(name + ": expected reduction dim " + i + " to have non-zero size (shape " + Shapes.str(x.shape) + ")");
      }
      kept[i] = 1;
    }
    Tensor src = x.to(inType);
    Tensor out = Creation.emptyOn(src, outType, kept);
    if (out.numel() > 0) src.backend().reduce(op, src, d, out);
    if (outType.isFloatingPoint() && Grad.shouldRecord(src)) Grad.record("reduce", out, new Tensor[] {src}, op, d);
    return out;
  }

  /** Removes the reduced dims unless keepdim. */
  private static Tensor finish(Tensor kept, int[] dims, int ndim, boolean keepdim) {
    if (keepdim) return kept;
    int[] d = Shapes.wrapDims("reduce", dims, ndim);
    int[] shape = new int[ndim - d.length];
    for (int i = 0, j = 0, k = 0; i < ndim; i++) {
      if (k < d.length && d[k] == i) {
        k++;
      } else {
        shape[j++] = kept.shape[i];
      }
    }
    return Views.view(kept, shape);
  }

  private static DType accumulateType(DType in) {
    return in.isFloatingPoint() ? in : DType.INT64;
  }

  static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
    DType t = accumulateType(x.dtype());
    return finish(reduceKeep("sum", ReduceOp.SUM, x, dims, t, t, true), dims, x.dim(), keepdim);
  }

  static Tensor prod(Tensor x, int[] dims, boolean keepdim) {
    DType t = accumulateType(x.dtype());
    return finish(reduceKeep("prod", ReduceOp.PROD, x, dims, t, t, true), dims, x.dim(), keepdim);
  }

  static Tensor amax(Tensor x, int[] dims, boolean keepdim) {
    return finish(reduceKeep("amax", ReduceOp.MAX, x, dims, x.dtype(), x.dtype(), false), dims, x.dim(), keepdim);
  }

  static Tensor amin(Tensor x, int[] dims, boolean keepdim) {
    return finish(reduceKeep("amin", ReduceOp.MIN, x, dims, x.dtype(), x.dtype(), false), dims, x.dim(), keepdim);
  }

  static Tensor any(Tensor x, int[] dims, boolean keepdim) {
    return finish(reduceKeep("any", ReduceOp.ANY, x, dims, DType.BOOL, DType.BOOL, true), dims, x.dim(), keepdim);
  }

  static Tensor all(Tensor x, int[] dims, boolean keepdim) {
    return finish(reduceKeep("all", ReduceOp.ALL, x, dims, DType.BOOL, DType.BOOL, true), dims, x.dim(), keepdim);
  }

  private static void requireFloating(String op, Tensor x) {
    if (!x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          op + ": could not infer output dtype. Input dtype must be a floating point dtype, got " + x.dtype());
    }
  }

  private static long reducedCount(Tensor x, int[] dims) {
    long n = 1;
    for (int d : Shapes.wrapDims("reduce", dims, x.dim())) n *= x.shape[d];
    return n;
  }

  static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
    requireFloating("mean", x);
    Tensor s = reduceKeep("mean", ReduceOp.SUM, x, dims, x.dtype(), x.dtype(), true);
    return finish(s.div(Tensor.scalar(reducedCount(x, dims), x.dtype())), dims, x.dim(), keepdim);
  }

  /** Two-pass variance: mean first, then the sum of squared deviations (no cancellation). */
  static Tensor var(Tensor x, int[] dims, double correction, boolean keepdim) {
    requireFloating("var", x);
    if (correction < 0) throw new IllegalArgumentException("var: correction must be non-negative, got " + correction);
    long n = reducedCount(x, dims);
    Tensor mean = reduceKeep("var", ReduceOp.SUM, x, dims, x.dtype(), x.dtype(), true).div(Tensor.scalar(n, x.dtype()));
    Tensor dev = x.sub(mean).square();
    Tensor ss = reduceKeep("var", ReduceOp.SUM, dev, dims, x.dtype(), x.dtype(), true);
    double dof = Math.max(0.0, n - correction);
    return finish(ss.div(Tensor.scalar(dof, x.dtype())), dims, x.dim(), keepdim);
  }

  static ValuesIndices maxWithIndices(Tensor x, int dim, boolean keepdim) {
    return withIndices("max", IndexReduceOp.MAX, x, dim, keepdim);
  }

  static ValuesIndices minWithIndices(Tensor x, int dim, boolean keepdim) {
    return withIndices("min", IndexReduceOp.MIN, x, dim, keepdim);
  }

  private static ValuesIndices withIndices(String name, IndexReduceOp op, Tensor x, int dim, boolean keepdim) {
    if (x.dim() == 0) {
      Shapes.wrapDim(name, dim, 0);
      return new ValuesIndices(x.clone(), Tensor.zeros(DType.INT64, x.device()));
    }
    int d = Shapes.wrapDim(name, dim, x.dim());
    if (x.shape[d] == 0) {
      throw new IllegalArgumentException(name + ": expected reduction dim " + d + " to have non-zero size (shape " + Shapes.str(x.shape) + ")");
    }
    int[] kept = x.shape.clone();
    kept[d] = 1;
    Tensor values = Creation.emptyOn(x, x.dtype(), kept);
    Tensor indices = Creation.emptyOn(x, DType.INT64, kept.clone());
    if (values.numel() > 0) x.backend().reduceWithIndex(op, x, d, values, indices);
    if (x.dtype().isFloatingPoint() && Grad.shouldRecord(x)) Grad.record("indexReduce", values, new Tensor[] {x}, d, indices);
    if (keepdim) return new ValuesIndices(values, indices);
    return new ValuesIndices(Views.squeeze(values, d), Views.squeeze(indices, d));
  }

  /** log(sum(exp(x))) = m + log(sum(exp(x - m))) with m the max, taken as 0 where it is infinite. */
  static Tensor logsumexp(Tensor x, int[] dims, boolean keepdim) {
    Tensor xf = x.dtype().isFloatingPoint() ? x : x.to(DType.defaultFloat());
    if (xf.numel() == 0) {
      Tensor s = reduceKeep("logsumexp", ReduceOp.SUM, xf.exp(), dims, xf.dtype(), xf.dtype(), true).log();
      return finish(s, dims, x.dim(), keepdim);
    }
    Tensor m = reduceKeep("logsumexp", ReduceOp.MAX, xf, dims, xf.dtype(), xf.dtype(), false);
    Tensor shift = m.maskedFill(m.isinf(), 0.0);
    Tensor s = reduceKeep("logsumexp", ReduceOp.SUM, xf.sub(shift).exp(), dims, xf.dtype(), xf.dtype(), true);
    return finish(s.log().add(shift), dims, x.dim(), keepdim);
  }

  static Tensor norm(Tensor x, double p, int[] dims, boolean keepdim) {
    requireFloating("norm", x);
    if (Double.isNaN(p)) throw new IllegalArgumentException("norm: p must not be NaN");
    if (p == Double.POSITIVE_INFINITY) return amax(x.abs(), dims, keepdim);
    if (p == Double.NEGATIVE_INFINITY) return amin(x.abs(), dims, keepdim);
    if (p == 0) return sum(x.ne(0.0).to(x.dtype()), dims, keepdim);
    if (p == 1) return sum(x.abs(), dims, keepdim);
    if (p == 2) return sum(x.square(), dims, keepdim).sqrt();
    if (p < 0) throw new IllegalArgumentException("norm: p must be positive, 0 or +-infinity, got " + p);
    return sum(x.abs().pow(p), dims, keepdim).pow(1.0 / p);
  }

  static Tensor cumsum(Tensor x, int dim) {
    return scan("cumsum", ScanOp.CUMSUM, x, dim);
  }

  static Tensor cumprod(Tensor x, int dim) {
    return scan("cumprod", ScanOp.CUMPROD, x, dim);
  }

  private static Tensor scan(String name, ScanOp op, Tensor x, int dim) {
    int d = Shapes.wrapDim(name, dim, x.dim());
    DType t = accumulateType(x.dtype());
    Tensor src = x.to(t);
    if (x.dim() == 0) return src == x ? x.clone() : src;
    Tensor out = Creation.emptyOn(src, t, x.shape.clone());
    if (out.numel() > 0) src.backend().scan(op, src, d, out);
    if (t.isFloatingPoint() && Grad.shouldRecord(src)) Grad.record("scan", out, new Tensor[] {src}, op, d);
    return out;
  }

  static Tensor softmax(Tensor x, int dim, boolean log) {
    String name = log ? "logSoftmax" : "softmax";
    if (!x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(name + ": expected a floating point tensor, got " + x.dtype());
    }
    int d = Shapes.wrapDim(name, dim, x.dim());
    if (x.dim() == 0) return softmax(x.reshape(1), 0, log).reshape();
    Tensor out = Creation.emptyOn(x, x.dtype(), x.shape.clone());
    if (out.numel() > 0) x.backend().softmax(x, d, log, out);
    if (Grad.shouldRecord(x)) Grad.record("softmax", out, new Tensor[] {x}, d, log);
    return out;
  }
}
