package io.frontier.rl.mirror;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * LPO's drift network (Lu et al. 2022, "Discovered Policy Optimisation") and its temporally-aware
 * form TA-LPO (Jackson et al. 2024, "Discovering Temporally-Aware Reinforcement Learning
 * Algorithms"): a one-hidden-layer tanh MLP without biases over features of the ratio that all
 * vanish at r = 1,
 *
 * <pre>
 *   x        = [log r, (log r)², 1 − r, (1 − r)²]
 *   x_{r,A}  = [x, A·x]                                   8 features (LPO)
 *   x_{r,A,t}= [x_{r,A}, t·x_{r,A}],  t = n/N             16 features (TA-LPO)
 *   g        = W2 · tanh(W1 · x)
 *   f(r, A)  = ReLU(g − 10⁻⁴)                  or, PPO-initialised,  ReLU(f_PPO(r, A) + g − 10⁻⁴)
 * </pre>
 *
 * Valid for every choice of weights and every t: at r = 1 every feature is 0, so g = 0 and the
 * ReLU's input is −10⁻⁴ (at most f_PPO(1, A) − 10⁻⁴ = −10⁻⁴), below zero in a neighbourhood of r = 1
 * where f is therefore 0 with zero slope; the ReLU keeps f ≥ 0 everywhere. TA-LPO multiplies the
 * features by t rather than appending t, which keeps that property (Jackson et al.'s reason for the
 * form).
 *
 * <p>The meta-learned weights of LPO and TA-LPO are not published with the papers' code, so this is
 * the parametrised family, not the discovered drift: weights come from the caller (meta-learning
 * them, e.g. by evolution strategies as both papers do) or {@link #random}. The features, the
 * bias-free 128-wide tanh MLP, the 10⁻⁴ offset and the PPO initialisation follow Lu's {@code
 * dpo/brax_drift.py}; the time features follow the TA-LPO paper's description, not its code.
 *
 * @param hiddenWeight W1, {@code (H, F)} with F = 8, or 16 when time-aware
 * @param outputWeight W2, {@code (1, H)}
 * @param timeAware whether the features carry t·x (TA-LPO)
 * @param ppoInitClip ε of the PPO drift added inside the ReLU (Lu's {@code ppo_init} uses 0.2), or 0
 *     for none
 */
public record LpoDrift(Tensor hiddenWeight, Tensor outputWeight, boolean timeAware, double ppoInitClip) implements Drift {
  /** Subtracted inside the ReLU so that the drift is flat, not just zero, around r = 1. */
  public static final double OFFSET = 1e-4;
  /** Lu's drift network width. */
  public static final int HIDDEN = 128;

  public LpoDrift {
    String op = "LpoDrift";
    int features = timeAware ? 16 : 8;
    if (hiddenWeight == null || outputWeight == null) throw new IllegalArgumentException(op + ": weights are null");
    if (!hiddenWeight.dtype().isFloatingPoint() || hiddenWeight.dim() != 2 || hiddenWeight.size(1) != features) {
      throw new IllegalArgumentException(op + ": hiddenWeight must be floating (H, " + features + ")" + (timeAware ? " (time-aware)" : "") + ", got "
          + hiddenWeight.dtype() + " " + Arrays.toString(hiddenWeight.shape()));
    }
    if (outputWeight.dim() != 2 || outputWeight.size(0) != 1 || outputWeight.size(1) != hiddenWeight.size(0)) {
      throw new IllegalArgumentException(op + ": outputWeight must be (1, " + hiddenWeight.size(0) + "), got " + Arrays.toString(outputWeight.shape()));
    }
    if (outputWeight.dtype() != hiddenWeight.dtype()) {
      throw new IllegalArgumentException(op + ": outputWeight is " + outputWeight.dtype() + ", hiddenWeight is " + hiddenWeight.dtype());
    }
    if (!(ppoInitClip >= 0) || Double.isInfinite(ppoInitClip)) throw new IllegalArgumentException(op + ": ppoInitClip must be 0 or positive, got " + ppoInitClip);
  }

  /**
   * Weights drawn as flax's default {@code Dense} (LeCun normal, std = 1/√fan_in), without PPO
   * initialisation; a starting point for meta-learning or a random member of the family.
   */
  public static LpoDrift random(Generator generator, int hidden, boolean timeAware, DType dtype, Device device) {
    if (hidden <= 0) throw new IllegalArgumentException("LpoDrift.random: hidden must be positive, got " + hidden);
    int features = timeAware ? 16 : 8;
    Tensor w1 = Tensor.randn(generator, dtype, device, hidden, features).mul(1 / Math.sqrt(features));
    Tensor w2 = Tensor.randn(generator, dtype, device, 1, hidden).mul(1 / Math.sqrt(hidden));
    return new LpoDrift(w1, w2, timeAware, 0);
  }

  /** This drift with PPO's clip drift of range {@code clip} added inside the ReLU. */
  public LpoDrift withPpoInit(double clip) {
    return new LpoDrift(hiddenWeight, outputWeight, timeAware, clip);
  }

  @Override
  public Tensor value(Tensor ratio, Tensor advantage, double progress) {
    double t = MirrorLoss.progress("LpoDrift", progress);
    Tensor g = features(ratio, advantage, t).matmul(hiddenWeight.t()).tanh().matmul(outputWeight.t()).squeeze(-1);
    if (ppoInitClip > 0) g = g.add(PpoClipDrift.drift(ratio, advantage, ppoInitClip, ppoInitClip));
    return g.sub(OFFSET).relu();
  }

  /** The network's input, {@code (..., F)}; ratio and advantage must have the same shape. */
  Tensor features(Tensor ratio, Tensor advantage, double t) {
    if (!Arrays.equals(ratio.shape(), advantage.shape())) {
      throw new IllegalArgumentException("LpoDrift: ratio has shape " + Arrays.toString(ratio.shape()) + ", advantage has "
          + Arrays.toString(advantage.shape()) + " (they must match; MirrorLoss expands per-sequence advantages)");
    }
    Tensor logRatio = ratio.log();
    Tensor oneMinus = ratio.rsub(1.0);
    List<Tensor> x = new ArrayList<>(List.of(logRatio, logRatio.square(), oneMinus, oneMinus.square()));
    for (int i = 0; i < 4; i++) x.add(x.get(i).mul(advantage));
    if (timeAware) for (int i = 0; i < 8; i++) x.add(x.get(i).mul(t));
    return Tensor.stack(x, -1);
  }
}
