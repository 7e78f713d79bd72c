package io.frontier.optim;

import io.frontier.tensor.Fused;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BinaryOp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam as {@code torch.optim.Adam} (1.13, single-tensor), weight decay as an L2 term added to the
 * gradient ({@link AdamW} decouples it):
 *
 * <pre>
 * g = maximize ? -grad : grad;  g += weightDecay * p
 * m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2;  vmax = max(vmax, v) (amsgrad)
 * p -= lr / (1 - beta1^t) * m / (sqrt(amsgrad ? vmax : v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * State: {@code expAvg}, {@code expAvgSq}, and {@code maxExpAvgSq} with amsgrad. Without amsgrad,
 * a contiguous parameter takes the step in one fused pass ({@link Fused#adamStep_}).
 */
public final class Adam extends Optimizer {
  /** Hyperparameters; {@link #defaults()} are torch's. */
  public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad, boolean maximize) {
    public static Options defaults() {
      return new Options(1e-3, 0.9, 0.999, 1e-8, 0, false, false);
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
      return map(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);
    }
  }

  public Adam(List<Tensor> params, Options options) {
    super(Hyper.single(params, options.toMap()));
  }

  /** Groups that lack a hyperparameter take it from {@code defaults}. */
  public Adam(Options defaults, List<ParamGroup> groups) {
    super(Hyper.withDefaults("Adam", groups, defaults.toMap()));
  }

  @Override
  protected void validate(ParamGroup g) {
    check(g);
  }

  @Override
  protected void update(Tensor p, Tensor grad, Map<String, Tensor> state, long step, ParamGroup group) {
    if (!Hyper.isSet(group, "amsgrad") && p.isContiguous()) {
      // one fused pass (Fused.adamStep_, CPU and CUDA) instead of the chain below
      Tensor m = state.computeIfAbsent("expAvg", k -> Tensor.zeros(p.dtype(), p.device(), p.shape()));
      Tensor v = state.computeIfAbsent("expAvgSq", k -> Tensor.zeros(p.dtype(), p.device(), p.shape()));
      if (m.isContiguous() && v.isContiguous()) {
        Fused.adamStep_(p, grad.contiguous(), m, v, group.lr(), group.get("beta1"), group.get("beta2"), group.get("eps"),
            group.get("weightDecay"), step, Hyper.isSet(group, "maximize"));
        return;
      }
    }
    Tensor g = Hyper.isSet(group, "maximize") ? grad.neg() : grad;
    double weightDecay = group.get("weightDecay");
    if (weightDecay != 0) g = g.add(p.mul(weightDecay));
    moments(p, g, state, step, group);
  }

  /** The hyperparameters shared by Adam and AdamW, in this order. */
  static Map<String, Double> map(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad, boolean maximize) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("lr", lr);
    m.put("beta1", beta1);
    m.put("beta2", beta2);
    m.put("eps", eps);
    m.put("weightDecay", weightDecay);
    m.put("amsgrad", Hyper.flag(amsgrad));
    m.put("maximize", Hyper.flag(maximize));
    return m;
  }

  static void check(ParamGroup g) {
    Hyper.requireNonNegative(g, "lr");
    Hyper.requireUnitInterval(g, "beta1");
    Hyper.requireUnitInterval(g, "beta2");
    Hyper.requirePositive(g, "eps");
    Hyper.requireNonNegative(g, "weightDecay");
    Hyper.requireFlag(g, "amsgrad");
    Hyper.requireFlag(g, "maximize");
  }

  /** The moment updates and the step on p from g (sign and any L2 term already applied). */
  static void moments(Tensor p, Tensor g, Map<String, Tensor> state, long step, ParamGroup group) {
    double beta1 = group.get("beta1");
    double beta2 = group.get("beta2");
    Tensor m = state.computeIfAbsent("expAvg", k -> Tensor.zeros(p.dtype(), p.device(), p.shape()));
    Tensor v = state.computeIfAbsent("expAvgSq", k -> Tensor.zeros(p.dtype(), p.device(), p.shape()));
    // One scratch tensor carries (1 - beta) g, then (1 - beta2) g g, then the step: the rounding of
    // torch's add_(alpha), addcmul_ and addcdiv_ ((value * a) * b, (value * a) / b).
    Tensor tmp = g.mul(1 - beta1);
    m.mul_(beta1).add_(tmp);
    v.mul_(beta2).add_(tmp.copy_(g).mul_(1 - beta2).mul_(g));
    Tensor second = v;
    if (Hyper.isSet(group, "amsgrad")) {
      Tensor vmax = state.computeIfAbsent("maxExpAvgSq", k -> Tensor.zeros(p.dtype(), p.device(), p.shape()));
      vmax.copy_(vmax.apply(BinaryOp.MAXIMUM, v));
      second = vmax;
    }
    double stepSize = group.lr() / (1 - Math.pow(beta1, step));
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    Tensor denom = second.sqrt().div_(bc2Sqrt).add_(group.get("eps"));
    p.add_(tmp.copy_(m).mul_(-stepSize).div_(denom));
  }
}
