package io.frontier.rl.gflownet;

import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * The trajectory-balance objective of Malkin et al. (2022, "Trajectory balance: improved credit
 * assignment in GFlowNets"): for a complete trajectory {@code tau = (s_0 -> ... -> s_n = x)},
 * <pre>
 *   L_TB(tau) = ( log Z + sum_t log P_F(s_{t+1} | s_t) - log R(x) - sum_t log P_B(s_t | s_{t+1}) )^2
 * </pre>
 * and, conditioned on a preference {@code w}, MOGFN-PC's form with {@code log Z(w)},
 * {@code P_F(. | ., w)} and {@code R(x | w)} (Jain et al. 2023). At a global minimum with zero loss
 * the sampler draws {@code x} with probability {@code R(x) / Z} and {@code Z} is the partition
 * function. The batch loss is the mean over trajectories.
 */
public final class TrajectoryBalance {

  private TrajectoryBalance() {}

  /**
   * The mean TB loss of a batch of B trajectories: every argument is (B,). {@code logZ} and
   * {@code sumLogPF} carry the gradient; {@code logReward} and {@code sumLogPB} are the fixed
   * reward and backward policy.
   */
  public static Tensor loss(Tensor logZ, Tensor sumLogPF, Tensor logReward, Tensor sumLogPB) {
    return residuals(logZ, sumLogPF, logReward, sumLogPB).square().mean();
  }

  /** The residuals {@code log Z + sum log P_F - log R - sum log P_B}, (B,). */
  public static Tensor residuals(Tensor logZ, Tensor sumLogPF, Tensor logReward, Tensor sumLogPB) {
    int[] shape = logZ.shape();
    if (shape.length != 1) throw new IllegalArgumentException("TrajectoryBalance: logZ must be (B,), got " + Arrays.toString(shape));
    check("sumLogPF", sumLogPF, shape);
    check("logReward", logReward, shape);
    check("sumLogPB", sumLogPB, shape);
    return logZ.add(sumLogPF).sub(logReward).sub(sumLogPB);
  }

  /** One trajectory's residual in plain arithmetic, for references and diagnostics. */
  public static double residual(double logZ, double sumLogPF, double logReward, double sumLogPB) {
    return logZ + sumLogPF - logReward - sumLogPB;
  }

  private static void check(String name, Tensor t, int[] shape) {
    if (!Arrays.equals(t.shape(), shape)) {
      throw new IllegalArgumentException("TrajectoryBalance: " + name + " " + Arrays.toString(t.shape()) + " does not match logZ " + Arrays.toString(shape));
    }
  }
}
