package io.frontier.rl.policy;

import static io.frontier.rl.policy.TestSupport.mask;
import static io.frontier.rl.policy.TestSupport.throwsNaming;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ReinforceLossTest {
  @Test
  void lossIsMinusTheMeanAdvantageWeightedSequenceLogProbAndItsGradientMinusAOverB() {
    // row 0 has 3 real tokens, row 1 has 1; padding holds -inf, which must not leak
    Tensor leaf = Tensor.of(new double[][] {{-0.5, -1.0, -2.0}, {-0.25, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}})
        .requiresGrad_(true);
    Tensor advantages = Tensor.of(1.0, -2.0).requiresGrad_(true);
    Tensor loss = ReinforceLoss.loss(leaf, mask(3, 3, 1), advantages);
    // -(1·(-3.5) + (-2)·(-0.25)) / 2 = -(-3.5 + 0.5) / 2 = 1.5
    assertEquals(1.5, loss.item(), 1e-15);
    loss.backward();
    assertArrayEquals(new double[] {-0.5, -0.5, -0.5, 1.0, 0, 0}, leaf.grad().toDoubleArray(), 1e-15);
    assertNull(advantages.grad());
  }

  // A 3-armed bandit with a softmax policy over logits θ: J(θ) = Σ_a π_θ(a) r(a),
  // ∇J = π ⊙ (r - π·r). The rewards share a large offset, which a baseline removes.
  final double[] theta = {0.2, -0.3, 0.5};
  final double[] reward = {2.0, 3.0, 2.5};
  static final int GROUPS = 25;
  static final int K = 4;
  static final int BATCHES = 200; // 20k draws

  double[] exactGradient() {
    double[] p = KlEstimatorTest.softmax(theta);
    double j = 0;
    for (int a = 0; a < 3; a++) j += p[a] * reward[a];
    double[] g = new double[3];
    for (int a = 0; a < 3; a++) g[a] = p[a] * (reward[a] - j);
    return g;
  }

  /**
   * One estimate of ∇J per batch of GROUPS × K draws: -∇ of the REINFORCE loss with the given
   * advantages of the (GROUPS, K) rewards, through autograd. Returns (BATCHES, 3).
   */
  double[][] estimates(UnaryOperator<Tensor> advantages, long seed) {
    Random rng = new Random(seed);
    double[] p = KlEstimatorTest.softmax(theta);
    Tensor leaf = Tensor.of(theta).requiresGrad_(true);
    Tensor m = Tensor.ones(DType.FLOAT64, GROUPS * K, 1);
    double[][] out = new double[BATCHES][];
    for (int s = 0; s < BATCHES; s++) {
      long[] actions = new long[GROUPS * K];
      double[] r = new double[GROUPS * K];
      for (int i = 0; i < actions.length; i++) {
        actions[i] = KlEstimatorTest.sample(p, rng.nextDouble());
        r[i] = reward[(int) actions[i]];
      }
      Tensor logProbs = leaf.logSoftmax(0).gather(0, Tensor.of(actions)).reshape(GROUPS * K, 1);
      Tensor a = advantages.apply(Tensor.fromArray(r, GROUPS, K)).reshape(GROUPS * K);
      leaf.setGrad(null);
      ReinforceLoss.loss(logProbs, m, a).backward();
      out[s] = leaf.grad().neg().toDoubleArray();
    }
    return out;
  }

  /** Asserts the mean estimate is within 4 standard errors of ∇J per component; returns the summed variance. */
  double assertUnbiased(double[][] est, String name) {
    double[] exact = exactGradient();
    double total = 0;
    for (int c = 0; c < 3; c++) {
      double mean = 0;
      for (double[] e : est) mean += e[c] / est.length;
      double var = 0;
      for (double[] e : est) var += (e[c] - mean) * (e[c] - mean) / (est.length - 1);
      double se = Math.sqrt(var / est.length);
      assertEquals(exact[c], mean, 4 * se, name + " component " + c + ": " + mean + " vs " + exact[c] + " (standard error " + se + ")");
      total += var;
    }
    return total;
  }

  @Test
  void rlooBaselineKeepsThePolicyGradientUnbiasedAndLowersItsVariance() {
    double rloo = assertUnbiased(estimates(GroupBaselines::rloo, 1), "RLOO");
    double plain = assertUnbiased(estimates(r -> r, 2), "plain REINFORCE");
    assertTrue(rloo < plain / 4, "RLOO variance " + rloo + " vs plain REINFORCE " + plain);
  }

  @Test
  void remaxGreedyBaselineKeepsThePolicyGradientUnbiasedAndLowersItsVariance() {
    // the greedy arm is argmax θ = arm 2, whose reward 2.5 is the baseline of every sample
    double greedy = reward[2];
    double remax = assertUnbiased(
        estimates(r -> GroupBaselines.remax(r.reshape(-1), Tensor.full(new int[] {GROUPS * K}, greedy, DType.FLOAT64)), 3), "ReMax");
    double plain = assertUnbiased(estimates(r -> r, 4), "plain REINFORCE");
    // Li et al.'s point: a baseline near E[r] removes the offset's variance (here about 2.5 of 2.5)
    assertTrue(remax < plain / 4, "ReMax variance " + remax + " vs plain REINFORCE " + plain);
  }

  @Test
  void badArgumentsAreNamed() {
    Tensor lp = Tensor.zeros(DType.FLOAT64, 2, 3);
    throwsNaming(() -> ReinforceLoss.loss(lp, mask(3, 3, 1), Tensor.of(1.0)), "ReinforceLoss.loss", "advantages", "1 rows", "2");
    throwsNaming(() -> ReinforceLoss.loss(lp, mask(3, 3, 1), Tensor.of(new double[][] {{1}, {2}})), "advantages", "(B)");
    throwsNaming(() -> ReinforceLoss.loss(lp, mask(2, 3, 1), Tensor.of(1.0, 2.0)), "mask", "[2, 2]");
    throwsNaming(() -> ReinforceLoss.loss(lp, mask(3, 3, 1), Tensor.of(1.0f, 2.0f)), "advantages", "float32");
  }
}
