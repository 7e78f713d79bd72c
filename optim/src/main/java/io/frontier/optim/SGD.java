package io.frontier.optim;

import io.frontier.tensor.Fused;
import io.frontier.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum, as {@code torch.optim.SGD} (1.13, single-tensor):
 *
 * <pre>
 * g = maximize ? -grad : grad;  g += weightDecay * p
 * buf = step 1 ? g : momentum * buf + (1 - dampening) * g      (when momentum != 0)
 * g = nesterov ? g + momentum * buf : buf
 * p -= lr * g
 * </pre>
 *
 * State: {@code momentumBuffer} (only when momentum != 0). A contiguous parameter takes the step in
 * one fused pass ({@link Fused#sgdStep_}); others run it as the chain of tensor ops above.
 */
public final class SGD extends Optimizer {
  /** Hyperparameters; {@link #defaults()} are torch's (which has no default lr: 1e-3 here). */
  public record Options(double lr, double momentum, double dampening, double weightDecay, boolean nesterov, boolean maximize) {
    public static Options defaults() {
      return new Options(1e-3, 0, 0, 0, false, false);
    }

    public Options lr(double v) {
      return new Options(v, momentum, dampening, weightDecay, nesterov, maximize);
    }

    public Options momentum(double v) {
      return new Options(lr, v, dampening, weightDecay, nesterov, maximize);
    }

    public Options dampening(double v) {
      return new Options(lr, momentum, v, weightDecay, nesterov, maximize);
    }

    public Options weightDecay(double v) {
      return new Options(lr, momentum, dampening, v, nesterov, maximize);
    }

    public Options nesterov(boolean v) {
      return new Options(lr, momentum, dampening, weightDecay, v, maximize);
    }

    public Options maximize(boolean v) {
      return new Options(lr, momentum, dampening, weightDecay, nesterov, v);
    }

    public Map<String, Double> toMap() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("lr", lr);
      m.put("momentum", momentum);
      m.put("dampening", dampening);
      m.put("weightDecay", weightDecay);
      m.put("nesterov", Hyper.flag(nesterov));
      m.put("maximize", Hyper.flag(maximize));
      return m;
    }
  }

  public SGD(List<Tensor> params, Options options) {
    super(Hyper.single(params, options.toMap()));
  }

  /** Groups that lack a hyperparameter take it from {@code defaults}. */
  public SGD(Options defaults, List<ParamGroup> groups) {
    super(Hyper.withDefaults("SGD", groups, defaults.toMap()));
  }

  @Override
  protected void validate(ParamGroup g) {
    Hyper.requireNonNegative(g, "lr");
    Hyper.requireUnitInterval(g, "momentum");
    requireRange(g, "dampening", 0, 1, true);
    Hyper.requireNonNegative(g, "weightDecay");
    Hyper.requireFlag(g, "nesterov");
    Hyper.requireFlag(g, "maximize");
    if (Hyper.isSet(g, "nesterov") && (g.get("momentum") <= 0 || g.get("dampening") != 0)) {
      throw new IllegalArgumentException("invalid nesterov: Nesterov momentum needs momentum > 0 and dampening = 0 (momentum "
          + g.get("momentum") + ", dampening " + g.get("dampening") + ")");
    }
  }

  @Override
  protected void update(Tensor p, Tensor grad, Map<String, Tensor> state, long step, ParamGroup group) {
    double momentum = group.get("momentum");
    double weightDecay = group.get("weightDecay");
    Tensor buffer = state.get("momentumBuffer");
    if (p.isContiguous() && (buffer == null || buffer.isContiguous())) {
      // one fused pass (Fused.sgdStep_, CPU and CUDA) instead of the chain below
      boolean first = momentum != 0 && buffer == null;
      if (first) {
        buffer = Tensor.empty(p.dtype(), p.device(), p.shape()); // the first step writes every element
        state.put("momentumBuffer", buffer);
      }
      Fused.sgdStep_(p, grad.contiguous(), momentum != 0 ? buffer : null, group.lr(), momentum, group.get("dampening"), weightDecay,
          Hyper.isSet(group, "nesterov"), Hyper.isSet(group, "maximize"), first);
      return;
    }
    Tensor g = Hyper.isSet(group, "maximize") ? grad.neg() : grad;
    if (weightDecay != 0) g = g.add(p.mul(weightDecay));
    if (momentum != 0) {
      Tensor buf = state.get("momentumBuffer");
      if (buf == null) {
        buf = g.clone();
        state.put("momentumBuffer", buf);
      } else {
        buf.mul_(momentum).add_(g.mul(1 - group.get("dampening")));
      }
      g = Hyper.isSet(group, "nesterov") ? g.add(buf.mul(momentum)) : buf;
    }
    p.add_(g.mul(-group.lr()));
  }
}
