package io.frontier.optim;

import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * torch.optim.LBFGS with {@code line_search_fn="strong_wolfe"} over tensors: {@link #step} takes a
 * closure that clears the gradients, recomputes the loss, calls {@code backward()} and returns the
 * loss, and runs up to {@code maxIter} L-BFGS iterations, calling it as often as the line search
 * needs. The algorithm works on a flat float64 copy of all the parameters (concatenated in order,
 * each flattened row-major); the parameters are written back (cast to their dtype, on their device)
 * before each closure call. A parameter without a gradient after the closure counts as a zero
 * gradient, as in PyTorch.
 *
 * <p>Like PyTorch's, this optimizer has a single parameter group and keeps its history between
 * {@code step} calls. It does not extend {@link Optimizer}: that base is for per-parameter
 * first-order updates, while L-BFGS's state is one global history.
 */
public final class LBFGS {
  private final List<Tensor> params;
  private final LbfgsOptions options;
  private final LbfgsEngine engine = new LbfgsEngine();
  private final int numel;
  private LbfgsEngine.Outcome last;

  public LBFGS(List<Tensor> params, LbfgsOptions options) {
    if (params.isEmpty()) throw new IllegalArgumentException("LBFGS needs at least one parameter");
    for (Tensor p : params) {
      if (!p.isLeaf() || !p.requiresGrad()) throw new IllegalArgumentException("optimizer parameters must be leaves that require grad");
      if (!p.dtype().isFloatingPoint()) throw new IllegalArgumentException("LBFGS parameters must be floating point, got " + p.dtype());
    }
    this.params = List.copyOf(params);
    this.options = options;
    int n = 0;
    for (Tensor p : params) n += p.numel();
    this.numel = n;
  }

  /** Runs one PyTorch-style step (up to {@code maxIter} iterations); returns the loss at entry. */
  public double step(Supplier<Tensor> closure) {
    double[] x = gatherParams();
    last = engine.run((xt, gOut) -> {
      setParams(xt);
      double loss;
      try (Grad.Scope s = Grad.enableGrad()) {
        loss = closure.get().item();
      }
      gatherGrads(gOut);
      return loss;
    }, x, options);
    setParams(x);
    return last.initialLoss();
  }

  /** The loss at the parameters that the last {@link #step} left, from its final evaluation. */
  public double lastLoss() {
    return last.loss();
  }

  /** Why the last {@link #step} stopped. */
  public ConvergenceReason lastReason() {
    return last.reason();
  }

  /** Iterations over all steps (PyTorch's {@code state["n_iter"]}). */
  public long iterations() {
    return engine.totalIterations();
  }

  /** Closure calls over all steps (PyTorch's {@code state["func_evals"]}). */
  public long evaluations() {
    return engine.totalEvaluations();
  }

  public List<Tensor> params() {
    return params;
  }

  public LbfgsOptions options() {
    return options;
  }

  public void zeroGrad() {
    for (Tensor p : params) p.setGrad(null);
  }

  private double[] gatherParams() {
    double[] x = new double[numel];
    int off = 0;
    for (Tensor p : params) {
      double[] v = p.toDoubleArray();
      System.arraycopy(v, 0, x, off, v.length);
      off += v.length;
    }
    return x;
  }

  private void gatherGrads(double[] out) {
    int off = 0;
    for (Tensor p : params) {
      int k = p.numel();
      Tensor g = p.grad();
      if (g == null) {
        Arrays.fill(out, off, off + k, 0.0);
      } else {
        System.arraycopy(g.toDoubleArray(), 0, out, off, k);
      }
      off += k;
    }
  }

  private void setParams(double[] x) {
    try (Grad.Scope s = Grad.noGrad()) {
      int off = 0;
      for (Tensor p : params) {
        int k = p.numel();
        double[] slice = Arrays.copyOfRange(x, off, off + k);
        p.copy_(Tensor.fromArray(slice, p.shape()));
        off += k;
      }
    }
  }
}
