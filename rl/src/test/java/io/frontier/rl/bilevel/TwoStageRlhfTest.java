package io.frontier.rl.bilevel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.autograd.Autograd;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TwoStageRlhfTest {

  @Test
  void fittedRewardMaximisesTheLikelihoodOnInitialPolicyData() {
    Random rng = new Random(41);
    TabularMdp mdp = Mdps.random(rng, 4, 2, 2, 0.9);
    Trajectories t = new Trajectories(mdp, 4, 1 << 12);
    Tensor labels = PreferenceLikelihood.bradleyTerryLabels(t.returns(Mdps.gaussian(rng, 4, 2), 0.9), 2.0);
    PreferenceLikelihood upper = new PreferenceLikelihood(t, labels, Mdps.gaussian(rng, 4, 2, 3), 0.9, 0.1);
    Tensor logPi0 = Mdps.randomPolicy(rng, 4, 2).log();
    TwoStageRlhf.Fit fit = TwoStageRlhf.fit(upper, logPi0, Tensor.zeros(DType.FLOAT64, 3));
    Tensor theta = fit.theta().clone().requiresGrad_(true);
    double gradNorm = Autograd.grad(upper.value(theta, logPi0), theta)[0].norm().item();
    double best = upper.value(fit.theta(), logPi0).item();
    double worstGain = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < 20; k++) {
      worstGain = Math.max(worstGain, upper.value(fit.theta().add(Mdps.gaussian(rng, 3).mul(1e-3)), logPi0).item() - best);
    }
    System.out.printf("TwoStageRlhfTest: fit stopped on %s, |grad G| = %.2e, best nearby gain %.2e%n", fit.reason(), gradNorm, worstGain);
    assertTrue(gradNorm < 1e-6, "gradient norm at the fit " + gradNorm);
    assertTrue(worstGain <= 0, "a nearby theta does better by " + worstGain);
  }
}
