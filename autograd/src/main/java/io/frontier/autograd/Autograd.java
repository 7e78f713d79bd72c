package io.frontier.autograd;

import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.List;

/**
 * The public face of the engine, beside {@code Tensor.backward()}: gradients returned instead of
 * accumulated, grad-mode scopes and anomaly detection.
 *
 * <pre>{@code
 * Tensor w = Tensor.randn(g, 3, 3).requiresGrad_(true);
 * Tensor loss = x.matmul(w).square().sum();
 * Tensor[] dw = Autograd.grad(loss, w);        // w.grad() untouched
 * try (Grad.Scope s = Autograd.noGrad()) { w.sub_(dw[0].mul(0.1)); }
 * }</pre>
 */
public final class Autograd {
  private static final Engine ENGINE = new Engine();

  private Autograd() {}

  /** d(output)/d(inputs) for a scalar output; an input the output does not depend on gets null. */
  public static Tensor[] grad(Tensor output, Tensor... inputs) {
    return grad(List.of(output), null, List.of(inputs), false);
  }

  /**
   * Gradients of {@code outputs} (seeded with {@code gradOutputs}, or ones for scalars when null)
   * with respect to {@code inputs}, summed over the outputs, without touching any {@code grad()}.
   * MGDA uses it for one gradient per objective over shared parameters.
   */
  public static Tensor[] grad(List<Tensor> outputs, List<Tensor> gradOutputs, List<Tensor> inputs, boolean retainGraph) {
    Tensor[] roots = outputs.toArray(new Tensor[0]);
    Tensor[] seeds = gradOutputs == null ? new Tensor[roots.length] : gradOutputs.toArray(new Tensor[0]);
    if (seeds.length != roots.length) {
      throw new IllegalArgumentException("grad: " + roots.length + " outputs but " + seeds.length + " output gradients");
    }
    for (int i = 0; i < roots.length; i++) {
      if (!roots[i].requiresGrad()) throw new IllegalArgumentException("grad: output " + i + " does not require grad and has no gradFn");
    }
    return ENGINE.grad(roots, seeds, inputs.toArray(new Tensor[0]), retainGraph);
  }

  /** A scope in which no op is recorded; use with try-with-resources. */
  public static Grad.Scope noGrad() {
    return Grad.noGrad();
  }

  /** Turns anomaly detection on or off (all threads). */
  public static void setDetectAnomaly(boolean on) {
    Anomaly.set(on);
  }

  public static boolean isAnomalyDetectionEnabled() {
    return Anomaly.enabled();
  }
}
