package io.frontier.multiobjective.aggregate;

/**
 * Nash-MTL (Navon et al. 2022): the bargaining weights alpha > 0 solving M alpha = 1 / alpha
 * (elementwise), i.e. alpha_i (g_i . d) = 1 for d = sum alpha_i g_i. They are the minimiser of the
 * strictly convex phi(alpha) = alpha^T M alpha / 2 - sum log alpha_i, found here by damped Newton
 * steps that keep alpha positive (no external convex solver). The paper's code solves the same
 * equation on M / |M|_F, which scales alpha by sqrt(|M|_F); this class returns the unscaled
 * solution. Gradients with a zero vector in their convex hull have no solution and are rejected.
 */
public final class NashMTL implements Aggregator {
  private static final int MAX_ITERATIONS = 200;

  @Override
  public double[] weights(double[][] gram) {
    Jacobians.checkGram(gram);
    int k = gram.length;
    double[] alpha = new double[k];
    for (int i = 0; i < k; i++) {
      if (!(gram[i][i] > 0)) throw new IllegalArgumentException("NashMTL: gradient " + i + " is zero; M alpha = 1/alpha has no solution");
      alpha[i] = 1 / Math.sqrt(gram[i][i]); // exact for orthogonal gradients
    }
    double value = phi(gram, alpha);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[] ma = Jacobians.times(gram, alpha);
      double[] gradient = new double[k];
      double[][] hessian = new double[k][k];
      for (int i = 0; i < k; i++) {
        gradient[i] = ma[i] - 1 / alpha[i];
        hessian[i] = gram[i].clone();
        hessian[i][i] += 1 / (alpha[i] * alpha[i]);
      }
      double[] step = DenseSolve.solve(hessian, gradient, "NashMTL");
      double decrement = Jacobians.dot(gradient, step); // Newton decrement squared
      if (decrement < 1e-24) return alpha;
      double t = 1;
      for (int i = 0; i < k; i++) if (step[i] > 0) t = Math.min(t, 0.99 * alpha[i] / step[i]);
      while (true) {
        double[] trial = new double[k];
        for (int i = 0; i < k; i++) trial[i] = alpha[i] - t * step[i];
        double trialValue = phi(gram, trial);
        // near the solution phi's change drops below rounding: take the (quadratically convergent) step
        if (trialValue <= value - 0.25 * t * decrement || decrement < 1e-8 || t < 1e-12) {
          alpha = trial;
          value = trialValue;
          break;
        }
        t /= 2;
      }
      for (double a : alpha) {
        if (!(a < 1e150)) throw new IllegalArgumentException("NashMTL: weights diverge; zero lies in the convex hull of the gradients");
      }
    }
    throw new IllegalArgumentException("NashMTL: Newton did not converge in " + MAX_ITERATIONS + " steps (near-degenerate gradients?)");
  }

  private static double phi(double[][] m, double[] alpha) {
    double s = Jacobians.quad(m, alpha) / 2;
    for (double a : alpha) s -= Math.log(a);
    return s;
  }
}
