package io.frontier.optim;

import io.frontier.nn.Module;
import io.frontier.tensor.Grad;
import io.frontier.tensor.MemoryScope;
import io.frontier.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exponential moving average of a model's parameters, as torch.optim.swa_utils.AveragedModel
 * with an EMA avg_fn: the first {@link #update()} copies the parameters, each later one sets
 * {@code avg = d * avg + (1 - d) * param}. Buffers are not averaged (AveragedModel's default).
 *
 * <p>{@code d} is {@code decay}, or with a warm-up (timm's ModelEmaV3, counted in updates)
 * {@code min(decay, 1 - (1 + n / warmupGamma)^-warmupPower)} for the n-th averaging update (n from
 * 1), so early averages follow the weights closely.
 *
 * <p>State dict: {@code n_averaged} (0-d int64) and {@code module.<name>} for each averaged
 * tensor, AveragedModel's keys.
 */
public final class Ema {
  private final Module model;
  private final double decay;
  private final double warmupGamma;
  private final double warmupPower;
  private final Map<String, Tensor> averaged = new LinkedHashMap<>();
  private long numAveraged;

  /** A fixed decay, no warm-up. */
  public Ema(Module model, double decay) {
    this(model, decay, 0, 0, false);
  }

  /** A decay that warms up as {@code 1 - (1 + n / warmupGamma)^-warmupPower} (timm's defaults: 1 and 2/3). */
  public Ema(Module model, double decay, double warmupGamma, double warmupPower) {
    this(model, decay, warmupGamma, warmupPower, true);
  }

  private Ema(Module model, double decay, double warmupGamma, double warmupPower, boolean warmup) {
    if (!(decay >= 0 && decay <= 1)) throw new IllegalArgumentException("invalid decay: " + decay + " (must be in [0, 1])");
    if (warmup && !(warmupGamma > 0 && Double.isFinite(warmupGamma))) {
      throw new IllegalArgumentException("invalid warmupGamma: " + warmupGamma + " (must be positive and finite)");
    }
    if (warmup && !(warmupPower > 0 && Double.isFinite(warmupPower))) {
      throw new IllegalArgumentException("invalid warmupPower: " + warmupPower + " (must be positive and finite)");
    }
    this.model = model;
    this.decay = decay;
    this.warmupGamma = warmupGamma;
    this.warmupPower = warmupPower;
    for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) averaged.put(e.getKey(), MemoryScope.keep(e.getValue().detach().clone()));
  }

  /** The decay of the n-th averaging update (n >= 1). */
  public double decayAt(long n) {
    if (warmupGamma == 0) return decay;
    return Math.min(decay, 1.0 - Math.pow(1.0 + n / warmupGamma, -warmupPower));
  }

  /** Folds the model's current parameters into the average. */
  public void update() {
    Map<String, Tensor> params = model.namedParameters();
    if (!params.keySet().equals(averaged.keySet())) {
      throw new IllegalStateException("Ema: the model's parameters " + params.keySet() + " are not the averaged ones " + averaged.keySet());
    }
    try (Grad.Scope s = Grad.noGrad()) {
      double d = decayAt(numAveraged);
      for (Map.Entry<String, Tensor> e : averaged.entrySet()) {
        Tensor avg = e.getValue();
        Tensor p = params.get(e.getKey()).detach().to(avg.device());
        avg.copy_(numAveraged == 0 ? p : avg.mul(d).add(p.mul(1.0 - d)));
      }
    }
    numAveraged++;
  }

  public long numAveraged() {
    return numAveraged;
  }

  /** The averaged tensors by parameter name (live: later updates change them). */
  public Map<String, Tensor> averaged() {
    return Collections.unmodifiableMap(averaged);
  }

  /** Loads the averaged parameters into {@code target} (the model itself, or a copy for evaluation); its buffers are left alone. */
  public void copyTo(Module target) {
    target.loadStateDict(averaged, false);
  }

  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put("n_averaged", Tensor.of(numAveraged).reshape());
    for (Map.Entry<String, Tensor> e : averaged.entrySet()) out.put("module." + e.getKey(), e.getValue().clone());
    return out;
  }

  /** Restores {@link #stateDict()}'s output; every averaged tensor must be present with its shape. */
  public void loadStateDict(Map<String, Tensor> dict) {
    Tensor n = dict.get("n_averaged");
    if (n == null) throw new IllegalArgumentException("Ema state dict: missing 'n_averaged'");
    if (dict.size() != averaged.size() + 1) throw new IllegalArgumentException("Ema state dict: expected n_averaged and " + averaged.keySet() + ", got " + dict.keySet());
    for (Map.Entry<String, Tensor> e : averaged.entrySet()) {
      Tensor t = dict.get("module." + e.getKey());
      if (t == null) throw new IllegalArgumentException("Ema state dict: missing 'module." + e.getKey() + "'");
      if (!java.util.Arrays.equals(t.shape(), e.getValue().shape())) {
        throw new IllegalArgumentException("Ema state dict: 'module." + e.getKey() + "' has shape " + java.util.Arrays.toString(t.shape())
            + ", the parameter " + java.util.Arrays.toString(e.getValue().shape()));
      }
    }
    try (Grad.Scope s = Grad.noGrad()) {
      for (Map.Entry<String, Tensor> e : averaged.entrySet()) e.getValue().copy_(dict.get("module." + e.getKey()));
    }
    numAveraged = n.itemLong();
  }
}
