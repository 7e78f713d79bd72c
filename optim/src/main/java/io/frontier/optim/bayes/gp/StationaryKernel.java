package io.frontier.optim.bayes.gp;

import io.frontier.tensor.DType;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.Parallel;

/**
 * {@code k(x, x') = σ_f² ρ(r)}, {@code r² = Σ_k (x_k - x'_k)² / ℓ_k²}: a {@link KernelFamily} with ARD
 * lengthscales {@code ℓ (d)} and output scale (signal variance) {@code σ_f²}, the product
 * {@code ConstantKernel * RBF/Matern} of scikit-learn and {@code ScaleKernel(RBFKernel/MaternKernel)}
 * of GPyTorch.
 *
 * <p>The hyperparameters are tensors and may require grad, so the marginal likelihood differentiates
 * through them. Distances are formed from exact differences {@code x_i - x'_j}, not from
 * {@code |x|² + |x'|² - 2x·x'}, whose rounding would put a spurious {@code r ≈ 1e-6} on the diagonal
 * of a Matérn-1/2 kernel at short lengthscales.
 */
public final class StationaryKernel implements Kernel {
  private final KernelFamily family;
  private final Tensor lengthscales;
  private final Tensor outputScale;

  /**
   * @param lengthscales {@code (d)} float64, positive
   * @param outputScale 0-d float64, positive (a variance)
   */
  public StationaryKernel(KernelFamily family, Tensor lengthscales, Tensor outputScale) {
    if (family == null) throw new IllegalArgumentException("StationaryKernel: family is null");
    if (lengthscales.dim() != 1 || lengthscales.numel() == 0 || lengthscales.dtype() != DType.FLOAT64) {
      throw new IllegalArgumentException("StationaryKernel: lengthscales must be a non-empty float64 vector (d), got "
          + lengthscales.dtype() + " " + java.util.Arrays.toString(lengthscales.shape()));
    }
    if (outputScale.numel() != 1 || outputScale.dtype() != DType.FLOAT64) {
      throw new IllegalArgumentException("StationaryKernel: outputScale must be one float64 value, got "
          + outputScale.dtype() + " " + java.util.Arrays.toString(outputScale.shape()));
    }
    this.family = family;
    this.lengthscales = lengthscales;
    this.outputScale = outputScale.reshape();
  }

  /** A kernel with constant hyperparameters. */
  public static StationaryKernel of(KernelFamily family, double[] lengthscales, double outputScale) {
    return new StationaryKernel(family, Tensor.of(lengthscales), Tensor.scalar(outputScale, DType.FLOAT64));
  }

  public KernelFamily family() {
    return family;
  }

  public Tensor lengthscales() {
    return lengthscales;
  }

  public Tensor outputScale() {
    return outputScale;
  }

  @Override
  public int inputDim() {
    return lengthscales.numel();
  }

  /**
   * Through tensor ops when autograd records (so gradients reach inputs and hyperparameters), and by
   * {@link #covarianceLoops} on the CPU when it does not (predictions under {@code noGrad}): there the
   * {@code (n, m, d)} difference tensor would cost d times the memory of the result.
   */
  @Override
  public Tensor covariance(Tensor x1, Tensor x2) {
    checkInputs("covariance", x1);
    checkInputs("covariance", x2);
    if (!Grad.isEnabled() || !(x1.requiresGrad() || x2.requiresGrad() || lengthscales.requiresGrad() || outputScale.requiresGrad())) {
      if (x1.device().isCpu() && x2.device().isCpu() && lengthscales.device().isCpu()) return covarianceLoops(x1, x2);
    }
    Tensor a = x1.div(lengthscales);
    Tensor b = x2.div(lengthscales);
    Tensor r2 = a.unsqueeze(1).sub(b.unsqueeze(0)).square().sum(-1);
    return family.correlation(r2).mul(outputScale);
  }

  /** The same matrix by plain loops over the pairs, on the tensor module's threads. */
  private Tensor covarianceLoops(Tensor x1, Tensor x2) {
    int n = x1.size(0);
    int m = x2.size(0);
    int d = inputDim();
    double[] ls = lengthscales.detach().contiguous().toDoubleArray();
    double scale = outputScale.detach().item();
    double[] a = x1.detach().contiguous().toDoubleArray();
    double[] b = x2.detach().contiguous().toDoubleArray();
    for (int i = 0; i < n * d; i++) a[i] /= ls[i % d];
    for (int j = 0; j < m * d; j++) b[j] /= ls[j % d];
    double[] out = new double[n * m];
    Parallel.forRange(n, Math.max(1, 65536 / Math.max(1, m * d)), (start, end) -> {
      for (int i = start; i < end; i++) {
        for (int j = 0; j < m; j++) {
          double r2 = 0;
          for (int k = 0; k < d; k++) {
            double diff = a[i * d + k] - b[j * d + k];
            r2 += diff * diff;
          }
          out[i * m + j] = scale * family.value(r2);
        }
      }
    });
    return Tensor.wrap(out, n, m);
  }

  @Override
  public Tensor diagonal(Tensor x) {
    checkInputs("diagonal", x);
    return outputScale.expand(x.size(0));
  }

  private void checkInputs(String op, Tensor x) {
    if (x.dim() != 2 || x.size(1) != inputDim() || x.dtype() != DType.FLOAT64) {
      throw new IllegalArgumentException("StationaryKernel." + op + ": expected float64 inputs (n, " + inputDim() + "), got "
          + x.dtype() + " " + java.util.Arrays.toString(x.shape()));
    }
  }
}
