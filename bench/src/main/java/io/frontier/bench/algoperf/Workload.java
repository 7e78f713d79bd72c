package io.frontier.bench.algoperf;

import io.frontier.tensor.Tensor;
import java.util.List;

/**
 * A fixed training problem of the benchmark: a model and data built from a seed, a validation
 * metric, the target value of that metric that counts as "trained", and the budget a trial gets.
 * The train/validation split is fixed (it does not depend on the seed); the seed picks the model's
 * initial weights and the order of the minibatches.
 */
public interface Workload {

  String name();

  /** What {@link Instance#evaluate()} measures, e.g. "accuracy" or "loss (nats)". */
  String metric();

  boolean higherIsBetter();

  /** The validation value a trial must reach. */
  double target();

  /** The most optimizer steps a trial may take; also the horizon of the learning-rate schedule. */
  int maxSteps();

  /** The most training seconds (evaluation excluded) a trial may take. */
  double maxSeconds();

  /** Evaluate on the validation set every this many steps. */
  int evalEvery();

  Instance build(long seed);

  default boolean reached(double value) {
    return higherIsBetter() ? value >= target() : value <= target();
  }

  /** One freshly initialised model with its data. */
  interface Instance {
    List<Tensor> parameters();

    /** The training loss on the next minibatch, recorded on the tape (the caller runs backward). */
    Tensor trainLoss();

    /** The validation metric, without recording. */
    double evaluate();
  }
}
