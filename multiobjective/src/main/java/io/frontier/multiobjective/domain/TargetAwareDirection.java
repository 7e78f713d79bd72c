package io.frontier.multiobjective.domain;

import io.frontier.multiobjective.aggregate.Aggregation;
import io.frontier.multiobjective.aggregate.Jacobians;
import io.frontier.multiobjective.aggregate.MinNorm;

/**
 * ParetoDA's dynamic preference for two objectives (Lv et al., "Pareto Domain Adaptation",
 * NeurIPS 2021): the weight gamma of d(gamma) = gamma g_1 + (1 - gamma) g_2, with g_1 the gradient
 * of the source classification loss and g_2 that of the domain-alignment loss, chosen with the help
 * of g_v, the gradient of a target surrogate loss on a held-out unlabeled target batch.
 *
 * <p>The candidates are the cooperative directions: gamma in [0, 1] with g_j . d(gamma) >= 0 for
 * both j, so that a step against d raises neither objective to first order. Each constraint is
 * linear in gamma, so they form an interval [lo, hi]; with M the Gram matrix of (g_1, g_2):
 * <ul>
 *   <li>no conflict (M_12 >= 0): [0, 1];</li>
 *   <li>conflict (M_12 < 0): [-M_12 / (M_11 - M_12), M_22 / (M_22 - M_12)], never empty
 *       (lo <= hi is M_12^2 <= M_11 M_22) and holding MGDA's min-norm weight, a single point when
 *       the gradients are antiparallel.</li>
 * </ul>
 * On that interval each {@link Rule} optimises a function of gamma that is quadratic or linear, so
 * the optimum is a clipped stationary point or an endpoint, in closed form. Only M and the inner
 * products c_j = g_j . g_v enter, never the parameter vectors.
 */
public final class TargetAwareDirection {

  /** How g_v picks gamma among the cooperative directions. */
  public enum Rule {
    /**
     * Minimise |d(gamma) - g_v|^2: d is the cooperative direction nearest the guide's gradient.
     * gamma = (c_1 - c_2 + M_22 - M_12) / |g_1 - g_2|^2 clipped to [lo, hi]. A vanishing g_v gives
     * MGDA's min-norm direction, a large one the direction best aligned with it; this is the QP
     * named in the project's reference notes.
     */
    PROJECTION,
    /**
     * Maximise g_v . d(gamma), the first-order decrease of the guide loss; linear in gamma, so the
     * answer is an endpoint of [lo, hi] (the midpoint when c_1 = c_2).
     */
    MAX_ALIGNMENT,
    /**
     * The rule the authors' code (BIT-DA/ParetoDA, tools/epo_lp_dna.py, the "dom" branch of an
     * EPO-search LP) takes in practice: maximise the total descent (g_1 + g_2) . d subject to the
     * cooperative constraints and g_v . d >= min(0, max_j c_j). That code takes its other
     * ("balance") branch only when the held-out loss exceeds 1e-3, and its held-out loss, the
     * negated TCM of {@link DomainLosses#tcmLoss}, is never above C 1e-6. When the guide
     * constraint leaves nothing of [lo, hi] it is dropped here (EPO search's relaxed LP; that code
     * falls back to a fixed preference instead).
     */
    EPO_DESCENT
  }

  private final Rule rule;

  public TargetAwareDirection(Rule rule) {
    if (rule == null) throw new IllegalArgumentException("TargetAwareDirection: rule is null");
    this.rule = rule;
  }

  /** {@link Rule#PROJECTION}. */
  public TargetAwareDirection() {
    this(Rule.PROJECTION);
  }

  public Rule rule() {
    return rule;
  }

  /**
   * The cooperative interval {lo, hi} of the weight on g_1, from M_11 = |g_1|^2, M_12 = g_1 . g_2
   * and M_22 = |g_2|^2.
   */
  public static double[] cooperativeInterval(double m11, double m12, double m22) {
    if (!(m12 < 0)) return new double[] {0, 1};
    double lo = -m12 / (m11 - m12);
    double hi = m22 / (m22 - m12);
    if (lo > hi) { // antiparallel gradients, where rounding can cross the two bounds
      double g = MinNorm.twoObjective(m11, m12, m22);
      return new double[] {g, g};
    }
    return new double[] {lo, hi};
  }

