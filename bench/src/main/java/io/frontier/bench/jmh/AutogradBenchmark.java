package io.frontier.bench.jmh;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.nn.Losses;
import io.frontier.tensor.Fused;
import io.frontier.nn.MLP;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Grad;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Training through the autograd tape, in microseconds per call, float32:
 *
 * <ul>
 *   <li>{@code mlpStep}: one SGD step of an MLP 784-256-256-10 (ReLU) at batch 64: clear the
 *       gradients (set to null), forward, cross-entropy (mean), backward, {@code p += -lr grad}
 *       under no-grad. The PyTorch peer does the same with {@code p.grad = None} and
 *       {@code p.add_(p.grad, alpha=-lr)}.
 *   <li>{@code tapeAdd}: {@code a + b} of 1-element leaves that require grad: the op plus recording
 *       its node (compare {@code percall}'s add, which records nothing).
 *   <li>{@code tapeAddBackward}: the same, then {@code backward()} into freshly cleared gradients.
 *   <li>{@code gptStep}: one AdamW training step of a GPT (vocabulary 64, context 64, width 128,
 *       4 heads, 2 layers, tied embeddings, no dropout) at batch 16: forward, mean cross-entropy,
 *       backward, the fused AdamW update of every parameter, gradients cleared. The PyTorch peer
 *       runs the same model with {@code torch.optim.AdamW}.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class AutogradBenchmark {
  public static final int BATCH = 64;
  public static final int[] WIDTHS = {784, 256, 256, 10};
  static final double LR = 0.01;

  @Param({"1"})
  public int threads;

  private MLP model;
  private List<Tensor> params;
  private Tensor x;
  private Tensor y;
  private Tensor a;
  private Tensor b;
  private GPT gpt;
  private List<Tensor> gptParams;
  private List<Tensor[]> adamState;
  private Tensor gptTokens;
  private Tensor gptTargets;
  private long adamStep;

  public static final GPTConfig GPT_CONFIG = new GPTConfig(64, 64, 128, 4, 2, 0.0, true, false);
  public static final int GPT_BATCH = 16;

  /** Seconds of extra warm-up for mlpStep, in the setup: C2 takes 4-8 s to settle on this path. */
  static final double MLP_WARMUP_SECONDS = 6;

  @Setup
  public void setUp(BenchmarkParams bench) {
    Parallel.setNumThreads(threads);
    Generator g = new Generator(11);
    model = new MLP(UnaryOp.RELU, g, WIDTHS);
    params = model.parameters();
    x = Tensor.randn(g, DType.FLOAT32, BATCH, WIDTHS[0]);
    y = Tensor.rand(g, DType.FLOAT32, BATCH).mul(WIDTHS[WIDTHS.length - 1]).to(DType.INT64);
    a = Tensor.of(1.5f).requiresGrad_(true);
    b = Tensor.of(2.5f).requiresGrad_(true);
    if (a.add(b).gradFn() == null) throw new IllegalStateException("the add recorded no node: is frontier-autograd on the class path?");
    // The session's warm-up (3 x 1 s, 2 x 200 ms quick) ends while the step still runs 3-15x slower
    // than its steady state (measured: about 1.1 ms from 4-8 s on), so the step warms up here too.
    gpt = new GPT(GPT_CONFIG, new Generator(13));
    gptParams = gpt.parameters();
    adamState = new java.util.ArrayList<>();
    for (Tensor p : gptParams) adamState.add(new Tensor[] {Tensor.zerosLike(p), Tensor.zerosLike(p)});
    gptTokens = Tensor.randint(g, 0, GPT_CONFIG.vocab(), GPT_BATCH, GPT_CONFIG.context());
    gptTargets = Tensor.randint(g, 0, GPT_CONFIG.vocab(), GPT_BATCH, GPT_CONFIG.context());
    if (bench.getBenchmark().endsWith(".gptStep")) {
      long end = System.nanoTime() + (long) (MLP_WARMUP_SECONDS * 1e9);
      while (System.nanoTime() < end) gptStep();
    }
    if (bench.getBenchmark().endsWith(".mlpStep")) {
      long end = System.nanoTime() + (long) (MLP_WARMUP_SECONDS * 1e9);
      while (System.nanoTime() < end) mlpStep();
    }
  }

  @Benchmark
  public Tensor mlpStep() {
    model.zeroGrad();
    Tensor loss = Losses.crossEntropy(model.forward(x), y);
    loss.backward();
    try (Grad.Scope s = Grad.noGrad()) {
      for (Tensor p : params) p.add_(p.grad(), -LR);
    }
    return loss;
  }

  @Benchmark
  public Tensor gptStep() {
    Tensor loss = GPT.loss(gpt.forward(gptTokens), gptTargets);
    loss.backward();
    adamStep++;
    try (Grad.Scope s = Grad.noGrad()) {
      for (int i = 0; i < gptParams.size(); i++) {
        Tensor p = gptParams.get(i);
        Fused.adamwStep_(p, p.grad(), adamState.get(i)[0], adamState.get(i)[1], 1e-3, 0.9, 0.999, 1e-8, 0.01, adamStep);
      }
    }
    gpt.zeroGrad();
    return loss;
  }

  @Benchmark
  public Tensor tapeAdd() {
    return a.add(b);
  }

  @Benchmark
  public Tensor tapeAddBackward() {
    a.setGrad(null);
    b.setGrad(null);
    Tensor c = a.add(b);
    c.backward();
    return c;
  }
}
