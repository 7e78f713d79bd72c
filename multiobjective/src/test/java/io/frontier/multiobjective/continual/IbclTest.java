package io.frontier.multiobjective.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.multiobjective.continual.Ibcl.Combination;
import io.frontier.multiobjective.pareto.Dominance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IbclTest {
  private static final double S2 = ConflictingTasks.NOISE_VARIANCE;
  private static final int D = 4;
  private static final int N = 30;

  private static Ibcl independent(double[] priorStds, List<RegressionTask> tasks) {
    Ibcl ibcl = new Ibcl(new Ibcl.Config(priorStds, S2, false));
    tasks.forEach(ibcl::update);
    return ibcl;
  }

  private static double[][] twoTaskGrid(int points) {
    double[][] w = new double[points][];
    for (int p = 0; p < points; p++) {
      double t = p / (double) (points - 1);
      w[p] = new double[] {1 - t, t};
    }
    return w;
  }

  /** The simplex lattice with step 1/h over three tasks. */
  private static double[][] threeTaskLattice(int h) {
    List<double[]> w = new ArrayList<>();
    for (int a = 0; a <= h; a++) for (int b = 0; a + b <= h; b++) w.add(new double[] {a / (double) h, b / (double) h, (h - a - b) / (double) h});
    return w.toArray(new double[0][]);
  }

  private static void assertMutuallyNonDominated(List<double[]> losses, String what) {
    for (int a = 0; a < losses.size(); a++) {
      for (int b = 0; b < losses.size(); b++) {
        assertFalse(Dominance.dominates(losses.get(a), losses.get(b)),
            what + ": model " + a + " " + Arrays.toString(losses.get(a)) + " dominates model " + b + " " + Arrays.toString(losses.get(b)));
      }
    }
  }

  @Test
  void preferenceForOneTaskGivesThatTasksOwnOptimum() {
    List<RegressionTask> tasks = ConflictingTasks.make(11, 3, D, N);
    for (double[] stds : new double[][] {{1.0}, {0.6, 1.0, 1.6}}) {
      Ibcl ibcl = independent(stds, tasks);
      double lambda = ibcl.config().meanPriorPrecision();
      for (int i = 0; i < 3; i++) {
        double[] e = new double[3];
        e[i] = 1;
        // Task i's optimum, argmin l_i, computed apart from Ibcl: the posterior under N(0, I / lambda).
        double[] optimum = BayesianLinearRegression.posterior(GaussianPosterior.isotropic(D, 1 / Math.sqrt(lambda)), tasks.get(i), S2).mean();
        assertArrayEquals(optimum, ibcl.zeroShot(e, Combination.NATURAL).mean(), 1e-10, "natural, m = " + stds.length + ", task " + i);
        if (stds.length == 1) {
          // The released rule averages the m extreme means; with m = 1 that is the optimum itself.
          assertArrayEquals(optimum, ibcl.zeroShot(e, Combination.MOMENT).mean(), 1e-10, "moment, task " + i);
        }
      }
    }
  }

  @Test
  void zeroShotModelsOnAGridTraceATradeOffWithNoModelDominated() {
    List<RegressionTask> two = ConflictingTasks.make(21, 2, D, N);
    for (Combination rule : Combination.values()) {
      Ibcl ibcl = independent(new double[] {1.0}, two);
      WeightedLossTrainer losses = new WeightedLossTrainer(two, S2, ibcl.config().meanPriorPrecision());
      List<double[]> front = new ArrayList<>();
      for (double[] w : twoTaskGrid(41)) front.add(losses.taskLosses(ibcl.zeroShot(w, rule).mean()));
      assertMutuallyNonDominated(front, rule + ", two tasks");
      // A trade-off, not a single point: moving the preference to task 2 lowers l_2 and raises l_1.
      for (int p = 1; p < front.size(); p++) {
        assertTrue(front.get(p)[0] > front.get(p - 1)[0] && front.get(p)[1] < front.get(p - 1)[1], rule + " step " + p);
      }
    }
    // Over three tasks only the natural rule is a weighted-sum minimiser, hence Pareto optimal.
    List<RegressionTask> three = ConflictingTasks.make(31, 3, D, N);
    Ibcl ibcl = independent(new double[] {0.6, 1.0, 1.6}, three);
    WeightedLossTrainer losses = new WeightedLossTrainer(three, S2, ibcl.config().meanPriorPrecision());
    List<double[]> front = new ArrayList<>();
    for (double[] w : threeTaskLattice(10)) front.add(losses.taskLosses(ibcl.zeroShot(w, Combination.NATURAL).mean()));
    assertMutuallyNonDominated(front, "natural, three tasks");
  }

  /**
   * The knowledge base keeps no data: after its updates the task data is overwritten with NaN and
   * 1000 models are still produced, finite and unchanged, while the count of posterior updates (its
   * only training) stays at k m. The baseline takes optimizer steps for every preference.
   */
  @Test
  void aNewPreferenceCostsNoTrainingAndReadsNoData() {
    List<RegressionTask> tasks = ConflictingTasks.make(41, 3, D, N);
    Ibcl ibcl = independent(new double[] {0.6, 1.0, 1.6}, tasks);
    WeightedLossTrainer trainer = new WeightedLossTrainer(tasks, S2, ibcl.config().meanPriorPrecision());
    assertEquals(9, ibcl.bayesUpdates());
    double[] w0 = {0.2, 0.3, 0.5};
    double[] before = ibcl.zeroShot(w0, Combination.MOMENT).mean();
    long baselineSteps = trainer.train(w0, 1e-8, 1_000_000).steps();
    for (RegressionTask t : tasks) {
      Arrays.fill(t.y(), Double.NaN);
      for (double[] row : t.x()) Arrays.fill(row, Double.NaN);
    }
    double[][] lattice = threeTaskLattice(43);
    for (double[] w : lattice) {
      for (Combination rule : Combination.values()) {
        for (double v : ibcl.zeroShot(w, rule).mean()) assertTrue(Double.isFinite(v));
      }
    }
    assertTrue(lattice.length * 2 >= 1000);
    assertArrayEquals(before, ibcl.zeroShot(w0, Combination.MOMENT).mean(), 0);
    assertEquals(9, ibcl.bayesUpdates());
    assertTrue(baselineSteps > 100, "baseline steps " + baselineSteps);
  }

  @Test
  void naturalCombinationEqualsTrainingOnTheWeightedLoss() {
    List<RegressionTask> tasks = ConflictingTasks.make(51, 3, D, N);
    Ibcl ibcl = independent(new double[] {0.6, 1.0, 1.6}, tasks);
    WeightedLossTrainer trainer = new WeightedLossTrainer(tasks, S2, ibcl.config().meanPriorPrecision());
    for (double[] w : threeTaskLattice(6)) {
      WeightedLossTrainer.Trained trained = trainer.train(w, 1e-10, 2_000_000);
      assertArrayEquals(trained.theta(), ibcl.zeroShot(w, Combination.NATURAL).mean(), 1e-8, Arrays.toString(w));
    }
  }

  /**
   * When every task has the same inputs X (only y differs) all extreme points share one precision,
   * sum beta Lambda mu = Lambda sum beta mu, and the released rule coincides with the natural one and
   * with training.
   */
  @Test
  void momentCombinationIsExactWhenTasksShareTheirInputs() {
    List<RegressionTask> drawn = ConflictingTasks.make(71, 3, D, N);
    List<RegressionTask> tasks = new ArrayList<>();
    for (RegressionTask t : drawn) tasks.add(new RegressionTask(drawn.get(0).x(), t.y()));
    Ibcl ibcl = independent(new double[] {1.0}, tasks);
    WeightedLossTrainer trainer = new WeightedLossTrainer(tasks, S2, ibcl.config().meanPriorPrecision());
    for (double[] w : threeTaskLattice(5)) {
      double[] moment = ibcl.zeroShot(w, Combination.MOMENT).mean();
      assertArrayEquals(ibcl.zeroShot(w, Combination.NATURAL).mean(), moment, 1e-10, Arrays.toString(w));
      assertArrayEquals(trainer.train(w, 1e-10, 2_000_000).theta(), moment, 1e-8, Arrays.toString(w));
    }
  }

  /**
   * With heterogeneous input scales (task precisions differ by up to ~100x per coordinate) the
   * released rule (mean of the extreme means) is far from the weighted-loss minimiser. Measured on
   * this problem and printed: its excess weighted loss over the trained model relative to the trained
   * loss (mean 1.53, worst 3.65 at the last run), the worst parameter gap, how often the trained
   * optimum falls inside its 0.1-HDR box (the exact posteriors are narrow), and how many of its models
   * are dominated by another of its models over three tasks. The bound pins the measurement.
   */
  @Test
  void momentCombinationIsWithinAMeasuredGapOfTraining() {
    List<RegressionTask> tasks = ConflictingTasks.make(51, 3, D, N);
    Ibcl ibcl = independent(new double[] {1.0}, tasks);
    WeightedLossTrainer trainer = new WeightedLossTrainer(tasks, S2, ibcl.config().meanPriorPrecision());
    double worstRel = 0;
    double meanRel = 0;
    double worstParam = 0;
    int inside = 0;
    long steps = 0;
    double[][] lattice = threeTaskLattice(6);
    List<double[]> front = new ArrayList<>();
    for (double[] w : lattice) {
      WeightedLossTrainer.Trained trained = trainer.train(w, 1e-10, 2_000_000);
      steps += trained.steps();
      ZeroShotModel model = ibcl.zeroShot(w, Combination.MOMENT);
      front.add(trainer.taskLosses(model.mean()));
      double best = trainer.weightedLoss(w, trained.theta());
      double got = trainer.weightedLoss(w, model.mean());
      assertTrue(got >= best - 1e-9 * best, "trained loss " + best + " above zero-shot " + got + " at " + Arrays.toString(w));
      double rel = (got - best) / best;
      worstRel = Math.max(worstRel, rel);
      meanRel += rel / lattice.length;
      for (int c = 0; c < D; c++) worstParam = Math.max(worstParam, Math.abs(model.mean()[c] - trained.theta()[c]));
      if (model.hdr(0.1).contains(trained.theta())) inside++;
    }
    int dominated = 0;
    for (double[] b : front) {
      for (double[] a : front) {
        if (Dominance.dominates(a, b)) {
          dominated++;
          break;
        }
      }
    }
    System.out.printf("IBCL moment rule vs trained, %d preferences: excess weighted loss mean %.4f, worst %.4f (relative); "
        + "worst |theta| gap %.4f; trained optimum inside 0.1-HDR for %d; dominated zero-shot models %d; baseline steps %d%n",
        lattice.length, meanRel, worstRel, worstParam, inside, dominated, steps);
    assertTrue(meanRel > 0.5 && worstRel < 5, "relative excess mean " + meanRel + ", worst " + worstRel);
  }

  @Test
  void hdrIsTheCentralIntervalOfEachMarginal() {
    ZeroShotModel model = new ZeroShotModel(new double[] {1}, Combination.MOMENT, new double[] {1, -2}, new double[] {0.5, 2});
    ZeroShotModel.Box box = model.hdr(0.05);
    assertArrayEquals(new double[] {1 - 0.5 * 1.959963984540054, -2 - 2 * 1.959963984540054}, box.lower(), 1e-8);
    assertArrayEquals(new double[] {1 + 0.5 * 1.959963984540054, -2 + 2 * 1.959963984540054}, box.upper(), 1e-8);
    assertEquals(2.5758293035489004, NormalQuantile.of(0.995), 1e-8);
    assertEquals(-3.090232306167813, NormalQuantile.of(0.001), 1e-8);
    assertEquals(1.2815515655446004, NormalQuantile.of(0.9), 1e-8);
  }

  @Test
  void badPreferencesAreNamed() {
    Ibcl ibcl = independent(new double[] {1.0}, ConflictingTasks.make(61, 2, D, N));
    assertEquals("zeroShot: preference has 3 entries but 2 tasks were seen",
        assertThrows(IllegalArgumentException.class, () -> ibcl.zeroShot(new double[] {0.2, 0.3, 0.5}, Combination.MOMENT)).getMessage());
    assertEquals("zeroShot: preference sums to 0.9, not 1",
        assertThrows(IllegalArgumentException.class, () -> ibcl.zeroShot(new double[] {0.4, 0.5}, Combination.MOMENT)).getMessage());
    assertEquals("zeroShot: preference entry 0 = -0.5 is negative",
        assertThrows(IllegalArgumentException.class, () -> ibcl.zeroShot(new double[] {-0.5, 1.5}, Combination.NATURAL)).getMessage());
    assertThrows(IllegalStateException.class, () -> new Ibcl(Ibcl.Config.paperDefaults(1)).zeroShot(new double[] {1}, Combination.MOMENT));
  }
}
