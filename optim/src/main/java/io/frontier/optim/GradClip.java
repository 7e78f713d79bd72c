package io.frontier.optim;

import io.frontier.tensor.Device;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Gradient clipping as torch.nn.utils' clip_grad_norm_ and clip_grad_value_. Parameters without a gradient are skipped. */
public final class GradClip {
  private GradClip() {}

  /** {@link #clipGradNorm_(List, double, double, boolean)} with the 2-norm, not erring on a non-finite norm. */
  public static Tensor clipGradNorm_(List<Tensor> params, double maxNorm) {
    return clipGradNorm_(params, maxNorm, 2.0, false);
  }

  /**
   * Scales all gradients in place by {@code min(1, maxNorm / (totalNorm + 1e-6))}, where
   * totalNorm is the {@code normType}-norm of all gradients together (as if concatenated), and
   * returns totalNorm as a 0-d tensor on the first gradient's device (0 when no parameter has a
   * gradient). The scale is applied even when it is 1, as torch does, so no value is read back
   * from the device unless {@code errorIfNonfinite}.
   *
   * @param normType any p > 0, or {@code Double.POSITIVE_INFINITY} for the largest magnitude
   * @param errorIfNonfinite throw instead of scaling when the total norm is NaN or infinite
   */
  public static Tensor clipGradNorm_(List<Tensor> params, double maxNorm, double normType, boolean errorIfNonfinite) {
    if (!(maxNorm >= 0)) throw new IllegalArgumentException("invalid maxNorm: " + maxNorm + " (must be >= 0)");
    if (!(normType > 0)) throw new IllegalArgumentException("invalid normType: " + normType + " (must be positive, or infinity)");
    List<Tensor> grads = grads(params);
    if (grads.isEmpty()) return Tensor.scalar(0.0);
    try (Grad.Scope s = Grad.noGrad()) {
      Device device = grads.get(0).device();
      List<Tensor> norms = new ArrayList<>(grads.size());
      boolean inf = normType == Double.POSITIVE_INFINITY;
      for (Tensor g : grads) norms.add((inf ? g.abs().max() : g.norm(normType)).to(device));
      Tensor total;
      if (inf) total = norms.size() == 1 ? norms.get(0) : Tensor.stack(norms, 0).max();
      else total = Tensor.stack(norms, 0).norm(normType);
      if (errorIfNonfinite && !Double.isFinite(total.item())) {
        throw new ArithmeticException("the total norm of order " + normType + " of the gradients is non-finite (" + total.item()
            + "), so it cannot be clipped; pass errorIfNonfinite=false to scale the gradients by it anyway");
      }
      // torch computes max_norm / (total + 1e-6) as reciprocal(total + 1e-6) * max_norm: the same rounding here.
      Tensor coef = total.add(1e-6).reciprocal().mul(maxNorm).clampMax(1.0);
      for (Tensor g : grads) g.mul_(coef.to(g.device()));
      return total;
    }
  }

  /** Clamps every gradient in place to {@code [-clipValue, clipValue]}. */
  public static void clipGradValue_(List<Tensor> params, double clipValue) {
    if (!(clipValue >= 0)) throw new IllegalArgumentException("invalid clipValue: " + clipValue + " (must be >= 0)");
    try (Grad.Scope s = Grad.noGrad()) {
      for (Tensor g : grads(params)) g.clamp_(-clipValue, clipValue);
    }
  }

  private static List<Tensor> grads(List<Tensor> params) {
    List<Tensor> grads = new ArrayList<>();
    for (Tensor p : params) {
      if (p.grad() != null) grads.add(p.grad());
    }
    return grads;
  }
}
