package io.frontier.multiobjective.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.multiobjective.domain.AdaptationRun.Method;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * ParetoDA against source-only training, the 1:1 linear weighting L_S + L_D and MGDA's common
 * descent direction on a shifted-domain problem: three Gaussian blobs (radius 1.5, spread 0.6) in
 * the first two coordinates plus three class-free noise coordinates; the target domain rotates the
 * blobs by 30 degrees and shifts the noise coordinates by 4. 96 labelled source points, 96
 * unlabelled target points for L_D, a held-out batch of 48 further unlabelled target points for
 * ParetoDA's guide, 600 labelled target points for the score; 150 full-batch SGD steps (momentum
 * 0.9); 16 paired seeds; L_D is linear-kernel MMD. See {@link AdaptationRun}.
 *
 * <p>Measured (mean target accuracy over the 16 seeds):
 * <pre>
 *   lr     source-only  1:1    MGDA   ParetoDA
 *   0.05   0.662        0.712  0.748  0.782
 *   0.03   0.675        0.854  0.771  0.814
 * </pre>
 * ParetoDA beats source-only and MGDA at both step sizes. Against 1:1 it wins only at the larger
 * step, where the alignment gradient (10 to 100 times the source one) makes the 1:1 runs oscillate;
 * at the smaller step 1:1 is ahead by 0.04 (13 of 16 seeds). The cooperative constraint holds the
 * alignment part of the step to about the source gradient's length, so once the source loss is
 * small ParetoDA aligns slowly but stably: it trades some accuracy at a well-tuned step for
 * robustness to the step.
 *
 * <p>Not asserted: with Gaussian-kernel MMD (bandwidths 0.5, 1, 2, 4; otherwise the same runs) the
 * alignment loss is bounded and the picture is flat: 1:1 0.853 / 0.862, ParetoDA 0.848 / 0.855,
 * MGDA 0.813 / 0.846, source-only 0.662 / 0.675 at lr 0.05 / 0.03. The authors' executed rule
 * ({@link TargetAwareDirection.Rule#EPO_DESCENT}, two objectives) and
 * {@link TargetAwareDirection.Rule#MAX_ALIGNMENT} scored 0.648 / 0.686 and 0.399 / 0.673 in the
 * same runs, below source-only or barely above it (their endpoint choices let the large alignment
 * gradient through), so only the projection rule is compared here.
 */
class ParetoDAShiftedBlobsTest {
  private static final ShiftedBlobs PROBLEM = new ShiftedBlobs(3, 1.5, 0.6, 30, new double[] {0, 0, 4, 4, 4});
  private static final int SEEDS = 16;
  private static final double LARGE_STEP = 0.05;
  private static final double SMALL_STEP = 0.03;
  private static final Map<Double, Map<Method, double[]>> RESULTS = new ConcurrentHashMap<>();

  /** Target accuracies per method and seed at this learning rate, trained once per class run. */
  private static Map<Method, double[]> results(double lr) {
    return RESULTS.computeIfAbsent(lr, rate -> {
      AdaptationRun.Setup setup = new AdaptationRun.Setup(PROBLEM, 96, 96, 48, 600, 150, rate);
      Map<Method, double[]> out = new EnumMap<>(Method.class);
      for (Method m : Method.values()) {
        double[] accuracy = new double[SEEDS];
        for (int s = 0; s < SEEDS; s++) accuracy[s] = AdaptationRun.targetAccuracy(setup, m, s + 1);
        out.put(m, accuracy);
      }
      return out;
    });
  }

  @Test
  void paretoDaImprovesTargetAccuracyOverSourceOnlyAtBothSteps() {
    for (double lr : new double[] {LARGE_STEP, SMALL_STEP}) {
      Map<Method, double[]> r = results(lr);
      double gain = mean(r.get(Method.PARETO_DA)) - mean(r.get(Method.SOURCE_ONLY));
      int wins = wins(r.get(Method.PARETO_DA), r.get(Method.SOURCE_ONLY));
      // measured: +0.120 (14 of 16 seeds) at 0.05, +0.139 (15 of 16) at 0.03
      assertTrue(gain >= 0.08, "lr " + lr + ": mean gain over source-only " + gain);
      assertTrue(wins >= 12, "lr " + lr + ": ParetoDA ahead of source-only on " + wins + " of " + SEEDS + " seeds");
    }
  }

  @Test
  void targetGuideBeatsMgdaAmongTheCooperativeDirections() {
    for (double lr : new double[] {LARGE_STEP, SMALL_STEP}) {
      Map<Method, double[]> r = results(lr);
      double gain = mean(r.get(Method.PARETO_DA)) - mean(r.get(Method.MGDA));
      int wins = wins(r.get(Method.PARETO_DA), r.get(Method.MGDA));
      // measured: +0.034 (12 of 16 seeds) at 0.05, +0.043 (12 of 16) at 0.03
      assertTrue(gain >= 0.015, "lr " + lr + ": mean gain over MGDA " + gain);
      assertTrue(wins >= 10, "lr " + lr + ": ParetoDA ahead of MGDA on " + wins + " of " + SEEDS + " seeds");
    }
  }

  @Test
  void paretoDaBeatsOneToOneWeightingAtTheLargerStep() {
    Map<Method, double[]> r = results(LARGE_STEP);
    double gain = mean(r.get(Method.PARETO_DA)) - mean(r.get(Method.LINEAR_ONE_TO_ONE));
    // measured: +0.070 (ahead on 9 of 16 seeds; the 1:1 runs that oscillate lose up to 0.3)
    assertTrue(gain >= 0.03, "mean gain over 1:1 at lr " + LARGE_STEP + ": " + gain);
  }

  @Test
  void oneToOneWeightingLeadsAtTheSmallerStepButLosesMoreWhenTheStepGrows() {
    Map<Method, double[]> small = results(SMALL_STEP);
    Map<Method, double[]> large = results(LARGE_STEP);
    double lead = mean(small.get(Method.LINEAR_ONE_TO_ONE)) - mean(small.get(Method.PARETO_DA));
    // measured: 1:1 ahead by 0.040 at lr 0.03
    assertTrue(lead > 0 && lead < 0.07, "1:1 lead over ParetoDA at lr " + SMALL_STEP + ": " + lead);
    double linearDrop = mean(small.get(Method.LINEAR_ONE_TO_ONE)) - mean(large.get(Method.LINEAR_ONE_TO_ONE));
    double paretoDrop = mean(small.get(Method.PARETO_DA)) - mean(large.get(Method.PARETO_DA));
    // measured: 1:1 drops 0.142, ParetoDA 0.032
    assertTrue(paretoDrop < linearDrop - 0.05, "accuracy lost from lr 0.03 to 0.05: 1:1 " + linearDrop + ", ParetoDA " + paretoDrop);
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s / v.length;
  }

  private static int wins(double[] a, double[] b) {
    int n = 0;
    for (int i = 0; i < a.length; i++) if (a[i] > b[i]) n++;
    return n;
  }
}
