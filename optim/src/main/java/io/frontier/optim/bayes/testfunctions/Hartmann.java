package io.frontier.optim.bayes.testfunctions;

/**
 * Hartmann functions on {@code [0, 1]^d}, d = 3 or 6:
 * {@code -Σ_{i=1..4} α_i exp(-Σ_j A_ij (x_j - P_ij)²)}, with α = (1, 1.2, 3, 3.2) and the A, P
 * tables of BoTorch's {@code synthetic.py} (P is the integer table × 1e-4). Minima: -3.86278 (d = 3)
 * and -3.32236801141551 (d = 6).
 */
public final class Hartmann extends BoxTestFunction {
  private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] A3 = {{3, 10, 30}, {0.1, 10, 35}, {3, 10, 30}, {0.1, 10, 35}};
  private static final double[][] P3 = {{3689, 1170, 2673}, {4699, 4387, 7470}, {1091, 8732, 5547}, {381, 5743, 8828}};
  private static final double[][] A6 = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8},
      {17, 8, 0.05, 10, 0.1, 14}};
  private static final double[][] P6 = {{1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
      {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};

  private final double[][] a;
  private final double[][] p;

  private Hartmann(double[][] a, double[][] p, double optimalValue, double[] minimizer) {
    super("Hartmann" + minimizer.length, new double[minimizer.length], constant(minimizer.length, 1), optimalValue,
        new double[][] {minimizer});
    this.a = a;
    this.p = p;
  }

  public static Hartmann threeD() {
    return new Hartmann(A3, P3, -3.86278214782076, new double[] {0.114614, 0.555649, 0.852547});
  }

  public static Hartmann sixD() {
    return new Hartmann(A6, P6, -3.32236801141551, new double[] {0.2016895, 0.1500107, 0.4768740, 0.2753324, 0.3116516, 0.6573005});
  }

  @Override
  public double value(double[] x) {
    check(x);
    int d = dim();
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < d; j++) {
        double diff = x[j] - p[i][j] * 1e-4;
        inner += a[i][j] * diff * diff;
      }
      sum += ALPHA[i] * Math.exp(-inner);
    }
    return -sum;
  }
}
