package io.frontier.multiobjective.bayes;

import io.frontier.multiobjective.pareto.Hypervolume;
import io.frontier.optim.bayes.AcquisitionOptimizer;
import io.frontier.optim.bayes.Bounds;
import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.ModelFactory;
import io.frontier.optim.bayes.SobolDesign;
import io.frontier.optim.bayes.acquisition.Acquisition;
import io.frontier.optim.bayes.acquisition.LogExpectedImprovement;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Multi-objective Bayesian optimization of m objectives to minimise on a box, ask/tell like
 * {@link io.frontier.optim.bayes.BayesOpt}: a Sobol initial design, then per suggestion either
 * <ul>
 *   <li>{@link Strategy#PAREGO}: a fresh simplex weight, the observations scalarised by
 *       {@link ParEgo} (normalised from the best observed values to the reference point), one GP on
 *       the scalarisation and LogEI (Knowles 2006), or
 *   <li>{@link Strategy#EHVI}: one GP per objective and expected hypervolume improvement over the
 *       observed front, exact for two objectives ({@link ExpectedHypervolumeImprovement2D}) and by
 *       quasi-Monte-Carlo beyond ({@link MonteCarloExpectedHypervolumeImprovement}).
 * </ul>
 * A batch of q points is chosen one at a time: ParEGO with a new weight each, EHVI with the chosen
 * points added to the front at their posterior means (the kriging believer).
 */
public final class MultiObjectiveBayesOpt {
  public enum Strategy { PAREGO, EHVI }

  /** One evaluation: its index (from 1), point, objective vector, and the hypervolume of everything observed so far. */
  public record Progress(int evaluation, double[] x, double[] y, double hypervolume) {}

  /** Every observation in order, the non-dominated ones, and their hypervolume with respect to the reference point. */
  public record Result(List<double[]> xs, double[][] ys, double[][] front, double hypervolume) {}

  private static final int EHVI_SAMPLES = 256;

  private final Bounds bounds;
  private final int objectives;
  private final double[] reference;
  private final Strategy strategy;
  private final long seed;
  private final int initialPoints;
  private final ModelFactory modelFactory;
  private final AcquisitionOptimizer.Options optimizerOptions;
  private final Executor executor;
  private final int batchSize;
  private final Consumer<Progress> listener;
  private final SobolDesign design;
  private final SplittableRandom weights;
  private final List<double[]> xs = new ArrayList<>();
  private final List<double[]> ys = new ArrayList<>();
  private int suggestions;

  private MultiObjectiveBayesOpt(Builder b) {
    this.bounds = b.bounds;
    this.objectives = b.objectives;
    this.reference = b.reference.clone();
    this.strategy = b.strategy;
    this.seed = b.seed;
    this.initialPoints = b.initialPoints > 0 ? b.initialPoints : 2 * bounds.dim() + 1;
    this.modelFactory = b.modelFactory;
    this.optimizerOptions = b.optimizerOptions;
    this.executor = b.executor;
    this.batchSize = b.batchSize;
    this.listener = b.listener;
    this.design = new SobolDesign(bounds, seed);
    this.weights = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  public static Builder builder(Bounds bounds, int objectives, double[] reference) {
    return new Builder(bounds, objectives, reference);
  }

  public double[][] suggest(int q) {
    if (q < 1) throw new IllegalArgumentException("MultiObjectiveBayesOpt.suggest: q must be >= 1, got " + q);
    long round = seed * 1_000_003L + (++suggestions);
    if (xs.size() < initialPoints) return design.next(q);
    Tensor x = Tensor.of(xs.toArray(new double[0][]));
    double[][] out = new double[q][];
    if (strategy == Strategy.PAREGO) {
      double[][] y = ys.toArray(new double[0][]);
      for (int j = 0; j < q; j++) {
        double[] s = ParEgo.scalarize(y, ParEgo.randomWeights(objectives, weights), ParEgo.RHO, reference);
        for (int i = 0; i < s.length; i++) s[i] = -s[i];
        Model model = modelFactory.fit(x, Tensor.of(s), bounds, round + j);
        double best = Double.NEGATIVE_INFINITY;
        for (double v : s) best = Math.max(best, v);
        out[j] = AcquisitionOptimizer.maximize(new LogExpectedImprovement(model, best), bounds, optimizerOptions, round + j).x()[0];
      }
      return out;
    }
    List<Model> models = new ArrayList<>();
    for (int k = 0; k < objectives; k++) {
      double[] yk = new double[ys.size()];
      for (int i = 0; i < yk.length; i++) yk[i] = ys.get(i)[k];
      models.add(modelFactory.fit(x, Tensor.of(yk), bounds, round + 31L * k));
    }
    List<double[]> front = new ArrayList<>(ys);
    for (int j = 0; j < q; j++) {
      double[][] f = front.toArray(new double[0][]);
      Acquisition ehvi = objectives == 2 ? new ExpectedHypervolumeImprovement2D(models.get(0), models.get(1), f, reference)
          : new MonteCarloExpectedHypervolumeImprovement(models, f, reference, EHVI_SAMPLES, round + j);
      out[j] = AcquisitionOptimizer.maximize(ehvi, bounds, optimizerOptions, round + j).x()[0];
      if (j + 1 < q) {
        double[] believed = new double[objectives];
        try (var noGrad = io.frontier.tensor.Grad.noGrad()) {
          for (int k = 0; k < objectives; k++) believed[k] = models.get(k).posterior(Tensor.of(new double[][] {out[j]})).mean().item();
        }
        front.add(believed);
      }
    }
    return out;
  }

  public void observe(double[][] x, double[][] y) {
    if (x == null || y == null || x.length != y.length) {
      throw new IllegalArgumentException("MultiObjectiveBayesOpt.observe: need as many objective vectors as points");
    }
    for (int i = 0; i < x.length; i++) {
      bounds.check("MultiObjectiveBayesOpt.observe", x[i]);
      if (y[i] == null || y[i].length != objectives) {
        throw new IllegalArgumentException("MultiObjectiveBayesOpt.observe: objective vector " + i + " must have " + objectives + " entries");
      }
      for (double v : y[i]) if (!Double.isFinite(v)) throw new IllegalArgumentException("MultiObjectiveBayesOpt.observe: objective vector " + i + " is not finite");
    }
    for (int i = 0; i < x.length; i++) {
      xs.add(x[i].clone());
      ys.add(y[i].clone());
    }
  }

  public Result minimize(Function<double[], double[]> fn, int budget) {
    if (fn == null) throw new IllegalArgumentException("MultiObjectiveBayesOpt.minimize: objective is null");
    if (budget < 1) throw new IllegalArgumentException("MultiObjectiveBayesOpt.minimize: budget must be >= 1, got " + budget);
    while (xs.size() < budget) {
      double[][] batch = suggest(Math.min(batchSize, budget - xs.size()));
      List<CompletableFuture<double[]>> futures = new ArrayList<>();
      for (double[] p : batch) {
        double[] copy = p.clone();
        futures.add(CompletableFuture.supplyAsync(() -> fn.apply(copy), executor));
      }
      double[][] values = new double[batch.length][];
      for (int i = 0; i < batch.length; i++) values[i] = futures.get(i).join();
      observe(batch, values);
      if (listener != null) {
        double hv = hypervolume();
        for (int i = 0; i < batch.length; i++) listener.accept(new Progress(xs.size() - batch.length + i + 1, batch[i].clone(), values[i].clone(), hv));
      }
    }
    return result();
  }

  public Result result() {
    double[][] y = ys.toArray(new double[0][]);
    double[][] front = ParetoFronts.insideReference(y, reference);
    List<double[]> history = new ArrayList<>();
    for (double[] p : xs) history.add(p.clone());
    return new Result(history, y, front, front.length == 0 ? 0 : Hypervolume.of(front, reference));
  }

  private double hypervolume() {
    return result().hypervolume();
  }

  /** Settings, with defaults: ParEGO, seed 0, 2d + 1 initial points, {@link ModelFactory#gp()}, one point per batch, evaluation on the calling thread. */
  public static final class Builder {
    private final Bounds bounds;
    private final int objectives;
    private final double[] reference;
    private Strategy strategy = Strategy.PAREGO;
    private long seed;
    private int initialPoints;
    private ModelFactory modelFactory = ModelFactory.gp();
    private AcquisitionOptimizer.Options optimizerOptions = AcquisitionOptimizer.Options.defaults();
    private Executor executor = Runnable::run;
    private int batchSize = 1;
    private Consumer<Progress> listener;

    private Builder(Bounds bounds, int objectives, double[] reference) {
      if (bounds == null) throw new IllegalArgumentException("MultiObjectiveBayesOpt: bounds are null");
      if (objectives < 2) throw new IllegalArgumentException("MultiObjectiveBayesOpt: need at least 2 objectives, got " + objectives);
      ParetoFronts.checkReference("MultiObjectiveBayesOpt", reference, objectives);
      this.bounds = bounds;
      this.objectives = objectives;
      this.reference = reference.clone();
    }

    public Builder strategy(Strategy s) {
      if (s == null) throw new IllegalArgumentException("MultiObjectiveBayesOpt: strategy is null");
      this.strategy = s;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder initialPoints(int n) {
      if (n < 1) throw new IllegalArgumentException("MultiObjectiveBayesOpt: initialPoints must be >= 1, got " + n);
      this.initialPoints = n;
      return this;
    }

    public Builder modelFactory(ModelFactory f) {
      if (f == null) throw new IllegalArgumentException("MultiObjectiveBayesOpt: model factory is null");
      this.modelFactory = f;
      return this;
    }

    public Builder optimizerOptions(AcquisitionOptimizer.Options o) {
      if (o == null) throw new IllegalArgumentException("MultiObjectiveBayesOpt: optimizer options are null");
      this.optimizerOptions = o;
      return this;
    }

    public Builder executor(Executor e) {
      if (e == null) throw new IllegalArgumentException("MultiObjectiveBayesOpt: executor is null");
      this.executor = e;
      return this;
    }

    public Builder batchSize(int q) {
      if (q < 1) throw new IllegalArgumentException("MultiObjectiveBayesOpt: batchSize must be >= 1, got " + q);
      this.batchSize = q;
      return this;
    }

    public Builder listener(Consumer<Progress> l) {
      this.listener = l;
      return this;
    }

    public MultiObjectiveBayesOpt build() {
      return new MultiObjectiveBayesOpt(this);
    }
  }
}
