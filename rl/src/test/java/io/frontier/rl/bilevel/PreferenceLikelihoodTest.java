package io.frontier.rl.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PreferenceLikelihoodTest {

  @Test
  void valueIsTheProbabilityWeightedPairSumOfBradleyTerryLogLikelihoods() {
    Random rng = new Random(11);
    TabularMdp mdp = Mdps.random(rng, 3, 2, 2, 0.9);
    Trajectories t = new Trajectories(mdp, 3, 1 << 10);
    Tensor features = Mdps.gaussian(rng, 3, 2, 4);
    Tensor labels = PreferenceLikelihood.bradleyTerryLabels(t.returns(Mdps.gaussian(rng, 3, 2), 0.9), 2.0);
    double l2 = 0.3;
    PreferenceLikelihood g = new PreferenceLikelihood(t, labels, features, 0.9, l2);
    Tensor theta = Mdps.gaussian(rng, 4);
    Tensor logPi = Mdps.randomPolicy(rng, 3, 2).log();
    double[] p = t.probs(logPi).toDoubleArray();
    double[] ret = t.returns(g.reward(theta), 0.9).toDoubleArray();
    double[] mu = labels.toDoubleArray();
    int n = t.count();
    double expected = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double m = mu[i * n + j];
        double ll = m * Math.log(sigmoid(ret[i] - ret[j])) + (1 - m) * Math.log(sigmoid(ret[j] - ret[i]));
        expected += p[i] * p[j] * ll;
      }
    }
    double[] th = theta.toDoubleArray();
    for (double x : th) expected -= l2 / 2 * x * x;
    assertEquals(expected, g.value(theta, logPi).item(), 1e-12);
  }

  @Test
  void bradleyTerryLabelsPreferTheHigherUtilityAndAreComplementary() {
    Tensor mu = PreferenceLikelihood.bradleyTerryLabels(Tensor.of(0.0, 1.0, 3.0), 2.0);
    assertEquals(sigmoid(-2.0), mu.select(0, 0).select(0, 1).item(), 1e-15);
    assertEquals(sigmoid(4.0), mu.select(0, 2).select(0, 1).item(), 1e-15);
    assertEquals(0.0, mu.add(mu.t()).sub(1.0).abs().max().item(), 1e-15);
  }

  @Test
  void rejectsLabelsThatAreNotComplementary() {
    Trajectories t = new Trajectories(Mdps.chain(2, 0.9), 1, 16);
    Tensor labels = Tensor.of(new double[][] {{0.5, 0.9}, {0.9, 0.5}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PreferenceLikelihood(t, labels, Tensor.ones(io.frontier.tensor.DType.FLOAT64, 2, 2, 1), 0.9, 0.0));
    assertTrue(e.getMessage().contains("mu + mu^T = 1"), e.getMessage());
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
