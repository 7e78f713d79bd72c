package io.frontier.bench.jmh;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
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
 * The fixed cost of one op call through the public API, in microseconds: a float32 {@code add} of
 * two 1-element tensors (argument checks, type promotion, output allocation, dispatch), and a 10x10
 * float32 {@code matmul} for reference. These are the numbers to hold against an eager framework's
 * per-op overhead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class PerCallBenchmark {

  @Param({"1"})
  public int threads;

  private Tensor a;
  private Tensor b;
  private Tensor m1;
  private Tensor m2;

  @Setup
  public void setUp() {
    Parallel.setNumThreads(threads);
    a = Tensor.of(1.5f);
    b = Tensor.of(2.5f);
    Generator g = new Generator(7);
    m1 = Tensor.randn(g, DType.FLOAT32, 10, 10);
    m2 = Tensor.randn(g, DType.FLOAT32, 10, 10);
  }

  @Benchmark
  public Tensor add() {
    return a.add(b);
  }

  @Benchmark
  public Tensor matmul() {
    return m1.matmul(m2);
  }
}
