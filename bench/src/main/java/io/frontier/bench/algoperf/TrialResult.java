package io.frontier.bench.algoperf;

import java.util.Map;

/**
 * One training run: its hyperparameters, whether and when it reached the target (training seconds
 * with evaluation excluded, and steps; infinity and -1 when it never did), its best validation
 * value and why it stopped.
 */
public record TrialResult(Map<String, Double> hyper, boolean reached, double seconds, long steps, double best, String stop) {

  public static TrialResult reached(Map<String, Double> hyper, double seconds, long steps, double best) {
    return new TrialResult(hyper, true, seconds, steps, best, "target");
  }

  public static TrialResult missed(Map<String, Double> hyper, double best, String stop) {
    return new TrialResult(hyper, false, Double.POSITIVE_INFINITY, -1, best, stop);
  }
}
