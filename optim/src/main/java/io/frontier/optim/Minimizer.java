package io.frontier.optim;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Minimises a plain {@code double[] -> (value, gradient)} objective (for uses such as
 * Gaussian-process hyperparameter fitting or acquisition maximisation, where the parameters are a
 * short vector, not tensors).
 *
 * <p>With no bounds ({@code lower} and {@code upper} both null) it runs {@link LBFGS}'s algorithm:
 * PyTorch's L-BFGS with the strong-Wolfe line search. With bounds it runs L-BFGS-B (see
 * {@link LbfgsB}'s notes); infinite entries leave a side of a variable unbounded, a null array
 * leaves that side of every variable unbounded, and {@code x0} is projected onto the box first.
 * Every point the objective is called on then lies in the box exactly.
 *
 * <p>The objective receives a copy of the point and may keep it; it must return a gradient of the
 * same length. {@code options.lr()} only scales the unbounded line search's first step.
 */
public final class Minimizer {
  private Minimizer() {}

  public static MinimizeResult minimize(Function<double[], ValueAndGradient> objective, double[] x0, double[] lower, double[] upper,
      LbfgsOptions options) {
    if (objective == null) throw new IllegalArgumentException("minimize: objective is null");
    if (options == null) throw new IllegalArgumentException("minimize: options is null");
    if (x0 == null || x0.length == 0) throw new IllegalArgumentException("minimize: x0 must be a non-empty array");
    int n = x0.length;
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(x0[i])) throw new IllegalArgumentException("minimize: x0[" + i + "] is not finite: " + x0[i]);
    }
    if (lower == null && upper == null) {
      double[] x = x0.clone();
      LbfgsEngine.Outcome out = new LbfgsEngine().run((xt, gOut) -> {
        ValueAndGradient vg = objective.apply(xt);
        checkGradient(vg, n);
        System.arraycopy(vg.gradient(), 0, gOut, 0, n);
        return vg.value();
      }, x, options);
      return new MinimizeResult(x, out.loss(), out.iterations(), out.evaluations(), out.reason());
    }
    double[] lo = bound(lower, n, Double.NEGATIVE_INFINITY, "lower");
    double[] hi = bound(upper, n, Double.POSITIVE_INFINITY, "upper");
    for (int i = 0; i < n; i++) {
      if (!(lo[i] <= hi[i]) || lo[i] == Double.POSITIVE_INFINITY || hi[i] == Double.NEGATIVE_INFINITY) {
        throw new IllegalArgumentException("minimize: empty box for variable " + i + ": lower " + lo[i] + ", upper " + hi[i]);
      }
    }
    return LbfgsB.minimize(objective, x0, lo, hi, options);
  }

  private static double[] bound(double[] b, int n, double missing, String name) {
    if (b == null) {
      double[] out = new double[n];
      Arrays.fill(out, missing);
      return out;
    }
    if (b.length != n) throw new IllegalArgumentException("minimize: " + name + " has length " + b.length + ", x0 has " + n);
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(b[i])) throw new IllegalArgumentException("minimize: " + name + "[" + i + "] is NaN");
    }
    return b.clone();
  }

  static void checkGradient(ValueAndGradient vg, int n) {
    if (vg == null || vg.gradient() == null) throw new IllegalArgumentException("minimize: the objective returned no gradient");
    if (vg.gradient().length != n) {
      throw new IllegalArgumentException("minimize: the objective's gradient has length " + vg.gradient().length + ", x has " + n);
    }
  }
}
