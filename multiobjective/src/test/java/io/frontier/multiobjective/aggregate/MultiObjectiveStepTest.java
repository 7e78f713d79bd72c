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

  /**
   * MGDA-UB on z = tanh(W x), L_k = 1/2 |A_k z - b_k|^2 (k = 1..3): dL_k/dz = A_k^T (A_k z - b_k)
   * by hand, the weights must be MGDA's on those three vectors, and W's gradient must be
   * sum_k w_k diag(1 - z^2) dL_k/dz x^T.
   */
  @Test
  void upperBoundModeUsesRepresentationGradients() {
    double[][] w = {{0.3, -0.2, 0.5}, {0.1, 0.4, -0.3}};
    double[] x = {1.0, -0.5, 2.0};
    double[][][] a = {{{1, 0}, {0.5, 2}}, {{-1, 1}, {0, 1}}, {{2, 0.3}, {0.1, -1}}};
    double[][] b = {{1, 0.5}, {-0.5, 2}, {0.3, -0.2}};
    Tensor wt = Tensor.of(w).requiresGrad_(true);
    Tensor z = wt.matmul(Tensor.of(x).reshape(3, 1)).reshape(-1).tanh();
    List<Tensor> losses = new java.util.ArrayList<>();
    for (int k = 0; k < 3; k++) losses.add(Tensor.of(a[k]).matmul(z.reshape(2, 1)).reshape(-1).sub(Tensor.of(b[k])).square().sum().mul(0.5));
    Aggregation got = MultiObjectiveStep.backward(losses, List.of(wt), new MGDA(), z);

    double[] zv = new double[2];
    for (int i = 0; i < 2; i++) zv[i] = Math.tanh(Jacobians.dot(w[i], x));
    double[][] gz = new double[3][2];
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < 2; i++) {
        double r = a[k][i][0] * zv[0] + a[k][i][1] * zv[1] - b[k][i];
        gz[k][0] += a[k][i][0] * r;
        gz[k][1] += a[k][i][1] * r;
      }
    }
    double[] weights = new MGDA().aggregate(gz).weights();
    assertArrayEquals(weights, got.weights(), 1e-12);
    double[] expected = new double[6];
    for (int i = 0; i < 2; i++) {
      double dz = 0;
      for (int k = 0; k < 3; k++) dz += weights[k] * gz[k][i];
      for (int j = 0; j < 3; j++) expected[i * 3 + j] = dz * (1 - zv[i] * zv[i]) * x[j];
    }
    assertArrayEquals(expected, wt.grad().toDoubleArray(), 1e-12);
    assertArrayEquals(expected, got.direction(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> MultiObjectiveStep.backward(losses, List.of(wt), new MGDA(), Tensor.of(1.0, 2.0)));
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
