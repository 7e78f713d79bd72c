package io.frontier.rl.selfimprove;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.optim.LBFGS;
import io.frontier.optim.LbfgsOptions;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sharpening's two selection rules against what they are defined by: the objective they maximise, and the law of best-of-N. */
class SharpeningTest {
  private static final LbfgsOptions TIGHT =
      LbfgsOptions.defaults().withMaxIter(2000).withMaxEval(10000).withToleranceGrad(1e-13).withToleranceChange(0);

  /**
   * The closed form against a direct float64 maximisation of the RLHF-Sharpening objective
   * {@code E_pi[log pi_base] - beta KL(pi || pi_base)} over the logits of a softmax policy.
   */
  @Test
  void rlhfOptimumMaximisesTheSelfRewardObjective() {
    Random rnd = new Random(17);
    int k = 7;
    double[] baseLogits = new double[k];
    for (int i = 0; i < k; i++) baseLogits[i] = rnd.nextGaussian();
    Tensor logBase = Tensor.of(baseLogits).logSoftmax(0);
    for (double beta : new double[] {3.0, 1.0, 0.5}) {
      Tensor theta = Tensor.zeros(DType.FLOAT64, k).requiresGrad_(true);
      LBFGS opt = new LBFGS(List.of(theta), TIGHT);
      opt.step(() -> {
        opt.zeroGrad();
        Tensor logPi = theta.logSoftmax(0);
        Tensor pi = logPi.exp();
        Tensor objective = pi.mul(logBase).sum().sub(pi.mul(logPi.sub(logBase)).sum().mul(beta));
        Tensor loss = objective.neg();
        loss.backward();
        return loss;
      });
      double[] found = theta.detach().logSoftmax(0).toDoubleArray();
      double[] closedForm = Sharpening.rlhfOptimum(logBase, beta).toDoubleArray();
      assertArrayEquals(found, closedForm, 1e-6, "beta " + beta);
    }
  }

  @Test
  void rlhfOptimumActsOnTheLastDimOfABatchAndIgnoresNormalisation() {
    Random rnd = new Random(5);
    double[][] rows = new double[6][4];
    for (double[] r : rows) for (int j = 0; j < r.length; j++) r[j] = rnd.nextGaussian();
    Tensor logits = Tensor.of(rows).reshape(2, 3, 4);
    Tensor batched = Sharpening.rlhfOptimum(logits, 0.4);
    assertArrayEquals(new int[] {2, 3, 4}, batched.shape());
    double[] flat = batched.toDoubleArray();
    for (int r = 0; r < rows.length; r++) {
      double[] one = Sharpening.rlhfOptimum(Tensor.of(rows[r]).logSoftmax(0), 0.4).toDoubleArray();
      assertArrayEquals(one, Arrays.copyOfRange(flat, 4 * r, 4 * r + 4), 1e-14, "row " + r);
      assertEquals(1.0, Tensor.of(one).exp().sum().item(), 1e-14);
    }
  }

  @Test
  void argmaxMassRisesMonotonicallyAsBetaFalls() {
    Tensor logBase = Tensor.of(0.3, 0.25, 0.2, 0.15, 0.1).log();
    double previous = 0;
    for (double beta : new double[] {1e9, 10, 3, 1, 0.3, 0.1, 0.03, 0.01}) {
      double mass = Math.exp(Sharpening.rlhfOptimum(logBase, beta).toDoubleArray()[0]);
      assertTrue(mass > previous, "mass on the argmax " + mass + " at beta " + beta + " after " + previous);
      if (beta == 1e9) assertEquals(0.3, mass, 1e-9, "a large beta leaves the base unchanged");
      previous = mass;
    }
    assertTrue(previous > 0.999, "beta 0.01 puts " + previous + " on the argmax");
  }

  @Test
  void sftSelectReturnsEachPromptsMostLikelyCandidateAndTheFirstOnTies() {
    Tensor ll = Tensor.of(new double[][] {{-5.0, -1.5, -3.0}, {-2.0, -9.0, -2.0}, {-0.5, -0.7, -0.1}});
    assertArrayEquals(new long[] {1, 0, 2}, Sharpening.sftSelect(ll).toLongArray());
  }

  /**
   * Best-of-N with the self-reward returns the base's argmax exactly when one of the N samples is
   * it: probability {@code 1 - (1 - p)^N} for an argmax of base probability p. A seeded Monte
   * Carlo estimate over P prompts lies within 4 standard errors.
   */
  @Test
  void sftSelectFindsTheArgmaxWithProbabilityOneMinusOneMinusPToTheN() {
    double p = 0.3;
    Tensor logBase = Tensor.of(p, 0.25, 0.2, 0.15, 0.1).log();
    int prompts = 20000;
    Generator g = new Generator(2412_01951L);
    for (int n : new int[] {1, 4, 16}) {
      Tensor samples = Tensor.categorical(g, logBase.expand(prompts, n, 5));
      Tensor ll = logBase.gather(0, samples.reshape(-1)).reshape(prompts, n);
      Tensor picked = samples.gather(1, Sharpening.sftSelect(ll).unsqueeze(1));
      double rate = picked.eq(0.0).to(DType.FLOAT64).mean().item();
      double exact = 1 - Math.pow(1 - p, n);
      double se = Math.sqrt(exact * (1 - exact) / prompts);
      assertEquals(exact, rate, 4 * se, "N = " + n);
    }
  }

  @Test
  void badInputsAreNamed() {
    assertMessage("Sharpening.sftSelect: logLikelihoods must be (P, N) with N >= 1, got shape [3]", () -> Sharpening.sftSelect(Tensor.of(1.0, 2.0, 3.0)));
    assertMessage("Sharpening.sftSelect: logLikelihoods must be floating, got int64",
        () -> Sharpening.sftSelect(Tensor.of(1L, 2L).reshape(1, 2)));
    assertMessage("Sharpening.rlhfOptimum: beta must be positive, got 0.0", () -> Sharpening.rlhfOptimum(Tensor.of(-1.0, -2.0), 0.0));
    assertMessage("Sharpening.rlhfOptimum: baseLogProbs must be (..., K) with K >= 1, got shape [2, 0]",
        () -> Sharpening.rlhfOptimum(Tensor.zeros(DType.FLOAT64, 2, 0), 1.0));
    assertMessage("Sharpening.rlhfOptimum: baseLogProbs is null", () -> Sharpening.rlhfOptimum(null, 1.0));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(part), () -> "message '" + ex.getMessage() + "' lacks '" + part + "'");
  }
}
