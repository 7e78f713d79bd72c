package io.frontier.multiobjective.domain;

import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * The unsupervised losses of domain adaptation, differentiable through the autograd tape: two
 * discrepancies between source and target features (the alignment objective) and ParetoDA's
 * target surrogate (the guide). Features are {@code (N, D)}, logits {@code (N, C)}.
 */
public final class DomainLosses {
  private DomainLosses() {}

  /**
   * Linear-kernel MMD^2 = |mean_i f_s,i - mean_j f_t,j|^2 (Gretton et al. 2012 with k(x, y) = x . y):
   * matches only the feature means, at O((N_s + N_t) D) cost.
   *
   * @param source features {@code (N_s, D)}
   * @param target features {@code (N_t, D)}
   */
  public static Tensor linearMmd(Tensor source, Tensor target) {
    checkFeatures("linearMmd", source, target);
    return source.mean(0).sub(target.mean(0)).square().sum();
  }

  /**
   * Biased (V-statistic) Gaussian-kernel MMD^2 = mean k(s, s') + mean k(t, t') - 2 mean k(s, t), with
   * k(x, y) = (1 / B) sum_b exp(-|x - y|^2 / (2 sigma_b^2)) over the given bandwidths (the
   * multi-kernel form of DAN, Long et al. 2015, with equal kernel weights). Zero only when the two
   * batches have the same empirical distribution (the Gaussian kernel is characteristic); the
   * biased form is never negative. O((N_s + N_t)^2 D).
   *
   * @param bandwidths sigma_b > 0
   */
  public static Tensor gaussianMmd(Tensor source, Tensor target, double... bandwidths) {
    checkFeatures("gaussianMmd", source, target);
    if (bandwidths == null || bandwidths.length == 0) throw new IllegalArgumentException("gaussianMmd: no bandwidths");
    for (double s : bandwidths) {
      if (!(s > 0) || !Double.isFinite(s)) throw new IllegalArgumentException("gaussianMmd: bandwidths must be positive and finite, got " + Arrays.toString(bandwidths));
    }
    return meanKernel(source, source, bandwidths).add(meanKernel(target, target, bandwidths)).sub(meanKernel(source, target, bandwidths).mul(2.0));
  }

  /**
   * ParetoDA's target surrogate, the negated "target classification mimicking" (TCM) quantity of
   * the authors' code: L_T = (1/N) sum_i H(p_i) - H(pbar), p_i = softmax(logits_i), pbar = (1/N)
   * sum_i p_i, H the entropy in nats. Minimising it makes each prediction confident (as
   * cross-entropy on its own pseudo-label would) while the second term keeps the batch's classes
   * diverse, so it cannot be won by predicting one class everywhere; it is the negated mutual
   * information between input and predicted label, so it lies in [-log C, 0] (up to C 1e-6, since,
   * as in that code, H(pbar) takes log(pbar + 1e-6)). Not refined by ParetoDA's class-conditional
   * domain discriminator.
   *
   * @param logits target logits {@code (N, C)}
   */
  public static Tensor tcmLoss(Tensor logits) {
    if (logits == null || logits.dim() != 2 || logits.size(0) == 0) {
      throw new IllegalArgumentException("tcmLoss: expected logits (N, C) with N >= 1, got " + (logits == null ? "null" : Arrays.toString(logits.shape())));
    }
    if (!logits.dtype().isFloatingPoint()) throw new IllegalArgumentException("tcmLoss: expected floating logits, got " + logits.dtype());
    Tensor logP = logits.logSoftmax(1);
    Tensor p = logP.exp();
    Tensor meanEntropy = p.mul(logP).sum(1).mean().neg();
    Tensor pBar = p.mean(0);
    Tensor entropyOfMean = pBar.mul(pBar.add(1e-6).log()).sum().neg();
    return meanEntropy.sub(entropyOfMean);
  }

  /** (1 / (N_x N_y)) sum_ij k(x_i, y_j). */
  private static Tensor meanKernel(Tensor x, Tensor y, double[] bandwidths) {
    // |x_i - y_j|^2 = |x_i|^2 + |y_j|^2 - 2 x_i . y_j; clamped because rounding can make it slightly negative
    Tensor xx = x.square().sum(1, true);
    Tensor yy = y.square().sum(1, true).t();
    Tensor d2 = xx.add(yy).sub(x.matmul(y.t()).mul(2.0)).clampMin(0.0);
    Tensor k = null;
    for (double s : bandwidths) {
      Tensor term = d2.mul(-1.0 / (2 * s * s)).exp();
      k = k == null ? term : k.add(term);
    }
    return k.mean().div(bandwidths.length);
  }

  private static void checkFeatures(String op, Tensor source, Tensor target) {
    if (source == null || target == null) throw new IllegalArgumentException(op + ": features are null");
    if (source.dim() != 2 || target.dim() != 2) {
      throw new IllegalArgumentException(op + ": expected features (N, D), got source " + Arrays.toString(source.shape()) + " and target "
          + Arrays.toString(target.shape()));
    }
    if (source.size(1) != target.size(1)) {
      throw new IllegalArgumentException(op + ": feature widths differ: source " + Arrays.toString(source.shape()) + ", target "
          + Arrays.toString(target.shape()) + " (" + source.size(1) + " != " + target.size(1) + ")");
    }
    if (source.size(0) == 0 || target.size(0) == 0) throw new IllegalArgumentException(op + ": empty batch");
    if (source.dtype() != target.dtype()) throw new IllegalArgumentException(op + ": source is " + source.dtype() + ", target is " + target.dtype());
  }
}
