package io.frontier.bench.jmh;

import io.frontier.nn.Losses;
import io.frontier.nn.MLP;
import io.frontier.optim.Adafactor;
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
import io.frontier.tensor.backend.UnaryOp;
import io.frontier.tensor.cpu.Parallel;
import java.util.List;
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
 * One full training step of the MLP of {@link AutogradBenchmark#mlpStep} (784-256-256-10, ReLU,
 * batch 64, float32, about 270k parameters) with each of io.frontier.optim's first-order
 * optimizers, in microseconds per call: forward, mean cross-entropy, backward,
 * {@code optimizer.step()}, {@code optimizer.zeroGrad()}. Compare with autograd's mlp-step (a bare
 * {@code p -= lr grad}) for what each optimizer's update adds. Hyperparameters are the defaults with
 * small learning rates (SGD with momentum 0.9, Adafactor factored with no first moment).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class OptimizerStepBenchmark {

  @Param({"sgd", "adam", "adamw", "rmsprop", "adagrad", "lion", "adafactor"})
  public String optimizer;

  @Param({"1"})
  public int threads;

  private MLP model;
  private Optimizer opt;
  private Tensor x;
  private Tensor y;

  @Setup
  public void setUp() {
    Parallel.setNumThreads(threads);
    Generator g = new Generator(11);
    model = new MLP(UnaryOp.RELU, g, AutogradBenchmark.WIDTHS);
    int[] w = AutogradBenchmark.WIDTHS;
    x = Tensor.randn(g, DType.FLOAT32, AutogradBenchmark.BATCH, w[0]);
    y = Tensor.rand(g, DType.FLOAT32, AutogradBenchmark.BATCH).mul(w[w.length - 1]).to(DType.INT64);
    opt = create(optimizer, model.parameters());
    // As mlpStep: the JIT takes seconds to settle on this path, longer than a quick session's warm-up.
    long end = System.nanoTime() + (long) (AutogradBenchmark.MLP_WARMUP_SECONDS * 1e9);
    while (System.nanoTime() < end) step();
  }

  static Optimizer create(String name, List<Tensor> params) {
    return switch (name) {
      case "sgd" -> new SGD(params, SGD.Options.defaults().lr(0.01).momentum(0.9));
      case "adam" -> new Adam(params, Adam.Options.defaults().lr(1e-4));
      case "adamw" -> new AdamW(params, AdamW.Options.defaults().lr(1e-4));
      case "rmsprop" -> new RMSprop(params, RMSprop.Options.defaults().lr(1e-4));
      case "adagrad" -> new Adagrad(params, Adagrad.Options.defaults().lr(1e-3));
      case "lion" -> new Lion(params, Lion.Options.defaults().lr(1e-5));
      case "adafactor" -> new Adafactor(params, Adafactor.Options.defaults().lr(1e-4));
      default -> throw new IllegalArgumentException("unknown optimizer " + name);
    };
  }

  @Benchmark
  public Tensor step() {
    Tensor loss = Losses.crossEntropy(model.forward(x), y);
    loss.backward();
    opt.step();
    opt.zeroGrad();
    return loss;
  }
}
