package io.frontier.rl.morl.tuning;

import io.frontier.optim.bayes.BayesOpt;
import io.frontier.optim.bayes.Bounds;
import io.frontier.rl.morl.DeepSeaTreasure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hyperparameter optimisation of a MORL algorithm for the hypervolume of the front it learns
 * (Felten, Gareev, Talbi and Danoy, "Hyperparameter Optimization for Multi-Objective Reinforcement
 * Learning", arXiv 2310.16487, 2023, as morl-baselines runs it in
 * {@code experiments/hyperparameter_search/launch_sweep.py}): each trial trains the algorithm with one
 * configuration on a few seeds, each seed's front is scored by its hypervolume above a fixed reference
 * point, and the trial's value is their mean, which a black-box optimiser maximises. Averaging over
 * seeds is what makes the value worth comparing: a single run's front depends as much on its seed as
 * on the configuration. Here the algorithm is {@link ParetoQLearning} on Deep Sea Treasure with a
 * fixed step budget, and the optimiser is {@link BayesOpt} (ask/tell) or, as the baseline, uniform
 * random search with the same number of trials and the same seeds.
 *
 * <p>The search box ({@link #searchBox}), one axis per hyperparameter:
 * <ol>
 *   <li>gamma in [0.8, 1]: on the convex map the discounted front keeps all ten treasures only for
 *       gamma above 0.972 (22.4 gamma^16 &lt; 23.7 gamma^18 needs gamma^2 &gt; 22.4 / 23.7); at
 *       morl-baselines' default 0.8 it keeps two, and the undiscounted returns of what PQL learns
 *       follow;</li>
 *   <li>initialEpsilon in [0, 1];</li>
 *   <li>finalEpsilon in [0, 1];</li>
 *   <li>the fraction of the step budget over which epsilon moves between them, in [0, 1]
 *       ({@code epsilonDecaySteps = max(1, round(fraction * totalTimesteps))}).</li>
 * </ol>
 */
public final class PqlTuner {

  /** One configuration tried: its point of the box, what it decodes to, the hypervolume per seed and their mean. */
  public record Trial(double[] x, PqlConfig config, double[] hypervolumes, double meanHypervolume) {
    public Trial {
      x = x.clone();
      hypervolumes = hypervolumes.clone();
    }

    @Override
    public double[] x() {
      return x.clone();
    }

    @Override
    public double[] hypervolumes() {
      return hypervolumes.clone();
    }

    @Override
    public String toString() {
      return "Trial[x=" + Arrays.toString(x) + ", hv=" + Arrays.toString(hypervolumes) + ", mean=" + meanHypervolume + "]";
    }
  }

  /** Every trial in the order it was run. */
  public record Result(List<Trial> trials) {
    public Result {
      if (trials.isEmpty()) throw new IllegalArgumentException("PqlTuner.Result: no trials");
      trials = List.copyOf(trials);
    }

    /** The trial of highest mean hypervolume (the first of equals). */
    public Trial best() {
      Trial best = trials.get(0);
      for (Trial t : trials) if (t.meanHypervolume() > best.meanHypervolume()) best = t;
      return best;
    }

    /** The best mean hypervolume after each trial. */
    public double[] bestSoFar() {
      double[] out = new double[trials.size()];
      double best = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < out.length; i++) out[i] = best = Math.max(best, trials.get(i).meanHypervolume());
      return out;
    }
  }

  private static final Bounds BOX = Bounds.of(new double[] {0.8, 0, 0, 0}, new double[] {1, 1, 1, 1});

  private final DeepSeaTreasure.SeaMap map;
  private final int totalTimesteps;
  private final int maxEpisodeSteps;
  private final double[] referencePoint;
  private final long[] seeds;

  /**
   * @param map the Deep Sea Treasure map every trial learns on
   * @param totalTimesteps each run's step budget
   * @param maxEpisodeSteps each run's episode cap
   * @param referencePoint the hypervolume reference point, for the learner's action scores and the trial's value
   * @param seeds the learner seeds every trial is averaged over (the same for every trial and tuner)
   */
  public PqlTuner(DeepSeaTreasure.SeaMap map, int totalTimesteps, int maxEpisodeSteps, double[] referencePoint, long[] seeds) {
    if (map == null) throw new IllegalArgumentException("PqlTuner: map is null");
    if (seeds == null || seeds.length == 0) throw new IllegalArgumentException("PqlTuner: need at least one seed");
    if (referencePoint == null || referencePoint.length != 2) {
      throw new IllegalArgumentException("PqlTuner: reference point needs 2 entries, got " + (referencePoint == null ? "null" : referencePoint.length));
    }
    this.map = map;
    this.totalTimesteps = totalTimesteps;
    this.maxEpisodeSteps = maxEpisodeSteps;
    this.referencePoint = referencePoint.clone();
    this.seeds = seeds.clone();
    decode(BOX.lower()); // checks the budget and cap through PqlConfig
  }

  /** The box searched: (gamma, initialEpsilon, finalEpsilon, decay fraction). */
  public static Bounds searchBox() {
    return BOX;
  }

  /** The configuration at point {@code x} of {@link #searchBox}. */
  public PqlConfig decode(double[] x) {
    BOX.check("PqlTuner.decode", x);
    int decaySteps = (int) Math.max(1, Math.round(x[3] * totalTimesteps));
    return new PqlConfig(x[0], x[1], x[2], decaySteps, totalTimesteps, maxEpisodeSteps);
  }

  /** Trains at point {@code x} once per seed and averages the hypervolumes. */
  public Trial evaluate(double[] x) {
    PqlConfig config = decode(x);
    double[] hv = hypervolumes(config, seeds);
    return new Trial(x, config, hv, Arrays.stream(hv).average().orElseThrow());
  }

  /** The hypervolume of the front {@code config} learns with each of {@code seeds} (e.g. held-out seeds for a final check). */
  public double[] hypervolumes(PqlConfig config, long[] seeds) {
    double[] hv = new double[seeds.length];
    for (int i = 0; i < seeds.length; i++) hv[i] = ParetoQLearning.learn(map, config, referencePoint, seeds[i]).hypervolume(referencePoint);
    return hv;
  }

  /**
   * Bayesian optimisation with {@code bo}, which must search {@link #searchBox} and have observed
   * nothing: ask for a point, train there, tell it the negated mean hypervolume (BayesOpt minimises),
   * {@code budget} times.
   */
  public Result bayesOpt(BayesOpt bo, int budget) {
    checkBudget(budget);
    List<Trial> trials = new ArrayList<>();
    for (int i = 0; i < budget; i++) {
      double[] x = bo.suggest(1)[0];
      Trial t = evaluate(x);
      bo.observe(x, -t.meanHypervolume());
      trials.add(t);
    }
    return new Result(trials);
  }

  /** {@link #bayesOpt(BayesOpt, int)} with BayesOpt's defaults (Sobol design of 9, GP, LogEI) and {@code seed}. */
  public Result bayesOpt(int budget, long seed) {
    return bayesOpt(BayesOpt.builder(BOX).seed(seed).build(), budget);
  }

  /** {@code budget} points drawn uniformly from the box with {@code seed}. */
  public Result randomSearch(int budget, long seed) {
    checkBudget(budget);
    SplittableRandom rng = new SplittableRandom(seed);
    double[] lower = BOX.lower();
    double[] upper = BOX.upper();
    List<Trial> trials = new ArrayList<>();
    for (int i = 0; i < budget; i++) {
      double[] x = new double[lower.length];
      for (int k = 0; k < x.length; k++) x[k] = lower[k] + rng.nextDouble() * (upper[k] - lower[k]);
      trials.add(evaluate(x));
    }
    return new Result(trials);
  }

  private static void checkBudget(int budget) {
    if (budget < 1) throw new IllegalArgumentException("PqlTuner: budget must be >= 1 trial, got " + budget);
  }
}
