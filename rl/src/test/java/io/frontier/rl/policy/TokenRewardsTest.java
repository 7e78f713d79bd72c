package io.frontier.rl.policy;

import static io.frontier.rl.policy.TestSupport.mask;
import static io.frontier.rl.policy.TestSupport.throwsNaming;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TokenRewardsTest {
  // Rows of 3, 4 (full) and 1 real tokens; padding holds a large KL that must not count.
  final Tensor kl = Tensor.of(new double[][] {{0.1, 0.2, 0.3, 50}, {1.0, -1.0, 0.5, 2.0}, {0.4, 50, 50, 50}});
  final Tensor scores = Tensor.of(2.0, -1.0, 3.0);
  final Tensor m = mask(4, 3, 4, 1);

  @Test
  void scoreLandsOnTheLastRealTokenOfEachRaggedRowBesideTheKlPenalty() {
    TokenRewards tr = TokenRewards.of(scores, kl, m, 0.1);
    double[] expected = {
      -0.01, -0.02, -0.03 + 2.0, 0,
      -0.1, 0.1, -0.05, -0.2 - 1.0,
      -0.04 + 3.0, 0, 0, 0};
    assertArrayEquals(expected, tr.rewards().toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {-0.01, -0.02, -0.03, 0, -0.1, 0.1, -0.05, -0.2, -0.04, 0, 0, 0},
        tr.nonScoreRewards().toDoubleArray(), 1e-15);
  }

  @Test
  void rowSumsAreScorePlusTheSummedPenalty() {
    TokenRewards tr = TokenRewards.of(scores, kl, m, 0.1);
    assertArrayEquals(new double[] {2.0 - 0.06, -1.0 - 0.25, 3.0 - 0.04}, tr.rewards().sum(1).toDoubleArray(), 1e-14);
  }

  @Test
  void aFloatMaskWithAHoleStillPicksTheLastRealToken() {
    Tensor holed = Tensor.of(new double[][] {{1, 0, 1, 0}});
    TokenRewards tr = TokenRewards.of(Tensor.of(5.0), Tensor.zeros(DType.FLOAT64, 1, 4), holed, 0.1);
    assertArrayEquals(new double[] {0, 0, 5, 0}, tr.rewards().toDoubleArray(), 0.0);
  }

  @Test
  void float32StaysFloat32() {
    TokenRewards tr = TokenRewards.of(scores.to(DType.FLOAT32), kl.to(DType.FLOAT32), m, 0.1);
    assertEquals(DType.FLOAT32, tr.rewards().dtype());
    assertArrayEquals(TokenRewards.of(scores, kl, m, 0.1).rewards().toDoubleArray(), tr.rewards().toDoubleArray(), 1e-6);
  }

  @Test
  void aRowWithoutRealTokensIsRefusedNamingTheRow() {
    throwsNaming(() -> TokenRewards.of(scores, kl, mask(4, 3, 0, 1), 0.1), "TokenRewards.of", "row 1", "no real token");
  }

  @Test
  void badArgumentsAreNamed() {
    throwsNaming(() -> TokenRewards.of(Tensor.of(1.0, 2.0), kl, m, 0.1), "scores", "2 rows", "3");
    throwsNaming(() -> TokenRewards.of(scores, kl, m, -0.1), "klCoefficient", "-0.1");
    throwsNaming(() -> TokenRewards.of(scores.to(DType.FLOAT32), kl, m, 0.1), "scores", "float32");
    throwsNaming(() -> TokenRewards.of(scores, kl, mask(3, 3, 3, 1), 0.1), "mask", "[3, 3]", "[3, 4]");
    throwsNaming(() -> TokenRewards.of(scores.reshape(3, 1), kl, m, 0.1), "scores", "(B)");
  }
}
