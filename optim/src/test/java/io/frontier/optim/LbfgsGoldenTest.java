package io.frontier.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link LBFGS} against torch.optim.LBFGS(line_search_fn="strong_wolfe") 1.13 on Rosenbrock in
 * float64 (fixtures from src/test/python/make_lbfgs_fixtures.py): every closure call must happen at
 * the same point (so the directions and the line search's trial steps agree) with the same value
 * and gradient, each step must return the same loss, and the final parameters and the iteration
 * and evaluation counts must match. The tolerance is 1e-8 relative, not bit-exact: torch's dot
 * products and fused adds may round differently in the last place, and Rosenbrock amplifies that.
 */
public class LbfgsGoldenTest {
  static final double RTOL = 1e-8;

  @TestFactory
  Stream<DynamicTest> matchesTorch() {
    return LbfgsFixtures.cases("lbfgs_rosenbrock.json").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> replay(c)));
  }

  private static void replay(Map<String, Object> c) {
    double[] start = LbfgsFixtures.vector(c.get("start"));
    Tensor x = Tensor.of(start).requiresGrad_(true);
    LbfgsOptions o = LbfgsOptions.defaults()
        .withLr(LbfgsFixtures.number(c.get("lr")))
        .withHistorySize((int) LbfgsFixtures.number(c.get("history_size")))
        .withMaxIter((int) LbfgsFixtures.number(c.get("max_iter")))
        .withToleranceGrad(LbfgsFixtures.number(c.get("tolerance_grad")))
        .withToleranceChange(LbfgsFixtures.number(c.get("tolerance_change")));
    LBFGS opt = new LBFGS(List.of(x), o);
    List<double[]> points = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<double[]> grads = new ArrayList<>();
    int n = start.length;
    java.util.function.Supplier<Tensor> closure = () -> {
      opt.zeroGrad();
      Tensor a = x.narrow(0, 1, n - 1).sub(x.narrow(0, 0, n - 1).pow(2));
      Tensor b = x.narrow(0, 0, n - 1).rsub(1.0);
      Tensor loss = a.pow(2).mul(100.0).add(b.pow(2)).sum();
      loss.backward();
      points.add(x.toDoubleArray());
      values.add(loss.item());
      grads.add(x.grad().toDoubleArray());
      return loss;
    };
    List<?> stepLosses = (List<?>) c.get("step_losses");
    for (int s = 0; s < (int) LbfgsFixtures.number(c.get("steps")); s++) {
      close(LbfgsFixtures.number(stepLosses.get(s)), opt.step(closure), "loss returned by step " + s);
    }
    List<?> evals = (List<?>) c.get("evals");
    assertEquals(evals.size(), points.size(), "number of closure calls");
    for (int k = 0; k < evals.size(); k++) {
      @SuppressWarnings("unchecked")
      Map<String, Object> e = (Map<String, Object>) evals.get(k);
      close(LbfgsFixtures.vector(e.get("x")), points.get(k), "x at evaluation " + k);
      close(LbfgsFixtures.number(e.get("f")), values.get(k), "f at evaluation " + k);
      close(LbfgsFixtures.vector(e.get("g")), grads.get(k), "g at evaluation " + k);
    }
    close(LbfgsFixtures.vector(c.get("final_x")), x.toDoubleArray(), "final x");
    assertEquals((long) LbfgsFixtures.number(c.get("n_iter")), opt.iterations(), "n_iter");
    assertEquals((long) LbfgsFixtures.number(c.get("func_evals")), opt.evaluations(), "func_evals");
  }

  static void close(double expected, double actual, String what) {
    if (!(Math.abs(expected - actual) <= RTOL * Math.max(Math.abs(expected), Math.abs(actual)) + 1e-300)) {
      throw new AssertionError(what + ": expected " + expected + ", got " + actual);
    }
  }

  static void close(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) close(expected[i], actual[i], what + "[" + i + "]");
  }
}
