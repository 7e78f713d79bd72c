package io.frontier.bench.jmh;

import io.frontier.cuda.CudaBackend;
import io.frontier.multiobjective.aggregate.MGDA;
import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One full MGDA step on K objectives sharing n float32 parameters, as a multi-task training step
 * would run it once the K per-objective gradients are tensors on the device: stack them into the
 * K x n matrix G, the Gram matrix G G^T by one matmul (copied to the host as K x K doubles), the
 * weights by {@link MGDA} (closed form for K = 2, projected gradient for K > 2), and the combined
 * direction w^T G by one (1 x K) x (K x n) matmul. Gradients are standard normal (seed 42).
 *
 * <p>The setup runs three steps before JMH's warm-up so that even short warm-ups start from compiled code.
 *
 * <p>{@code device=cuda} runs on the CUDA backend and synchronises before returning; it needs the
 * backend loaded (the setup fails with a message otherwise).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class MgdaBenchmark {

  @Param({"2", "4", "8", "16"})
  public int k;

  @Param({"1048576"})
  public int n;

  @Param({"cpu"})
  public String device;

  @Param({"1"})
  public int threads;

  private final MGDA mgda = new MGDA();
  private List<Tensor> gradients;
  private Device target;
  private CudaBackend cuda;

  /** "cpu", plus "cuda" when a CUDA backend is loaded in this JVM. */
  public static String devices() {
    return Backends.isAvailable(Device.Type.CUDA) && CudaBackend.loaded().isPresent() ? "cpu,cuda" : "cpu";
  }

  @Setup(Level.Trial)
  public void setUp() {
    Parallel.setNumThreads(threads);
    if (device.equals("cuda")) {
      cuda = CudaBackend.loaded().orElseThrow(() -> new IllegalStateException("mgda: device=cuda needs the CUDA backend loaded"));
      target = Device.cuda(cuda.context().ordinal());
    } else if (device.equals("cpu")) {
      target = Device.CPU;
    } else {
      throw new IllegalArgumentException("mgda: unknown device '" + device + "', expected cpu or cuda");
    }
    Generator g = new Generator(42);
    gradients = new ArrayList<>();
    for (int i = 0; i < k; i++) gradients.add(Tensor.randn(g, DType.FLOAT32, n).to(target));
    // The first calls at K = 8..16 take ~0.5 s each (compilation, first touch of the K x n buffers):
    // longer than a quick run's 200 ms warm-up iterations, which then reported 4x the steady state.
    for (int i = 0; i < 3; i++) step();
  }

  @Benchmark
  public Tensor step() {
    Tensor jacobian = Tensor.stack(gradients, 0);
    double[] flat = jacobian.matmul(jacobian.t()).toDoubleArray();
    double[][] gram = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) gram[i][j] = 0.5 * (flat[i * k + j] + flat[j * k + i]); // symmetric to rounding
    }
    double[] w = mgda.weights(gram);
    float[] wf = new float[k];
    for (int i = 0; i < k; i++) wf[i] = (float) w[i];
    Tensor direction = Tensor.of(wf).reshape(1, k).to(target).matmul(jacobian).reshape(-1);
    if (cuda != null) cuda.synchronize();
    return direction;
  }
}
