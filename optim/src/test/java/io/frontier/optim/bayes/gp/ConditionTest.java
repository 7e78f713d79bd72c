package io.frontier.optim.bayes.gp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.autograd.GradCheck;
import io.frontier.optim.bayes.Posterior;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fantasy conditioning against an exact model built on the concatenated data. */
class ConditionTest {
  private static final Tensor X = Tensor.rand(new Generator(11), DType.FLOAT64, 15, 2).mul(10).sub(5);
  private static final Tensor Y = X.select(1, 0).sin().add(X.select(1, 1).mul(0.3)).mul(4).add(7);
  private static final GpHyperparameters H = new GpHyperparameters(KernelFamily.MATERN_52, new double[] {0.3, 0.5}, 1.2, 0.02);

  @Test
  void conditionEqualsExactModelOnConcatenatedData() {
    ExactGp parent = new ExactGp(TrainingData.of(X, Y), H);
    Tensor xNew = Tensor.rand(new Generator(12), DType.FLOAT64, 3, 2).mul(12).sub(6);
    Tensor yNew = Tensor.of(2.0, 9.0, -1.0);
    ExactGp child = parent.condition(xNew, yNew);
    TrainingData all = TrainingData.of(Tensor.cat(List.of(X, xNew), 0), Tensor.cat(List.of(Y, yNew), 0),
        parent.data().normalizer(), parent.data().standardizer());
    ExactGp exact = new ExactGp(all, H);
    Tensor query = Tensor.rand(new Generator(13), DType.FLOAT64, 6, 2).mul(10).sub(5);
    Posterior a = child.posterior(query);
    Posterior b = exact.posterior(query);
    assertArrayEquals(b.mean().toDoubleArray(), a.mean().toDoubleArray(), 1e-9);
    assertArrayEquals(b.variance().toDoubleArray(), a.variance().toDoubleArray(), 1e-9);
    assertArrayEquals(b.covariance().toDoubleArray(), a.covariance().toDoubleArray(), 1e-9);
    assertEquals(exact.logMarginalLikelihood(), child.logMarginalLikelihood(), 1e-9);
    assertEquals(18, child.trainInputs().size(0));
    assertEquals(parent.noiseVariance(), child.noiseVariance(), 0.0);
  }

  @Test
  void conditioningLeavesTheParentUnchanged() {
    ExactGp parent = new ExactGp(TrainingData.of(X, Y), H);
    Tensor query = Tensor.of(new double[][] {{0.5, -0.5}});
    double before = parent.posterior(query).mean().item();
    parent.condition(Tensor.of(new double[][] {{0.5, -0.5}}), Tensor.of(100.0));
    assertEquals(before, parent.posterior(query).mean().item(), 0.0);
    assertEquals(15, parent.trainInputs().size(0));
  }

  @Test
  void fantasyPosteriorIsDifferentiableInTheFantasyPoint() {
    ExactGp parent = new ExactGp(TrainingData.of(X, Y), H);
    Tensor query = Tensor.of(new double[][] {{1.0, 2.0}, {-2.0, 0.5}});
    Tensor fantasyX = Tensor.of(new double[][] {{0.7, 1.1}}).requiresGrad_(true);
    GradCheck.check(in -> parent.condition(in[0], Tensor.of(3.0)).posterior(query).mean(), fantasyX);
  }
}
