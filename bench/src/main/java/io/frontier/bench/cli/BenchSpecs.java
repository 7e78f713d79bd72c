package io.frontier.bench.cli;

import io.frontier.bench.jmh.AttentionBenchmark;
import io.frontier.bench.jmh.FusedStepBenchmark;
import io.frontier.bench.jmh.AutogradBenchmark;
import io.frontier.bench.jmh.ElementwiseBenchmark;
import io.frontier.bench.jmh.GpBenchmark;
import io.frontier.bench.jmh.HypervolumeBenchmark;
import io.frontier.bench.jmh.LinalgBenchmark;
import io.frontier.bench.jmh.MgdaBenchmark;
import io.frontier.bench.jmh.OptimizerStepBenchmark;
import io.frontier.bench.jmh.PerCallBenchmark;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks {@code frontier bench} runs, in order. A quick session runs a float32 subset at
 * one size with short iterations (about two minutes on 2 cores); a full session runs every size.
 */
final class BenchSpecs {

  private static final String JMH = "io.frontier.bench.jmh.";
  private static final String SIZES = "128,256,512,1024,2048";
  private static final String OPTIMIZERS = "sgd,adam,adamw,rmsprop,adagrad,lion,adafactor";
  /** The fused steps besides AdamW's (which the adamw spec measures). */
  private static final String FUSED_STEPS = "adam,sgd,lion,rmsprop,adagrad";

  static final List<BenchSpec> ALL = List.of(
      // Written on its own branch; skipped with a note until it is on the class path.
      new BenchSpec("matmul", JMH + "MatmulBenchmark",
          List.of(run(".*", "n", "256", "dtype", "float32", "impl", "frontier,ejml", "threads", "1")),
          List.of(
              run(".*", "n", SIZES, "dtype", "float32,float64", "impl", "frontier,ejml", "threads", "1,2"),
              // an n^3 triple loop: a 2048 call takes a minute
              run(".*", "n", "128,256,512", "dtype", "float32,float64", "impl", "naive", "threads", "1,2")),
          BenchSpecs::matmulRow),
      new BenchSpec("elementwise", ElementwiseBenchmark.class.getName(),
          List.of(run("frontier|arraycopy", "op", "add,exp,softmax", "n", "1048576", "threads", "1,2")),
          List.of(
              run("frontier|arraycopy", "op", "add,mul,exp,softmax", "n", "1048576,4194304,16777216", "threads", "1,2"),
              run("inPlace", "op", "add,mul", "n", "1048576,4194304,16777216", "threads", "1,2")),
          BenchSpecs::elementwiseRow),
      new BenchSpec("percall", PerCallBenchmark.class.getName(),
          List.of(run("add|matmul", "threads", "1")),
          List.of(run("add|matmul", "threads", "1")),
          BenchSpecs::perCallRow),
      new BenchSpec("autograd", AutogradBenchmark.class.getName(),
          List.of(run(".*", "threads", "1")),
          List.of(run(".*", "threads", "1,2")),
          BenchSpecs::autogradRow),
      new BenchSpec("attention", AttentionBenchmark.class.getName(),
          List.of(run(".*", "shape", "16x4x64x32", "threads", "1")),
          List.of(run(".*", "shape", "16x4x64x32,4x8x256x64", "threads", "1,2")),
          BenchSpecs::attentionRow),
      new BenchSpec("linalg", LinalgBenchmark.class.getName(),
          List.of(run(".*", "n", "256", "threads", "1")),
          List.of(run(".*", "n", "128,256,512,1024", "threads", "1,2")),
          BenchSpecs::linalgRow),
      new BenchSpec("adamw", FusedStepBenchmark.class.getName(),
          List.of(run(".*", "optimizer", "adamw", "n", "1048576,16777216", "threads", "1")),
          List.of(run(".*", "optimizer", "adamw", "n", "1048576,16777216", "threads", "1,2")),
          BenchSpecs::fusedStepRow),
      new BenchSpec("steps", FusedStepBenchmark.class.getName(),
          List.of(run(".*", "optimizer", "sgd", "n", "1048576", "threads", "1")), // quick: one of them
          List.of(run(".*", "optimizer", FUSED_STEPS, "n", "1048576,16777216", "threads", "1,2")),
          BenchSpecs::fusedStepRow),
      new BenchSpec("optimizers", OptimizerStepBenchmark.class.getName(),
          List.of(run(".*", "optimizer", "sgd,adamw", "threads", "1")), // quick: two, each pays a 6 s JIT warm-up
          List.of(run(".*", "optimizer", OPTIMIZERS, "threads", "1,2")),
          BenchSpecs::optimizerStepRow),
      new BenchSpec("hypervolume", HypervolumeBenchmark.class.getName(),
          List.of(run("hypervolume3d", "n", "1000,10000,100000", "threads", "1"), run("nonDominatedSorting", "n", "10000", "threads", "1")),
          List.of(run("hypervolume3d", "n", "1000,10000,100000", "threads", "1"), run("nonDominatedSorting", "n", "10000", "threads", "1")),
          BenchSpecs::hypervolumeRow),
      // scikit-learn's times for the same runs: shared/reference/baselines.md §4 (fit seconds, predict at 1e4 points)
      new BenchSpec("gp", GpBenchmark.class.getName(),
          List.of(run("fit", "n", "100,500", "threads", "2"), run("predictMeanStd", "n", "500", "threads", "2")),
          List.of(run("fit|predictMean|predictMeanStd", "n", "100,200,500,1000", "threads", "1,2")),
          BenchSpecs::gpRow),
      new BenchSpec("mgda", MgdaBenchmark.class.getName(),
          List.of(run("step", "k", "2,4,8,16", "n", "1048576", "device", MgdaBenchmark.devices(), "threads", "1")),
          List.of(run("step", "k", "2,4,8,16", "n", "1048576", "device", MgdaBenchmark.devices(), "threads", "1,2")),
          BenchSpecs::mgdaRow));

