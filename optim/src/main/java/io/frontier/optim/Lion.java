package io.frontier.optim;

import io.frontier.tensor.Fused;
import io.frontier.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2), as
 * lucidrains' lion-pytorch, with decoupled weight decay:
 *
 * <pre>
 * p *= 1 - lr weightDecay
 * p -= lr sign(beta1 m + (1 - beta1) g)
 * m = beta2 m + (1 - beta2) g
 * </pre>
 *
 * (sign(0) = 0.) The update is one {@link Fused#lionStep_} pass (a fused loop on the CPU, the
 * chain of tensor ops on other backends); a non-contiguous parameter is updated through a
 * contiguous copy. State: {@code expAvg}.
 */
public final class Lion extends Optimizer {
  /** Hyperparameters; {@link #defaults()} are lion-pytorch's (lr 1e-4, betas 0.9 and 0.99). */
  public record Options(double lr, double beta1, double beta2, double weightDecay) {
    public static Options defaults() {
      return new Options(1e-4, 0.9, 0.99, 0);
    }

    public Options lr(double v) {
      return new Options(v, beta1, beta2, weightDecay);
    }

    public Options betas(double b1, double b2) {
      return new Options(lr, b1, b2, weightDecay);
    }

    public Options weightDecay(double v) {
      return new Options(lr, beta1, beta2, v);
    }

    public Map<String, Double> toMap() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("lr", lr);
      m.put("beta1", beta1);
      m.put("beta2", beta2);
      m.put("weightDecay", weightDecay);
      return m;
    }
  }

  public Lion(List<Tensor> params, Options options) {
    super(Hyper.single(params, options.toMap()));
  }

  /** Groups that lack a hyperparameter take it from {@code defaults}. */
  public Lion(Options defaults, List<ParamGroup> groups) {
    super(Hyper.withDefaults("Lion", groups, defaults.toMap()));
  }

  @Override
  protected void validate(ParamGroup g) {
    Hyper.requireNonNegative(g, "lr");
    Hyper.requireUnitInterval(g, "beta1");
    Hyper.requireUnitInterval(g, "beta2");
    Hyper.requireNonNegative(g, "weightDecay");
  }

  @Override
  protected void update(Tensor p, Tensor grad, Map<String, Tensor> state, long step, ParamGroup group) {
    double lr = group.lr();
    double beta1 = group.get("beta1");
    double beta2 = group.get("beta2");
    double weightDecay = group.get("weightDecay");
    Tensor m = state.computeIfAbsent("expAvg", k -> Tensor.zeros(p.dtype(), p.device(), p.shape()));
    if (p.isContiguous() && m.isContiguous()) {
      Fused.lionStep_(p, grad.contiguous(), m, lr, beta1, beta2, weightDecay);
      return;
    }
    Tensor pc = p.contiguous();
    Tensor mc = m.contiguous();
    Fused.lionStep_(pc, grad.contiguous(), mc, lr, beta1, beta2, weightDecay);
    p.copy_(pc);
    m.copy_(mc);
  }
}
