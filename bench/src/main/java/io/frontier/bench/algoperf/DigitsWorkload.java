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
 * UCI 8x8 digits (1,797 images, pixels scaled to [0, 1]) classified by an MLP 64-128-10 (ReLU),
 * minibatches of 64 drawn with replacement, mean cross-entropy; the metric is accuracy on 297
 * held-out images (a fixed permutation, seed 11).
 */
final class DigitsWorkload implements Workload {
  static final int TRAIN = 1500;
  static final int BATCH = 64;
  private static final long SPLIT_SEED = 11;

  private final double target;
  private final int maxSteps;
  private final double maxSeconds;
  private Tensor xTrain, yTrain, xVal, yVal;

  DigitsWorkload(double target, int maxSteps, double maxSeconds) {
    this.target = target;
    this.maxSteps = maxSteps;
    this.maxSeconds = maxSeconds;
  }

  @Override public String name() { return "digits-mlp"; }
  @Override public String metric() { return "accuracy"; }
  @Override public boolean higherIsBetter() { return true; }
  @Override public double target() { return target; }
  @Override public int maxSteps() { return maxSteps; }
  @Override public double maxSeconds() { return maxSeconds; }
  @Override public int evalEvery() { return 25; }

  private synchronized void load() {
    if (xTrain != null) return;
    double[][] rows = Resources.gzipCsv("digits.csv.gz");
    Tensor all = Tensor.of(rows).to(DType.FLOAT32);
    all = all.indexSelect(0, Tensor.randperm(new Generator(SPLIT_SEED), rows.length));
    Tensor x = all.narrow(1, 0, 64).div(16.0);
    Tensor y = all.select(1, 64).to(DType.INT64);
    xTrain = x.narrow(0, 0, TRAIN);
    yTrain = y.narrow(0, 0, TRAIN);
    xVal = x.narrow(0, TRAIN, rows.length - TRAIN);
    yVal = y.narrow(0, TRAIN, rows.length - TRAIN);
  }

  @Override
  public Instance build(long seed) {
    load();
    Generator g = new Generator(seed);
    MLP model = new MLP(UnaryOp.RELU, g, 64, 128, 10);
    return new Instance() {
      @Override public List<Tensor> parameters() { return model.parameters(); }

      @Override
      public Tensor trainLoss() {
        Tensor idx = Tensor.randint(g, 0, TRAIN, BATCH);
        return Losses.crossEntropy(model.forward(xTrain.indexSelect(0, idx)), yTrain.indexSelect(0, idx));
      }

      @Override
      public double evaluate() {
        return Module.noGrad(() -> model.forward(xVal).argmax(1, false).eq(yVal).to(DType.FLOAT64).mean().item());
      }
    };
  }
}
