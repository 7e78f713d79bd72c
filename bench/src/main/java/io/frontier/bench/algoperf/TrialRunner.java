package io.frontier.bench.algoperf;

import io.frontier.optim.Optimizer;
import io.frontier.optim.schedule.LrScheduler;
import io.frontier.tensor.Tensor;
import java.util.Map;

/**
 * Trains one workload instance with one submission's hyperparameters until the validation metric
 * reaches the target, the step or time budget runs out, or the loss stops being finite. Only the
 * training steps are timed: evaluation (every {@link Workload#evalEvery()} steps) is not, as in
 * AlgoPerf.
 */
public final class TrialRunner {
  private TrialRunner() {}

  /**
   * Runs {@code steps} untimed steps of a throwaway instance with the search space's midpoint, so
   * that the JIT has compiled the workload's and the optimizer's code before trials are timed.
   */
  public static void warmUp(Workload workload, Submission submission, int steps) {
    Workload.Instance instance = workload.build(-1);
    Map<String, Double> mid = new java.util.LinkedHashMap<>();
    for (SearchSpace.Range r : submission.space().ranges()) mid.put(r.name(), r.at(0.5));
    Optimizer optimizer = submission.optimizer().create(instance.parameters(), mid);
    for (int step = 0; step < steps; step++) {
      Tensor loss = instance.trainLoss();
      loss.backward();
      optimizer.step();
      optimizer.zeroGrad();
      loss.item();
    }
    instance.evaluate();
  }

  public static TrialResult run(Workload workload, Submission submission, Map<String, Double> hyper, long seed) {
    Workload.Instance instance = workload.build(seed);
    Optimizer optimizer = submission.optimizer().create(instance.parameters(), hyper);
    LrScheduler scheduler = new LrScheduler(optimizer, submission.schedule().create(hyper, workload.maxSteps()));
    double best = workload.higherIsBetter() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    long trainNanos = 0;
    long budgetNanos = (long) (workload.maxSeconds() * 1e9);
    for (int step = 1; step <= workload.maxSteps(); step++) {
      long t0 = System.nanoTime();
      Tensor loss = instance.trainLoss();
      loss.backward();
      optimizer.step();
      scheduler.stepSchedule();
      optimizer.zeroGrad();
      double lossValue = loss.item();
      trainNanos += System.nanoTime() - t0;
      if (!Double.isFinite(lossValue)) return TrialResult.missed(hyper, best, "diverged");
      if (step % workload.evalEvery() == 0 || step == workload.maxSteps()) {
        double value = instance.evaluate();
        if (workload.higherIsBetter() ? value > best : value < best) best = value;
        if (workload.reached(value)) return TrialResult.reached(hyper, trainNanos / 1e9, step, best);
      }
      if (trainNanos >= budgetNanos) return TrialResult.missed(hyper, best, "time");
    }
    return TrialResult.missed(hyper, best, "steps");
  }
}
