package io.frontier.optim;

import io.frontier.tensor.Fused;
import io.frontier.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop as {@code torch.optim.RMSprop} (1.13, single-tensor):
 *
 * <pre>
 * g = maximize ? -grad : grad;  g += weightDecay * p
 * s = alpha s + (1 - alpha) g^2
 * a = centered ? sqrt(s - gAvg^2) + eps, with gAvg = alpha gAvg + (1 - alpha) g : sqrt(s) + eps
 * momentum > 0 ? (buf = momentum buf + g / a;  p -= lr buf) : p -= lr g / a
 * </pre>
 *
 * State: {@code squareAvg}, {@code gradAvg} when centered, {@code momentumBuffer} when momentum > 0.
 * Contiguous parameters take the step in one fused pass ({@link Fused#rmspropStep_}).
 */
public final class RMSprop extends Optimizer {
  /** Hyperparameters; {@link #defaults()} are torch's. */
  public record Options(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered, boolean maximize) {
    public static Options defaults() {
      return new Options(1e-2, 0.99, 1e-8, 0, 0, false, false);
    }

    public Options lr(double v) {
      return new Options(v, alpha, eps, weightDecay, momentum, centered, maximize);
    }

    public Options alpha(double v) {
      return new Options(lr, v, eps, weightDecay, momentum, centered, maximize);
    }

    public Options eps(double v) {
      return new Options(lr, alpha, v, weightDecay, momentum, centered, maximize);
    }

    public Options weightDecay(double v) {
      return new Options(lr, alpha, eps, v, momentum, centered, maximize);
    }

    public Options momentum(double v) {
      return new Options(lr, alpha, eps, weightDecay, v, centered, maximize);
    }

    public Options centered(boolean v) {
      return new Options(lr, alpha, eps, weightDecay, momentum, v, maximize);
    }

    public Options maximize(boolean v) {
      return new Options(lr, alpha, eps, weightDecay, momentum, centered, v);
    }

    public Map<String, Double> toMap() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("lr", lr);
      m.put("alpha", alpha);
      m.put("eps", eps);
      m.put("weightDecay", weightDecay);
      m.put("momentum", momentum);
      m.put("centered", Hyper.flag(centered));
      m.put("maximize", Hyper.flag(maximize));
      return m;
    }
  }

  public RMSprop(List<Tensor> params, Options options) {
    super(Hyper.single(params, options.toMap()));
  }

  /** Groups that lack a hyperparameter take it from {@code defaults}. */
  public RMSprop(Options defaults, List<ParamGroup> groups) {
    super(Hyper.withDefaults("RMSprop", groups, defaults.toMap()));
  }

  @Override
  protected void validate(ParamGroup g) {
    Hyper.requireNonNegative(g, "lr");
    Hyper.requireUnitInterval(g, "alpha");
    Hyper.requirePositive(g, "eps");
    Hyper.requireNonNegative(g, "weightDecay");
    Hyper.requireUnitInterval(g, "momentum");
    Hyper.requireFlag(g, "centered");
    Hyper.requireFlag(g, "maximize");
  }

  @Override
  protected void update(Tensor p, Tensor grad, Map<String, Tensor> state, long step, ParamGroup group) {
    double alpha = group.get("alpha");
    double momentum = group.get("momentum");
    double weightDecay = group.get("weightDecay");
    Tensor squareAvg = state.computeIfAbsent("squareAvg", k -> Tensor.zeros(p.dtype(), p.device(), p.shape()));
    Tensor gradAvg = Hyper.isSet(group, "centered") ? state.computeIfAbsent("gradAvg", k -> Tensor.zeros(p.dtype(), p.device(), p.shape())) : null;
    Tensor buffer = momentum > 0 ? state.computeIfAbsent("momentumBuffer", k -> Tensor.zeros(p.dtype(), p.device(), p.shape())) : null;
    if (p.isContiguous() && squareAvg.isContiguous() && (gradAvg == null || gradAvg.isContiguous()) && (buffer == null || buffer.isContiguous())) {
      // one fused pass (Fused.rmspropStep_, CPU and CUDA) instead of the chain below
      Fused.rmspropStep_(p, grad.contiguous(), squareAvg, gradAvg, buffer, group.lr(), alpha, group.get("eps"), weightDecay, momentum,
          Hyper.isSet(group, "maximize"));
      return;
    }
    Tensor g = Hyper.isSet(group, "maximize") ? grad.neg() : grad;
    if (weightDecay != 0) g = g.add(p.mul(weightDecay));
    // tmp carries (1 - alpha) g g (torch's addcmul_ rounding), then the step
    Tensor tmp = g.mul(1 - alpha).mul_(g);
    squareAvg.mul_(alpha).add_(tmp);
    Tensor avg;
    if (gradAvg != null) {
      gradAvg.mul_(alpha).add_(tmp.copy_(g).mul_(1 - alpha));
      avg = squareAvg.sub(tmp.copy_(gradAvg).mul_(gradAvg)).sqrt_();
    } else {
      avg = squareAvg.sqrt();
    }
    avg.add_(group.get("eps"));
    if (buffer != null) {
      buffer.mul_(momentum).add_(tmp.copy_(g).div_(avg));
      p.add_(tmp.copy_(buffer).mul_(-group.lr()));
    } else {
      p.add_(tmp.copy_(g).mul_(-group.lr()).div_(avg));
    }
  }
}
