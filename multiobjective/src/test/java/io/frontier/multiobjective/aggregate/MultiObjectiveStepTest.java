package io.frontier.multiobjective.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.frontier.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiObjectiveStepTest {

  @Test
  void combinedGradientMatchesHandComputation() {
    double[] w = {0.5, -1.0, 2.0};
    double b = 0.3;
    double[] x = {1, 2, -1};
    double[] z = {0, 1, 3};
    Tensor wt = Tensor.of(w).requiresGrad_(true);
    Tensor bt = Tensor.of(b).requiresGrad_(true);
    // loss1 = (w.x + b - 1)^2, loss2 = (w.z - 2)^2 + b^2
    Tensor loss1 = wt.dot(Tensor.of(x)).add(bt.sum()).sub(1.0).square();
    Tensor loss2 = wt.dot(Tensor.of(z)).sub(2.0).square().add(bt.square().sum());
    Aggregation a = MultiObjectiveStep.backward(List.of(loss1, loss2), List.of(wt, bt), new MGDA());

    double r1 = Jacobians.dot(w, x) + b - 1;
    double r2 = Jacobians.dot(w, z) - 2;
    double[][] g = {
      {2 * r1 * x[0], 2 * r1 * x[1], 2 * r1 * x[2], 2 * r1},
      {2 * r2 * z[0], 2 * r2 * z[1], 2 * r2 * z[2], 2 * b}};
    Aggregation expected = new MGDA().aggregate(g);
    assertArrayEquals(expected.weights(), a.weights(), 1e-12);
    assertArrayEquals(expected.direction(), a.direction(), 1e-12);
    double[] d = expected.direction();
    assertArrayEquals(new double[] {d[0], d[1], d[2]}, wt.grad().toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {d[3]}, bt.grad().toDoubleArray(), 1e-12);
  }

  @Test
  void unreachedParameterGetsZeroAndBadInputIsRejected() {
    Tensor p = Tensor.of(1.0, 2.0).requiresGrad_(true);
    Tensor q = Tensor.of(3.0).requiresGrad_(true);
    Tensor loss1 = p.square().sum();
    Tensor loss2 = p.sum().add(q.sum());
    MultiObjectiveStep.backward(List.of(loss1, loss2), List.of(p, q), new LinearScalarisation(1, 1));
    assertArrayEquals(new double[] {3, 5}, p.grad().toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {1}, q.grad().toDoubleArray(), 1e-15);
    Tensor frozen = Tensor.of(1.0);
    assertThrows(IllegalArgumentException.class, () -> MultiObjectiveStep.backward(List.of(loss1), List.of(frozen), new MGDA()));
    assertThrows(IllegalArgumentException.class, () -> MultiObjectiveStep.backward(List.of(), List.of(p), new MGDA()));
  }
}
