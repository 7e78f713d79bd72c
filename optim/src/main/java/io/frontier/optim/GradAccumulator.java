package io.frontier.optim;

import io.frontier.tensor.Tensor;

/**
 * Gradient accumulation: each {@link #backward(Tensor)} back-propagates one micro-batch's loss
 * divided by k, so that k micro-batches of a mean loss sum to the gradient of the whole batch's
 * mean; every k-th call then runs {@code beforeStep} (gradient clipping, say), steps the optimizer
 * and clears the gradients.
 */
public final class GradAccumulator {
  private final Optimizer optimizer;
  private final int k;
  private final Runnable beforeStep;
  private int pending;

  public GradAccumulator(Optimizer optimizer, int k) {
    this(optimizer, k, () -> {});
  }

  /** @param beforeStep runs on the accumulated gradients just before each optimizer step */
  public GradAccumulator(Optimizer optimizer, int k, Runnable beforeStep) {
    if (k < 1) throw new IllegalArgumentException("invalid k: " + k + " (the number of micro-batches per step must be >= 1)");
    if (beforeStep == null) throw new IllegalArgumentException("invalid beforeStep: null (pass () -> {} for nothing)");
    this.optimizer = optimizer;
    this.k = k;
    this.beforeStep = beforeStep;
  }

  /** Back-propagates {@code loss / k}; returns true when this call completed k micro-batches and stepped the optimizer. */
  public boolean backward(Tensor loss) {
    loss.div(k).backward();
    if (++pending < k) return false;
    pending = 0;
    beforeStep.run();
    optimizer.step();
    optimizer.zeroGrad();
    return true;
  }

  /** Micro-batches accumulated since the last optimizer step. */
  public int pending() {
    return pending;
  }
}
