package io.frontier.optim;

/**
 * L-BFGS and L-BFGS-B settings, with torch.optim.LBFGS's names and defaults: {@code lr} 1,
 * {@code maxIter} 20, {@code maxEval} maxIter * 5 / 4 unless set, {@code toleranceGrad} 1e-7,
 * {@code toleranceChange} 1e-9, {@code historySize} 100. Immutable: each {@code withX} returns a
 * validated copy, and an invalid value is rejected there with a message naming it.
 *
 * <p>{@code maxIter} and {@code maxEval} bound one {@code step} of {@link LBFGS} (as in PyTorch) or
 * one whole {@link Minimizer#minimize} run. {@code lr} scales the initial step of each line search;
 * L-BFGS-B ignores it (its first trial step along the feasible direction is always the full one).
 */
public final class LbfgsOptions {
  private final double lr;
  private final int maxIter;
  private final int maxEvalOrZero;
  private final double toleranceGrad;
  private final double toleranceChange;
  private final int historySize;

  private LbfgsOptions(double lr, int maxIter, int maxEvalOrZero, double toleranceGrad, double toleranceChange, int historySize) {
    if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("invalid lr: " + lr + " (must be finite and > 0)");
    if (maxIter < 1) throw new IllegalArgumentException("invalid maxIter: " + maxIter + " (must be >= 1)");
    if (maxEvalOrZero < 0) throw new IllegalArgumentException("invalid maxEval: " + maxEvalOrZero + " (must be >= 1)");
    if (!(toleranceGrad >= 0) || Double.isInfinite(toleranceGrad)) {
      throw new IllegalArgumentException("invalid toleranceGrad: " + toleranceGrad + " (must be finite and >= 0)");
    }
    if (!(toleranceChange >= 0) || Double.isInfinite(toleranceChange)) {
      throw new IllegalArgumentException("invalid toleranceChange: " + toleranceChange + " (must be finite and >= 0)");
    }
    if (historySize < 1) throw new IllegalArgumentException("invalid historySize: " + historySize + " (must be >= 1)");
    this.lr = lr;
    this.maxIter = maxIter;
    this.maxEvalOrZero = maxEvalOrZero;
    this.toleranceGrad = toleranceGrad;
    this.toleranceChange = toleranceChange;
    this.historySize = historySize;
  }

  /** PyTorch's defaults. */
  public static LbfgsOptions defaults() {
    return new LbfgsOptions(1, 20, 0, 1e-7, 1e-9, 100);
  }

  public LbfgsOptions withLr(double v) {
    return new LbfgsOptions(v, maxIter, maxEvalOrZero, toleranceGrad, toleranceChange, historySize);
  }

  public LbfgsOptions withMaxIter(int v) {
    return new LbfgsOptions(lr, v, maxEvalOrZero, toleranceGrad, toleranceChange, historySize);
  }

  public LbfgsOptions withMaxEval(int v) {
    if (v < 1) throw new IllegalArgumentException("invalid maxEval: " + v + " (must be >= 1)");
    return new LbfgsOptions(lr, maxIter, v, toleranceGrad, toleranceChange, historySize);
  }

  public LbfgsOptions withToleranceGrad(double v) {
    return new LbfgsOptions(lr, maxIter, maxEvalOrZero, v, toleranceChange, historySize);
  }

  public LbfgsOptions withToleranceChange(double v) {
    return new LbfgsOptions(lr, maxIter, maxEvalOrZero, toleranceGrad, v, historySize);
  }

  public LbfgsOptions withHistorySize(int v) {
    return new LbfgsOptions(lr, maxIter, maxEvalOrZero, toleranceGrad, toleranceChange, v);
  }

  public double lr() {
    return lr;
  }

  public int maxIter() {
    return maxIter;
  }

  /** The set value, or PyTorch's default {@code maxIter * 5 / 4} when none was set. */
  public int maxEval() {
    return maxEvalOrZero == 0 ? (int) Math.min(Integer.MAX_VALUE, maxIter * 5L / 4) : maxEvalOrZero;
  }

  public double toleranceGrad() {
    return toleranceGrad;
  }

  public double toleranceChange() {
    return toleranceChange;
  }

  public int historySize() {
    return historySize;
  }

  @Override
  public String toString() {
    return "LbfgsOptions[lr=" + lr + ", maxIter=" + maxIter + ", maxEval=" + maxEval() + ", toleranceGrad=" + toleranceGrad
        + ", toleranceChange=" + toleranceChange + ", historySize=" + historySize + "]";
  }
}
