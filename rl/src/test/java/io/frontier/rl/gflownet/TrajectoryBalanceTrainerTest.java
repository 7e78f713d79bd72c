package io.frontier.rl.gflownet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.Module;
import io.frontier.optim.SGD;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trainer's plumbing on an untrained model: rollouts, the batched loss, and the sampler against the exact flows. */
class TrajectoryBalanceTrainerTest {
  private static final Hypergrid GRID = new Hypergrid(2, 5);
  private static final ScalarisedReward REWARD = new ScalarisedReward(GridObjectives.quarterCircle(GRID, 0.2, 0.1), 4);

  private static PreferenceConditionedGFlowNet model() {
    return new PreferenceConditionedGFlowNet(GRID, 2, 16, new Generator(3));
  }

  /** Each rollout is a monotone path from the origin that ends with stop at its terminal, and sumLogPB is the path's uniform backward log-probability. */
  @Test
  void rolloutsAreCompletePathsWithTheirBackwardLogProbabilities() {
    double[][] prefs = {{0.2, 0.8}, {0.5, 0.5}, {0.9, 0.1}, {1, 0}, {0, 1}, {0.3, 0.7}};
    TrajectoryBalanceTrainer.Trajectories batch = TrajectoryBalanceTrainer.rollout(model(), prefs, 0.3, new SplittableRandom(5));
    for (int b = 0; b < prefs.length; b++) {
      int s = 0;
      double sumLogPB = 0;
      boolean stopped = false;
      for (int n = 0; n < batch.stepStates().length; n++) {
        if (batch.stepOwner()[n] != b) continue;
        assertTrue(!stopped, "trajectory " + b + " acts after stopping");
        assertEquals(s, batch.stepStates()[n]);
        int a = batch.stepActions()[n];
        assertTrue(GRID.isValid(s, a));
        if (a == GRID.stopAction()) {
          stopped = true;
        } else {
          s = GRID.child(s, a);
          sumLogPB += GRID.logBackward(s);
        }
      }
      assertTrue(stopped);
      assertEquals(s, batch.terminals()[b]);
      assertEquals(sumLogPB, batch.sumLogPB()[b], 1e-14);
    }
  }

  /**
   * The batched loss (one forward pass, gather, indexAdd) against the same TB loss written out per
   * trajectory from {@code forwardProbs}, {@code logZ(w)} and the reward.
   */
  @Test
  void batchLossMatchesTheLossSummedTrajectoryByTrajectory() {
    PreferenceConditionedGFlowNet m = model();
    double[][] prefs = {{0.2, 0.8}, {0.7, 0.3}, {0.5, 0.5}};
    TrajectoryBalanceTrainer.Trajectories batch = TrajectoryBalanceTrainer.rollout(m, prefs, 0.1, new SplittableRandom(9));
    double[] sumLogPF = new double[prefs.length];
    for (int n = 0; n < batch.stepStates().length; n++) {
      int b = batch.stepOwner()[n];
      sumLogPF[b] += Math.log(m.forwardProbs(prefs[b])[batch.stepStates()[n]][batch.stepActions()[n]]);
    }
    double expected = 0;
    for (int b = 0; b < prefs.length; b++) {
      double d = TrajectoryBalance.residual(m.logZ(prefs[b]), sumLogPF[b], REWARD.logReward(batch.terminals()[b], prefs[b]), batch.sumLogPB()[b]);
      expected += d * d / prefs.length;
    }
    Tensor loss = Module.noGrad(() -> TrajectoryBalanceTrainer.loss(m, REWARD, batch));
    assertEquals(expected, loss.item(), 1e-10 * Math.max(1, expected));
  }

  /** The untrained policy's 40 000 samples against its exact terminal distribution: measured TV 0.011, about the sampling noise alone. */
  @Test
  void samplesFollowTheExactTerminalDistribution() {
    PreferenceConditionedGFlowNet m = model();
    double[] w = {0.6, 0.4};
    double[] exact = m.terminalDistribution(w);
    double sum = 0;
    for (double p : exact) sum += p;
    assertEquals(1, sum, 1e-12);
    double tv = HypergridFlows.totalVariation(HypergridFlows.empirical(m.sample(w, 40_000, new SplittableRandom(1)), GRID.numStates()), exact);
    System.out.printf("TrajectoryBalanceTrainerTest: TV(samples, exact) %.4f%n", tv);
    assertTrue(tv < 0.025, "TV between samples and exact distribution " + tv);
  }

  @Test
  void forbiddenIncrementsGetExactlyZeroProbability() {
    double[][] p = model().forwardProbs(new double[] {0.5, 0.5});
    for (int s = 0; s < GRID.numStates(); s++) {
      for (int a = 0; a < GRID.dim(); a++) if (!GRID.isValid(s, a)) assertEquals(0, p[s][a], 0);
    }
  }

  @Test
  void aTrainingStepLowersTheLossOnAFixedBatch() {
    PreferenceConditionedGFlowNet m = model();
    double[][] prefs = {{0.2, 0.8}, {0.7, 0.3}, {0.5, 0.5}, {0.9, 0.1}};
    TrajectoryBalanceTrainer.Trajectories batch = TrajectoryBalanceTrainer.rollout(m, prefs, 0, new SplittableRandom(2));
    SGD sgd = new SGD(m.parameters(), SGD.Options.defaults().lr(1e-3));
    double before = TrajectoryBalanceTrainer.loss(m, REWARD, batch).item();
    sgd.zeroGrad();
    TrajectoryBalanceTrainer.loss(m, REWARD, batch).backward();
    sgd.step();
    double after = Module.noGrad(() -> TrajectoryBalanceTrainer.loss(m, REWARD, batch)).item();
    assertTrue(after < before, before + " -> " + after);
  }

  @Test
  void mismatchedModelAndRewardAreRejected() {
    ScalarisedReward other = new ScalarisedReward(GridObjectives.quarterCircle(new Hypergrid(2, 6), 0.2, 0.1), 4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TrajectoryBalanceTrainer(model(), other, PreferenceDistribution.fixed(0.5, 0.5), TrajectoryBalanceTrainer.Options.defaults()));
    assertTrue(e.getMessage().contains("is not the reward's"), e.getMessage());
  }
}
