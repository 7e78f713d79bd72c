package io.frontier.tensor.backend;

/**
 * The activations whose backward runs as one fused elementwise pass, {@code gradIn = gradOut *
 * f'(x)} (see {@code Backend#activationBackward}), and their float64 derivative: the reference
 * every fused kernel is tested against. Written out, GELU with the tanh approximation alone takes
 * some fifteen elementwise passes over the hidden activations in the backward of a transformer MLP.
 *
 * <ul>
 *   <li>GELU: {@code f'(x) = Phi(x) + x phi(x)} (normal CDF and density);
 *   <li>GELU_TANH: with {@code u = c (x + k x^3)}, {@code t = tanh u}, {@code c = sqrt(2 / pi)},
 *       {@code k = 0.044715}: {@code f'(x) = (1 + t) / 2 + x (1 - t^2) c (1 + 3 k x^2) / 2};
 *   <li>SILU: with {@code s = sigmoid x}: {@code f'(x) = s (1 + x (1 - s))}.
 * </ul>
 */
public final class ActivationGrad {
  private static final double SQRT_2_OVER_PI = 0.7978845608028654;
  private static final double INV_SQRT_2PI = 0.3989422804014327;
  private static final double GELU_K = 0.044715;

  private ActivationGrad() {}

  /** Whether {@code op} has a fused backward. */
  public static boolean supported(UnaryOp op) {
    return code(op) >= 0;
  }

  /** The op number the CUDA kernel switches on (fused.cu, act_grad), or -1. */
  public static int code(UnaryOp op) {
    return switch (op) {
      case GELU -> 0;
      case GELU_TANH -> 1;
      case SILU -> 2;
      default -> -1;
    };
  }

  /** f'(x) in float64. */
  public static double derivative(UnaryOp op, double x) {
    return switch (op) {
      case GELU -> 0.5 * (1 + UnaryOp.ERF.apply(x * 0.7071067811865476)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
      case GELU_TANH -> {
        double t = Math.tanh(SQRT_2_OVER_PI * (x + GELU_K * x * x * x));
        yield 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_K * x * x);
      }
      case SILU -> {
        double s = 1 / (1 + Math.exp(-x));
        yield s * (1 + x * (1 - s));
      }
      default -> throw new IllegalArgumentException("activationBackward: no fused backward for " + op.opName() + " (gelu, geluTanh and silu have one)");
    };
  }
}
