package io.frontier.autograd;

import io.frontier.tensor.DType;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Checks analytical gradients against central finite differences in float64, as
 * {@code torch.autograd.gradcheck}: every entry of the Jacobian d f(inputs) / d inputs, row by row
 * from backward passes and column by column from perturbed forward passes, must agree within
 * {@code atol + rtol * |numerical|}.
 */
public final class GradCheck {
  public static final double DEFAULT_EPS = 1e-6;
  public static final double DEFAULT_ATOL = 1e-5;
  public static final double DEFAULT_RTOL = 1e-3;

  private GradCheck() {}

  /** Thrown when an analytical gradient disagrees with the finite difference; says where. */
  public static final class GradcheckException extends RuntimeException {
    GradcheckException(String message) {
      super(message);
    }
  }

  public static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
    check(f, DEFAULT_EPS, DEFAULT_ATOL, DEFAULT_RTOL, inputs);
  }

  /**
   * @param f a function of the inputs returning one tensor (of any shape)
   * @param inputs float64 leaves that require grad; they are not modified
   * @throws GradcheckException naming the input, element, output and both values at the first mismatch
   */
  public static void check(Function<Tensor[], Tensor> f, double eps, double atol, double rtol, Tensor... inputs) {
    for (int i = 0; i < inputs.length; i++) {
      Tensor t = inputs[i];
      if (t.dtype() != DType.FLOAT64) throw new IllegalArgumentException("gradcheck: input " + i + " is " + t.dtype() + "; use float64");
      if (!t.requiresGrad() || !t.isLeaf()) throw new IllegalArgumentException("gradcheck: input " + i + " must be a leaf that requires grad");
    }
    Tensor out = f.apply(inputs);
    int nOut = out.numel();
    double[][][] analytical = new double[inputs.length][nOut][];
    for (int k = 0; k < nOut; k++) {
      double[] seed = new double[nOut];
      seed[k] = 1.0;
      Tensor seedT = Tensor.of(seed).reshape(out.shape()).to(out.dtype()).to(out.device());
      Tensor[] g = out.requiresGrad()
          ? Autograd.grad(List.of(out), List.of(seedT), List.of(inputs), true)
          : new Tensor[inputs.length];
      for (int i = 0; i < inputs.length; i++) {
        analytical[i][k] = g[i] == null ? new double[inputs[i].numel()] : g[i].to(DType.FLOAT64).contiguous().toDoubleArray();
      }
    }
    try (Grad.Scope s = Grad.noGrad()) {
      for (int i = 0; i < inputs.length; i++) {
        int n = inputs[i].numel();
        for (int j = 0; j < n; j++) {
          double[] plus = perturbed(f, inputs, i, j, eps);
          double[] minus = perturbed(f, inputs, i, j, -eps);
          for (int k = 0; k < nOut; k++) {
            double numerical = (plus[k] - minus[k]) / (2 * eps);
            double a = analytical[i][k][j];
            if (!(Math.abs(a - numerical) <= atol + rtol * Math.abs(numerical))) {
              throw new GradcheckException("gradcheck: d output[" + k + "] / d input " + i + "[" + j + "] (input shape "
                  + Arrays.toString(inputs[i].shape()) + ") is " + a + " analytically but " + numerical + " by central differences (eps "
                  + eps + ")");
            }
          }
        }
      }
    }
  }

  /** f with element j of input i moved by delta (on copies of the inputs). */
  private static double[] perturbed(Function<Tensor[], Tensor> f, Tensor[] inputs, int i, int j, double delta) {
    Tensor[] copies = new Tensor[inputs.length];
    for (int m = 0; m < inputs.length; m++) copies[m] = inputs[m].detach().clone();
    Tensor cell = copies[i].reshape(-1).select(0, j);
    cell.fill_(cell.item() + delta);
    return f.apply(copies).to(DType.FLOAT64).contiguous().toDoubleArray();
  }
}
