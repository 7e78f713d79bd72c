package io.frontier.optim.bayes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.optim.bayes.testfunctions.Branin;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The ask/tell loop: design, reproducibility, batches, parallel evaluation, progress, input checks. */
class BayesOptTest {
  private static final Branin BRANIN = new Branin();
  private static final Bounds BOX = Bounds.of(BRANIN.lower(), BRANIN.upper());
  private static final AcquisitionOptimizer.Options SMALL = new AcquisitionOptimizer.Options(64, 2,
      io.frontier.optim.LbfgsOptions.defaults().withMaxIter(30));

  private static BayesOpt.Builder small(long seed) {
    return BayesOpt.builder(BOX).seed(seed).initialPoints(4).optimizerOptions(SMALL).modelFactory(ModelFactory.noiselessGp());
  }

  @Test
  void initialDesignIsSobolInsideTheBoxAndSeeded() {
    double[][] a = small(3).build().suggest(4);
    double[][] b = small(3).build().suggest(4);
    double[][] c = small(4).build().suggest(4);
    for (int i = 0; i < 4; i++) {
      BOX.check("design", a[i]);
      assertArrayEquals(a[i], b[i], 0);
    }
    assertTrue(a[0][0] != c[0][0], "different seeds should shift the design");
    // A Sobol net puts one of the first 4 points in each half of every axis twice over.
    for (int axis = 0; axis < 2; axis++) {
      int low = 0;
      double mid = (BOX.lower()[axis] + BOX.upper()[axis]) / 2;
      for (double[] p : a) if (p[axis] < mid) low++;
      assertEquals(2, low, "points below the middle of axis " + axis);
    }
  }

  @Test
  void sameSeedReproducesTheWholeRun() {
    BayesOpt.Result r1 = small(7).build().minimize(BRANIN::value, 7);
    BayesOpt.Result r2 = small(7).build().minimize(BRANIN::value, 7);
    assertArrayEquals(r1.ys(), r2.ys(), 0);
    assertArrayEquals(r1.bestX(), r2.bestX(), 0);
  }

  @Test
  void suggestionsAfterTheDesignComeFromTheAcquisitionAndBeatTheDesignAlone() {
    BayesOpt bo = small(1).optimizerOptions(AcquisitionOptimizer.Options.defaults()).build();
    bo.minimize(BRANIN::value, 4);
    double[] sobolNext = new SobolDesign(BOX, 1).next(5)[4];
    double[][] next = bo.suggest(1);
    assertTrue(next[0][0] != sobolNext[0], "the fifth point should come from the acquisition, not the design");
    BayesOpt.Result after = bo.minimize(BRANIN::value, 24);
    assertEquals(24, after.ys().length);
    double sobolBest = Double.POSITIVE_INFINITY;
    for (double[] x : new SobolDesign(BOX, 1).next(24)) sobolBest = Math.min(sobolBest, BRANIN.value(x));
    assertTrue(after.bestY() < sobolBest, "24 evaluations: BO best " + after.bestY() + ", Sobol best " + sobolBest + ", BO values " + java.util.Arrays.toString(after.ys()));
  }

  @Test
  void batchesAreEvaluatedInParallelThroughTheExecutor() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<BayesOpt.Progress> progress = new ArrayList<>();
      BayesOpt.Result r = small(2).batchSize(3).executor(pool).listener(progress::add).build().minimize(x -> {
        threads.add(Thread.currentThread().getName());
        return BRANIN.value(x);
      }, 9);
      assertEquals(9, r.ys().length);
      assertTrue(threads.size() > 1, "evaluations ran on " + threads);
      assertEquals(9, progress.size());
      for (int i = 0; i < progress.size(); i++) {
        assertEquals(i + 1, progress.get(i).evaluation());
        if (i > 0) assertTrue(progress.get(i).bestY() <= progress.get(i - 1).bestY());
      }
      assertEquals(r.bestY(), progress.get(8).bestY(), 0);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void batchSuggestionWithOnePointAcquisitionGivesDistinctPoints() {
    BayesOpt bo = small(5).build();
    bo.minimize(BRANIN::value, 6);
    double[][] batch = bo.suggest(3);
    assertEquals(3, batch.length);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < i; j++) {
        double dist = Math.hypot(batch[i][0] - batch[j][0], batch[i][1] - batch[j][1]);
        assertTrue(dist > 1e-3, "kriging believer repeated a point: " + dist);
      }
    }
  }

  @Test
  void rejectsBadObservationsWithClearMessages() {
    BayesOpt bo = small(0).build();
    IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> bo.observe(new double[] {11, 1}, 1));
    assertTrue(outside.getMessage().contains("outside"), outside.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> bo.observe(new double[] {1, 1}, Double.NaN));
    assertTrue(nan.getMessage().contains("not finite"), nan.getMessage());
    assertThrows(IllegalArgumentException.class, () -> bo.observe(new double[][] {{1, 1}}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> Bounds.of(new double[] {0}, new double[] {0}));
    assertThrows(IllegalArgumentException.class, () -> bo.suggest(0));
  }

  @Test
  void jointBatchAcquisitionSuggestsQDistinctPointsInsideTheBox() {
    BayesOpt bo = small(6).acquisition(AcquisitionFactory.qNoisyExpectedImprovement(64)).build();
    bo.minimize(BRANIN::value, 5);
    double[][] batch = bo.suggest(2);
    assertEquals(2, batch.length);
    BOX.check("batch", batch[0]);
    BOX.check("batch", batch[1]);
    assertTrue(Math.hypot(batch[0][0] - batch[1][0], batch[0][1] - batch[1][1]) > 1e-3, "q-NEI chose the same point twice");
  }
}
