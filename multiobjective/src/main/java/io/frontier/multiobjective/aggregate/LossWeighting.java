package io.frontier.multiobjective.aggregate;

/**
 * A stateful loss-weighting rule for multi-task training: called once per training step with the
 * current (positive, minimised) task losses, it returns the weights w (length K) to apply in this
 * step, total loss sum_k w_k L_k, and advances its internal state. Methods that balance gradient
 * magnitudes also read {@code gradientNorms}, the norms |grad_W L_k| of the unweighted task
 * gradients on the shared parameters W; the others accept {@code null} there.
 */
public interface LossWeighting {

  /** The weights for this step; see the class comment. */
  double[] update(double[] losses, double[] gradientNorms);

  /** Checks a vector of K finite, strictly positive values. */
  static void checkPositive(String who, String what, double[] values, int k) {
    if (values == null) throw new IllegalArgumentException(who + ": " + what + " is null");
    if (values.length != k) throw new IllegalArgumentException(who + ": " + values.length + " " + what + " for " + k + " tasks");
    for (int i = 0; i < k; i++) {
      if (!(values[i] > 0) || !Double.isFinite(values[i])) {
        throw new IllegalArgumentException(who + ": " + what + "[" + i + "] must be finite and > 0, got " + values[i]);
      }
    }
  }
}
