package io.frontier.optim.bayes.gp;

import io.frontier.optim.bayes.Model;
import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.DType;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Exact Gaussian-process regression (Rasmussen and Williams, Algorithm 2.1) on float64 tensors, for
 * fixed hyperparameters ({@link GpFit} chooses them).
 *
 * <p>Stable API: {@code new ExactGp(TrainingData, GpHyperparameters)}; {@link #posterior},
 * {@link #condition}, {@link #logMarginalLikelihood()}, {@link #hyperparameters()}, {@link #data()} and
 * the {@link Model} accessors.
 *
 * <p>With {@code K = k(X, X)} on the normalised inputs and {@code z} the standardised targets, it keeps
 * {@code L = chol(K + σ_n² I)} (with jitter if needed, see {@link JitteredCholesky}) and
 * {@code α = L^T \ (L \ z)}. At query points {@code x*} with {@code k* = k(X, x*)} and {@code V = L \ k*}:
 * mean {@code k*ᵀα}, covariance {@code k(x*, x*) - VᵀV}, latent variance its diagonal clamped at 0;
 * mean and variances are mapped back to the original output scale. Gradients with respect to
 * {@code x*} come from autograd.
 *
 * <p>{@link #condition} extends the Cholesky factor by a rank-m block update instead of refactorising:
 * with {@code B = L \ k(X, x_new)} and {@code S = k(x_new, x_new) + σ_n² I - BᵀB},
 * {@code L_new = [[L, 0], [Bᵀ, chol(S)]]}, which costs {@code O(n² m)} rather than {@code O(n³)}; it is
 * recorded by autograd, so a fantasy model stays differentiable in the fantasy inputs and outputs.
 */
public final class ExactGp implements Model {
  private final TrainingData data;
  private final GpHyperparameters hyper;
  private final StationaryKernel kernel;
  private final Tensor noise;
  private final Tensor cholesky;
  private final Tensor alpha;

  /** Factorises the kernel matrix of {@code data} under {@code hyperparameters}. */
  public ExactGp(TrainingData data, GpHyperparameters hyperparameters) {
    this(data, hyperparameters, null);
  }

  private ExactGp(TrainingData data, GpHyperparameters hyperparameters, Tensor cholesky) {
    if (data == null || hyperparameters == null) throw new IllegalArgumentException("ExactGp: data and hyperparameters must not be null");
    if (hyperparameters.dim() != data.dim()) {
      throw new IllegalArgumentException("ExactGp: " + hyperparameters.dim() + " lengthscales for " + data.dim() + "-dimensional inputs");
    }
    this.data = data;
    this.hyper = hyperparameters;
    this.kernel = hyperparameters.kernel();
    this.noise = Tensor.scalar(hyperparameters.noise(), DType.FLOAT64);
    this.cholesky = cholesky != null ? cholesky : JitteredCholesky.factor(trainCovariance(data.inputs()));
    this.alpha = LinAlg.choleskySolve(data.targets().unsqueeze(1), this.cholesky, false).squeeze(1);
  }

  private Tensor trainCovariance(Tensor u) {
    int n = u.size(0);
    return kernel.covariance(u, u).add(Tensor.eye(n, n, DType.FLOAT64).mul(noise));
  }

  @Override
  public int inputDim() {
    return data.dim();
  }

  @Override
  public Posterior posterior(Tensor x) {
    checkQuery("posterior", x);
    Tensor u = data.normalizer().apply(x);
    Tensor cross = kernel.covariance(data.inputs(), u);                          // k* (n, m)
    Tensor mean = cross.mT().matmul(alpha.unsqueeze(1)).squeeze(1);
    OutputStandardizer s = data.standardizer();
    // V = L \ k* costs O(n² m): only a variance or covariance request pays it, once.
    Tensor[] v = new Tensor[1];
    Supplier<Tensor> solved = () -> {
      if (v[0] == null) v[0] = LinAlg.solveTriangular(cholesky, cross, false, true, false);
      return v[0];
    };
    return new GpPosterior(s.unapplyMean(mean),
        () -> s.unapplyVariance(kernel.diagonal(u).sub(solved.get().square().sum(0)).clampMin(0.0)),
        () -> s.unapplyVariance(kernel.covariance(u, u).sub(solved.get().mT().matmul(solved.get()))));
  }

  @Override
  public ExactGp condition(Tensor x, Tensor y) {
    checkQuery("condition", x);
    if (y == null || y.dim() != 1 || y.size(0) != x.size(0)) {
      throw new IllegalArgumentException("ExactGp.condition: y must be (" + x.size(0) + "), got " + (y == null ? "null" : Arrays.toString(y.shape())));
    }
    TrainingData extended = data.append(x, y);
    int n = data.size();
    int m = x.size(0);
    Tensor u = extended.inputs().narrow(0, n, m);
    Tensor b = LinAlg.solveTriangular(cholesky, kernel.covariance(data.inputs(), u), false, true, false);    // (n, m)
    Tensor schur = trainCovariance(u).sub(b.mT().matmul(b));
    Tensor corner = JitteredCholesky.factor(schur);
    Tensor top = Tensor.cat(List.of(cholesky, Tensor.zeros(DType.FLOAT64, n, m)), 1);
    Tensor bottom = Tensor.cat(List.of(b.mT(), corner), 1);
    return new ExactGp(extended, hyper, Tensor.cat(List.of(top, bottom), 0));
  }

  /** {@code log p(z | X)} of the standardised targets under these hyperparameters (the quantity {@link GpFit} maximises). */
  public double logMarginalLikelihood() {
    Tensor z = data.targets();
    int n = z.size(0);
    double fit = z.dot(alpha).item();
    double logDet = cholesky.diagonal().log().sum().item();
    return -0.5 * fit - logDet - 0.5 * n * Math.log(2 * Math.PI);
  }

  private void checkQuery(String op, Tensor x) {
    if (x == null || x.dim() != 2 || x.size(1) != inputDim() || x.dtype() != DType.FLOAT64) {
      throw new IllegalArgumentException("ExactGp." + op + ": expected float64 points (m, " + inputDim() + "), got "
          + (x == null ? "null" : x.dtype() + " " + Arrays.toString(x.shape())));
    }
  }

  public GpHyperparameters hyperparameters() {
    return hyper;
  }

  public TrainingData data() {
    return data;
  }

  /** The lower Cholesky factor of {@code K + σ_n² I} (plus jitter if one was needed), in the internal space. */
  public Tensor choleskyFactor() {
    return cholesky;
  }

  @Override
  public Tensor trainInputs() {
    return data.rawInputs();
  }

  @Override
  public Tensor trainTargets() {
    return data.rawTargets();
  }

  @Override
  public double noiseVariance() {
    double std = data.standardizer().std();
    return hyper.noise() * std * std;
  }
}
