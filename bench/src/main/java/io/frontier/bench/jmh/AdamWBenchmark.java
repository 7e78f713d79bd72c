package io.frontier.bench.jmh;

import io.frontier.optim.AdamW;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.Parallel;
import java.util.Arrays;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One {@link AdamW#step()} on the CPU over a single float32 parameter of n elements (its fused
 * path: one pass over p, grad, m and v) against the peer {@code System.arraycopy} of as many bytes.
 *
 * <p>Byte accounting for GB/s: the step reads p, grad, m, v and writes p, m, v, 7 floats per
 * element, {@code 28n} bytes. The arraycopy peer copies {@code 3.5n} floats (reads and writes 28n
 * bytes in all), split over Frontier's pool with as many threads, into a preallocated array.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class AdamWBenchmark {

  /** Chunks of the arraycopy peer are at least this many floats (256 KiB). */
  private static final int COPY_GRAIN = 1 << 16;

  @Param({"1048576", "16777216"})
  public int n;

  @Param({"1", "2"})
  public int threads;

  private AdamW optimizer;
  private float[] src;
  private float[] dst;
  private Parallel.RangeTask copy;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    Parallel.setNumThreads(threads);
    if (params.getBenchmark().endsWith(".arraycopy")) {
      int len = Math.toIntExact(bytesMoved(n) / 2 / Float.BYTES);
      src = new float[len];
      dst = new float[len];
      Arrays.fill(src, 1.5f);
      copy = (start, end) -> System.arraycopy(src, start, dst, start, end - start);
    } else {
      Generator g = new Generator(42);
      Tensor p = Tensor.randn(g, DType.FLOAT32, n).requiresGrad_(true);
      p.setGrad(Tensor.randn(g, DType.FLOAT32, n));
      optimizer = new AdamW(List.of(p), AdamW.Options.defaults());
      optimizer.step(); // creates the moments, so every measured call is a steady-state step
    }
  }

  @Benchmark
  public AdamW adamw() {
    optimizer.step();
    return optimizer;
  }

  @Benchmark
  public float[] arraycopy() {
    Parallel.forRange(src.length, COPY_GRAIN, copy);
    return dst;
  }

  /** Bytes one step reads plus writes on n float32 elements: 4 reads and 3 writes of 4 bytes each. */
  public static long bytesMoved(int n) {
    return 7L * Float.BYTES * n;
  }
}
