package io.frontier.bench.jmh;

import io.frontier.optim.Adagrad;
import io.frontier.optim.Adam;
import io.frontier.optim.AdamW;
import io.frontier.optim.Lion;
import io.frontier.optim.Optimizer;
import io.frontier.optim.RMSprop;
import io.frontier.optim.SGD;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.Parallel;
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
 * One {@code optimizer.step()} on the CPU over a single float32 parameter of n elements (its fused
 * path: one pass over the parameter, its gradient and the optimizer's state) against the peer
 * {@code System.arraycopy} of as many bytes.
 *
 * <p>Byte accounting for GB/s ({@link #bytesMoved}): AdamW and Adam read p, grad, m, v and write
 * p, m, v (28 bytes per element); Lion, SGD with momentum, RMSprop and Adagrad read p, grad and
 * one state buffer and write p and the buffer (20 bytes). The arraycopy peer copies half as many
 * floats as those bytes hold (reading and writing them all), split over Frontier's pool with as
 * many threads, into a preallocated array.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class FusedStepBenchmark {

  @Param({"adamw", "adam", "sgd", "lion", "rmsprop", "adagrad"})
  public String optimizer;

  @Param({"1048576", "16777216"})
  public int n;

  @Param({"1", "2"})
  public int threads;

  private Optimizer opt;
  private ArraycopyPeer peer;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    Parallel.setNumThreads(threads);
    if (params.getBenchmark().endsWith(".arraycopy")) {
      peer = new ArraycopyPeer(bytesMoved(optimizer, n));
    } else {
      Generator g = new Generator(42);
      Tensor p = Tensor.randn(g, DType.FLOAT32, n).requiresGrad_(true);
      p.setGrad(Tensor.randn(g, DType.FLOAT32, n));
      opt = create(optimizer, List.of(p));
      opt.step(); // creates the state, so every measured call is a steady-state step
    }
  }

  /** Default hyperparameters; Adam with a weight decay (its L2 path), SGD with momentum 0.9 (its buffer is the state). */
  static Optimizer create(String name, List<Tensor> params) {
    return switch (name) {
      case "adamw" -> new AdamW(params, AdamW.Options.defaults());
      // A small L2 term: with 0.01 the benchmark's fixed gradient let Adam converge within the
      // measurement, and its decaying second moment went subnormal (2x slower steps on x86).
      case "adam" -> new Adam(params, Adam.Options.defaults().weightDecay(1e-6));
      case "sgd" -> new SGD(params, SGD.Options.defaults().momentum(0.9));
      case "lion" -> new Lion(params, Lion.Options.defaults());
      case "rmsprop" -> new RMSprop(params, RMSprop.Options.defaults());
      case "adagrad" -> new Adagrad(params, Adagrad.Options.defaults());
      default -> throw new IllegalArgumentException("unknown optimizer " + name);
    };
  }

  @Benchmark
  public Optimizer step() {
    opt.step();
    return opt;
  }

  @Benchmark
  public float[] arraycopy() {
    return peer.run();
  }

  /** Bytes one step reads plus writes on n float32 elements (see the class comment). */
  public static long bytesMoved(String optimizer, int n) {
    int floatsPerElement = switch (optimizer) {
      case "adamw", "adam" -> 7;
      case "sgd", "lion", "rmsprop", "adagrad" -> 5;
      default -> throw new IllegalArgumentException("unknown optimizer " + optimizer);
    };
    return (long) floatsPerElement * Float.BYTES * n;
  }
}
