package io.frontier.optim;

import io.frontier.tensor.Fused;
import io.frontier.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * AdamW as {@code torch.optim.AdamW} (1.13, single-tensor): Adam with decoupled weight decay,
 * {@code p *= 1 - lr weightDecay} before the {@link Adam} step (default weightDecay 0.01). Without
 * amsgrad, on contiguous parameters, the step is one {@link Fused#adamwStep_} pass (CPU and CUDA
 * kernels) instead of a chain of tensor ops; the two agree to rounding.
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
