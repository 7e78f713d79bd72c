package io.frontier.multiobjective.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.optim.SGD;
import io.frontier.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossWeightingTest {

  @Test
  void uncertaintyWeightingConvergesToLogLosses() {
    // d/ds (exp(-s) L + s) = 1 - L exp(-s) = 0 at s = log L; the curvature there is 1, so SGD with lr 0.5
    // contracts the error by about 1/2 per step
    UncertaintyWeighting uw = new UncertaintyWeighting(2);
    SGD sgd = new SGD(List.of(uw.logVariances()), SGD.Options.defaults().lr(0.5));
    double[] losses = {0.5, 3};
    for (int step = 0; step < 80; step++) {
      sgd.zeroGrad();
      uw.totalLoss(List.of(Tensor.of(losses[0]), Tensor.of(losses[1]))).backward();
      sgd.step();
    }
    assertArrayEquals(new double[] {Math.log(0.5), Math.log(3)}, uw.logVariances().detach().toDoubleArray(), 1e-9);
    assertArrayEquals(new double[] {2, 1 / 3.0}, uw.weights(), 1e-8);
  }

  @Test
  void uncertaintyTotalLossValueAndGradient() {
    UncertaintyWeighting uw = new UncertaintyWeighting(2);
    Tensor l1 = Tensor.of(2.0).requiresGrad_(true);
    Tensor total = uw.totalLoss(List.of(l1, Tensor.of(5.0)));
    assertEquals(7, total.item(), 1e-15); // s = 0: 2 + 5
    total.backward();
    assertArrayEquals(new double[] {1 - 2, 1 - 5}, uw.logVariances().grad().toDoubleArray(), 1e-15);
    assertEquals(1, l1.grad().item(), 1e-15);
    assertThrows(IllegalArgumentException.class, () -> uw.totalLoss(List.of(l1)));
  }

  @Test
  void gradNormRaisesTheWeightOfTheSlowerTask() {
    // step 0: L(0) = (1, 1) so r = (1, 1); norms (1, 1) give G = target = 1: sign 0, weights stay 1.
    // step 1: L(1) = (0.5, 0.9): r = (0.5, 0.9) / 0.7, G = (1, 1), mean 1, alpha = 1: targets (5/7, 9/7);
    // sign(G - target) = (+, -) -> w(2) = (1 - 0.1, 1 + 0.1), already summing to 2
    GradNorm gn = new GradNorm(2, 1, 0.1);
    assertArrayEquals(new double[] {1, 1}, gn.update(new double[] {1, 1}, new double[] {1, 1}), 0);
    assertArrayEquals(new double[] {1, 1}, gn.update(new double[] {0.5, 0.9}, new double[] {1, 1}), 1e-15);
    assertArrayEquals(new double[] {0.9, 1.1}, gn.update(new double[] {0.5, 0.9}, new double[] {1, 1}), 1e-15);
  }

  @Test
  void gradNormWithAlphaZeroEqualisesGradientNorms() {
    // alpha = 0: target = mean G. Norms (1, 3): the task with the larger gradient must lose weight.
    // G = (1, 3), mean 2 -> gradient (-1 * 1, +1 * 3) -> w = (1.1, 0.7), renormalised to sum 2
    GradNorm gn = new GradNorm(2, 0, 0.1);
    gn.update(new double[] {1, 1}, new double[] {1, 3});
    assertArrayEquals(new double[] {1.1 * 2 / 1.8, 0.7 * 2 / 1.8}, gn.update(new double[] {1, 1}, new double[] {1, 3}), 1e-15);
    // many smaller steps: w_1 |g_1| ~ w_2 |g_2|, i.e. w -> (1.5, 0.5) (the sign steps oscillate within a step)
    GradNorm small = new GradNorm(2, 0, 0.005);
    double[] w = null;
    for (int i = 0; i < 400; i++) w = small.update(new double[] {1, 1}, new double[] {1, 3});
    assertArrayEquals(new double[] {1.5, 0.5}, w, 0.03);
    assertEquals(2, w[0] + w[1], 1e-12);
    assertThrows(IllegalArgumentException.class, () -> gn.update(new double[] {1, 1}, null));
  }

  @Test
  void famoOnEqualLossesStaysUniform() {
    FAMO famo = new FAMO(3, 0.5, 0.01);
    double[] losses = {2, 2, 2};
    for (int step = 0; step < 20; step++) {
      assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, famo.update(losses, null), 1e-15);
      for (int i = 0; i < 3; i++) losses[i] *= 0.9; // equal log-decrease for every task
    }
    assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, famo.softmax(), 1e-15);
  }

  @Test
  void famoLogitStepMatchesTheSoftmaxJacobianUpdate() {
    // step 0: xi = 0, z = (1/2, 1/2), weights c z_i / L_i with L = (1, 4): c = 1 / (1/2 + 1/8) = 8/5 -> (4/5, 1/5)
    FAMO famo = new FAMO(2, 0.5, 0);
    assertArrayEquals(new double[] {0.8, 0.2}, famo.update(new double[] {1, 4}, null), 1e-15);
    // losses fall to (0.5, 4): delta = (log 2, 0), J^T delta = z (delta - z.delta) = (1/2)(log2/2, -log2/2)
    // xi = -0.5 * (log2 / 4, -log2 / 4) -> task 2 (no progress) gains weight
    famo.update(new double[] {0.5, 4}, null);
    double x = 0.5 * Math.log(2) / 4;
    double z2 = Math.exp(x) / (Math.exp(x) + Math.exp(-x));
    assertArrayEquals(new double[] {1 - z2, z2}, famo.softmax(), 1e-15);
    assertTrue(z2 > 0.5);
    assertThrows(IllegalArgumentException.class, () -> famo.update(new double[] {0, 1}, null));
  }
}
