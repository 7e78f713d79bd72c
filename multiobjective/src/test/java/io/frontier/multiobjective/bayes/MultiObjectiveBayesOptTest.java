package io.frontier.multiobjective.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.multiobjective.pareto.Hypervolume;
import io.frontier.optim.bayes.Bounds;
import io.frontier.optim.bayes.SobolDesign;
import io.frontier.optim.bayes.testfunctions.BraninCurrin;
import org.junit.jupiter.api.Test;

/**
 * ParEGO and EHVI on BraninCurrin (reference point (18, 6), maximum hypervolume 59.36) reach a
 * hypervolume well above a Sobol design of the same budget. One seed and 24 evaluations here to keep
 * the module's test time low; {@code ./frontier demo bo --seeds 10} runs the ten-seed comparison.
 */
class MultiObjectiveBayesOptTest {
  private static final Bounds BOX = Bounds.unitCube(2);
  private static final int BUDGET = 24;

  private static double sobolHypervolume() {
    double[][] y = new double[BUDGET][];
    double[][] x = new SobolDesign(BOX, 0).next(BUDGET);
    for (int i = 0; i < BUDGET; i++) y[i] = BraninCurrin.values(x[i]);
    return Hypervolume.of(y, BraninCurrin.REFERENCE_POINT);
  }

  private static double run(MultiObjectiveBayesOpt.Strategy strategy) {
    MultiObjectiveBayesOpt.Result r = MultiObjectiveBayesOpt.builder(BOX, 2, BraninCurrin.REFERENCE_POINT).strategy(strategy).seed(0)
        .initialPoints(6).build().minimize(BraninCurrin::values, BUDGET);
    assertEquals(BUDGET, r.ys().length);
    assertEquals(Hypervolume.of(r.ys(), BraninCurrin.REFERENCE_POINT), r.hypervolume(), 1e-9);
    return r.hypervolume();
  }

  @Test
  void parEgoReachesTwiceTheSobolHypervolume() {
    double sobol = sobolHypervolume();
    double hv = run(MultiObjectiveBayesOpt.Strategy.PAREGO);
    assertTrue(hv > 2 * sobol, "ParEGO " + hv + " vs Sobol " + sobol);
  }

  @Test
  void ehviReachesFourFifthsOfTheMaximumHypervolume() {
    double sobol = sobolHypervolume();
    double hv = run(MultiObjectiveBayesOpt.Strategy.EHVI);
    assertTrue(hv > 2 * sobol && hv > 0.8 * BraninCurrin.MAX_HYPERVOLUME, "EHVI " + hv + " vs Sobol " + sobol);
    assertTrue(hv <= BraninCurrin.MAX_HYPERVOLUME + 0.1, "above the known maximum: " + hv);
  }

  @Test
  void rejectsObjectiveVectorsOfTheWrongLength() {
    MultiObjectiveBayesOpt bo = MultiObjectiveBayesOpt.builder(BOX, 2, BraninCurrin.REFERENCE_POINT).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bo.observe(new double[][] {{0.5, 0.5}}, new double[][] {{1, 2, 3}}));
    assertTrue(e.getMessage().contains("2 entries"), e.getMessage());
  }
}
