package io.frontier.multiobjective.polar;

import io.frontier.tensor.Tensor;

/**
 * A Pareto loss scalarizer {@code G: R_+^(m+1) -> R_+} of POLAR (Zhao et al. 2023, Definition 2):
 * it folds the losses {@code (l_0, l_1, ..., l_m)} of the harmonizer against the LLM and against
 * each weak source into one number to minimise, and it must be increasing in every argument.
 *
 * <p>Why it matters: when G is <em>strictly</em> increasing (lowering any one loss, the others
 * fixed, lowers G), every minimiser of {@code G(l(h))} over a set of harmonizers H is Pareto
 * optimal in H. If some h' dominated the minimiser h* ({@code l(h') <= l(h*)} everywhere, less
 * somewhere), then lowering the losses of h* one coordinate at a time to those of h' never raises
 * G and lowers it at least once, so {@code G(l(h')) < G(l(h*))}: a contradiction. The max of
 * {@link #CHEBYSHEV} is only weakly increasing (lowering a loss that is not the largest leaves it
 * unchanged), so its minimisers are only weakly Pareto optimal; see {@link #strictlyIncreasing()}.
 *
 * <p>The paper also asks G to be convex; all four here are, on {@code R_+^(m+1)}. Losses must be
 * finite and non-negative (cross-entropies are).
 */
public enum ParetoScalarizer {
  /** {@code sum_j l_j}. */
  LINEAR {
    @Override
    public double value(double[] losses) {
      return sum(check(losses));
    }

    @Override
    public Tensor apply(Tensor losses) {
      return checkTensor(losses).sum();
    }
  },

  /**
   * {@code (sum_j l_j)^2}, the paper's best performer. On a fixed set of candidates it orders them
   * exactly as {@link #LINEAR} (the square is strictly increasing on {@code [0, inf)}), so the
   * full-batch minimisers coincide; it differs under minibatch training, where the expected
   * batch value {@code E_B[(sum_j l_j(B))^2]} adds the variance of the batch loss to the square of
   * its mean.
   */
  QUADRATIC {
    @Override
    public double value(double[] losses) {
      double s = sum(check(losses));
      return s * s;
    }

    @Override
    public Tensor apply(Tensor losses) {
      return checkTensor(losses).sum().square();
    }
  },

  /** {@code sqrt(sum_j l_j^2)}: its gradient weights each loss by {@code l_j / |l|}, the largest most. */
  EUCLIDEAN {
    @Override
    public double value(double[] losses) {
      double s = 0;
      for (double l : check(losses)) s += l * l;
      return Math.sqrt(s);
    }

    @Override
    public Tensor apply(Tensor losses) {
      return checkTensor(losses).square().sum().sqrt();
    }
  },

  /**
   * {@code max_j l_j}. Not strictly increasing, and its (sub)gradient reaches only the largest loss,
   * the first one on a tie.
   */
  CHEBYSHEV {
    @Override
    public double value(double[] losses) {
      double m = 0;
      for (double l : check(losses)) m = Math.max(m, l);
      return m;
    }

    @Override
    public Tensor apply(Tensor losses) {
      double[] v = checkTensor(losses).toDoubleArray();
      int arg = 0;
      for (int j = 1; j < v.length; j++) {
        if (v[j] > v[arg]) arg = j;
      }
      return losses.select(0, arg);
    }

    @Override
    public boolean strictlyIncreasing() {
      return false;
    }
  };

  /** {@code G(losses)} for the loss vector {@code (l_0, ..., l_m)}. */
  public abstract double value(double[] losses);

  /** {@code G(losses)} as a 0-d tensor, differentiable in the 1-D tensor {@code losses (m+1)}. */
  public abstract Tensor apply(Tensor losses);

  /**
   * Whether lowering any single loss always lowers G, which makes every minimiser Pareto optimal
   * rather than only weakly so.
   */
  public boolean strictlyIncreasing() {
    return true;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s;
  }

  final double[] check(double[] losses) {
    if (losses == null || losses.length == 0) throw new IllegalArgumentException(name() + ": the loss vector is empty");
    for (int j = 0; j < losses.length; j++) {
      if (!(losses[j] >= 0) || Double.isInfinite(losses[j])) {
        throw new IllegalArgumentException(name() + ": loss " + j + " must be finite and >= 0, got " + losses[j]);
      }
    }
    return losses;
  }

  final Tensor checkTensor(Tensor losses) {
    if (losses == null || losses.dim() != 1 || losses.numel() == 0) {
      throw new IllegalArgumentException(name() + ": expected a non-empty 1-D tensor of losses, got "
          + (losses == null ? "null" : java.util.Arrays.toString(losses.shape())));
    }
    return losses;
  }
}
