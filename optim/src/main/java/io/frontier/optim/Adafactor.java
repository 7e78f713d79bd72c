package io.frontier.optim;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adafactor (Shazeer and Stern 2018) in the variant of Hugging Face transformers'
 * {@code Adafactor(lr=lr, relative_step=False, scale_parameter=False, warmup_init=False)}: a given
 * learning rate (no relative step, no parameter-scale factor, so transformers' second epsilon is
 * unused), update clipping, an optional first moment, and weight decay scaled by lr. For a
 * parameter of 2 or more dims the second moment is factored over its last two dims:
 *
 * <pre>
 * beta2t = 1 - t^decayRate;  u = g^2 + eps1
 * factored:  r = beta2t r + (1 - beta2t) mean_{-1}(u);  c = beta2t c + (1 - beta2t) mean_{-2}(u)
 *            u = g * rsqrt(r / mean_{-1}(r))[..., :, None] * rsqrt(c)[..., None, :]
 * otherwise: v = beta2t v + (1 - beta2t) u;  u = g * rsqrt(v)
 * u /= max(rms(u) / clipThreshold, 1);  u *= lr
 * beta1 > 0: m = beta1 m + (1 - beta1) u;  u = m
 * p *= 1 - weightDecay lr;  p -= u
 * </pre>
 *
 * beta1 = 0 means no first moment (transformers' None). State: {@code expAvgSqRow} and
 * {@code expAvgSqCol} (factored) or {@code expAvgSq}, and {@code expAvg} when beta1 > 0.
 */
public final class Adafactor extends Optimizer {
  /** Hyperparameters; {@link #defaults()} are transformers' (which has no default lr here: 1e-3). */
  public record Options(double lr, double eps1, double clipThreshold, double decayRate, double beta1, double weightDecay) {
    public static Options defaults() {
      return new Options(1e-3, 1e-30, 1.0, -0.8, 0, 0);
    }

    public Options lr(double v) {
      return new Options(v, eps1, clipThreshold, decayRate, beta1, weightDecay);
    }

    public Options eps1(double v) {
      return new Options(lr, v, clipThreshold, decayRate, beta1, weightDecay);
    }

    public Options clipThreshold(double v) {
      return new Options(lr, eps1, v, decayRate, beta1, weightDecay);
    }

    public Options decayRate(double v) {
      return new Options(lr, eps1, clipThreshold, v, beta1, weightDecay);
    }

    public Options beta1(double v) {
      return new Options(lr, eps1, clipThreshold, decayRate, v, weightDecay);
    }

    public Options weightDecay(double v) {
      return new Options(lr, eps1, clipThreshold, decayRate, beta1, v);
    }

    public Map<String, Double> toMap() {
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("lr", lr);
      m.put("eps1", eps1);
      m.put("clipThreshold", clipThreshold);
      m.put("decayRate", decayRate);
      m.put("beta1", beta1);
      m.put("weightDecay", weightDecay);
      return m;
    }
  }

  public Adafactor(List<Tensor> params, Options options) {
    super(Hyper.single(params, options.toMap()));
  }

  /** Groups that lack a hyperparameter take it from {@code defaults}. */
  public Adafactor(Options defaults, List<ParamGroup> groups) {
    super(Hyper.withDefaults("Adafactor", groups, defaults.toMap()));
  }

  @Override
  protected void validate(ParamGroup g) {
    Hyper.requireNonNegative(g, "lr");
    Hyper.requirePositive(g, "eps1");
    Hyper.requirePositive(g, "clipThreshold");
    // beta2t = 1 - t^decayRate must lie in [0, 1) for t >= 1
    requireRange(g, "decayRate", -1, 0, false);
    Hyper.requireUnitInterval(g, "beta1");
    Hyper.requireNonNegative(g, "weightDecay");
  }

  @Override
  protected void update(Tensor p, Tensor grad, Map<String, Tensor> state, long step, ParamGroup group) {
    double lr = group.lr();
    double beta2t = 1 - Math.pow(step, group.get("decayRate"));
    Tensor u = grad.mul(grad).add_(group.get("eps1"));
    int[] shape = p.shape();
    int d = shape.length;
    if (d >= 2) {
      Tensor row = state.computeIfAbsent("expAvgSqRow", k -> Tensor.zeros(p.dtype(), p.device(), Arrays.copyOf(shape, d - 1)));
      Tensor col = state.computeIfAbsent("expAvgSqCol", k -> {
        int[] s = Arrays.copyOf(shape, d - 1);
        s[d - 2] = shape[d - 1];
        return Tensor.zeros(p.dtype(), p.device(), s);
      });
      row.mul_(beta2t).add_(u.mean(-1).mul_(1 - beta2t));
      col.mul_(beta2t).add_(u.mean(-2).mul_(1 - beta2t));
      // transformers' _approx_sq_grad: rsqrt of the row factor normalised by its mean, times rsqrt of the column
      Tensor r = row.div(row.mean(-1, true)).apply_(UnaryOp.RSQRT).unsqueeze(-1);
      u.copy_(r.expand(shape)).mul_(col.unsqueeze(-2).apply(UnaryOp.RSQRT)).mul_(grad);
    } else {
      Tensor v = state.computeIfAbsent("expAvgSq", k -> Tensor.zeros(p.dtype(), p.device(), shape));
      v.mul_(beta2t).add_(u.mul_(1 - beta2t));
      u.copy_(v).apply_(UnaryOp.RSQRT).mul_(grad);
    }
    // rms(u) = ||u|| / sqrt(numel), kept a 0-d tensor so a GPU step does not synchronise
    Tensor clip = u.norm().div_(Math.sqrt(u.numel())).div_(group.get("clipThreshold")).clampMin(1.0);
    u.div_(clip).mul_(lr);
    double beta1 = group.get("beta1");
    if (beta1 > 0) {
      Tensor m = state.computeIfAbsent("expAvg", k -> Tensor.zeros(p.dtype(), p.device(), shape));
      m.mul_(beta1).add_(u.mul_(1 - beta1));
      u = m;
    }
    double weightDecay = group.get("weightDecay");
    if (weightDecay != 0) p.mul_(1 - weightDecay * lr);
    p.sub_(u);
  }
}
