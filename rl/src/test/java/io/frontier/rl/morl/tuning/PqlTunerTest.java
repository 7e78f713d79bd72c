package io.frontier.rl.morl.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.optim.LbfgsOptions;
import io.frontier.optim.bayes.AcquisitionOptimizer;
import io.frontier.optim.bayes.BayesOpt;
import io.frontier.rl.morl.DeepSeaTreasure.SeaMap;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PqlTunerTest {

  static final double[] DST_REF = {0, -25};
  static final long[] TUNING_SEEDS = {0, 1, 2};
  static final long[] HELD_OUT_SEEDS = {100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119};
  static final int STEPS = 6_000;
  static final int TRIALS = 25;

  static PqlTuner tuner() {
    return new PqlTuner(SeaMap.DEFAULT, STEPS, 200, DST_REF, TUNING_SEEDS);
  }

  static double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }

  @Test
  void theBoxCornersDecodeToTheirConfigurations() {
    PqlTuner t = tuner();
    assertEquals(new PqlConfig(0.8, 0, 0, 1, STEPS, 200), t.decode(PqlTuner.searchBox().lower()));
    assertEquals(new PqlConfig(1, 1, 1, STEPS, STEPS, 200), t.decode(PqlTuner.searchBox().upper()));
    assertEquals(new PqlConfig(0.9, 0.25, 0.75, 3_000, STEPS, 200), t.decode(new double[] {0.9, 0.25, 0.75, 0.5}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.decode(new double[] {0.7, 0, 0, 0}));
    assertTrue(e.getMessage().contains("x[0] = 0.7 is outside [0.8, 1.0]"), e.getMessage());
  }

  @Test
  void aTrialIsTheMeanHypervolumeOverItsSeedsOfIndependentRuns() {
    double[] x = {1, 1, 0.5, 1};
    PqlTuner.Trial trial = tuner().evaluate(x);
    double[] each = new double[TUNING_SEEDS.length];
    for (int i = 0; i < each.length; i++) {
      each[i] = ParetoQLearning.learn(SeaMap.DEFAULT, trial.config(), DST_REF, TUNING_SEEDS[i]).hypervolume(DST_REF);
    }
    assertArrayEquals(each, trial.hypervolumes(), 0);
    assertEquals(mean(each), trial.meanHypervolume(), 1e-12);
  }

  /**
   * Three paired runs (tuner seeds 1, 2, 3; the same learner seeds 0, 1, 2 for every trial), 25 trials
   * each, the best configuration of each re-trained on 20 held-out seeds. Measured: BO's best trial
   * means 374.9, 360.6, 374.6 against random search's 342.9, 359.5, 341.5; held out, 349.0, 339.2,
   * 347.8 against 334.4, 345.1, 327.5 (BO loses the second pair). BO settles at gamma 1, 0.983, 1,
   * random search's third pick has gamma 0.964, below the 0.972 that keeps the deepest treasure, and
   * scores 327.5 on every held-out seed. On tuner seeds 1 to 10 BO wins 7 of 10 held out (mean 348.0
   * against 335.8). morl-baselines' defaults reach 181.8 (ParetoQLearningTest).
   */
  @Test
  void bayesOptFindsHyperparametersAtLeastAsGoodAsRandomSearchWithTheSameBudgetAndSeeds() {
    PqlTuner t = tuner();
    AcquisitionOptimizer.Options light = new AcquisitionOptimizer.Options(128, 2, LbfgsOptions.defaults().withMaxIter(30));
    int pairs = 3;
    double[] boTrial = new double[pairs];
    double[] rsTrial = new double[pairs];
    double[] boHeldOut = new double[pairs];
    double[] rsHeldOut = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      long seed = i + 1;
      PqlTuner.Result bo = t.bayesOpt(BayesOpt.builder(PqlTuner.searchBox()).seed(seed).optimizerOptions(light).build(), TRIALS);
      PqlTuner.Result rs = t.randomSearch(TRIALS, seed);
      assertEquals(TRIALS, bo.trials().size());
      assertEquals(TRIALS, rs.trials().size());
      boTrial[i] = bo.best().meanHypervolume();
      rsTrial[i] = rs.best().meanHypervolume();
      boHeldOut[i] = mean(t.hypervolumes(bo.best().config(), HELD_OUT_SEEDS));
      rsHeldOut[i] = mean(t.hypervolumes(rs.best().config(), HELD_OUT_SEEDS));
      String msg = "tuner seed " + seed + ": BO " + bo.best() + ", random " + rs.best();
      assertTrue(bo.best().config().gamma() > Math.sqrt(22.4 / 23.7), msg);
      assertTrue(boHeldOut[i] > 300, msg + ", held out " + boHeldOut[i]);
    }
    String summary = "best trial BO " + Arrays.toString(boTrial) + " random " + Arrays.toString(rsTrial)
        + "; held out BO " + Arrays.toString(boHeldOut) + " random " + Arrays.toString(rsHeldOut);
    assertTrue(mean(boTrial) >= mean(rsTrial) + 10, summary);
    assertTrue(mean(boHeldOut) >= mean(rsHeldOut), summary);
  }

  @Test
  void bestSoFarNeverFallsAndEndsAtTheBestTrial() {
    PqlTuner t = new PqlTuner(SeaMap.DEFAULT, 1_000, 100, DST_REF, new long[] {0});
    PqlTuner.Result r = t.randomSearch(6, 3);
    double[] curve = r.bestSoFar();
    for (int i = 1; i < curve.length; i++) assertTrue(curve[i] >= curve[i - 1]);
    assertEquals(r.best().meanHypervolume(), curve[curve.length - 1]);
    assertThrows(IllegalArgumentException.class, () -> t.randomSearch(0, 1));
  }
}
