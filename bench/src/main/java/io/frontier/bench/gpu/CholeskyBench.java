package io.frontier.bench.gpu;

import io.frontier.cuda.CudaBackend;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.MemoryScope;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Cholesky factor on the GPU, float32 and float64, of symmetric positive-definite matrices
 * {@code M M^T + n I}: Frontier's blocked factor (BlockedCholesky over linalg.cu and the products),
 * its one-block-per-matrix kernel (linalg_cholesky), the CPU backend on this machine's cores (these
 * two up to n = 2 048, past which a call may take seconds), and PyTorch on the same card
 * (peers/torch_cholesky.py: torch.linalg.cholesky, cuSOLVER). Each figure is the median over 5
 * repeats of the mean time of a batch of calls (as many as fit in about 50 ms, 1 to 20), a repeat
 * ending with a device synchronisation; every Frontier repeat runs in a {@link MemoryScope}.
 *
 * <p>Arguments: shapes {@code BxN} (default 1x256 1x512 1x1024 1x2048 1x4096 256x64), then
 * {@code --python PATH} (default python3).
 */
public final class CholeskyBench {
  private static final int REPEATS = 5;
  /** The largest order timed on the one-block kernel and on the CPU. */
  private static final int ONE_BLOCK_UP_TO = 2048;

  private CholeskyBench() {}

  public static void main(String[] args) throws Exception {
    List<String> shapes = new ArrayList<>();
    String python = "python3";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--python") && i + 1 < args.length) python = args[++i];
      else shapes.add(args[i]);
    }
    if (shapes.isEmpty()) shapes = List.of("1x256", "1x512", "1x1024", "1x2048", "1x4096", "256x64");
    CudaBackend cuda = CudaBackend.loaded().orElse(null);
    if (cuda == null) {
      System.out.println("cholesky-bench: skipped: no CUDA backend");
      return;
    }
    System.out.println("cholesky-bench: on " + cuda.describe() + "; blocked from order " + cuda.blockedCholeskyFrom() + "; median of "
        + REPEATS + " repeats; ms per call");
    int defaultFrom = cuda.blockedCholeskyFrom();
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (String shape : shapes) {
        int[] s = Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).toArray();
        if (s.length != 2) throw new IllegalArgumentException("cholesky-bench: a shape is BxN, got " + shape);
        Tensor host = spd(s[0], s[1], dtype);
        Tensor device = host.to(Device.cuda(0));
        if (s[1] > cuda.choleskyBlockWidth()) {
          cuda.setBlockedCholeskyFrom(1);
          print(dtype, shape, "frontier-blocked", time(cuda, () -> LinAlg.cholesky(device)));
        }
        if (s[1] <= ONE_BLOCK_UP_TO) {
          cuda.setBlockedCholeskyFrom(Integer.MAX_VALUE);
          print(dtype, shape, "frontier-one-block", time(cuda, () -> LinAlg.cholesky(device)));
        }
        cuda.setBlockedCholeskyFrom(defaultFrom);
        if (s[1] <= ONE_BLOCK_UP_TO) print(dtype, shape, "frontier-cpu", time(null, () -> LinAlg.cholesky(host)));
      }
    }
    for (String line : PeerScript.run(python, "/peers/torch_cholesky.py", shapes)) {
      System.out.println(line.startsWith("cholesky-bench") ? line : "cholesky-bench torch " + line);
    }
  }

  /** (b, n, n): M M^T + n I with M uniform in [-0.5, 0.5). */
  static Tensor spd(int b, int n, DType dtype) {
    Tensor m = Tensor.rand(new Generator(n), DType.FLOAT64, b, n, n).sub(0.5);
    return m.matmul(m.transpose(1, 2)).add(Tensor.eye(n, n, DType.FLOAT64).mul((double) n)).to(dtype).contiguous();
  }

  private static void print(DType dtype, String shape, String impl, double ms) {
    System.out.printf(Locale.ROOT, "cholesky-bench %-8s %-10s %-22s %10.3f ms%n", dtype.name().toLowerCase(Locale.ROOT), shape, impl, ms);
  }

  /** Median over the repeats of the mean time of a batch of calls; cuda null for the CPU. */
  static double time(CudaBackend cuda, Runnable call) {
    scoped(cuda, call, 1);
    long t0 = System.nanoTime();
    scoped(cuda, call, 1);
    double first = (System.nanoTime() - t0) / 1e9;
    int calls = (int) Math.max(1, Math.min(20, 0.05 / Math.max(first, 1e-6)));
    double[] ms = new double[REPEATS];
    for (int r = 0; r < REPEATS; r++) {
      long start = System.nanoTime();
      scoped(cuda, call, calls);
      ms[r] = (System.nanoTime() - start) / 1e6 / calls;
    }
    Arrays.sort(ms);
    return ms[REPEATS / 2];
  }

  private static void scoped(CudaBackend cuda, Runnable call, int calls) {
    try (MemoryScope scope = MemoryScope.open()) {
      for (int i = 0; i < calls; i++) call.run();
      if (cuda != null) cuda.synchronize();
    }
  }
}
