package io.frontier.rl.averaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.Losses;
import io.frontier.nn.MLP;
import io.frontier.nn.Module;
import io.frontier.optim.Adam;
import io.frontier.rl.morl.MorlMetrics;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lin et al.'s claims in miniature (row 22 of the reference's experiment table): an MLP pretrained
 * on task A, then fine-tuned on task B alone until it forgets A. Both tasks read the same three
 * features of the input, {@code z = tanh(x W*)} with {@code x ~ N(0, I_8)} and a fixed
 * {@code W* (8, 3)}: task A is {@code y_A = z_0 + 2 z_1 z_2}, task B {@code y_B = z_1 - 2 z_0 z_2}.
 * The model is an 8-32-32-2 tanh MLP whose outputs are the heads of A and B over a shared trunk;
 * pretraining fits head A (Adam, lr 1e-2, 200 full-batch steps on 256 points), fine-tuning fits
 * head B only (Adam, lr 3e-2, 150 steps), keeping a checkpoint every 5 steps for early stopping.
 * Scores are {@code -MSE} on 256 held-out points, both maximised. Eight seeds, each drawing the data
 * and the initial weights.
 */
class AlignmentTaxToyTest {
  private static final int DIM = 8;
  private static final int TRAIN = 256;
  private static final int SEEDS = 8;
  private static final int PRETRAIN_STEPS = 200;
  private static final int FINETUNE_STEPS = 150;
  private static final int CHECKPOINT_EVERY = 5;
  private static final Tensor FEATURES = Tensor.randn(new Generator(99), DType.FLOAT64, DIM, 3).div(Math.sqrt(DIM / 3.0));

  /** One seed's run: the checkpoints' scores (step 0 = the base), the uniform curve and two HMA points. */
  private record Run(double[][] checkpoints, List<AveragingPoint> curve, AveragingPoint uniformHalf, AveragingPoint lowLayersHalf,
      double baseMseA, double tunedMseA, double baseMseB, double tunedMseB) {}

  private static final List<Run> RUNS = new ArrayList<>();

  @BeforeAll
  static void trainEverySeed() {
    for (long seed = 1; seed <= SEEDS; seed++) RUNS.add(run(seed));
  }

  private static Run run(long seed) {
    Generator g = new Generator(seed);
    Tensor xTrain = Tensor.randn(g, DType.FLOAT64, TRAIN, DIM);
    Tensor xTest = Tensor.randn(g, DType.FLOAT64, TRAIN, DIM);
    Tensor aTrain = taskA(xTrain);
    Tensor bTrain = taskB(xTrain);
    Tensor aTest = taskA(xTest);
    Tensor bTest = taskB(xTest);
    ToDoubleFunction<Module> scoreA = m -> -mse(m, xTest, aTest, 0);
    ToDoubleFunction<Module> scoreB = m -> -mse(m, xTest, bTest, 1);

    MLP model = new MLP(UnaryOp.TANH, g, DType.FLOAT64, DIM, 32, 32, 2);
    fit(model, xTrain, aTrain, 0, 1e-2, PRETRAIN_STEPS, null, null);
    MLP base = copy(model);
    List<double[]> checkpoints = new ArrayList<>();
    fit(model, xTrain, bTrain, 1, 3e-2, FINETUNE_STEPS, checkpoints, m -> new double[] {scoreA.applyAsDouble(m), scoreB.applyAsDouble(m)});

    MLP target = copy(model);
    double[] grid = new double[21];
    for (int i = 0; i < grid.length; i++) grid[i] = i / 20.0;
    List<AveragingPoint> curve = ModelAveraging.sweep(target, base, model, grid, scoreA, scoreB);
    AveragingPoint uniformHalf = curve.get(10);
    // block 0 = the first layer ("net.0.weight", "net.0.bias"), block 1 = everything above it
    AveragingPoint lowLayersHalf = ModelAveraging.sweep(target, base, model, ParameterBlocks.byPrefixes("net.0.", ""),
        List.of(new double[] {0.4, 0.6}), scoreA, scoreB).get(0);
    return new Run(checkpoints.toArray(new double[0][]), curve, uniformHalf, lowLayersHalf, -scoreA.applyAsDouble(base),
        -scoreA.applyAsDouble(model), -scoreB.applyAsDouble(base), -scoreB.applyAsDouble(model));
  }

  private static Tensor taskA(Tensor x) {
    Tensor z = x.matmul(FEATURES).tanh();
    return z.narrow(1, 0, 1).add(z.narrow(1, 1, 1).mul(z.narrow(1, 2, 1)).mul(2.0));
  }

  private static Tensor taskB(Tensor x) {
    Tensor z = x.matmul(FEATURES).tanh();
    return z.narrow(1, 1, 1).sub(z.narrow(1, 0, 1).mul(z.narrow(1, 2, 1)).mul(2.0));
  }

  private static double mse(Module m, Tensor x, Tensor y, int head) {
    return Module.noGrad(() -> Losses.mse(((MLP) m).forward(x).narrow(1, head, 1), y).item());
  }

