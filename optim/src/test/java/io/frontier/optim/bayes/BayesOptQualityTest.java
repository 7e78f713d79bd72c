package io.frontier.optim.bayes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.optim.bayes.testfunctions.Branin;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Optimisation quality on Branin (issue 7's acceptance test, reference §3.5): LogEI with a GP, 5
 * Sobol points then 35 sequential ones, reaches a median simple regret below 1e-3 and beats random
 * search with ten times the budget. Three seeds here to keep the module's test time low; the
 * ten-seed check (with Hartmann-6 and BraninCurrin) is {@code ./frontier demo bo --seeds 10}.
 */
class BayesOptQualityTest {
  private static final int SEEDS = 3;
  private static final int BUDGET = 40;

  @Test
  void logEiOnBraninReachesRegretBelow1e3In40EvaluationsAndBeatsTenfoldRandomSearch() {
    Branin f = new Branin();
    Bounds box = Bounds.of(f.lower(), f.upper());
    double[] bo = new double[SEEDS];
    double[] random = new double[SEEDS];
    for (int s = 0; s < SEEDS; s++) {
      bo[s] = BayesOpt.builder(box).seed(s).initialPoints(5).modelFactory(ModelFactory.noiselessGp()).build()
          .minimize(f::value, BUDGET).bestY() - Branin.OPTIMUM;
      SplittableRandom rng = new SplittableRandom(100 + s);
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < 10 * BUDGET; i++) {
        best = Math.min(best, f.value(box.fromUnit(new double[] {rng.nextDouble(), rng.nextDouble()})));
      }
      random[s] = best - Branin.OPTIMUM;
    }
    double medianBo = median(bo);
    double medianRandom = median(random);
    assertTrue(medianBo < 1e-3, "median regret " + medianBo + " over " + Arrays.toString(bo));
    assertTrue(medianBo < medianRandom, "BO " + medianBo + " vs random search with 10x budget " + medianRandom);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }
}
