package io.frontier.optim.schedule;

import io.frontier.optim.Optimizer;
import io.frontier.optim.ParamGroup;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * torch's ReduceLROnPlateau: multiplies every group's lr by {@code factor} (not below its
 * {@code minLr}) once the metric has not improved for more than {@code patience} steps, then waits
 * {@code cooldown} steps before counting again. "Improved" is {@code metric < best * (1 - threshold)}
 * (mode MIN, REL), {@code metric < best - threshold} (MIN, ABS), or the same upwards for MAX. A
 * reduction smaller than {@code eps} is skipped. It acts on the groups' current lrs, which the
 * optimizer's state dict saves; this one saves the counters: {@code last_epoch},
 * {@code num_bad_epochs}, {@code cooldown_counter} (0-d int64) and {@code best} (0-d float64).
 */
public final class ReduceLROnPlateau {
  public enum Mode { MIN, MAX }

  public enum ThresholdMode { REL, ABS }

  private final Optimizer optimizer;
  private final Mode mode;
  private final double factor;
  private final long patience;
  private final double threshold;
  private final ThresholdMode thresholdMode;
  private final long cooldown;
  private final double[] minLrs;
  private final double eps;

  private long lastEpoch;
  private double best;
  private long numBadEpochs;
  private long cooldownCounter;

  /**
   * @param minLrs one lower bound for every group, or one per group
   */
  public ReduceLROnPlateau(Optimizer optimizer, Mode mode, double factor, long patience, double threshold, ThresholdMode thresholdMode,
      long cooldown, double[] minLrs, double eps) {
    if (mode == null) throw new IllegalArgumentException("invalid mode: null (MIN or MAX)");
    if (thresholdMode == null) throw new IllegalArgumentException("invalid thresholdMode: null (REL or ABS)");
    if (!(factor >= 0 && factor < 1)) throw new IllegalArgumentException("invalid factor: " + factor + " (must be in [0, 1))");
    Checks.nonNegative("patience", patience);
    Checks.nonNegative("threshold", threshold);
    Checks.nonNegative("cooldown", cooldown);
    Checks.nonNegative("eps", eps);
    int groups = optimizer.paramGroups().size();
    if (minLrs.length != 1 && minLrs.length != groups) {
      throw new IllegalArgumentException("invalid minLrs: " + minLrs.length + " values for " + groups + " param groups (give 1 or " + groups + ")");
    }
    for (double m : minLrs) Checks.nonNegative("minLrs", m);
    this.optimizer = optimizer;
    this.mode = mode;
    this.factor = factor;
    this.patience = patience;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
    this.cooldown = cooldown;
    this.minLrs = minLrs.length == groups ? minLrs.clone() : filled(groups, minLrs[0]);
    this.eps = eps;
    this.best = worst();
  }

  /** torch's defaults: mode MIN, factor 0.1, patience 10, threshold 1e-4 REL, cooldown 0, minLr 0, eps 1e-8. */
  public ReduceLROnPlateau(Optimizer optimizer) {
    this(optimizer, Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, new double[] {0.0}, 1e-8);
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  private double worst() {
    return mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /** One epoch's metric (torch's {@code scheduler.step(metric)}); reduces the lrs when due. */
  public void stepSchedule(double metric) {
    lastEpoch++;
    if (isBetter(metric)) {
      best = metric;
      numBadEpochs = 0;
    } else {
      numBadEpochs++;
    }
    if (cooldownCounter > 0) {
      cooldownCounter--;
      numBadEpochs = 0; // bad epochs in the cooldown do not count
    }
    if (numBadEpochs > patience) {
      reduce();
      cooldownCounter = cooldown;
      numBadEpochs = 0;
    }
  }

  // The same expressions as torch's is_better, so that ties fall the same way.
  private boolean isBetter(double a) {
    if (mode == Mode.MIN) return thresholdMode == ThresholdMode.REL ? a < best * (1. - threshold) : a < best - threshold;
    return thresholdMode == ThresholdMode.REL ? a > best * (threshold + 1.) : a > best + threshold;
  }

  private void reduce() {
    List<ParamGroup> groups = optimizer.paramGroups();
    for (int g = 0; g < groups.size(); g++) {
      double old = groups.get(g).lr();
      double lr = Math.max(old * factor, minLrs[g]);
      if (old - lr > eps) groups.get(g).set("lr", lr);
    }
  }

  public long lastEpoch() {
    return lastEpoch;
  }

  public double best() {
    return best;
  }

  public long numBadEpochs() {
    return numBadEpochs;
  }

  public long cooldownCounter() {
    return cooldownCounter;
  }

  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put("last_epoch", Tensor.of(lastEpoch).reshape());
    out.put("best", Tensor.scalar(best, DType.FLOAT64));
    out.put("num_bad_epochs", Tensor.of(numBadEpochs).reshape());
    out.put("cooldown_counter", Tensor.of(cooldownCounter).reshape());
    return out;
  }

  public void loadStateDict(Map<String, Tensor> dict) {
    for (String k : List.of("last_epoch", "best", "num_bad_epochs", "cooldown_counter")) {
      if (!dict.containsKey(k)) throw new IllegalArgumentException("ReduceLROnPlateau state dict: missing '" + k + "'");
    }
    if (dict.size() != 4) throw new IllegalArgumentException("ReduceLROnPlateau state dict: unexpected keys in " + dict.keySet());
    lastEpoch = dict.get("last_epoch").itemLong();
    best = dict.get("best").item();
    numBadEpochs = dict.get("num_bad_epochs").itemLong();
    cooldownCounter = dict.get("cooldown_counter").itemLong();
  }
}
