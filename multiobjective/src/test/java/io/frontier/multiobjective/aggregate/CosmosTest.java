package io.frontier.multiobjective.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.multiobjective.pareto.Hypervolume;
import io.frontier.optim.Adam;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class CosmosTest {

  /** Dirichlet(c) has mean c / c0 and variance c_k (c0 - c_k) / (c0^2 (c0 + 1)), c0 = sum c. */
  @Test
  void raysFollowTheDirichletMoments() {
    double[] c = {0.5, 1.5, 3.0};
    Cosmos cosmos = new Cosmos(c, 1, 7);
    int n = 40000;
    double[] mean = new double[3];
    double[] sq = new double[3];
    for (int i = 0; i < n; i++) {
      double[] r = cosmos.sampleRay();
      assertEquals(1, r[0] + r[1] + r[2], 1e-12);
      for (int k = 0; k < 3; k++) {
        mean[k] += r[k] / n;
        sq[k] += r[k] * r[k] / n;
      }
    }
    double c0 = 5;
    for (int k = 0; k < 3; k++) {
      assertEquals(c[k] / c0, mean[k], 0.005);
      assertEquals(c[k] * (c0 - c[k]) / (c0 * c0 * (c0 + 1)), sq[k] - mean[k] * mean[k], 0.002);
    }
  }

  /** The loss value and its gradient in the losses, by hand: d/dL_k = a_k - lambda (a_k / (|a||L|) - (a.L) L_k / (|a| |L|^3)). */
  @Test
  void lossMatchesHandComputation() {
    double[] a = {0.3, 0.7};
    double[] l = {2.0, 0.5};
    Tensor l0 = Tensor.of(l[0]).requiresGrad_(true);
    Tensor l1 = Tensor.of(l[1]).requiresGrad_(true);
    double lambda = 2;
    Tensor loss = new Cosmos(new double[] {1, 1}, lambda, 1).loss(List.of(l0.sum(), l1.sum()), a);
    double dot = a[0] * l[0] + a[1] * l[1];
    double na = Math.hypot(a[0], a[1]);
    double nl = Math.hypot(l[0], l[1]);
    assertEquals(dot - lambda * dot / (na * nl), loss.toDoubleArray()[0], 1e-12);
    loss.backward();
    assertEquals(a[0] - lambda * (a[0] / (na * nl) - dot * l[0] / (na * nl * nl * nl)), l0.grad().toDoubleArray()[0], 1e-12);
    assertEquals(a[1] - lambda * (a[1] / (na * nl) - dot * l[1] / (na * nl * nl * nl)), l1.grad().toDoubleArray()[0], 1e-12);
    Tensor x = Cosmos.conditionInput(Tensor.of(new double[][] {{1, 2}, {3, 4}}), a);
    assertArrayEquals(new int[] {2, 4}, x.shape());
    assertArrayEquals(new double[] {1, 2, 0.3, 0.7, 3, 4, 0.3, 0.7}, x.toDoubleArray(), 0);
  }

  /**
   * Two quadratic tasks L1 = |theta - (1, 0)|^2, L2 = |theta - (0, 1)|^2, whose front is
   * sqrt(L1) + sqrt(L2) = sqrt(2). A small tanh network maps the ray (and a constant input) to
   * theta. Trained with COSMOS (lambda = 8, so that the cosine term dominates), the rays
   * (0.1, 0.9) ... (0.9, 0.1) give points near the front, ordered as the rays (L1 grows with alpha_1:
   * the loss vector turns with the ray), with a hypervolume (reference (2.2, 2.2)) well above that of
   * a model trained on the single ray (1/2, 1/2).
   */
  @Test
  void oneNetworkLearnsASpreadOutFront() {
    double[] reference = {2.2, 2.2};
    double[][] cosmosFront = new double[9][];
    Network net = train(new Cosmos(new double[] {1, 1}, 8, 3), false);
    for (int i = 0; i < 9; i++) {
      double a = (i + 1) / 10.0;
      cosmosFront[i] = net.losses(new double[] {a, 1 - a});
    }
    for (int i = 0; i + 1 < 9; i++) {
      assertTrue(cosmosFront[i + 1][0] > cosmosFront[i][0] + 0.03 && cosmosFront[i + 1][1] < cosmosFront[i][1] - 0.03, "points ordered by ray at " + i);
    }
    for (double[] f : cosmosFront) assertEquals(Math.sqrt(2), Math.sqrt(f[0]) + Math.sqrt(f[1]), 0.05, "near the front");
    Network single = train(new Cosmos(new double[] {1, 1}, 8, 3), true);
    double[] one = single.losses(new double[] {0.5, 0.5});
    double hvCosmos = Hypervolume.of(cosmosFront, reference);
    double hvSingle = Hypervolume.of(new double[][] {one}, reference);
    assertTrue(hvCosmos > hvSingle + 0.8, "hypervolume " + hvCosmos + " vs single ray " + hvSingle);
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> new Cosmos(new double[] {1}, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Cosmos(new double[] {1, 0}, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Cosmos(new double[] {1, 1}, -1, 0));
    Cosmos c = new Cosmos(new double[] {1, 1}, 1, 0);
    assertThrows(IllegalArgumentException.class, () -> c.loss(List.of(Tensor.of(1.0)), new double[] {0.5, 0.5}));
    assertThrows(IllegalArgumentException.class, () -> c.loss(List.of(Tensor.of(1.0), Tensor.of(1.0, 2.0)), new double[] {0.5, 0.5}));
    assertThrows(IllegalArgumentException.class, () -> Cosmos.conditionInput(Tensor.of(1.0, 2.0), new double[] {0.5, 0.5}));
  }

  /** theta = tanh([1, ray] W1 + b1) W2 + b2 with 16 hidden units. */
  private record Network(Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
    Tensor theta(double[] ray) {
      Tensor x = Cosmos.conditionInput(Tensor.of(new double[][] {{1}}), ray);
      return x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).reshape(-1);
    }

    List<Tensor> lossTensors(double[] ray) {
      Tensor t = theta(ray);
      return List.of(t.sub(Tensor.of(1.0, 0.0)).square().sum(), t.sub(Tensor.of(0.0, 1.0)).square().sum());
    }

    double[] losses(double[] ray) {
      List<Tensor> l = lossTensors(ray);
      return new double[] {l.get(0).toDoubleArray()[0], l.get(1).toDoubleArray()[0]};
    }
  }

  private static Network train(Cosmos cosmos, boolean singleRay) {
    Generator g = new Generator(11);
    Network net = new Network(Tensor.randn(g, io.frontier.tensor.DType.FLOAT64, 3, 16).mul(0.5).requiresGrad_(true),
        Tensor.zeros(io.frontier.tensor.DType.FLOAT64, 16).requiresGrad_(true),
        Tensor.randn(g, io.frontier.tensor.DType.FLOAT64, 16, 2).mul(0.5).requiresGrad_(true),
        Tensor.zeros(io.frontier.tensor.DType.FLOAT64, 2).requiresGrad_(true));
    Adam adam = new Adam(List.of(net.w1(), net.b1(), net.w2(), net.b2()), Adam.Options.defaults().lr(0.01));
    for (int step = 0; step < 1500; step++) {
      double[] ray = singleRay ? new double[] {0.5, 0.5} : cosmos.sampleRay();
      adam.zeroGrad();
      cosmos.loss(net.lossTensors(ray), ray).backward();
      adam.step();
    }
    return net;
  }
}
