package io.frontier.bench.algoperf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each workload's target is reachable with a known-good AdamW setting within its step budget (the
 * steps, not the clock, are asserted: a loaded machine must not fail the test), and a hopeless
 * setting does not reach it. About 3 s in all.
 */
class WorkloadTargetTest {
  private static final Map<String, Double> GOOD = Map.of("lr", 3e-3, "oneMinusBeta1", 0.1, "weightDecay", 0.01, "warmup", 0.05);

  private static Workload workload(String name) {
    return Workloads.all().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
  }

  private static void assertReached(Workload w) {
    TrialResult r = TrialRunner.run(w, Submissions.ADAMW, GOOD, 1);
    assertTrue(r.reached(), w.name() + ": best " + r.best() + ", stopped by " + r.stop());
    assertTrue(r.steps() <= w.maxSteps() / 2, w.name() + ": " + r.steps() + " steps");
  }

  @Test
  void digitsWithAdamW() {
    assertReached(workload("digits-mlp"));
  }

  @Test
  void teacherRegressionWithAdamW() {
    assertReached(workload("teacher-regression"));
  }

  @Test
  void aliceGptWithAdamW() {
    assertReached(workload("alice-gpt"));
  }

  @Test
  void aTinyLearningRateMissesTheTarget() {
    Workload digits = new DigitsWorkload(0.97, 100, 10);
    TrialResult r = TrialRunner.run(digits, Submissions.ADAMW, Map.of("lr", 1e-6, "oneMinusBeta1", 0.1, "weightDecay", 0.0, "warmup", 0.05), 1);
    assertFalse(r.reached());
    assertTrue(Double.isInfinite(r.seconds()));
  }
}
