package io.frontier.optim;

import io.frontier.tensor.Fused;
import io.frontier.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad as {@code torch.optim.Adagrad} (1.13, single-tensor, dense gradients):
 *
 * <pre>
 * g = maximize ? -grad : grad;  g += weightDecay * p
 * sum += g^2                                  (sum starts at initialAccumulatorValue)
 * p -= lr / (1 + (t - 1) lrDecay) * g / (sqrt(sum) + eps)
 * </pre>
 *
 * State: {@code sum}. Contiguous parameters take the step in one fused pass ({@link Fused#adagradStep_}).
 */
public final class Adagrad extends Optimizer {
  /** Hyperparameters; {@link #defaults()} are torch's. */
  public record Options(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps, boolean maximize) {
    public static Options defaults() {
      return new Options(1e-2, 0, 0, 0, 1e-10, false);
    }

    public Options lr(double v) {
      return new Options(v, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize);
    }

    public Options lrDecay(double v) {
      return new Options(lr, v, weightDecay, initialAccumulatorValue, eps, maximize);
    }

    public Options weightDecay(double v) {
      return new Options(lr, lrDecay, v, initialAccumulatorValue, eps, maximize);
    }

    public Options initialAccumulatorValue(double v) {
      return new Options(lr, lrDecay, weightDecay, v, eps, maximize);
    }

    public Options eps(double v) {
      return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, v, maximize);
    }

    public Options maximize(boolean v) {
      return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, v);
    }

    public Map<String, Double> toMap() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("lr", lr);
      m.put("lrDecay", lrDecay);
      m.put("weightDecay", weightDecay);
      m.put("initialAccumulatorValue", initialAccumulatorValue);
      m.put("eps", eps);
      m.put("maximize", Hyper.flag(maximize));
      return m;
    }
  }

  public Adagrad(List<Tensor> params, Options options) {
    super(Hyper.single(params, options.toMap()));
  }

  /** Groups that lack a hyperparameter take it from {@code defaults}. */
  public Adagrad(Options defaults, List<ParamGroup> groups) {
    super(Hyper.withDefaults("Adagrad", groups, defaults.toMap()));
  }

  @Override
  protected void validate(ParamGroup g) {
    Hyper.requireNonNegative(g, "lr");
    Hyper.requireNonNegative(g, "lrDecay");
    Hyper.requireNonNegative(g, "weightDecay");
    Hyper.requireNonNegative(g, "initialAccumulatorValue");
    Hyper.requirePositive(g, "eps");
    Hyper.requireFlag(g, "maximize");
  }

  @Override
  protected void update(Tensor p, Tensor grad, Map<String, Tensor> state, long step, ParamGroup group) {
    double weightDecay = group.get("weightDecay");
    Tensor sum = state.computeIfAbsent("sum", k -> Tensor.full(p.shape(), group.get("initialAccumulatorValue"), p.dtype(), p.device()));
    if (p.isContiguous() && sum.isContiguous()) {
      // one fused pass (Fused.adagradStep_, CPU and CUDA) instead of the chain below
      Fused.adagradStep_(p, grad.contiguous(), sum, group.lr(), group.get("lrDecay"), weightDecay, group.get("eps"), step,
          Hyper.isSet(group, "maximize"));
      return;
    }
    Tensor g = Hyper.isSet(group, "maximize") ? grad.neg() : grad;
    if (weightDecay != 0) g = g.add(p.mul(weightDecay));
    double clr = group.lr() / (1 + (step - 1) * group.get("lrDecay"));
    Tensor tmp = g.mul(g);
    sum.add_(tmp);
    Tensor std = sum.sqrt().add_(group.get("eps"));
    p.add_(tmp.copy_(g).mul_(-clr).div_(std));
  }
}
