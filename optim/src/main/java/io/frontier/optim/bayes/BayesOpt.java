package io.frontier.optim.bayes;

import io.frontier.optim.bayes.acquisition.Acquisition;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Bayesian optimization of an expensive objective to <em>minimise</em> on a box, with an ask/tell
 * interface (Frazier's tutorial, Algorithm 1): a Sobol initial design, then repeatedly fit a
 * surrogate ({@link ModelFactory}) to all observations, maximise an acquisition
 * ({@link AcquisitionFactory}, LogEI by default) with {@link AcquisitionOptimizer}, and evaluate
 * where it points.
 *
 * <p>The model sees the negated objective, since acquisitions maximise. {@link #suggest} returns q
 * points: q-batch acquisitions choose them jointly; an acquisition of one point is applied greedily,
 * each chosen point conditioned into the model at its posterior mean (the kriging believer) before
 * the next. Suggestions not yet observed are not remembered. Every random choice derives from the
 * seed, so a run with the same seed and observations is reproduced exactly.
 */
public final class BayesOpt {
  /** One evaluation, reported to the progress listener: its index (from 1), point, value, and the best so far. */
  public record Progress(int evaluation, double[] x, double y, double[] bestX, double bestY) {}

  /** The best point and value found and every observation in order. */
  public record Result(double[] bestX, double bestY, List<double[]> xs, double[] ys) {}

  private final Bounds bounds;
  private final long seed;
  private final int initialPoints;
  private final ModelFactory modelFactory;
  private final AcquisitionFactory acquisitionFactory;
  private final AcquisitionOptimizer.Options optimizerOptions;
  private final Executor executor;
  private final int batchSize;
  private final Consumer<Progress> listener;
  private final SobolDesign design;
  private final List<double[]> xs = new ArrayList<>();
  private final List<Double> ys = new ArrayList<>();
  private int suggestions;

  private BayesOpt(Builder b) {
    this.bounds = b.bounds;
    this.seed = b.seed;
    this.initialPoints = b.initialPoints > 0 ? b.initialPoints : 2 * bounds.dim() + 1;
    this.modelFactory = b.modelFactory;
    this.acquisitionFactory = b.acquisitionFactory;
    this.optimizerOptions = b.optimizerOptions;
    this.executor = b.executor;
    this.batchSize = b.batchSize;
    this.listener = b.listener;
    this.design = new SobolDesign(bounds, seed);
  }

  public static Builder builder(Bounds bounds) {
    return new Builder(bounds);
  }

  /** Minimises {@code fn} on {@code bounds} with {@code budget} evaluations and the defaults. */
  public static Result minimize(ToDoubleFunction<double[]> fn, Bounds bounds, int budget) {
    return builder(bounds).build().minimize(fn, budget);
  }

  /**
   * The next {@code q} points to evaluate: from the initial design while fewer than
   * {@code initialPoints} observations exist, from the acquisition afterwards.
   */
  public double[][] suggest(int q) {
    if (q < 1) throw new IllegalArgumentException("BayesOpt.suggest: q must be >= 1, got " + q);
    long round = seed * 1_000_003L + (++suggestions);
    if (xs.size() < initialPoints) return design.next(q);
    Model model = modelFactory.fit(inputs(), negatedTargets(), bounds, round);
    Acquisition acquisition = acquisitionFactory.create(model, q, round);
    if (acquisition.q() == q) return AcquisitionOptimizer.maximize(acquisition, bounds, optimizerOptions, round).x();
    if (acquisition.q() != 1) {
      throw new IllegalStateException("BayesOpt.suggest: the acquisition scores " + acquisition.q() + " points at once, " + q + " were asked for");
    }
    double[][] out = new double[q][];
    for (int j = 0; j < q; j++) {
      out[j] = AcquisitionOptimizer.maximize(acquisition, bounds, optimizerOptions, round + j).x()[0];
      if (j + 1 < q) {
        Tensor x = Tensor.of(new double[][] {out[j]});
        Tensor believed;
        try (Grad.Scope noGrad = Grad.noGrad()) {
          believed = model.posterior(x).mean().detach();
        }
        model = model.condition(x, believed);
        acquisition = acquisitionFactory.create(model, 1, round + j + 1);
      }
    }
    return out;
  }

  /** Records {@code y = f(x)} for each row. */
  public void observe(double[][] x, double[] y) {
    if (x == null || y == null || x.length != y.length) {
      throw new IllegalArgumentException("BayesOpt.observe: need as many values as points, got " + (x == null ? "null" : x.length)
          + " points and " + (y == null ? "null" : y.length) + " values");
    }
    for (int i = 0; i < x.length; i++) {
      bounds.check("BayesOpt.observe", x[i]);
      if (!Double.isFinite(y[i])) throw new IllegalArgumentException("BayesOpt.observe: value " + i + " is not finite: " + y[i]);
    }
    for (int i = 0; i < x.length; i++) {
      xs.add(x[i].clone());
      ys.add(y[i]);
    }
  }

  public void observe(double[] x, double y) {
    observe(new double[][] {x}, new double[] {y});
  }

  /** Runs suggest/evaluate/observe until {@code budget} observations exist, evaluating each batch through the executor. */
  public Result minimize(ToDoubleFunction<double[]> fn, int budget) {
    if (fn == null) throw new IllegalArgumentException("BayesOpt.minimize: objective is null");
    if (budget < 1) throw new IllegalArgumentException("BayesOpt.minimize: budget must be >= 1, got " + budget);
    while (xs.size() < budget) {
      double[][] batch = suggest(Math.min(batchSize, budget - xs.size()));
      List<CompletableFuture<Double>> futures = new ArrayList<>();
      for (double[] x : batch) {
        double[] copy = x.clone();
        futures.add(CompletableFuture.supplyAsync(() -> fn.applyAsDouble(copy), executor));
      }
      double[] values = new double[batch.length];
      for (int i = 0; i < batch.length; i++) values[i] = futures.get(i).join();
      observe(batch, values);
      if (listener != null) {
        for (int i = 0; i < batch.length; i++) {
          int index = xs.size() - batch.length + i;
          int best = bestIndex(index + 1);
          listener.accept(new Progress(index + 1, batch[i].clone(), values[i], xs.get(best).clone(), ys.get(best)));
        }
      }
    }
    return result();
  }

  /** The best observation so far and the history. */
  public Result result() {
    if (xs.isEmpty()) throw new IllegalStateException("BayesOpt.result: nothing observed yet");
    int best = bestIndex(xs.size());
    double[] y = new double[ys.size()];
    for (int i = 0; i < y.length; i++) y[i] = ys.get(i);
    List<double[]> history = new ArrayList<>();
    for (double[] x : xs) history.add(x.clone());
    return new Result(xs.get(best).clone(), ys.get(best), history, y);
  }

  private int bestIndex(int upTo) {
    int best = 0;
    for (int i = 1; i < upTo; i++) if (ys.get(i) < ys.get(best)) best = i;
    return best;
  }

  private Tensor inputs() {
    return Tensor.of(xs.toArray(new double[0][]));
  }

  private Tensor negatedTargets() {
    double[] y = new double[ys.size()];
    for (int i = 0; i < y.length; i++) y[i] = -ys.get(i);
    return Tensor.of(y);
  }

  /** Settings, with defaults: seed 0, 2d + 1 initial points, {@link ModelFactory#gp()}, LogEI, one point per batch, evaluation on the calling thread. */
  public static final class Builder {
    private final Bounds bounds;
    private long seed;
    private int initialPoints;
    private ModelFactory modelFactory = ModelFactory.gp();
    private AcquisitionFactory acquisitionFactory = AcquisitionFactory.logExpectedImprovement();
    private AcquisitionOptimizer.Options optimizerOptions = AcquisitionOptimizer.Options.defaults();
    private Executor executor = Runnable::run;
    private int batchSize = 1;
    private Consumer<Progress> listener;

    private Builder(Bounds bounds) {
      if (bounds == null) throw new IllegalArgumentException("BayesOpt: bounds are null");
      this.bounds = bounds;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder initialPoints(int n) {
      if (n < 1) throw new IllegalArgumentException("BayesOpt: initialPoints must be >= 1, got " + n);
      this.initialPoints = n;
      return this;
    }

    public Builder modelFactory(ModelFactory f) {
      if (f == null) throw new IllegalArgumentException("BayesOpt: model factory is null");
      this.modelFactory = f;
      return this;
    }

    public Builder acquisition(AcquisitionFactory f) {
      if (f == null) throw new IllegalArgumentException("BayesOpt: acquisition factory is null");
      this.acquisitionFactory = f;
      return this;
    }

    public Builder optimizerOptions(AcquisitionOptimizer.Options o) {
      if (o == null) throw new IllegalArgumentException("BayesOpt: optimizer options are null");
      this.optimizerOptions = o;
      return this;
    }

    /** Where {@link BayesOpt#minimize} evaluates the objective (each batch's points concurrently if the executor allows). */
    public Builder executor(Executor e) {
      if (e == null) throw new IllegalArgumentException("BayesOpt: executor is null");
      this.executor = e;
      return this;
    }

    public Builder batchSize(int q) {
      if (q < 1) throw new IllegalArgumentException("BayesOpt: batchSize must be >= 1, got " + q);
      this.batchSize = q;
      return this;
    }

    public Builder listener(Consumer<Progress> l) {
      this.listener = l;
      return this;
    }

    public BayesOpt build() {
      return new BayesOpt(this);
    }
  }

  @Override
  public String toString() {
    return "BayesOpt[bounds=" + bounds + ", observations=" + xs.size() + ", seed=" + seed + ", initialPoints=" + initialPoints
        + ", batchSize=" + batchSize + "]" + (xs.isEmpty() ? "" : " best " + Arrays.toString(result().bestX()));
  }
}
