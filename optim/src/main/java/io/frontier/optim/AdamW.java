package io.frontier.optim;

import io.frontier.tensor.Fused;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW as {@code torch.optim.AdamW} (1.13, single-tensor): Adam with decoupled weight decay,
 * {@code p *= 1 - lr weightDecay} before the {@link Adam} step (default weightDecay 0.01). Without
 * amsgrad, on contiguous parameters, the step is one {@link Fused#adamwStep_} pass (CPU and CUDA
 * kernels) instead of a chain of tensor ops, and a group's parameters go through
 * {@link Fused#adamwStepAll_} together (24 tensors a CUDA launch); the two agree to rounding.
 *
 * <p>State: {@code expAvg}, {@code expAvgSq}, and {@code maxExpAvgSq} with amsgrad.
 */
public final class AdamW extends Optimizer {
  /** Hyperparameters; {@link #defaults()} are torch's. */
  public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad, boolean maximize) {
    public static Options defaults() {
      return new Options(1e-3, 0.9, 0.999, 1e-8, 1e-2, false, false);
    }

    public Options lr(double v) {
      return new Options(v, beta1, beta2, eps, weightDecay, amsgrad, maximize);
    }

    public Options betas(double b1, double b2) {
      return new Options(lr, b1, b2, eps, weightDecay, amsgrad, maximize);
    }

    public Options eps(double v) {
      return new Options(lr, beta1, beta2, v, weightDecay, amsgrad, maximize);
    }

    public Options weightDecay(double v) {
      return new Options(lr, beta1, beta2, eps, v, amsgrad, maximize);
    }

    public Options amsgrad(boolean v) {
      return new Options(lr, beta1, beta2, eps, weightDecay, v, maximize);
    }

    public Options maximize(boolean v) {
      return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, v);
    }

    public Map<String, Double> toMap() {
      return Adam.map(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
    }
  }

  public AdamW(List<Tensor> params, Options options) {
    super(Hyper.single(params, options.toMap()));
  }

  /** Groups that lack a hyperparameter take it from {@code defaults}. */
  public AdamW(Options defaults, List<ParamGroup> groups) {
    super(Hyper.withDefaults("AdamW", groups, defaults.toMap()));
  }

  @Override
  protected void validate(ParamGroup g) {
    Adam.check(g);
  }

  /**
   * The group's fused-path parameters (no amsgrad, contiguous) of one device, dtype and step count
   * go through {@link Fused#adamwStepAll_} together (the CUDA backend then takes 24 a launch, where
   * it took one); the rest through {@link #update}. The results are the same bit for bit.
   */
  @Override
  protected void updateGroup(ParamGroup group, List<Tensor> params, List<Tensor> grads, List<Map<String, Tensor>> states, long[] steps) {
    if (Hyper.isSet(group, "amsgrad")) {
      super.updateGroup(group, params, grads, states, steps);
      return;
    }
    Map<String, List<Integer>> together = new LinkedHashMap<>();
    for (int k = 0; k < params.size(); k++) {
      Tensor p = params.get(k);
      if (!p.isContiguous()) {
        update(p, grads.get(k), states.get(k), steps[k], group);
        continue;
      }
      together.computeIfAbsent(p.device() + "/" + p.dtype() + "/" + steps[k], key -> new ArrayList<>()).add(k);
    }
    for (List<Integer> ks : together.values()) {
      List<Tensor> ps = new ArrayList<>(), gs = new ArrayList<>(), ms = new ArrayList<>(), vs = new ArrayList<>();
      for (int k : ks) {
        Tensor p = params.get(k);
        ps.add(p);
        gs.add(grads.get(k).contiguous());
        ms.add(states.get(k).computeIfAbsent("expAvg", key -> Tensor.zeros(p.dtype(), p.device(), p.shape())));
        vs.add(states.get(k).computeIfAbsent("expAvgSq", key -> Tensor.zeros(p.dtype(), p.device(), p.shape())));
      }
      Fused.adamwStepAll_(ps, gs, ms, vs, group.lr(), group.get("beta1"), group.get("beta2"), group.get("eps"), group.get("weightDecay"),
          steps[ks.get(0)], Hyper.isSet(group, "maximize"));
    }
  }

  @Override
  protected void update(Tensor p, Tensor grad, Map<String, Tensor> state, long step, ParamGroup group) {
    boolean maximize = Hyper.isSet(group, "maximize");
    if (!Hyper.isSet(group, "amsgrad") && p.isContiguous()) {
      Tensor m = state.computeIfAbsent("expAvg", k -> Tensor.zeros(p.dtype(), p.device(), p.shape()));
      Tensor v = state.computeIfAbsent("expAvgSq", k -> Tensor.zeros(p.dtype(), p.device(), p.shape()));
      Fused.adamwStep_(p, grad.contiguous(), m, v, group.lr(), group.get("beta1"), group.get("beta2"), group.get("eps"),
          group.get("weightDecay"), step, maximize);
      return;
    }
    p.mul_(1 - group.lr() * group.get("weightDecay"));
    Adam.moments(p, maximize ? grad.neg() : grad, state, step, group);
  }
}
