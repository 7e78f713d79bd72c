package io.frontier.bench.jmh;

import io.frontier.tensor.DType;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.Parallel;
import java.util.Arrays;
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
 * Causal attention on the CPU, forward and backward, float32, in microseconds per call, on q, k
 * and v cut from one {@code (B, T, 3, H, D)} tensor as a GPT's qkv projection leaves them:
 *
 * <ul>
 *   <li>{@code fused}: {@code Fused.causalAttention} then {@code Fused.attentionBackward} (the
 *       probabilities never stored; the backward recomputes them).
 *   <li>{@code ops}: the ops written out, what the GPT ran before: {@code q k^T},
 *       {@code causalSoftmax}, times v, and the backward autograd runs for them (dv = P^T g,
 *       dP = g v^T, the softmax backward, dq = dS k, dk = dS^T q).
 * </ul>
 *
 * The PyTorch peer (torch_peers.py) times the same shapes with the ops written out (masked_fill,
 * softmax) and autograd's backward. Shapes {@code BxHxTxD}: the GPT step's (16x4x64x32) and a
 * longer context (4x8x256x64).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class AttentionBenchmark {
  @Param({"16x4x64x32", "4x8x256x64"})
  public String shape;

  @Param({"1"})
  public int threads;

  private Tensor q;
  private Tensor k;
  private Tensor v;
  private Tensor g;
  private double scale;

  /** B, H, T, D of a shape parameter. */
  public static int[] dims(String shape) {
    int[] d = Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).toArray();
    if (d.length != 4) throw new IllegalArgumentException("attention: a shape is BxHxTxD, got " + shape);
    return d;
  }

  @Setup
  public void setUp() {
    Parallel.setNumThreads(threads);
    int[] d = dims(shape);
    Generator gen = new Generator(5);
    Tensor qkv = Tensor.rand(gen, DType.FLOAT32, d[0], d[2], 3, d[1], d[3]).sub(0.5);
    q = qkv.select(2, 0).transpose(1, 2);
    k = qkv.select(2, 1).transpose(1, 2);
    v = qkv.select(2, 2).transpose(1, 2);
    g = Tensor.rand(gen, DType.FLOAT32, d[0], d[1], d[2], d[3]).sub(0.5);
    scale = 1 / Math.sqrt(d[3]);
  }

  @Benchmark
  public Tensor fused() {
    Fused.Attention a = Fused.causalAttention(q, k, v, scale, 0);
    return Fused.attentionBackward(g, q, k, v, a.out(), a.logSumExp(), scale, 0).gradQ();
  }

  @Benchmark
  public Tensor ops() {
    Tensor p = Fused.causalSoftmax(q.matmul(k.transpose(2, 3)), scale, 0);
    p.matmul(v);
    p.transpose(2, 3).matmul(g);
    Tensor ds = Fused.softmaxBackward(g.matmul(v.transpose(2, 3)), p, scale);
    ds.transpose(2, 3).matmul(q);
    return ds.matmul(k);
  }
}
