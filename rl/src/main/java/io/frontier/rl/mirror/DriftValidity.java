package io.frontier.rl.mirror;

import io.frontier.autograd.Autograd;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Tensor;

/**
 * Checks mirror learning's conditions on a drift over a grid, at each given training progress:
 *
 * <pre>
 *   f(1, A) = 0          for every A of the grid
 *   ∂f/∂r (1, A) = 0     by autograd, for every A of the grid
 *   f(r, A) ≥ 0          for every (r, A) of the grid
 * </pre>
 *
 * A grid can only refute, never prove, the third condition; the first two are checked exactly at
 * the grid's advantages. The slope is autograd's, so at a kink it is the one-sided derivative the
 * ops' backward rules choose (PyTorch's: ReLU'(0) = 0, clamp passes the gradient at its bounds).
 */
public final class DriftValidity {
  private DriftValidity() {}

  /**
   * What the grid showed. Non-finite values are reported as NaN in {@code minValue}, which fails
   * {@link #valid(double)}.
   *
   * @param maxValueAtOne max over A and t of |f(1, A)|
   * @param maxSlopeAtOne max over A and t of |∂f/∂r (1, A)|
   * @param minValue min over the grid of f(r, A), NaN if any value was not finite
   * @param points the number of (r, A, t) points checked for non-negativity
   */
  public record Report(double maxValueAtOne, double maxSlopeAtOne, double minValue, int points) {
    /** All three conditions hold within {@code tol}. */
    public boolean valid(double tol) {
      return maxValueAtOne <= tol && maxSlopeAtOne <= tol && minValue >= -tol;
    }
  }

  /**
   * The default grid in float64 on the CPU: 241 ratios e^u, u evenly spaced in [−3, 3] (r from 0.05
   * to 20, including 1), 81 advantages evenly spaced in [−10, 10] (including 0), progress 0, ¼, ½, ¾,
   * 1.
   */
  public static Report check(Drift drift) {
    double[] ratios = new double[241];
    for (int i = 0; i < ratios.length; i++) ratios[i] = Math.exp(-3 + 6.0 * i / (ratios.length - 1));
    double[] advantages = new double[81];
    for (int i = 0; i < advantages.length; i++) advantages[i] = -10 + 20.0 * i / (advantages.length - 1);
    return check(drift, ratios, advantages, new double[] {0, 0.25, 0.5, 0.75, 1}, DType.FLOAT64, Device.CPU);
  }

  /**
   * @param ratios the r of the grid, positive
   * @param advantages the A of the grid
   * @param progress the n/N at which to check, each in [0, 1]
   */
  public static Report check(Drift drift, double[] ratios, double[] advantages, double[] progress, DType dtype, Device device) {
    String op = "DriftValidity.check";
    if (drift == null) throw new IllegalArgumentException(op + ": drift is null");
    if (ratios.length == 0 || advantages.length == 0 || progress.length == 0) throw new IllegalArgumentException(op + ": the grid is empty");
    for (double r : ratios) if (!(r > 0) || Double.isInfinite(r)) throw new IllegalArgumentException(op + ": ratios must be positive and finite, got " + r);
    if (!dtype.isFloatingPoint()) throw new IllegalArgumentException(op + ": expected a floating dtype, got " + dtype);
    int nr = ratios.length;
    int na = advantages.length;
    Tensor a = Tensor.of(advantages).to(dtype).to(device);
    Tensor gridR = Tensor.of(ratios).to(dtype).to(device).reshape(nr, 1).expand(nr, na).contiguous();
    Tensor gridA = a.reshape(1, na).expand(nr, na).contiguous();

    double valueAtOne = 0;
    double slopeAtOne = 0;
    double min = Double.POSITIVE_INFINITY;
    for (double t : progress) {
      MirrorLoss.progress(op, t);
      Tensor one = Tensor.ones(dtype, device, na).requiresGrad_(true);
      Tensor f1 = drift.value(one, a, t);
      valueAtOne = Math.max(valueAtOne, f1.detach().abs().max().item());
      if (f1.requiresGrad()) {
        Tensor slope = Autograd.grad(f1.sum(), one)[0];
        // each f_i depends on r_i alone, so the gradient of the sum is the elementwise slope
        if (slope != null) slopeAtOne = Math.max(slopeAtOne, slope.abs().max().item());
      }
      Tensor f = drift.value(gridR, gridA, t).detach();
      if (!f.isfinite().all().toBooleanArray()[0]) min = Double.NaN;
      else if (!Double.isNaN(min)) min = Math.min(min, f.min().item());
    }
    return new Report(valueAtOne, slopeAtOne, min, nr * na * progress.length);
  }
}
