package io.frontier.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every optimizer against PyTorch 1.13's (or, for Lion and Adafactor, the script's hand-written
 * reference): the parameters after each of 20 float64 steps on a quadratic, the Rosenbrock function
 * and a small MLP, within rtol 1e-10, for several hyperparameter settings and for two parameter
 * groups with different learning rates. Fixtures: {@code make_optim_fixtures.py}.
 */
public class GoldenTrajectoryTest {
  static final double RTOL = 1e-10;
  /** For values that pass near zero, where a relative bound means nothing. */
  static final double ATOL = 1e-14;

  @TestFactory
  Stream<DynamicTest> trajectories() {
    return Golden.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> replay(c)));
  }

  @Test
  void everyOptimizerOnEveryProblemWithGroups() {
    for (String name : Golden.OPTIMIZERS) {
      for (String problem : List.of("quadratic", "rosenbrock", "mlp")) Golden.first(name, problem);
    }
    assertEquals(5, Golden.cases().stream().filter(c -> c.groups() != null).count(), "group cases");
  }

  private static void replay(Golden.Case c) {
    List<Tensor> params = Golden.leaves(c, DType.FLOAT64);
    Optimizer opt = Golden.optimizer(c.optimizer(), Golden.groups(c, params));
    for (int step = 0; step < c.trajectory().size(); step++) {
      Golden.step(c, opt, params);
      List<Tensor> expected = c.trajectory().get(step);
      for (int i = 0; i < params.size(); i++) {
        double[] got = params.get(i).toDoubleArray();
        double[] want = expected.get(i).toDoubleArray();
        for (int j = 0; j < want.length; j++) {
          if (!(Math.abs(got[j] - want[j]) <= RTOL * Math.abs(want[j]) + ATOL)) {
            fail("step " + (step + 1) + ", parameter " + i + " " + Arrays.toString(params.get(i).shape()) + "[" + j + "]: got " + got[j]
                + ", torch " + want[j] + " (relative error " + Math.abs(got[j] - want[j]) / Math.abs(want[j]) + ")");
          }
        }
      }
    }
  }
}
