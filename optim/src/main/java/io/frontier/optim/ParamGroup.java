package io.frontier.optim;

import io.frontier.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters that share hyperparameters, as a PyTorch param group: the tensors (leaves that require
 * grad) and named numeric hyperparameters ("lr", "weightDecay", "beta1", ...). Schedules change a
 * group's "lr" between steps.
 */
public final class ParamGroup {
  private final List<Tensor> params;
  private final Map<String, Double> hyper;

  public ParamGroup(List<Tensor> params, Map<String, Double> hyper) {
    if (params.isEmpty()) throw new IllegalArgumentException("a parameter group needs at least one parameter");
    for (Tensor p : params) {
      if (!p.isLeaf() || !p.requiresGrad()) throw new IllegalArgumentException("optimizer parameters must be leaves that require grad");
    }
    this.params = List.copyOf(params);
    this.hyper = new LinkedHashMap<>(hyper);
  }

  public List<Tensor> params() {
    return params;
  }

  /** A hyperparameter by name; throws naming the group's keys when absent. */
  public double get(String name) {
    Double v = hyper.get(name);
    if (v == null) throw new IllegalArgumentException("no hyperparameter '" + name + "' in this group (it has " + hyper.keySet() + ")");
    return v;
  }

  public void set(String name, double value) {
    hyper.put(name, value);
  }

  public double lr() {
    return get("lr");
  }

  /** A copy of the hyperparameters. */
  public Map<String, Double> hyperparameters() {
    return new LinkedHashMap<>(hyper);
  }
}
