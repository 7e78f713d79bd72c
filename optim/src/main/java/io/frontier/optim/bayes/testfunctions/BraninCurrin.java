package io.frontier.optim.bayes.testfunctions;

/**
 * The two-objective BraninCurrin problem on {@code [0, 1]²} (Belakaria et al. 2019; BoTorch's
 * {@code multi_objective.BraninCurrin}), both objectives minimised: Branin at
 * {@code (15 x₁ - 5, 15 x₂)} and Currin's exponential function
 * {@code (1 - exp(-1/(2 x₂))) (2300 x₁³ + 1900 x₁² + 2092 x₁ + 60) / (100 x₁³ + 500 x₁² + 4 x₁ + 20)}.
 * BoTorch's reference point is (18, 6), with maximum hypervolume about 59.36.
 */
public final class BraninCurrin {
  public static final double[] REFERENCE_POINT = {18, 6};
  public static final double MAX_HYPERVOLUME = 59.36011874867746;

  private BraninCurrin() {}

  public static int dim() {
    return 2;
  }

  /** Both objectives at x in {@code [0, 1]²}. */
  public static double[] values(double[] x) {
    if (x == null || x.length != 2) throw new IllegalArgumentException("BraninCurrin: expected a 2-d point, got " + (x == null ? "null" : x.length));
    double branin = Branin.of(15 * x[0] - 5, 15 * x[1]);
    double x1 = x[0];
    double factor = x[1] == 0 ? 1 : 1 - Math.exp(-1 / (2 * x[1]));
    double currin = factor * (2300 * x1 * x1 * x1 + 1900 * x1 * x1 + 2092 * x1 + 60) / (100 * x1 * x1 * x1 + 500 * x1 * x1 + 4 * x1 + 20);
    return new double[] {branin, currin};
  }
}