  private BenchSpecs() {}

  /** GFLOP/s = 2n^3 / time; impl, dtype and threads are the benchmark's parameters. */
  static Row matmulRow(Measured m) {
    int n = m.intParam("n");
    double flops = 2.0 * n * n * n;
    return Row.of("matmul", m.param("impl"), m.param("dtype"), List.of(n, n, n), m.intParam("threads"), "GFLOP/s", m.giga(flops));
  }

  /** GB/s by {@link ElementwiseBenchmark#bytesMoved}; the method name is the impl ("inPlace" is frontier-inplace). */
  static Row elementwiseRow(Measured m) {
    String op = m.param("op");
    int n = m.intParam("n");
    List<Integer> shape = Arrays.stream(ElementwiseBenchmark.shape(op, n)).boxed().toList();
    String impl = m.method().equals("inPlace") ? "frontier-inplace" : m.method();
    return Row.of(op, impl, "float32", shape, m.intParam("threads"), "GB/s", m.giga(ElementwiseBenchmark.bytesMoved(op, n)));
  }

  /** Microseconds per call; the method name is the op. */
  static Row perCallRow(Measured m) {
    List<Integer> shape = m.method().equals("matmul") ? List.of(10, 10, 10) : List.of(1);
    return Row.of(m.method(), "frontier", "float32", shape, m.intParam("threads"), "us", m.micros());
  }

  /** Microseconds per call; ops mlp-step (shape = batch, widths...), tape-add and tape-add-backward (shape 1). */
  static Row autogradRow(Measured m) {
    return switch (m.method()) {
      case "mlpStep" -> {
        List<Integer> shape = new java.util.ArrayList<>(List.of(AutogradBenchmark.BATCH));
        for (int w : AutogradBenchmark.WIDTHS) shape.add(w);
        yield Row.of("mlp-step", "frontier", "float32", shape, m.intParam("threads"), "us", m.micros());
      }
      case "gptStep" -> {
        var c = AutogradBenchmark.GPT_CONFIG;
        yield Row.of("gpt-step", "frontier", "float32", List.of(AutogradBenchmark.GPT_BATCH, c.context(), c.vocab(), c.width(), c.heads(), c.layers()),
            m.intParam("threads"), "us", m.micros());
      }
      case "tapeAdd" -> Row.of("tape-add", "frontier", "float32", List.of(1), m.intParam("threads"), "us", m.micros());
      case "tapeAddBackward" -> Row.of("tape-add-backward", "frontier", "float32", List.of(1), m.intParam("threads"), "us", m.micros());
      default -> throw new IllegalStateException("autograd: unexpected benchmark method " + m.method());
    };
  }

