package io.frontier.tensor.golden;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The comparison every golden case relies on must be able to fail. */
class GoldenCheckTest {

  @Test
  void nanMatchesOnlyNan() {
    assertTrue(GoldenCheck.close(Double.NaN, Double.NaN, 1e-12, 0, false));
    assertFalse(GoldenCheck.close(0.0, Double.NaN, 1e-12, 1.0, false));
    assertFalse(GoldenCheck.close(Double.NaN, 0.0, 1e-12, 1.0, false));
  }

  @Test
  void infinityMatchesOnlyTheSameInfinity() {
    assertFalse(GoldenCheck.close(Double.MAX_VALUE, Double.POSITIVE_INFINITY, 1.0, 0, false));
    assertFalse(GoldenCheck.close(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1.0, 0, false));
    assertTrue(GoldenCheck.close(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 0, false));
  }

  @Test
  void relativeToleranceScalesWithTheExpectedValue() {
    assertTrue(GoldenCheck.close(1e6 + 1e-7, 1e6, 1e-12, 0, false));
    assertFalse(GoldenCheck.close(1.0 + 1e-11, 1.0, 1e-12, 0, false));
    assertFalse(GoldenCheck.close(1e-300, 0.0, 1e-12, 0, false));
  }

  @Test
  void signOfZeroCountsOnlyWhenTheCaseAsksForIt() {
    assertTrue(GoldenCheck.close(-0.0, 0.0, 1e-12, 0, false));
    assertFalse(GoldenCheck.close(-0.0, 0.0, 1e-12, 0, true));
    assertFalse(GoldenCheck.close(0.0, -0.0, 1e-12, 0, true));
  }
}
