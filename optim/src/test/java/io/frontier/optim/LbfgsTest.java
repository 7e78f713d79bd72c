package io.frontier.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unbounded L-BFGS: convergence on Rosenbrock through both APIs, and option validation. */
public class LbfgsTest {
  static final LbfgsOptions TIGHT = LbfgsOptions.defaults().withMaxIter(1000).withMaxEval(5000).withToleranceGrad(1e-10).withToleranceChange(0);

  static double[] start(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = i % 2 == 0 ? -1.2 : 1.0;
    return x;
  }

  static void assertOnes(double[] x, double tol) {
    for (int i = 0; i < x.length; i++) assertEquals(1.0, x[i], tol, "x[" + i + "]");
  }

  @Test
  void rosenbrock2dToMinimum() {
    MinimizeResult r = Minimizer.minimize(Rosenbrock::eval, start(2), null, null, TIGHT);
    assertOnes(r.x(), 1e-8);
    assertEquals(ConvergenceReason.GRADIENT_TOLERANCE, r.reason());
    assertTrue(r.f() < 1e-16, "f = " + r.f());
  }

  @Test
  void rosenbrock10dToMinimum() {
    MinimizeResult r = Minimizer.minimize(Rosenbrock::eval, start(10), null, null, TIGHT.withHistorySize(10));
    assertOnes(r.x(), 1e-8);
    assertEquals(ConvergenceReason.GRADIENT_TOLERANCE, r.reason());
  }

  @Test
  void tensorOptimizerReachesRosenbrockMinimumOverSeveralParameters() {
    // 10-D Rosenbrock split over a 2x3 and a 4-element parameter: the flat view concatenates them
    Tensor a = Tensor.fromArray(new double[] {-1.2, 1, -1.2, 1, -1.2, 1}, 2, 3).requiresGrad_(true);
    Tensor b = Tensor.of(-1.2, 1, -1.2, 1).requiresGrad_(true);
    LBFGS opt = new LBFGS(List.of(a, b), TIGHT.withMaxIter(100));
    double first = 0;
    for (int s = 0; s < 20 && (s == 0 || opt.lastReason() != ConvergenceReason.GRADIENT_TOLERANCE); s++) {
      double loss = opt.step(() -> {
        opt.zeroGrad();
        Tensor x = Tensor.cat(List.of(a.reshape(6), b), 0);
        Tensor u = x.narrow(0, 1, 9).sub(x.narrow(0, 0, 9).pow(2));
        Tensor loss1 = u.pow(2).mul(100.0).add(x.narrow(0, 0, 9).rsub(1.0).pow(2)).sum();
        loss1.backward();
        return loss1;
      });
      if (s == 0) first = loss;
    }
    assertEquals(Rosenbrock.eval(start(10)).value(), first, 1e-12);
    assertOnes(a.toDoubleArray(), 1e-8);
    assertOnes(b.toDoubleArray(), 1e-8);
  }

  @Test
  void stopsAtTheIterationAndEvaluationLimits() {
    MinimizeResult r = Minimizer.minimize(Rosenbrock::eval, start(2), null, null, LbfgsOptions.defaults().withMaxIter(3).withMaxEval(100));
    assertEquals(3, r.iterations());
    assertEquals(ConvergenceReason.MAX_ITERATIONS, r.reason());
    r = Minimizer.minimize(Rosenbrock::eval, start(2), null, null, LbfgsOptions.defaults().withMaxIter(100).withMaxEval(10));
    assertEquals(ConvergenceReason.MAX_EVALUATIONS, r.reason());
    assertTrue(r.evaluations() >= 10 && r.evaluations() < 10 + 25, "evaluations " + r.evaluations());
  }

  @Test
  void defaultsArePyTorchs() {
    LbfgsOptions o = LbfgsOptions.defaults();
    assertEquals(1.0, o.lr());
    assertEquals(20, o.maxIter());
    assertEquals(25, o.maxEval());
    assertEquals(1e-7, o.toleranceGrad());
    assertEquals(1e-9, o.toleranceChange());
    assertEquals(100, o.historySize());
    assertEquals(125, o.withMaxIter(100).maxEval());
  }

  @Test
  void badOptionsAreRejectedNamingTheOption() {
    LbfgsOptions o = LbfgsOptions.defaults();
    assertMessage("invalid lr: 0.0", () -> o.withLr(0));
    assertMessage("invalid lr: NaN", () -> o.withLr(Double.NaN));
    assertMessage("invalid maxIter: 0", () -> o.withMaxIter(0));
    assertMessage("invalid maxEval: -1", () -> o.withMaxEval(-1));
    assertMessage("invalid toleranceGrad: -1.0", () -> o.withToleranceGrad(-1));
    assertMessage("invalid toleranceChange: Infinity", () -> o.withToleranceChange(Double.POSITIVE_INFINITY));
    assertMessage("invalid historySize: 0", () -> o.withHistorySize(0));
  }

  @Test
  void badArgumentsAreRejected() {
    LbfgsOptions o = LbfgsOptions.defaults();
    assertMessage("x0 must be a non-empty array", () -> Minimizer.minimize(Rosenbrock::eval, new double[0], null, null, o));
    assertMessage("x0[1] is not finite", () -> Minimizer.minimize(Rosenbrock::eval, new double[] {0, Double.NaN}, null, null, o));
    assertMessage("gradient has length 1, x has 2",
        () -> Minimizer.minimize(x -> new ValueAndGradient(0, new double[1]), new double[2], null, null, o));
    assertMessage("optimizer parameters must be leaves that require grad", () -> new LBFGS(List.of(Tensor.of(1.0, 2.0)), o));
    assertMessage("LBFGS needs at least one parameter", () -> new LBFGS(List.of(), o));
  }

  static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(fragment), "message '" + ex.getMessage() + "' should contain '" + fragment + "'");
  }
}
