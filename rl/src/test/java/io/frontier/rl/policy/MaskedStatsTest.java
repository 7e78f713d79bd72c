package io.frontier.rl.policy;

import static io.frontier.rl.policy.TestSupport.mask;
import static io.frontier.rl.policy.TestSupport.throwsNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskedStatsTest {
  final int b = 3;
  final int t = 6;
  final int[] lengths = {6, 2, 4};
  final Tensor m = mask(t, lengths);
  final double[][] x = TestSupport.gaussian(new Random(5), b, t, 2.0);

  {
    for (int i = 0; i < b; i++) x[i][0] += 3.0; // a mean far from 0, so shifting it back shows
    x[1][4] = Double.NaN; // padding garbage must not reach any statistic
    x[2][5] = Double.NEGATIVE_INFINITY;
  }

  /** Mean and Bessel-corrected variance over the real positions, by plain loops. */
  double[] naiveMeanAndVariance() {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < b; i++) for (int j = 0; j < lengths[i]; j++, n++) sum += x[i][j];
    double mean = sum / n;
    double ss = 0;
    for (int i = 0; i < b; i++) for (int j = 0; j < lengths[i]; j++) ss += (x[i][j] - mean) * (x[i][j] - mean);
    return new double[] {mean, ss / (n - 1), ss / n};
  }

  @Test
  void meanAndVarianceMatchPlainLoopsOverRealPositions() {
    double[] ref = naiveMeanAndVariance();
    assertEquals(ref[0], MaskedStats.mean(Tensor.of(x), m).item(), 1e-12);
    assertEquals(ref[1], MaskedStats.variance(Tensor.of(x), m, true).item(), 1e-12);
    assertEquals(ref[2], MaskedStats.variance(Tensor.of(x), m, false).item(), 1e-12);
  }

  @Test
  void unbiasedVarianceIsTheBiasedOneTimesNOverNMinusOne() {
    // (1, 2, 3, 4): mean 2.5, Σ(x - mean)² = 5, biased 5/4 = 1.25, unbiased 5/3
    Tensor v = Tensor.of(new double[][] {{1, 2, 3, 4, 100}});
    Tensor mk = mask(5, 4);
    assertEquals(1.25, MaskedStats.variance(v, mk, false).item(), 1e-15);
    assertEquals(5.0 / 3.0, MaskedStats.variance(v, mk, true).item(), 1e-15);
  }

  @Test
  void whiteningWithShiftedMeanMatchesPlainLoops() {
    double[] ref = naiveMeanAndVariance();
    double[][] w = TestSupport.rows(MaskedStats.whiten(Tensor.of(x), m, true), b, t);
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < t; j++) {
        double expected = j < lengths[i] ? (x[i][j] - ref[0]) / Math.sqrt(ref[1] + 1e-8) : 0.0;
        assertEquals(expected, w[i][j], 1e-12, "row " + i + " position " + j);
      }
    }
  }

  @Test
  void whiteningWithoutShiftKeepsTheMeanAndZeroesPadding() {
    double[] ref = naiveMeanAndVariance();
    double[][] w = TestSupport.rows(MaskedStats.whiten(Tensor.of(x), m, false), b, t);
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < t; j++) {
        double expected = j < lengths[i] ? (x[i][j] - ref[0]) / Math.sqrt(ref[1] + 1e-8) + ref[0] : 0.0;
        assertEquals(expected, w[i][j], 1e-12, "row " + i + " position " + j);
      }
    }
  }

  @Test
  void whitenedRealPositionsHaveMeanZeroAndUnitUnbiasedVarianceInFloat32() {
    Tensor w = MaskedStats.whiten(Tensor.of(x).to(DType.FLOAT32), m, true);
    assertEquals(DType.FLOAT32, w.dtype());
    assertEquals(0.0, MaskedStats.mean(w, m).item(), 1e-6);
    assertEquals(1.0, MaskedStats.variance(w, m, true).item(), 1e-5);
  }

  @Test
  void aFloatingMaskWeightsPositions() {
    // weights (1, 3) on values (2, 6): mean (2 + 18) / 4 = 5
    Tensor v = Tensor.of(new double[][] {{2, 6}});
    assertEquals(5.0, MaskedStats.mean(v, Tensor.of(new double[][] {{1, 3}})).item(), 1e-15);
  }

  @Test
  void aMaskSummingToAtMostOneIsRefusedWhereTheVarianceWouldDivideByZero() {
    Tensor v = Tensor.of(new double[][] {{1, 2, 3}});
    throwsNaming(() -> MaskedStats.whiten(v, mask(3, 1), true), "MaskedStats.whiten", "mask sums to 1.0", "n - 1");
    throwsNaming(() -> MaskedStats.whiten(v, mask(3, 0), false), "MaskedStats.whiten", "mask sums to 0.0");
    throwsNaming(() -> MaskedStats.variance(v, mask(3, 1), true), "MaskedStats.variance", "mask sums to 1.0");
    throwsNaming(() -> MaskedStats.variance(v, mask(3, 0), false), "MaskedStats.variance", "0.0");
    throwsNaming(() -> MaskedStats.mean(v, mask(3, 0)), "MaskedStats.mean", "0.0");
    assertEquals(0.0, MaskedStats.variance(v, mask(3, 1), false).item());
  }

  @Test
  void badArgumentsAreNamed() {
    Tensor v = Tensor.of(new double[][] {{1, 2, 3}});
    throwsNaming(() -> MaskedStats.mean(v, mask(2, 2)), "MaskedStats.mean", "mask", "[1, 2]", "[1, 3]");
    throwsNaming(() -> MaskedStats.mean(v, Tensor.ones(DType.INT64, 1, 3)), "mask", "bool or floating", "int64");
    throwsNaming(() -> MaskedStats.mean(v.to(DType.INT64), mask(3, 3)), "x", "floating", "int64");
    throwsNaming(() -> MaskedStats.whiten(v, null, true), "mask is null");
  }
}
