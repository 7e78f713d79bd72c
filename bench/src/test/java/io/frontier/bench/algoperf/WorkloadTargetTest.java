package io.frontier.bench.algoperf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each workload's target is reachable with a known-good AdamW setting (from the pilot runs that
 * chose the targets, see {@link Workloads}) well inside its step budget (the steps, not the clock,
 * are asserted: a loaded machine must not fail the test), and a hopeless setting does not reach it.
 * About 10 s in all on one thread.
 */
class WorkloadTargetTest {
  private static Map<String, Double> good(double lr) {
    return Map.of("lr", lr, "oneMinusBeta1", 0.1, "weightDecay", 0.01, "warmup", 0.05);
  }

  /** The named workload without its time budget, so that a loaded machine stops trials by steps alone. */
  private static Workload workload(String name) {
    Workload w = Workloads.all().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    return new Workload() {
      @Override public String name() { return w.name(); }
      @Override public String metric() { return w.metric(); }
      @Override public boolean higherIsBetter() { return w.higherIsBetter(); }
      @Override public double target() { return w.target(); }
      @Override public int maxSteps() { return w.maxSteps(); }
      @Override public double maxSeconds() { return Double.POSITIVE_INFINITY; }
      @Override public int evalEvery() { return w.evalEvery(); }
      @Override public Instance build(long seed) { return w.build(seed); }
    };
  }

  private static void assertReached(Workload w, double lr) {
    TrialResult r = TrialRunner.run(w, Submissions.ADAMW, good(lr), 1);
    assertTrue(r.reached(), w.name() + ": best " + r.best() + ", stopped by " + r.stop());
    assertTrue(r.steps() <= w.maxSteps() * 3 / 4, w.name() + ": " + r.steps() + " steps");
  }

  @Test
  void digitsWithAdamW() {
    assertReached(workload("digits-mlp"), 3e-3);
  }

  @Test
  void teacherRegressionWithAdamW() {
    assertReached(workload("teacher-regression"), 1e-2);
  }

  @Test
  void genesisGptWithAdamW() {
    assertReached(workload("genesis-gpt"), 3e-3);
  }

  @Test
  void aTinyLearningRateMissesTheTarget() {
    Workload digits = new DigitsWorkload(0.97, 100, 10);
    TrialResult r = TrialRunner.run(digits, Submissions.ADAMW, Map.of("lr", 1e-6, "oneMinusBeta1", 0.1, "weightDecay", 0.0, "warmup", 0.05), 1);
    assertFalse(r.reached());
    assertTrue(Double.isInfinite(r.seconds()));
  }
}