  /** Microseconds per causal attention forward + backward; impl frontier-fused or frontier-ops; shape (B, H, T, D). */
  static Row attentionRow(Measured m) {
    List<Integer> shape = Arrays.stream(AttentionBenchmark.dims(m.param("shape"))).boxed().toList();
    return Row.of("attention-fwd-bwd", "frontier-" + m.method(), "float32", shape, m.intParam("threads"), "us", m.micros());
  }

  /**
   * GFLOP/s of one float64 factorisation ({@link LinalgBenchmark#flops}): op solve or cholesky from
   * the method's name, impl frontier, or ejml for the methods ending in Ejml.
   */
  static Row linalgRow(Measured m) {
    int n = m.intParam("n");
    boolean ejml = m.method().endsWith("Ejml");
    String op = ejml ? m.method().substring(0, m.method().length() - 4) : m.method();
    return Row.of(op, ejml ? "ejml" : "frontier", "float64", op.equals("solve") ? List.of(n, n, 1) : List.of(n, n), m.intParam("threads"),
        "GFLOP/s", m.giga(LinalgBenchmark.flops(op, n)));
  }

  /**
   * GB/s by {@link FusedStepBenchmark#bytesMoved}; op &lt;optimizer&gt;-step, impl frontier (the
   * optimizer's fused step) or arraycopy.
   */
  static Row fusedStepRow(Measured m) {
    int n = m.intParam("n");
    String optimizer = m.param("optimizer");
    String impl = m.method().equals("step") ? "frontier" : m.method();
    return Row.of(optimizer + "-step", impl, "float32", List.of(n), m.intParam("threads"), "GB/s",
        m.giga(FusedStepBenchmark.bytesMoved(optimizer, n)));
  }

  /** Microseconds per call; the op is mlp-step-&lt;optimizer&gt; (shape = batch, widths...). */
  static Row optimizerStepRow(Measured m) {
    List<Integer> shape = new java.util.ArrayList<>(List.of(AutogradBenchmark.BATCH));
    for (int w : AutogradBenchmark.WIDTHS) shape.add(w);
    return Row.of("mlp-step-" + m.param("optimizer"), "frontier", "float32", shape, m.intParam("threads"), "us", m.micros());
  }

  /** Microseconds per call; ops hypervolume-3d and non-dominated-sorting, shape (points, objectives). */
  static Row hypervolumeRow(Measured m) {
    String op = switch (m.method()) {
      case "hypervolume3d" -> "hypervolume-3d";
      case "nonDominatedSorting" -> "non-dominated-sorting";
      default -> throw new IllegalStateException("hypervolume: unexpected benchmark method " + m.method());
    };
    return Row.of(op, "frontier", "float64", List.of(m.intParam("n"), HypervolumeBenchmark.OBJECTIVES), m.intParam("threads"), "us", m.micros());
  }

  /**
   * Milliseconds per call; ops gp-fit (maximum-likelihood Matérn-5/2 fit, one start), gp-predict-mean
   * and gp-predict-mean-std (at {@link GpBenchmark#TEST_POINTS} points); shape (n, d).
   */
  static Row gpRow(Measured m) {
    String op = switch (m.method()) {
      case "fit" -> "gp-fit";
      case "predictMean" -> "gp-predict-mean";
      case "predictMeanStd" -> "gp-predict-mean-std";
      default -> throw new IllegalStateException("gp: unexpected benchmark method " + m.method());
    };
    double[] millis = Arrays.stream(m.micros()).map(us -> us / 1000).toArray();
    return Row.of(op, "frontier", "float64", List.of(m.intParam("n"), GpBenchmark.DIM), m.intParam("threads"), "ms", millis);
  }

  /** Microseconds per full MGDA step (stack, Gram, weights, direction), shape (objectives, parameters). */
  static Row mgdaRow(Measured m) {
    String impl = m.param("device").equals("cuda") ? "frontier-cuda" : "frontier";
    return Row.of("mgda-step", impl, "float32", List.of(m.intParam("k"), m.intParam("n")), m.intParam("threads"), "us", m.micros());
  }

  /** {@code run(methods, "n", "128,256", "dtype", "float32")}: parameter names and comma-separated values. */
  static BenchSpec.Run run(String methods, String... keyValues) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) params.put(keyValues[i], List.of(keyValues[i + 1].split(",")));
    return new BenchSpec.Run(methods, params);
  }
}
