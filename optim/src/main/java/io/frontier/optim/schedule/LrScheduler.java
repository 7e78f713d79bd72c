package io.frontier.optim.schedule;

import io.frontier.optim.Optimizer;
import io.frontier.optim.ParamGroup;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives an {@link LrSchedule} on an optimizer's param groups, as torch's LR schedulers do: built
 * after the optimizer (each group's lr then is its base lr, and is set to the schedule's step 0 at
 * once), and stepped with {@link #stepSchedule()} after each {@code optimizer.step()}.
 *
 * <p>State dict: {@code last_epoch} (0-d int64) and {@code base_lrs.<g>} (0-d float64), a flat
 * map of tensors to save beside the optimizer's (under a prefix of the caller's choosing, see
 * {@link io.frontier.optim.StateDicts}). Since the schedule is a closed form, a resumed run sets
 * exactly the lrs an uninterrupted one would.
 */
public final class LrScheduler {
  private final Optimizer optimizer;
  private final LrSchedule schedule;
  private final double[] baseLrs;
  private long lastEpoch;

  public LrScheduler(Optimizer optimizer, LrSchedule schedule) {
    if (schedule == null) throw new IllegalArgumentException("invalid schedule: null");
    this.optimizer = optimizer;
    this.schedule = schedule;
    List<ParamGroup> groups = optimizer.paramGroups();
    baseLrs = new double[groups.size()];
    for (int g = 0; g < baseLrs.length; g++) baseLrs[g] = groups.get(g).lr();
    apply();
  }

  /** Advances one step and sets every group's lr (torch's {@code scheduler.step()}). */
  public void stepSchedule() {
    lastEpoch++;
    apply();
  }

  private void apply() {
    List<ParamGroup> groups = optimizer.paramGroups();
    for (int g = 0; g < baseLrs.length; g++) groups.get(g).set("lr", schedule.lr(baseLrs[g], lastEpoch));
  }

  /** How many times {@link #stepSchedule()} has run (torch's {@code last_epoch}). */
  public long lastEpoch() {
    return lastEpoch;
  }

  /** The groups' lrs as this scheduler last set them (torch's {@code get_last_lr()}). */
  public double[] lastLr() {
    double[] out = new double[baseLrs.length];
    for (int g = 0; g < out.length; g++) out[g] = schedule.lr(baseLrs[g], lastEpoch);
    return out;
  }

  public double[] baseLrs() {
    return baseLrs.clone();
  }

  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put("last_epoch", Tensor.of(lastEpoch).reshape());
    for (int g = 0; g < baseLrs.length; g++) out.put("base_lrs." + g, Tensor.scalar(baseLrs[g], DType.FLOAT64));
    return out;
  }

  /** Restores {@link #stateDict()}'s output and sets the groups' lrs for the restored step. */
  public void loadStateDict(Map<String, Tensor> dict) {
    Tensor last = dict.get("last_epoch");
    if (last == null) throw new IllegalArgumentException("scheduler state dict: missing 'last_epoch'");
    double[] bases = new double[baseLrs.length];
    for (int g = 0; g < bases.length; g++) {
      Tensor b = dict.get("base_lrs." + g);
      if (b == null) throw new IllegalArgumentException("scheduler state dict: missing 'base_lrs." + g + "'");
      bases[g] = b.item();
    }
    if (dict.size() != bases.length + 1) {
      throw new IllegalArgumentException("scheduler state dict: expected last_epoch and " + bases.length + " base_lrs, got keys " + dict.keySet());
    }
    System.arraycopy(bases, 0, baseLrs, 0, bases.length);
    lastEpoch = last.itemLong();
    apply();
  }
}
