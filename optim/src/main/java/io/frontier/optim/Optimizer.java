package io.frontier.optim;

import io.frontier.tensor.DType;
import io.frontier.tensor.Grad;
import io.frontier.tensor.MemoryScope;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every first-order optimizer: parameter groups, per-parameter state tensors, a step
 * counter per parameter, {@link #zeroGrad()}, and a state dict that lets a resumed run continue bit
 * for bit. A subclass implements {@link #update}, which runs under no-grad.
 *
 * <p>State dict keys: {@code state.<i>.<name>} for parameter i's state tensors (in the order of
 * all groups' parameters), {@code state.<i>.step} (0-d int64), and {@code groups.<g>.<hyper>}
 * (0-d float64): a flat map of tensors, so it saves as safetensors.
 */
public abstract class Optimizer {
  private final List<ParamGroup> groups;
  private final List<Map<String, Tensor>> state = new ArrayList<>();
  private final long[] steps;

  protected Optimizer(List<ParamGroup> groups) {
    if (groups.isEmpty()) throw new IllegalArgumentException("an optimizer needs at least one parameter group");
    this.groups = List.copyOf(groups);
    int n = 0;
    for (ParamGroup g : groups) {
      validate(g);
      n += g.params().size();
    }
    for (int i = 0; i < n; i++) state.add(new LinkedHashMap<>());
    steps = new long[n];
  }

  /** Checks a group's hyperparameters; throws IllegalArgumentException naming the bad one. */
  protected abstract void validate(ParamGroup group);

  /**
   * Updates one parameter in place from its gradient. {@code state} holds this parameter's state
   * tensors (empty on the first step: create them); {@code step} counts from 1.
   */
  protected abstract void update(Tensor param, Tensor grad, Map<String, Tensor> state, long step, ParamGroup group);

  /**
   * Updates a group's parameters that have a gradient (in the group's order; {@code steps[k]} is
   * parameter k's step count, from 1). The default calls {@link #update} on each; an optimizer
   * with a multi-tensor kernel updates them together ({@link AdamW}).
   */
  protected void updateGroup(ParamGroup group, List<Tensor> params, List<Tensor> grads, List<Map<String, Tensor>> states, long[] steps) {
    for (int k = 0; k < params.size(); k++) update(params.get(k), grads.get(k), states.get(k), steps[k], group);
  }

  /** One step over every parameter with a gradient; parameters without one are skipped. */
  public void step() {
    try (Grad.Scope s = Grad.noGrad()) {
      int i = 0;
      for (ParamGroup g : groups) {
        List<Tensor> params = new ArrayList<>();
        List<Tensor> grads = new ArrayList<>();
        List<Map<String, Tensor>> states = new ArrayList<>();
        long[] counts = new long[g.params().size()];
        for (Tensor p : g.params()) {
          Tensor grad = p.grad();
          if (grad != null) {
            counts[params.size()] = ++steps[i];
            params.add(p);
            grads.add(grad);
            states.add(state.get(i));
          }
          i++;
        }
        updateGroup(g, params, grads, states, java.util.Arrays.copyOf(counts, params.size()));
        // state made during the step (the first one) outlives any MemoryScope around it
        for (Map<String, Tensor> st : states) {
          for (Tensor t : st.values()) t.storage().persist();
        }
      }
    }
  }

  /** Clears every parameter's gradient ({@code set_to_none=True}). */
  public void zeroGrad() {
    zeroGrad(true);
  }

  /** Drops every parameter's gradient ({@code setToNone}) or zeroes it in place; see {@code Module.zeroGrad(boolean)}. */
  public void zeroGrad(boolean setToNone) {
    try (Grad.Scope s = Grad.noGrad()) {
      List<Tensor> grads = new ArrayList<>();
      for (ParamGroup g : groups) {
        for (Tensor p : g.params()) {
          if (setToNone) p.setGrad(null);
          else if (p.grad() != null) grads.add(p.grad());
        }
      }
      // in place: all together (one launch per 32 gradients on the GPU)
      io.frontier.tensor.Fused.zeroAll_(grads);
    }
  }

  public List<ParamGroup> paramGroups() {
    return groups;
  }

  /** A copy of the optimizer's state: per-parameter tensors and steps, and every group's hyperparameters. */
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < state.size(); i++) {
      for (Map.Entry<String, Tensor> e : state.get(i).entrySet()) out.put("state." + i + "." + e.getKey(), e.getValue().clone());
      out.put("state." + i + ".step", Tensor.of(steps[i]).reshape());
    }
    for (int g = 0; g < groups.size(); g++) {
      for (Map.Entry<String, Double> e : groups.get(g).hyperparameters().entrySet()) {
        out.put("groups." + g + "." + e.getKey(), Tensor.scalar(e.getValue(), DType.FLOAT64));
      }
    }
    return out;
  }

  /** Restores {@link #stateDict()}'s output (state tensors are copied to each parameter's device). */
  public void loadStateDict(Map<String, Tensor> dict) {
    List<Tensor> params = new ArrayList<>();
    for (ParamGroup g : groups) params.addAll(g.params());
    List<Map<String, Tensor>> newState = new ArrayList<>();
    long[] newSteps = new long[steps.length];
    Map<Integer, Map<String, Double>> newHyper = new HashMap<>();
    for (int i = 0; i < params.size(); i++) newState.add(new LinkedHashMap<>());
    for (Map.Entry<String, Tensor> e : dict.entrySet()) {
      String[] k = e.getKey().split("\\.", 3);
      if (k.length != 3) throw new IllegalArgumentException("optimizer state dict: malformed key '" + e.getKey() + "'");
      int idx = Integer.parseInt(k[1]);
      if (k[0].equals("state")) {
        if (idx >= params.size()) throw new IllegalArgumentException("optimizer state dict: parameter " + idx + " of " + params.size());
        if (k[2].equals("step")) newSteps[idx] = e.getValue().itemLong();
        else newState.get(idx).put(k[2], MemoryScope.keep(e.getValue().to(params.get(idx).device()).clone()));
      } else if (k[0].equals("groups")) {
        if (idx >= groups.size()) throw new IllegalArgumentException("optimizer state dict: group " + idx + " of " + groups.size());
        newHyper.computeIfAbsent(idx, x -> new HashMap<>()).put(k[2], e.getValue().item());
      } else {
        throw new IllegalArgumentException("optimizer state dict: unknown key '" + e.getKey() + "'");
      }
    }
    for (int i = 0; i < state.size(); i++) {
      state.set(i, newState.get(i));
      steps[i] = newSteps[i];
    }
    for (Map.Entry<Integer, Map<String, Double>> e : newHyper.entrySet()) {
      for (Map.Entry<String, Double> h : e.getValue().entrySet()) groups.get(e.getKey()).set(h.getKey(), h.getValue());
    }
  }

  /** Rejects a hyperparameter outside [lo, hi) (or [lo, hi] when {@code hiInclusive}). */
  protected static void requireRange(ParamGroup g, String name, double lo, double hi, boolean hiInclusive) {
    double v = g.get(name);
    boolean ok = v >= lo && (hiInclusive ? v <= hi : v < hi);
    if (!ok || Double.isNaN(v)) {
      throw new IllegalArgumentException("invalid " + name + ": " + v + " (must be in [" + lo + ", " + hi + (hiInclusive ? "]" : ")") + ")");
    }
  }
}