  /**
   * The weights {gamma, 1 - gamma} on (g_1, g_2) for the 2 x 2 Gram matrix {@code gram} of the
   * objectives' gradients and {@code guide} = (g_1 . g_v, g_2 . g_v).
   */
  public double[] weights(double[][] gram, double[] guide) {
    check(gram, guide);
    double m11 = gram[0][0];
    double m12 = gram[0][1];
    double m22 = gram[1][1];
    double c1 = guide[0];
    double c2 = guide[1];
    double[] interval = cooperativeInterval(m11, m12, m22);
    double lo = interval[0];
    double hi = interval[1];
    double gamma = switch (rule) {
      case PROJECTION -> {
        double denominator = m11 + m22 - 2 * m12; // |g_1 - g_2|^2
        // equal gradients: every gamma gives the same d
        double free = denominator > 1e-15 * Math.max(m11, m22) ? (c1 - c2 + m22 - m12) / denominator : (lo + hi) / 2;
        yield clamp(free, lo, hi);
      }
      case MAX_ALIGNMENT -> endpoint(c1 - c2, lo, hi);
      case EPO_DESCENT -> {
        // g_v . d(gamma) = c2 + gamma (c1 - c2) >= bound, intersected with [lo, hi]
        double bound = Math.min(0, Math.max(c1, c2));
        double slope = c1 - c2;
        double a = lo;
        double b = hi;
        if (slope > 0) a = Math.max(lo, (bound - c2) / slope);
        else if (slope < 0) b = Math.min(hi, (bound - c2) / slope);
        else if (c2 < bound) a = Double.POSITIVE_INFINITY;
        if (a > b) { // infeasible: the relaxed program keeps only the cooperative constraints
          a = lo;
          b = hi;
        }
        yield endpoint(m11 - m22, a, b); // (g_1 + g_2) . d(gamma) = M_12 + M_22 + gamma (M_11 - M_22)
      }
    };
    return new double[] {gamma, 1 - gamma};
  }

  /** Weights and direction sum_k w_k g_k for the 2 x n {@code gradients} and the guide's gradient (length n). */
  public Aggregation aggregate(double[][] gradients, double[] guideGradient) {
    double[][] gram = Jacobians.gram(gradients);
    if (guideGradient == null || guideGradient.length != gradients[0].length) {
      throw new IllegalArgumentException("TargetAwareDirection: guide gradient of length "
          + (guideGradient == null ? "null" : guideGradient.length) + ", objective gradients of length " + gradients[0].length);
    }
    double[] guide = new double[gradients.length];
    for (int k = 0; k < gradients.length; k++) {
      for (int j = 0; j < guideGradient.length; j++) guide[k] += gradients[k][j] * guideGradient[j];
    }
    double[] w = weights(gram, guide);
    return new Aggregation(w, Jacobians.combine(w, gradients));
  }

  /** The maximiser over [lo, hi] of a linear function with this slope; the midpoint on a tie. */
  private static double endpoint(double slope, double lo, double hi) {
    return slope > 0 ? hi : slope < 0 ? lo : (lo + hi) / 2;
  }

  private static double clamp(double x, double lo, double hi) {
    return Math.min(hi, Math.max(lo, x));
  }

  private static void check(double[][] gram, double[] guide) {
    if (gram == null || gram.length != 2 || gram[0].length != 2 || gram[1].length != 2) {
      throw new IllegalArgumentException("TargetAwareDirection: need the 2 x 2 Gram matrix of two objectives, got "
          + (gram == null ? "null" : gram.length + " rows"));
    }
    if (guide == null || guide.length != 2) {
      throw new IllegalArgumentException("TargetAwareDirection: need 2 guide inner products g_k . g_v, got "
          + (guide == null ? "null" : guide.length));
    }
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        if (!Double.isFinite(gram[i][j])) throw new IllegalArgumentException("TargetAwareDirection: non-finite Gram entry " + gram[i][j]);
      }
      if (!Double.isFinite(guide[i])) throw new IllegalArgumentException("TargetAwareDirection: non-finite guide product " + guide[i]);
      if (gram[i][i] < 0) throw new IllegalArgumentException("TargetAwareDirection: negative diagonal M[" + i + "][" + i + "] = " + gram[i][i]);
    }
    double scale = Math.max(Math.abs(gram[0][0]), Math.max(Math.abs(gram[1][1]), Math.abs(gram[0][1])));
    if (Math.abs(gram[0][1] - gram[1][0]) > 1e-9 * scale) {
      throw new IllegalArgumentException("TargetAwareDirection: Gram matrix not symmetric: " + gram[0][1] + " vs " + gram[1][0]);
    }
  }
}
