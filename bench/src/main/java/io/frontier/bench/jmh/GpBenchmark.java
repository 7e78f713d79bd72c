package io.frontier.bench.jmh;

import io.frontier.optim.bayes.gp.ExactGp;
import io.frontier.optim.bayes.gp.GpFit;
import io.frontier.optim.bayes.gp.GpPriors;
import io.frontier.optim.bayes.gp.KernelFamily;
import io.frontier.optim.bayes.gp.TrainingData;
import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.Parallel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Exact GP regression in d = 6 on the CPU, set up as scikit-learn's run in
 * {@code shared/reference/baselines.md} §4: kernel {@code ConstantKernel(1) * Matern(ones(6), ν=5/2) +
 * WhiteKernel(1e-3)}, standardised outputs, maximum likelihood with one L-BFGS-B start (no restarts),
 * hyperparameter box {@code [1e-5, 1e5]}; {@link GpFit} with {@link GpPriors#none()} from the same start.
 * <ul>
 *   <li>{@code fit}: the hyperparameter fit on n points (returns its log marginal likelihood);</li>
 *   <li>{@code predictMean}, {@code predictMeanStd}: the posterior mean (and variance) of the model
 *       fitted in the setup at {@value #TEST_POINTS} points.</li>
 * </ul>
 * The data are deterministic so that {@code peers/gp_sklearn.py} rebuilds them exactly: inputs the
 * Weyl sequence {@code x_ik = frac((i + 1) √p_k)} over the first six primes, outputs
 * {@code sin(3x_0) + Σ_{k≥1} cos(2x_k) + ½ x_0 x_5} plus {@code 0.01 (frac(1e4 sin(i + 1)) - ½)}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class GpBenchmark {
  public static final int DIM = 6;
  public static final int TEST_POINTS = 10_000;
  private static final int[] PRIMES = {2, 3, 5, 7, 11, 13};

  @Param({"100", "200", "500", "1000"})
  public int n;

  @Param({"1"})
  public int threads;

  private TrainingData data;
  private ExactGp fitted;
  private Tensor test;

  /** {@code (rows, 6)} Weyl-sequence inputs starting at index {@code offset}. */
  public static double[][] inputs(int rows, int offset) {
    double[][] x = new double[rows][DIM];
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < DIM; k++) {
        double v = (i + offset + 1) * Math.sqrt(PRIMES[k]);
        x[i][k] = v - Math.floor(v);
      }
    }
    return x;
  }

  /** The benchmark's outputs at the rows of {@code x}. */
  public static double[] outputs(double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = Math.sin(3 * x[i][0]) + 0.5 * x[i][0] * x[i][5];
      for (int k = 1; k < DIM; k++) s += Math.cos(2 * x[i][k]);
      double wiggle = 1e4 * StrictMath.sin(i + 1);
      y[i] = s + 0.01 * (wiggle - Math.floor(wiggle) - 0.5);
    }
    return y;
  }

  /** The fit {@code fit} times, on n points. */
  public static GpFit.Result fit(TrainingData data) {
    return GpFit.builder(KernelFamily.MATERN_52).priors(GpPriors.none()).restarts(1).build().fit(data);
  }

  public static TrainingData data(int n) {
    double[][] x = inputs(n, 0);
    double[] lower = new double[DIM];
    double[] upper = new double[DIM];
    java.util.Arrays.fill(upper, 1.0);
    return TrainingData.of(Tensor.of(x), Tensor.of(outputs(x))).withInputBounds(lower, upper);
  }

  @Setup
  public void setUp() {
    Parallel.setNumThreads(threads);
    data = data(n);
    fitted = fit(data).model();
    test = Tensor.of(inputs(TEST_POINTS, 1_000_000));
  }

  @Benchmark
  public double fit() {
    return fit(data).logMarginalLikelihood();
  }

  @Benchmark
  public Tensor predictMean() {
    try (Grad.Scope s = Grad.noGrad()) {
      return fitted.posterior(test).mean();
    }
  }

  @Benchmark
  public Tensor predictMeanStd() {
    try (Grad.Scope s = Grad.noGrad()) {
      Posterior p = fitted.posterior(test);
      p.variance();
      return p.mean();
    }
  }
}
