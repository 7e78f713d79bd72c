package io.frontier.rl.gflownet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The TB loss on a hand case: two trajectories with log Z = 0.5, sum log P_F = (-1.2, -0.7),
 * log R = (0.3, -0.1), sum log P_B = (-log 2, 0). Residuals
 * delta = (0.5 - 1.2 - 0.3 + log 2, 0.5 - 0.7 + 0.1) = (-0.30685..., -0.1), loss = mean delta^2 =
 * 0.0520793..., and the gradients are dL/dlogZ = (2/B) sum delta = sum delta (log Z shared by both),
 * dL/dsumLogPF_b = 2 delta_b / B = delta_b. Reference values computed in Python float64.
 */
class TrajectoryBalanceTest {
  private static final double DELTA_1 = -0.3068528194400547;
  private static final double DELTA_2 = -0.09999999999999995;

  @Test
  void lossIsTheMeanSquaredResidualOnAHandCase() {
    Tensor loss = TrajectoryBalance.loss(Tensor.of(0.5, 0.5), Tensor.of(-1.2, -0.7), Tensor.of(0.3, -0.1), Tensor.of(-Math.log(2), 0));
    assertEquals(0.052079326399155405, loss.item(), 1e-15);
    assertArrayEquals(new double[] {DELTA_1, DELTA_2},
        TrajectoryBalance.residuals(Tensor.of(0.5, 0.5), Tensor.of(-1.2, -0.7), Tensor.of(0.3, -0.1), Tensor.of(-Math.log(2), 0)).toDoubleArray(), 1e-15);
    assertEquals(DELTA_1, TrajectoryBalance.residual(0.5, -1.2, 0.3, -Math.log(2)), 1e-15);
  }

  @Test
  void gradientsAreTwiceTheResidualOverTheBatchAndReachOnlyLogZAndTheForwardPolicy() {
    Tensor logZ = Tensor.of(0.5).requiresGrad_(true);
    Tensor sumLogPF = Tensor.of(-1.2, -0.7).requiresGrad_(true);
    Tensor logReward = Tensor.of(0.3, -0.1);
    Tensor sumLogPB = Tensor.of(-Math.log(2), 0);
    TrajectoryBalance.loss(logZ.expand(2), sumLogPF, logReward, sumLogPB).backward();
    assertEquals(DELTA_1 + DELTA_2, logZ.grad().item(), 1e-15);
    assertArrayEquals(new double[] {DELTA_1, DELTA_2}, sumLogPF.grad().toDoubleArray(), 1e-15);
    assertNull(logReward.grad());
    assertNull(sumLogPB.grad());
  }

  @Test
  void lossIsZeroExactlyWhenEveryTrajectoryIsBalanced() {
    // log Z + sum log P_F = log R + sum log P_B on each row
    Tensor loss = TrajectoryBalance.loss(Tensor.of(1.0, 1.0, 1.0), Tensor.of(-2.0, -0.5, -3.0), Tensor.of(-1.0, 0.5, -2.0), Tensor.of(0.0, 0.0, 0.0));
    assertEquals(0, loss.item(), 0);
  }

  @Test
  void mismatchedShapesNameTheOperands() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrajectoryBalance.loss(Tensor.of(0.0, 0.0), Tensor.of(0.0, 0.0, 0.0), Tensor.of(0.0, 0.0), Tensor.of(0.0, 0.0)));
    assertTrue(e.getMessage().contains("sumLogPF [3] does not match logZ [2]"), e.getMessage());
  }
}
