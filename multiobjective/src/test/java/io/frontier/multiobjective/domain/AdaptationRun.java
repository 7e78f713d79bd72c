package io.frontier.multiobjective.domain;

import io.frontier.autograd.Autograd;
import io.frontier.multiobjective.aggregate.Aggregator;
import io.frontier.multiobjective.aggregate.LinearScalarisation;
import io.frontier.multiobjective.aggregate.MGDA;
import io.frontier.multiobjective.aggregate.MultiObjectiveStep;
import io.frontier.nn.Linear;
import io.frontier.nn.Losses;
import io.frontier.nn.MLP;
import io.frontier.optim.Optimizer;
import io.frontier.optim.SGD;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One training run of a tanh MLP feature extractor (D-16-8) and a linear classifier (8-C) on a
 * {@link ShiftedBlobs} problem: full-batch SGD with momentum 0.9, source cross-entropy L_S and
 * linear-kernel MMD L_D between source and target features, combined by one of the compared
 * methods. The weights of every adaptation method sum to 2, as in L_S + L_D (the authors' code
 * scales its simplex weights by the number of objectives for the same reason); source-only trains
 * L_S alone, as a practitioner would. The classifier always gets dL_S/dhead (L_D does not reach it).
 * {@code seed} draws the data and the initial weights, so methods with the same seed are paired.
 */
final class AdaptationRun {

  enum Method { SOURCE_ONLY, LINEAR_ONE_TO_ONE, MGDA, PARETO_DA }

  /** The sizes and schedule of a run. */
  record Setup(ShiftedBlobs problem, int sourceSize, int targetSize, int heldOutSize, int testSize, int steps, double lr) {}

  private AdaptationRun() {}

  /** Target-domain test accuracy after training. */
  static double targetAccuracy(Setup s, Method method, long seed) {
    SplittableRandom data = new SplittableRandom(seed);
    ShiftedBlobs.Sample source = s.problem().source(s.sourceSize(), data);
    ShiftedBlobs.Sample target = s.problem().target(s.targetSize(), data);
    ShiftedBlobs.Sample heldOut = s.problem().target(s.heldOutSize(), data);
    ShiftedBlobs.Sample test = s.problem().target(s.testSize(), data);

    Generator g = new Generator(seed);
    MLP extractor = new MLP(UnaryOp.TANH, g, DType.FLOAT64, s.problem().dim(), 16, 8);
    Linear head = new Linear(8, s.problem().classes(), true, g, DType.FLOAT64);
    List<Tensor> shared = extractor.parameters();
    List<Tensor> headParams = head.parameters();
    List<Tensor> all = new ArrayList<>(shared);
    all.addAll(headParams);
    Optimizer optimizer = new SGD(all, SGD.Options.defaults().lr(s.lr()).momentum(0.9));
    for (int step = 0; step < s.steps(); step++) {
      optimizer.zeroGrad();
      Tensor sourceFeatures = extractor.forward(source.x());
      Tensor sourceLoss = Losses.crossEntropy(head.forward(sourceFeatures), source.y());
      if (method == Method.SOURCE_ONLY) {
        sourceLoss.backward();
      } else {
        Tensor alignmentLoss = DomainLosses.linearMmd(sourceFeatures, extractor.forward(target.x()));
        if (method == Method.PARETO_DA) {
          Tensor guideLoss = DomainLosses.tcmLoss(head.forward(extractor.forward(heldOut.x())));
          ParetoDA.backward(sourceLoss, alignmentLoss, guideLoss, shared, headParams, ParetoDA.Options.defaults());
        } else {
          Aggregator aggregator = method == Method.MGDA ? new MGDA() : new LinearScalarisation(1, 1);
          MultiObjectiveStep.backward(List.of(sourceLoss, alignmentLoss), shared, aggregator);
          if (method == Method.MGDA) for (Tensor p : shared) p.setGrad(p.grad().mul(2.0)); // simplex weights, scaled to sum 2
          Tensor[] headGrads = Autograd.grad(List.of(sourceLoss), null, headParams, false);
          for (int i = 0; i < headGrads.length; i++) headParams.get(i).setGrad(headGrads[i].detach());
        }
      }
      optimizer.step();
    }
    try (var scope = Autograd.noGrad()) {
      Tensor predicted = head.forward(extractor.forward(test.x())).argmax(1, false);
      return predicted.eq(test.y()).to(DType.FLOAT64).mean().item();
    }
  }
}
