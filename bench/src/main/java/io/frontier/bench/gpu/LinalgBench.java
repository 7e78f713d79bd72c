package io.frontier.bench.gpu;

import io.frontier.cuda.CudaBackend;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.LinAlg;
import io.frontier.tensor.MemoryScope;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Dense factorisations on the GPU, float32 and float64: the Cholesky factor of {@code M M^T + n I}
 * and the solve of {@code (M + 4 I) X = B} (B: one column, the LU's cost), each by Frontier's
 * blocked form (BlockedCholesky, BlockedLu: diagonal blocks or panels in linalg.cu, the trailing
 * updates as products), by its one-block-per-matrix kernels (linalg_cholesky, linalg_lu; up to
 * n = 1 024), by the CPU backend on this machine's cores (up to n = 2 048), and by PyTorch on the same card (peers/torch_linalg.py: torch.linalg.cholesky and
 * torch.linalg.solve, cuSOLVER). Each figure is the median over 5 repeats of the mean time of a
 * batch of calls (as many as fit in about 50 ms, 1 to 20), a repeat ending with a device
 * synchronisation; every Frontier repeat runs in a {@link MemoryScope}.
 *
 * <p>Arguments: shapes {@code BxN} (default 1x256 1x512 1x1024 1x2048 1x4096 256x64), then
 * {@code --python PATH} (default python3).
 */
public final class LinalgBench {
  private static final int REPEATS = 5;
  /** The largest order timed on the one-block kernels (one SM: an LU of 2 048 takes seconds). */
  private static final int ONE_BLOCK_UP_TO = 1024;
  /** The largest order timed on the CPU backend. */
  private static final int CPU_UP_TO = 2048;

  private LinalgBench() {}

  public static void main(String[] args) throws Exception {
    PeerScript.Args parsed = PeerScript.Args.parse(args, List.of("1x256", "1x512", "1x1024", "1x2048", "1x4096", "256x64"));
    List<String> shapes = parsed.shapes();
    String python = parsed.python();
    CudaBackend cuda = CudaBackend.loaded().orElse(null);
    if (cuda == null) {
      System.out.println("linalg-bench: skipped: no CUDA backend");
      return;
    }
    System.out.println("linalg-bench: on " + cuda.describe() + "; Cholesky blocked from order " + cuda.blockedCholeskyFrom() + ", LU from "
        + cuda.blockedLuFrom() + "; median of " + REPEATS + " repeats; ms per call");
    int choleskyFrom = cuda.blockedCholeskyFrom(), luFrom = cuda.blockedLuFrom();
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (String shape : shapes) {
        int[] s = Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).toArray();
        if (s.length != 2) throw new IllegalArgumentException("linalg-bench: a shape is BxN, got " + shape);
        int b = s[0], n = s[1];
        Tensor spd = spd(b, n, dtype), general = general(b, n, dtype), rhs = Tensor.rand(new Generator(1), dtype, b, n, 1);
        Tensor spdOnGpu = spd.to(Device.cuda(0)), generalOnGpu = general.to(Device.cuda(0)), rhsOnGpu = rhs.to(Device.cuda(0));
        Runnable cholesky = () -> LinAlg.cholesky(spdOnGpu), solve = () -> LinAlg.solve(generalOnGpu, rhsOnGpu);
        compare(cuda, dtype, shape, "cholesky", n > cuda.choleskyBlockWidth(), cuda::setBlockedCholeskyFrom, choleskyFrom, cholesky,
            () -> LinAlg.cholesky(spd));
        compare(cuda, dtype, shape, "solve", true, cuda::setBlockedLuFrom, luFrom, solve, () -> LinAlg.solve(general, rhs));
      }
    }
    for (String line : PeerScript.run(python, "/peers/torch_linalg.py", shapes)) {
      System.out.println(line.startsWith("linalg-bench") ? line : "linalg-bench torch " + line);
    }
  }

  /** The GPU call blocked (where it can be) and on one block per matrix, then the CPU's, each printed. */
  private static void compare(CudaBackend cuda, DType dtype, String shape, String op, boolean blockable, IntConsumer blockedFrom, int restore,
      Runnable onGpu, Runnable onCpu) {
    int n = Integer.parseInt(shape.substring(shape.indexOf('x') + 1));
    if (blockable) {
      blockedFrom.accept(1);
      print(dtype, shape, op, "frontier-blocked", time(cuda, onGpu));
    }
    if (n <= ONE_BLOCK_UP_TO) {
      blockedFrom.accept(Integer.MAX_VALUE);
      print(dtype, shape, op, "frontier-one-block", time(cuda, onGpu));
    }
    if (n <= CPU_UP_TO) print(dtype, shape, op, "frontier-cpu", time(null, onCpu));
    blockedFrom.accept(restore);
  }

  /** (b, n, n): M M^T + n I with M uniform in [-0.5, 0.5). */
  static Tensor spd(int b, int n, DType dtype) {
    Tensor m = Tensor.rand(new Generator(n), DType.FLOAT64, b, n, n).sub(0.5);
    return m.matmul(m.transpose(1, 2)).add(Tensor.eye(n, n, DType.FLOAT64).mul((double) n)).to(dtype).contiguous();
  }

  /** (b, n, n): M + 4 I with M uniform in [-1, 1): a general matrix, well conditioned. */
  static Tensor general(int b, int n, DType dtype) {
    Tensor m = Tensor.rand(new Generator(n + 1), DType.FLOAT64, b, n, n).mul(2.0).sub(1.0);
    return m.add(Tensor.eye(n, n, DType.FLOAT64).mul(4.0)).to(dtype).contiguous();
  }

  private static void print(DType dtype, String shape, String op, String impl, double ms) {
    System.out.printf(Locale.ROOT, "linalg-bench %-8s %-8s %-10s %-20s %10.3f ms%n", op, dtype.name().toLowerCase(Locale.ROOT), shape, impl, ms);
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
