package io.frontier.optim.bayes.testfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Each test function attains its published optimum at its published minimisers (reference §3.4;
 * Surjanovic and Bingham's library), has a vanishing central-difference gradient there where it is
 * smooth, and is never below the optimum on random points of its box.
 */
class TestFunctionsTest {
  /** Function, tolerance on f(x*) - f* (the published minimisers' digits limit it), smooth at x*. */
  static Stream<Arguments> functions() {
    return Stream.of(
        Arguments.of(new Branin(), 1e-13, true),
        Arguments.of(Hartmann.threeD(), 3e-6, true),
        Arguments.of(Hartmann.sixD(), 1e-11, true),
        Arguments.of(new Ackley(3), 1e-14, false),
        Arguments.of(new Levy(4), 1e-14, true),
        Arguments.of(new Rosenbrock(4), 0.0, true),
        Arguments.of(new SixHumpCamel(), 1e-13, true),
        Arguments.of(new GoldsteinPrice(), 1e-12, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void optimumIsAttainedAtThePublishedMinimizers(TestFunction f, double tolerance, boolean smooth) {
    for (double[] x : f.minimizers()) {
      assertEquals(f.optimalValue(), f.value(x), tolerance + 1e-15, f.name() + " at " + java.util.Arrays.toString(x));
      if (!smooth) continue;
      double h = 1e-6;
      for (int i = 0; i < f.dim(); i++) {
        double[] up = x.clone(), down = x.clone();
        up[i] += h;
        down[i] -= h;
        double g = (f.value(up) - f.value(down)) / (2 * h);
        assertTrue(Math.abs(g) < 2e-3, f.name() + ": df/dx" + i + " = " + g + " at the minimiser");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void noRandomPointBeatsTheOptimum(TestFunction f, double tolerance, boolean smooth) {
    SplittableRandom random = new SplittableRandom(1);
    double[] lo = f.lower(), hi = f.upper();
    for (int k = 0; k < 5000; k++) {
      double[] x = new double[f.dim()];
      for (int i = 0; i < x.length; i++) x[i] = lo[i] + random.nextDouble() * (hi[i] - lo[i]);
      assertTrue(f.value(x) >= f.optimalValue() - 1e-12, f.name() + " below its optimum at " + java.util.Arrays.toString(x));
    }
  }

  @Test
  void ackleyAtOnesMatchesThePublishedValueInAnyDimension() {
    for (int d : new int[] {1, 2, 5}) {
      double[] ones = new double[d];
      java.util.Arrays.fill(ones, 1);
      assertEquals(3.6253849384403627, new Ackley(d).value(ones), 1e-12);
    }
  }

  @Test
  void braninCurrinMatchesBothComponents() {
    double[] v = BraninCurrin.values(new double[] {(Math.PI + 5) / 15, 2.275 / 15});
    assertEquals(Branin.OPTIMUM, v[0], 1e-12);
    // Currin at x1 = 0, x2 = 1: (1 - exp(-1/2)) * 60 / 20.
    assertEquals((1 - Math.exp(-0.5)) * 3, BraninCurrin.values(new double[] {0, 1})[1], 1e-14);
  }

  @Test
  void rejectsPointsOfTheWrongDimension() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Branin().value(new double[3]));
    assertTrue(e.getMessage().contains("dimension 2"), e.getMessage());
  }
}