  /** Full-batch Adam on one head; records {@code scores(model)} at step 0 and every CHECKPOINT_EVERY steps when asked. */
  private static void fit(MLP model, Tensor x, Tensor y, int head, double lr, int steps, List<double[]> checkpoints,
      Function<Module, double[]> scores) {
    Adam adam = new Adam(model.parameters(), Adam.Options.defaults().lr(lr));
    if (checkpoints != null) checkpoints.add(scores.apply(model));
    for (int step = 1; step <= steps; step++) {
      adam.zeroGrad();
      Losses.mse(model.forward(x).narrow(1, head, 1), y).backward();
      adam.step();
      if (checkpoints != null && step % CHECKPOINT_EVERY == 0) checkpoints.add(scores.apply(model));
    }
  }

  private static MLP copy(MLP model) {
    MLP out = new MLP(UnaryOp.TANH, new Generator(0), DType.FLOAT64, DIM, 32, 32, 2);
    out.loadStateDict(model.stateDict());
    return out;
  }

  /** Measured: A's MSE rises from 0.019-0.041 to 1.17-2.57 while B's falls from 1.27-1.94 to 0.009-0.045. */
  @Test
  void fineTuningOnBLearnsBAndForgetsA() {
    for (Run r : RUNS) {
      assertTrue(r.tunedMseA > 10 * r.baseMseA, "forgetting: A's MSE " + r.baseMseA + " -> " + r.tunedMseA);
      assertTrue(r.tunedMseB < 0.1 * r.baseMseB, "learning: B's MSE " + r.baseMseB + " -> " + r.tunedMseB);
    }
  }

  /**
   * alpha = 0 and 1 copy the base and the tuned weights bit for bit, so the curves share their
   * endpoints; the scores agree to rounding only, because the same forward pass on the same weights
   * has been seen to differ in the last bit between two moments of one JVM (1 ulp of -0.0296).
   */
  @Test
  void theCurveStartsAtTheBaseAndEndsAtTheTunedModelAsTheCheckpointsDo() {
    for (Run r : RUNS) {
      assertEquals(FINETUNE_STEPS / CHECKPOINT_EVERY + 1, r.checkpoints.length);
      double[] last = r.checkpoints[r.checkpoints.length - 1];
      assertArrayEquals(r.checkpoints[0], r.curve.get(0).scores(), 1e-12);
      assertArrayEquals(last, r.curve.get(r.curve.size() - 1).scores(), 1e-12);
    }
  }

  /**
   * The paper's headline: averaging's trade-off curve beats early stopping's. With the reference
   * point at (A-score of the tuned model, B-score of the base), the two endpoints the curves share,
   * averaging's 21 points hold more hypervolume than the 31 checkpoints on every seed; measured
   * ratios 1.96 to 57, because fine-tuning loses A long before it gains B.
   */
  @Test
  void averagingCurveHoldsMoreHypervolumeThanTheEarlyStoppingCheckpoints() {
    StringBuilder report = new StringBuilder();
    for (int s = 0; s < SEEDS; s++) {
      Run r = RUNS.get(s);
      double[] reference = {r.checkpoints[r.checkpoints.length - 1][0], r.checkpoints[0][1]};
      double checkpoints = MorlMetrics.hypervolume(r.checkpoints, reference);
      double averaging = MorlMetrics.hypervolume(r.curve.stream().map(AveragingPoint::scores).toArray(double[][]::new), reference);
      report.append(String.format(" seed %d: %.4f vs %.4f;", s + 1, averaging, checkpoints));
      assertTrue(averaging > 1.5 * checkpoints, "seed " + (s + 1) + ": averaging HV " + averaging + ", checkpoints' HV " + checkpoints);
    }
    System.out.println("AlignmentTaxToyTest hypervolume, averaging vs checkpoints:" + report);
  }

  /**
   * HMA's observation that averaging the low layers more pays: at the mean ratio 0.5, giving the
   * first layer 0.4 and the rest 0.6 raises B's score on every seed, and A's on 7 of 8 (seed 2
   * loses 0.068). So the claim holds on the paired mean over seeds, not seed by seed. Measured mean
   * gains: A +0.038, B +0.056 (score units, -MSE).
   */
  @Test
  void averagingTheFirstLayerMoreBeatsUniformAveragingAtTheSameMeanRatio() {
    double gainA = 0;
    double gainB = 0;
    for (int s = 0; s < SEEDS; s++) {
      Run r = RUNS.get(s);
      assertEquals(0.5, r.uniformHalf.meanAlpha(), 1e-15);
      assertEquals(0.5, r.lowLayersHalf.meanAlpha(), 1e-15);
      double dB = r.lowLayersHalf.scoreB() - r.uniformHalf.scoreB();
      assertTrue(dB > 0, "seed " + (s + 1) + ": B gain " + dB);
      gainA += (r.lowLayersHalf.scoreA() - r.uniformHalf.scoreA()) / SEEDS;
      gainB += dB / SEEDS;
    }
    System.out.printf("AlignmentTaxToyTest HMA (0.4, 0.6) vs uniform 0.5, mean gains: A %+.4f, B %+.4f%n", gainA, gainB);
    assertTrue(gainA > 0.01, "mean A gain " + gainA);
    assertTrue(gainB > 0.02, "mean B gain " + gainB);
  }
}
