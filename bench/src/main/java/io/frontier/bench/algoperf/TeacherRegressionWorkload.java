package io.frontier.bench.algoperf;

import io.frontier.nn.Losses;
import io.frontier.nn.MLP;
import io.frontier.nn.Module;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;
import java.util.List;

/**
 * Regression onto a fixed random teacher: y = teacher(x) standardised to mean 0 and variance 1,
 * plus noise of standard deviation 0.1 (so the best possible validation MSE is 0.01), with a tanh
 * MLP 16-32-32-1 teacher (seed 5, weights 3x the default init) and x standard normal, 8,192
 * training and 512 validation samples. The student is a tanh MLP 16-64-64-1 trained on minibatches
 * of 64 with the MSE; the metric is the validation MSE. With 2,048 training samples the student
 * overfitted to a floor near 0.14 that every submission reached at about the same time; 8,192 let
 * a well-tuned one go below 0.07, so a target under the old floor separates submissions.
 */
final class TeacherRegressionWorkload implements Workload {
  static final int IN = 16;
  static final int TRAIN = 8192;
  static final int VALIDATION = 512;
  static final int BATCH = 64;
  static final double NOISE = 0.1;
  private static final long DATA_SEED = 5;

  private final double target;
  private final int maxSteps;
  private final double maxSeconds;
  private Tensor xTrain, yTrain, xVal, yVal;

  TeacherRegressionWorkload(double target, int maxSteps, double maxSeconds) {
    this.target = target;
    this.maxSteps = maxSteps;
    this.maxSeconds = maxSeconds;
  }

  @Override public String name() { return "teacher-regression"; }
  @Override public String metric() { return "mse"; }
  @Override public boolean higherIsBetter() { return false; }
  @Override public double target() { return target; }
  @Override public int maxSteps() { return maxSteps; }
  @Override public double maxSeconds() { return maxSeconds; }
  @Override public int evalEvery() { return 25; }

  private synchronized void load() {
    if (xTrain != null) return;
    Generator g = new Generator(DATA_SEED);
    MLP teacher = new MLP(UnaryOp.TANH, g, IN, 32, 32, 1);
    Tensor x = Tensor.randn(g, DType.FLOAT32, TRAIN + VALIDATION, IN);
    Tensor clean = Module.noGrad(() -> {
      // Weights 3x the default init: the tanh units saturate, so the teacher is far from linear.
      for (Tensor p : teacher.parameters()) p.mul_(3.0);
      return teacher.forward(x);
    });
    Tensor y = clean.sub(clean.mean()).div(clean.std()).add(Tensor.randn(g, DType.FLOAT32, TRAIN + VALIDATION, 1).mul(NOISE));
    xTrain = x.narrow(0, 0, TRAIN);
    yTrain = y.narrow(0, 0, TRAIN);
    xVal = x.narrow(0, TRAIN, VALIDATION);
    yVal = y.narrow(0, TRAIN, VALIDATION);
  }

  @Override
  public Instance build(long seed) {
    load();
    Generator g = new Generator(seed);
    MLP model = new MLP(UnaryOp.TANH, g, IN, 64, 64, 1);
    return new Instance() {
      @Override public List<Tensor> parameters() { return model.parameters(); }

      @Override
      public Tensor trainLoss() {
        Tensor idx = Tensor.randint(g, 0, TRAIN, BATCH);
        return Losses.mse(model.forward(xTrain.indexSelect(0, idx)), yTrain.indexSelect(0, idx));
      }

      @Override
      public double evaluate() {
        return Module.noGrad(() -> Losses.mse(model.forward(xVal), yVal).item());
      }
    };
  }
}
