package io.frontier.rl.online;

import io.frontier.nn.GPT;
import io.frontier.optim.GradClip;
import io.frontier.optim.Optimizer;
import io.frontier.tensor.Tensor;

/** The update every trainer ends its step with: backward, clip the gradients' global norm (unless 0), step. */
final class PolicyUpdate {
  private PolicyUpdate() {}

  /** The optimizer's gradients must have been zeroed before {@code loss} was built. */
  static void apply(Optimizer optimizer, GPT policy, Tensor loss, double maxGradNorm) {
    loss.backward();
    if (maxGradNorm > 0) GradClip.clipGradNorm_(policy.parameters(), maxGradNorm);
    optimizer.step();
  }
}
