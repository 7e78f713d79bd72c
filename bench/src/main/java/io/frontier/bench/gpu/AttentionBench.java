package io.frontier.bench.gpu;

import io.frontier.cuda.CudaBackend;
import io.frontier.cuda.MatmulPrecision;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Generator;
import io.frontier.tensor.MemoryScope;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Causal attention on the GPU, forward and forward + backward, float32, on q, k and v cut from one
 * {@code (B, T, 3, H, D)} projection as a GPT's qkv layer leaves them: Frontier's fused kernels
 * ({@code Fused.causalAttention} and {@code attentionBackward}, attention.cu; also with dropout 0.1
 * on the weights), Frontier's ops
 * written out (q k^T, causalSoftmax, times v, and their backward: four batched products and the
 * softmax backward, at HIGHEST and TF32 product precision), and PyTorch on the same card
 * (peers/torch_attention.py: the same ops written out, and {@code scaled_dot_product_attention},
 * also with {@code dropout_p=0.1}).
 * Each figure is the median over 7 repeats of the mean time of 10 calls, a repeat ending with a
 * device synchronisation; every Frontier repeat runs in a {@link MemoryScope}.
 *
 * <p>Arguments: shapes {@code BxHxTxD} (default 32x8x256x64, the GPT step's, 8x16x1024x64 and
 * 4x8x1024x128, the d128 kernels), then {@code --python PATH} (default python3).
 */
public final class AttentionBench {
  private static final int CALLS = 10;
  private static final int REPEATS = 7;

  private AttentionBench() {}

  public static void main(String[] args) throws Exception {
    PeerScript.Args parsed = PeerScript.Args.parse(args, List.of("32x8x256x64", "8x16x1024x64", "4x8x1024x128"));
    List<String> shapes = parsed.shapes();
    String python = parsed.python();
    CudaBackend cuda = CudaBackend.loaded().orElse(null);
    if (cuda == null) {
      System.out.println("attention-bench: skipped: no CUDA backend");
      return;
    }
    System.out.println("attention-bench: causal, float32, on " + cuda.describe() + "; median of " + REPEATS + " repeats of " + CALLS
        + " calls; ms per call");
    MatmulPrecision before = cuda.matmulPrecision();
    for (String shape : shapes) {
      int[] s = Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).toArray();
      if (s.length != 4) throw new IllegalArgumentException("attention-bench: a shape is BxHxTxD, got " + shape);
      Case c = new Case(s[0], s[1], s[2], s[3], cuda);
      print(shape, "frontier-fused", c.time(c::fusedForward), c.time(c::fusedBoth));
      print(shape, "frontier-fused-dropout0.1", c.time(c::fusedForwardDropout), c.time(c::fusedBothDropout));
      for (MatmulPrecision p : new MatmulPrecision[] {MatmulPrecision.HIGHEST, MatmulPrecision.TF32}) {
        cuda.setMatmulPrecision(p);
        print(shape, "frontier-ops-" + p.name().toLowerCase(Locale.ROOT), c.time(c::opsForward), c.time(c::opsBoth));
      }
      cuda.setMatmulPrecision(before);
    }
    for (String precision : new String[] {"highest", "tf32"}) {
      for (String line : torch(python, precision, shapes)) System.out.println("attention-bench torch " + line);
    }
  }

  private static void print(String shape, String impl, double forward, double both) {
    System.out.printf(Locale.ROOT, "attention-bench %-14s %-24s forward %8.3f ms  forward+backward %8.3f ms%n", shape, impl, forward, both);
  }

  /** Inputs of one shape on the device, and the calls to time. */
  private static final class Case {
    final Tensor q, k, v, g;
    final double scale;
    final CudaBackend cuda;
    final Generator dropoutGenerator = new Generator(17);

    Case(int b, int h, int t, int d, CudaBackend cuda) {
      this.cuda = cuda;
      Device dev = Device.cuda(0);
      Generator gen = new Generator(3);
      Tensor qkv = Tensor.rand(gen, DType.FLOAT32, b, t, 3, h, d).sub(0.5).to(dev);
      q = qkv.select(2, 0).transpose(1, 2);
      k = qkv.select(2, 1).transpose(1, 2);
      v = qkv.select(2, 2).transpose(1, 2);
      g = Tensor.rand(gen, DType.FLOAT32, b, h, t, d).sub(0.5).to(dev);
      scale = 1.0 / Math.sqrt(d);
    }

    void fusedForward() {
      Fused.causalAttention(q, k, v, scale, 0);
    }

    void fusedBoth() {
      Fused.Attention a = Fused.causalAttention(q, k, v, scale, 0);
      Fused.attentionBackward(g, q, k, v, a.out(), a.logSumExp(), scale, 0);
    }

    /** With dropout 0.1 on the weights: the mask drawn in each kernel from the Philox stream. */
    void fusedForwardDropout() {
      Fused.causalAttention(q, k, v, scale, 0, 0.1, dropoutGenerator);
    }

    void fusedBothDropout() {
      Fused.Attention a = Fused.causalAttention(q, k, v, scale, 0, 0.1, dropoutGenerator);
      Fused.attentionBackward(g, q, k, v, a.out(), a.logSumExp(), scale, 0, a.dropout());
    }

    void opsForward() {
      Fused.causalSoftmax(q.matmul(k.transpose(2, 3)), scale, 0).matmul(v);
    }

    /** The written-out forward, then what autograd runs for its backward: dv = p^T g, dp = g v^T, the softmax backward, dq = ds k, dk = ds^T q. */
    void opsBoth() {
      Tensor p = Fused.causalSoftmax(q.matmul(k.transpose(2, 3)), scale, 0);
      p.matmul(v);
      p.transpose(2, 3).matmul(g);
      Tensor ds = Fused.softmaxBackward(g.matmul(v.transpose(2, 3)), p, scale);
      ds.matmul(k);
      ds.transpose(2, 3).matmul(q);
    }

    double time(Runnable call) {
      for (int i = 0; i < 3; i++) scoped(call, 1);
      double[] ms = new double[REPEATS];
      for (int r = 0; r < REPEATS; r++) {
        long t0 = System.nanoTime();
        scoped(call, CALLS);
        ms[r] = (System.nanoTime() - t0) / 1e6 / CALLS;
      }
      Arrays.sort(ms);
      return ms[REPEATS / 2];
    }

    private void scoped(Runnable call, int calls) {
      try (MemoryScope scope = MemoryScope.open()) {
        for (int i = 0; i < calls; i++) call.run();
        cuda.synchronize();
      }
    }
  }

  static List<String> torch(String python, String precision, List<String> shapes) {
    List<String> args = new ArrayList<>(List.of(precision));
    args.addAll(shapes);
    return PeerScript.run(python, "/peers/torch_attention.py", args);
  }
}
