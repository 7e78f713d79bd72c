package io.frontier.multiobjective.continual;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Imprecise Bayesian Continual Learning (Lu, Caprio, Eaton, Lee, "IBCL: Zero-shot Model Generation
 * for Task Trade-offs in Continual Learning", arXiv 2305.14782), on Bayesian linear regression so
 * that every posterior is closed form.
 *
 * <p><b>Knowledge base (Algorithm 1).</b> The knowledge base is a finitely generated credal set:
 * the convex hull of extreme-point posteriors q_i^j, task i = 1..k, prior j = 1..m. On task i each
 * of the m priors is updated by Bayes' rule ({@link BayesianLinearRegression}) in place of the
 * paper's variational training. With {@link Config#chainPriors()} the prior of q_i^j is q_{i-1}^j,
 * as in the released code ({@code fgcs_update.py}: {@code priors = posteriors}), so q_i^j summarises
 * tasks 1..i; without it every task starts from the initial priors, so q_i^j summarises task i
 * alone and the preference e_i recovers task i's own optimum. The paper's discard of near-duplicate
 * extreme points (threshold d) is not implemented: here every extreme point is kept.
 *
 * <p><b>Zero-shot preference addressing (Algorithm 2).</b> A preference w on the simplex over the
 * k tasks gives each extreme point the weight beta_i^j = w_i / m, and the model for w is the
 * beta-combination of the extreme points, from which an alpha-HDR is read. Nothing is trained, no
 * data is read (the knowledge base keeps none): the cost is O(k m d^2) for {@link
 * Combination#MOMENT} and one d x d Cholesky more for {@link Combination#NATURAL}. See {@link
 * Combination} for which rule is the paper's.
 */
public final class Ibcl {

  /**
   * @param priorStds std s_j of the m initial priors N(0, s_j^2 I); the released code uses 0.25, 0.3, 0.35
   * @param noiseVariance the known noise variance sigma^2 of every task's likelihood
   * @param chainPriors whether q_i^j is updated from q_{i-1}^j (released code) or from the initial prior j
   */
  public record Config(double[] priorStds, double noiseVariance, boolean chainPriors) {
    public Config {
      if (priorStds.length == 0) throw new IllegalArgumentException("Config: need at least one prior std");
      for (double s : priorStds) {
        if (!(s > 0)) throw new IllegalArgumentException("Config: prior std " + s + " must be > 0");
      }
      if (!(noiseVariance > 0)) throw new IllegalArgumentException("Config: noise variance " + noiseVariance + " must be > 0");
      priorStds = priorStds.clone();
    }

    /** The released code's three priors (std 0.25, 0.3, 0.35), chained across tasks. */
    public static Config paperDefaults(double noiseVariance) {
      return new Config(new double[] {0.25, 0.3, 0.35}, noiseVariance, true);
    }

    /**
     * lambda-bar = mean_j 1 / s_j^2. The {@link Combination#NATURAL} model for w minimises
     * sum_i w_i l_i with l_i the task loss of {@link RegressionTask#loss} at this prior precision.
     */
    public double meanPriorPrecision() {
      double s = 0;
      for (double std : priorStds) s += 1 / (std * std);
      return s / priorStds.length;
    }
  }

  /** How the beta-weighted extreme points are combined into one Gaussian. */
  public enum Combination {
    /**
     * The released code's rule ({@code pref_convex_combination}): per coordinate, mean = sum beta mu
     * and std = sum beta sigma. The mean equals the mean of the mixture sum beta q (the paper's
     * convex combination of distributions), so the parameter estimate is the mixture's; only the
     * spread differs, the code keeping one Gaussian so its HDR is a box.
     */
    MOMENT,
    /**
     * Not the paper's rule: precision = sum beta Lambda, eta = sum beta Lambda mu, the normalised
     * geometric mixture prod q^beta. For Gaussian extreme points its mean is the exact minimiser of
     * the w-weighted task loss, so it lies on the Pareto front for every w.
     */
    NATURAL
  }

  private final Config config;
  private final int m;
  private final List<List<GaussianPosterior>> extremePoints = new ArrayList<>();
  private int dimension = -1;
  private long bayesUpdates;

  public Ibcl(Config config) {
    this.config = config;
    this.m = config.priorStds().length;
  }

  public Config config() {
    return config;
  }

  /** Adds task i's m extreme points q_i^1..q_i^m; the task's data is not retained. */
  public void update(RegressionTask task) {
    int d = task.dimension();
    if (dimension >= 0 && d != dimension) {
      throw new IllegalArgumentException("update: task has " + d + " columns, earlier tasks had " + dimension);
    }
    dimension = d;
    List<GaussianPosterior> previous = extremePoints.isEmpty() ? null : extremePoints.get(extremePoints.size() - 1);
    List<GaussianPosterior> next = new ArrayList<>(m);
    for (int j = 0; j < m; j++) {
      GaussianPosterior prior = config.chainPriors() && previous != null
          ? previous.get(j)
          : GaussianPosterior.isotropic(d, config.priorStds()[j]);
      next.add(BayesianLinearRegression.posterior(prior, task, config.noiseVariance()));
      bayesUpdates++;
    }
    extremePoints.add(Collections.unmodifiableList(next));
  }

  public int taskCount() {
    return extremePoints.size();
  }

  /** extremePoints().get(i).get(j) is q_i^j. */
  public List<List<GaussianPosterior>> extremePoints() {
    return Collections.unmodifiableList(extremePoints);
  }

  /** Closed-form posterior updates done so far: the knowledge base's whole training cost (k m). */
  public long bayesUpdates() {
    return bayesUpdates;
  }

  /** The zero-shot model for preference w (length {@link #taskCount()}, on the simplex). */
  public ZeroShotModel zeroShot(double[] preference, Combination combination) {
    int k = taskCount();
    if (k == 0) throw new IllegalStateException("zeroShot: the knowledge base is empty (no task seen)");
    checkSimplex(preference, k);
    int d = dimension;
    double[] mean = new double[d];
    double[] std = new double[d];
    if (combination == Combination.MOMENT) {
      for (int i = 0; i < k; i++) {
        for (GaussianPosterior q : extremePoints.get(i)) {
          double beta = preference[i] / m;
          for (int c = 0; c < d; c++) {
            mean[c] += beta * q.mean()[c];
            std[c] += beta * q.marginalStd(c);
          }
        }
      }
    } else {
      double[][] lambda = new double[d][d];
      double[] eta = new double[d];
      for (int i = 0; i < k; i++) {
        for (GaussianPosterior q : extremePoints.get(i)) {
          double beta = preference[i] / m;
          double[][] p = q.precision();
          for (int r = 0; r < d; r++) {
            eta[r] += beta * RegressionTask.dot(p[r], q.mean());
            for (int c = 0; c < d; c++) lambda[r][c] += beta * p[r][c];
          }
        }
      }
      GaussianPosterior g = GaussianPosterior.fromNatural(eta, lambda);
      mean = g.mean();
      for (int c = 0; c < d; c++) std[c] = g.marginalStd(c);
    }
    return new ZeroShotModel(preference.clone(), combination, mean, std);
  }

  private static void checkSimplex(double[] w, int k) {
    if (w.length != k) throw new IllegalArgumentException("zeroShot: preference has " + w.length + " entries but " + k + " tasks were seen");
    double s = 0;
    for (int i = 0; i < k; i++) {
      if (!(w[i] >= 0)) throw new IllegalArgumentException("zeroShot: preference entry " + i + " = " + w[i] + " is negative");
      s += w[i];
    }
    if (Math.abs(s - 1) > 1e-9) throw new IllegalArgumentException("zeroShot: preference sums to " + s + ", not 1");
  }
}
