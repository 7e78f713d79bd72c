package io.frontier.optim.bayes.gp;

import io.frontier.autograd.Autograd;
import io.frontier.optim.LbfgsOptions;
import io.frontier.optim.MinimizeResult;
import io.frontier.optim.Minimizer;
import io.frontier.optim.ValueAndGradient;
import io.frontier.tensor.DType;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Fits the hyperparameters of an {@link ExactGp} by maximum a posteriori (or, with
 * {@link GpPriors#none()}, maximum likelihood): L-BFGS-B ({@link Minimizer}) on
 * {@code -(log p(z | X, θ) + log p(θ))} over {@code θ = (log ℓ_1..d, log σ_f², log σ_n²)} inside the
 * box of {@link GpPriors}, as BoTorch's {@code fit_gpytorch_mll} and scikit-learn's
 * {@code GaussianProcessRegressor.fit}. The likelihood's gradient comes from
 * {@link FusedMarginalLikelihood} (tested against autograd through the Cholesky factor), the priors'
 * from autograd.
 *
 * <p>Restarts: the first start is each prior's typical value (1 for a flat lengthscale or output
 * scale, 1e-3 for a flat noise, scikit-learn's defaults), clipped to the box; each further start
 * moves every log-hyperparameter of the first by a uniform amount in {@code ±log 10}, from a
 * {@link SplittableRandom} seeded with {@link Builder#seed}. The best restart wins.
 *
 * <p>Stable API: {@code GpFit.builder(family).priors(..).restarts(..).seed(..).fixedNoise(..)
 * .fixedOutputScale(..).options(..).build().fit(TrainingData)} returning a {@link Result}.
 */
public final class GpFit {
  /** The fitted model, the minimised objective {@code -(log marginal likelihood + log prior)}, its log marginal likelihood, and the total objective evaluations. */
  public record Result(ExactGp model, double objective, double logMarginalLikelihood, int evaluations) {}

  private final KernelFamily family;
  private final GpPriors priors;
  private final int restarts;
  private final long seed;
  private final double fixedNoise;
  private final double fixedOutputScale;
  private final LbfgsOptions options;

  private GpFit(Builder b) {
    this.family = b.family;
    this.priors = b.priors;
    this.restarts = b.restarts;
    this.seed = b.seed;
    this.fixedNoise = b.fixedNoise;
    this.fixedOutputScale = b.fixedOutputScale;
    this.options = b.options;
  }

  /** Defaults: priors {@link GpPriors#dimensionScaled} for the data's dimension, 4 starts, seed 0, learned noise and output scale. */
  public static Builder builder(KernelFamily family) {
    return new Builder(family);
  }

  /** Fits to {@code data} (in its transformed space). */
  public Result fit(TrainingData data) {
    int d = data.dim();
    GpPriors p = priors != null ? priors : GpPriors.dimensionScaled(d);
    Objective objective = new Objective(data, p);
    double[] lower = objective.lower();
    double[] upper = objective.upper();
    double[] first = objective.start();
    SplittableRandom random = new SplittableRandom(seed);
    double[] best = null;
    double bestValue = Double.POSITIVE_INFINITY;
    int evaluations = 0;
    ArithmeticException lastFailure = null;
    for (int r = 0; r < restarts; r++) {
      double[] x0 = first.clone();
      if (r > 0) {
        for (int i = 0; i < x0.length; i++) x0[i] += random.nextDouble(-Math.log(10), Math.log(10));
      }
      for (int i = 0; i < x0.length; i++) x0[i] = Math.min(upper[i], Math.max(lower[i], x0[i]));
      try {
        MinimizeResult m = Minimizer.minimize(objective, x0, lower, upper, options);
        evaluations += m.evaluations();
        if (m.f() < bestValue) {
          bestValue = m.f();
          best = m.x();
        }
      } catch (ArithmeticException e) {
        lastFailure = e;
      }
    }
    if (best == null) throw new ArithmeticException("GpFit: every restart failed; last: " + lastFailure.getMessage());
    ExactGp model = new ExactGp(data, objective.hyperparameters(best));
    return new Result(model, bestValue, model.logMarginalLikelihood(), evaluations);
  }

  /** {@code θ -> -(log p(z | X, θ) + log p(θ))} with its gradient by autograd. */
  private final class Objective implements java.util.function.Function<double[], ValueAndGradient> {
    private final TrainingData data;
    private final GpPriors p;
    private final int d;
    private final boolean learnOutputScale;
    private final boolean learnNoise;
    private final double[] u;
    private final double[] z;

    Objective(TrainingData data, GpPriors p) {
      this.data = data;
      this.u = data.inputs().detach().contiguous().toDoubleArray();
      this.z = data.targets().detach().contiguous().toDoubleArray();
      this.p = p;
      this.d = data.dim();
      this.learnOutputScale = Double.isNaN(fixedOutputScale);
      this.learnNoise = Double.isNaN(fixedNoise);
    }

    int size() {
      return d + (learnOutputScale ? 1 : 0) + (learnNoise ? 1 : 0);
    }

    double[] lower() {
      double[] lo = new double[size()];
      Arrays.fill(lo, 0, d, Math.log(p.minLengthscale()));
      if (learnOutputScale) lo[d] = Math.log(GpPriors.LOWER);
      if (learnNoise) lo[size() - 1] = Math.log(p.minNoise());
      return lo;
    }

    double[] upper() {
      double[] hi = new double[size()];
      Arrays.fill(hi, Math.log(GpPriors.UPPER));
      return hi;
    }

    double[] start() {
      double[] x = new double[size()];
      Arrays.fill(x, 0, d, Math.log(p.lengthscale() != null ? p.lengthscale().typicalValue() : 1.0));
      if (learnOutputScale) x[d] = Math.log(p.outputScale() != null ? p.outputScale().typicalValue() : 1.0);
      if (learnNoise) x[size() - 1] = Math.log(p.noise() != null ? p.noise().typicalValue() : 1e-3);
      return x;
    }

    GpHyperparameters hyperparameters(double[] theta) {
      double[] ls = new double[d];
      for (int k = 0; k < d; k++) ls[k] = Math.exp(theta[k]);
      double scale = learnOutputScale ? Math.exp(theta[d]) : fixedOutputScale;
      double noise = learnNoise ? Math.exp(theta[size() - 1]) : fixedNoise;
      return new GpHyperparameters(family, ls, scale, noise);
    }

    /**
     * The likelihood part by {@link FusedMarginalLikelihood}; the priors, a handful of scalars, through
     * autograd on {@code θ}.
     */
    @Override
    public ValueAndGradient apply(double[] theta) {
      GpHyperparameters h = hyperparameters(theta);
      double[] likelihoodGrad = new double[d + 2];
      double logLikelihood = FusedMarginalLikelihood.valueAndGradient(family, u, data.size(), d, z, h.lengthscales(), h.outputScale(), h.noise(),
          likelihoodGrad);
      double[] grad = new double[size()];
      System.arraycopy(likelihoodGrad, 0, grad, 0, d);
      if (learnOutputScale) grad[d] = likelihoodGrad[d];
      if (learnNoise) grad[size() - 1] = likelihoodGrad[d + 1];
      double logPrior = 0;
      try (Grad.Scope s = Grad.enableGrad()) {
        Tensor t = Tensor.of(theta).requiresGrad_(true);
        Tensor total = Tensor.scalar(0.0, DType.FLOAT64);
        if (p.lengthscale() != null) total = total.add(p.lengthscale().logDensity(t.narrow(0, 0, d).exp()).sum());
        if (learnOutputScale && p.outputScale() != null) total = total.add(p.outputScale().logDensity(t.select(0, d).exp()));
        if (learnNoise && p.noise() != null) total = total.add(p.noise().logDensity(t.select(0, size() - 1).exp()));
        if (total.requiresGrad()) {
          double[] priorGrad = Autograd.grad(total, t)[0].toDoubleArray();
          for (int i = 0; i < grad.length; i++) grad[i] += priorGrad[i];
        }
        logPrior = total.item();
      }
      for (int i = 0; i < grad.length; i++) grad[i] = -grad[i];
      return new ValueAndGradient(-(logLikelihood + logPrior), grad);
    }
  }

  /** Options of a {@link GpFit}. */
  public static final class Builder {
    private final KernelFamily family;
    private GpPriors priors;
    private int restarts = 4;
    private long seed;
    private double fixedNoise = Double.NaN;
    private double fixedOutputScale = Double.NaN;
    private LbfgsOptions options = LbfgsOptions.defaults().withMaxIter(200).withToleranceGrad(1e-5).withToleranceChange(1e-9);

    private Builder(KernelFamily family) {
      if (family == null) throw new IllegalArgumentException("GpFit: family is null");
      this.family = family;
    }

    public Builder priors(GpPriors priors) {
      this.priors = priors;
      return this;
    }

    /** Number of L-BFGS-B starts (≥ 1). */
    public Builder restarts(int restarts) {
      if (restarts < 1) throw new IllegalArgumentException("GpFit: restarts must be >= 1, got " + restarts);
      this.restarts = restarts;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Keeps the noise variance at {@code noise} (standardised output units, ≥ 0) instead of learning it. */
    public Builder fixedNoise(double noise) {
      if (!(noise >= 0) || !Double.isFinite(noise)) throw new IllegalArgumentException("GpFit: fixed noise must be finite and >= 0, got " + noise);
      this.fixedNoise = noise;
      return this;
    }

    /** Keeps the output scale at {@code scale} (> 0; BoTorch's default model fixes it at 1). */
    public Builder fixedOutputScale(double scale) {
      if (!(scale > 0) || !Double.isFinite(scale)) throw new IllegalArgumentException("GpFit: fixed output scale must be finite and > 0, got " + scale);
      this.fixedOutputScale = scale;
      return this;
    }

    public Builder options(LbfgsOptions options) {
      if (options == null) throw new IllegalArgumentException("GpFit: options is null");
      this.options = options;
      return this;
    }

    public GpFit build() {
      return new GpFit(this);
    }
  }
}
