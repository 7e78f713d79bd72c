package io.frontier.bench.jmh;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.Parallel;
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
 * Float32 elementwise ops on contiguous tensors through the public {@link Tensor} API against the
 * peer {@code System.arraycopy} of the same number of bytes. {@code frontier} allocates its result
 * on every call, as {@code a.add(b)} does; {@code inPlace} ({@code a.add_(b)}, {@code a.mul_(b)},
 * add and mul only) writes into {@code a}, so the two show what allocating and zeroing a fresh
 * output costs.
 *
 * <p>Byte accounting for GB/s (bytes read + written per call / time), n being the element count:
 * <ul>
 *   <li>{@code add}, {@code mul}: read 2n and write n floats, 12n bytes.
 *   <li>{@code exp}, {@code softmax}: read n and write n floats, 8n bytes. Softmax runs over rows of
 *       {@value #ROW} of a (n/{@value #ROW}, {@value #ROW}) tensor; its extra passes over a row hit
 *       the cache and are not counted.
 *   <li>{@code arraycopy}: copies half the bytes of the op it stands beside, so that it reads and
 *       writes as many bytes as that op: 1.5n floats for add and mul, n floats for exp and softmax.
 *       With 2 threads the copy is split into two halves on Frontier's pool, so the peer gets the
 *       same cores as the op. It writes into a preallocated array; the op allocates its result, and
 *       that cost is part of what is measured.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ElementwiseBenchmark {

  /** Softmax normalizes rows of this many elements. */
  public static final int ROW = 1024;

  @Param({"add", "mul", "exp", "softmax"})
  public String op;

  @Param({"1048576", "4194304", "16777216"})
  public int n;

  @Param({"1", "2"})
  public int threads;

  private Tensor a;
  private Tensor b;
  private ArraycopyPeer peer;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    Parallel.setNumThreads(threads);
    if (params.getBenchmark().endsWith(".arraycopy")) {
      peer = new ArraycopyPeer(bytesMoved(op, n));
    } else if (params.getBenchmark().endsWith(".inPlace")) {
      // a += 0 and a *= 1 keep the values (and so the speed) the same on every call
      a = Tensor.randn(new Generator(42), DType.FLOAT32, shape(op, n));
      b = Tensor.full(shape(op, n), op.equals("mul") ? 1.0 : 0.0);
    } else {
      Generator g = new Generator(42);
      a = Tensor.randn(g, DType.FLOAT32, shape(op, n));
      b = Tensor.randn(g, DType.FLOAT32, shape(op, n));
    }
  }

  @Benchmark
  public Tensor frontier() {
    return switch (op) {
      case "add" -> a.add(b);
      case "mul" -> a.mul(b);
      case "exp" -> a.exp();
      case "softmax" -> a.softmax(1);
      default -> throw new IllegalArgumentException("ElementwiseBenchmark: unknown op '" + op + "'");
    };
  }

  @Benchmark
  public Tensor inPlace() {
    return switch (op) {
      case "add" -> a.add_(b);
      case "mul" -> a.mul_(b);
      default -> throw new IllegalArgumentException("ElementwiseBenchmark.inPlace: only add and mul, got '" + op + "'");
    };
  }

  @Benchmark
  public float[] arraycopy() {
    return peer.run();
  }

  /** The tensor shape an op runs on: (n) for most, (n/1024, 1024) for softmax. */
  public static int[] shape(String op, int n) {
    if (!op.equals("softmax")) return new int[] {n};
    if (n % ROW != 0) throw new IllegalArgumentException("softmax: n = " + n + " is not a multiple of " + ROW);
    return new int[] {n / ROW, ROW};
  }

  /** Bytes one call of {@code op} reads plus writes on n float32 elements (see the class comment). */
  public static long bytesMoved(String op, int n) {
    return switch (op) {
      case "add", "mul" -> 3L * n * Float.BYTES;
      case "exp", "softmax" -> 2L * n * Float.BYTES;
      default -> throw new IllegalArgumentException("ElementwiseBenchmark: unknown op '" + op + "'");
    };
  }
}
