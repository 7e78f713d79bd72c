package io.frontier.multiobjective.pde;

/**
 * The finite-difference control problem with the non-smooth state equation
 * {@code A y + kappa max(0, y) = u + f}, with a fixed, uncontrolled source f (zero unless given),
 * where A = tridiag(-1, 2, -1) / h^2 is the Dirichlet Laplacian
 * -d^2/dx^2 on N interior nodes x_i = i h of (0, 1), h = 1 / (N + 1), and the objectives
 * <pre>
 *   J1(u) = 1/2 h sum_i (y_i(u) - yd_i)^2,      J2(u) = 1/2 h sum_i u_i^2.
 * </pre>
 * The state is found by semismooth Newton with the generalised derivative
 * G(y) = A + kappa diag(1[y > 0]); each step is a tridiagonal (Thomas) solve. The gradient of J1 is
 * obtained by the adjoint: G(y) p = y - yd, dJ1/du = h p (Euclidean gradient; in the L2_h inner
 * product h sum a_i b_i the gradient is p itself). The gradient of J2 is h u. Where some y_i = 0 the
 * map u -> J1 is not differentiable and the formula gives the element of the generalised derivative
 * with the node counted inactive.
 *
 * <p>With f = 0 the uncontrolled state is y = 0, the kink of max(0, y), and every front computed for
 * this state equation so far has been convex. A source f > 0 puts the uncontrolled state on the stiff
 * branch (gain 1 / (A + kappa)); a control that has to pull y below 0 then first works against the
 * stiff branch and gains more per unit of control once nodes cross to the soft branch (gain 1 / A).
 * These increasing returns make the front non-convex (see the package notes).
 *
 * <p>kappa may be negative as long as kappa > -lambda_1 (the smallest eigenvalue of A), which keeps
 * y -> A y + kappa max(0, y) strongly monotone so that the state exists and is unique.
 */
public final class MaxPoissonControl implements BiObjective {
  private final int n;
  private final double h;
  private final double kappa;
  private final double[] target;
  private final double[] source;
  private final double tolerance;
  private final int maxNewtonIterations;

  /**
   * @param kappa               the coefficient of max(0, y); must exceed -lambda_1 (see {@link #lambda1})
   * @param target              yd at the N interior nodes (N >= 1)
   * @param source              f at the N interior nodes
   * @param tolerance           Newton stops when max_i |A y + kappa max(0, y) - u - f|_i <= tolerance (1 + max_i |u_i + f_i|)
   * @param maxNewtonIterations Newton steps allowed before an {@link IllegalStateException}
   */
  public MaxPoissonControl(double kappa, double[] target, double[] source, double tolerance, int maxNewtonIterations) {
    if (target == null || target.length == 0) throw new IllegalArgumentException("MaxPoissonControl: target must have at least one node");
    for (int i = 0; i < target.length; i++) {
      if (!Double.isFinite(target[i])) throw new IllegalArgumentException("MaxPoissonControl: target[" + i + "] is not finite: " + target[i]);
    }
    if (source == null || source.length != target.length) {
      throw new IllegalArgumentException("MaxPoissonControl: source must have the target's length " + target.length
          + ", got " + (source == null ? "null" : source.length));
    }
    for (int i = 0; i < source.length; i++) {
      if (!Double.isFinite(source[i])) throw new IllegalArgumentException("MaxPoissonControl: source[" + i + "] is not finite: " + source[i]);
    }
    this.n = target.length;
    this.h = 1.0 / (n + 1);
    if (!Double.isFinite(kappa) || kappa <= -lambda1(n)) {
      throw new IllegalArgumentException("MaxPoissonControl: kappa must be finite and > -lambda_1 = " + -lambda1(n) + ", got " + kappa);
    }
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) throw new IllegalArgumentException("MaxPoissonControl: tolerance must be finite and > 0, got " + tolerance);
    if (maxNewtonIterations < 1) throw new IllegalArgumentException("MaxPoissonControl: maxNewtonIterations must be >= 1, got " + maxNewtonIterations);
    this.kappa = kappa;
    this.target = target.clone();
    this.source = source.clone();
    this.tolerance = tolerance;
    this.maxNewtonIterations = maxNewtonIterations;
  }

  /** No source (f = 0). */
  public MaxPoissonControl(double kappa, double[] target, double tolerance, int maxNewtonIterations) {
    this(kappa, target, target == null ? null : new double[target.length], tolerance, maxNewtonIterations);
  }

  /** No source, tolerance 1e-10 and at most 100 Newton steps. */
  public MaxPoissonControl(double kappa, double[] target) {
    this(kappa, target, 1e-10, 100);
  }

  /** Tolerance 1e-10 and at most 100 Newton steps. */
  public MaxPoissonControl(double kappa, double[] target, double[] source) {
    this(kappa, target, source, 1e-10, 100);
  }

  /** The smallest eigenvalue (4 / h^2) sin^2(pi h / 2) of A on N interior nodes; its eigenvector is sin(pi x_i). */
  public static double lambda1(int nodes) {
    double h = 1.0 / (nodes + 1);
    double s = Math.sin(Math.PI * h / 2);
    return 4 / (h * h) * s * s;
  }

  /** The interior nodes x_i = i h, i = 1..N. */
  public static double[] nodes(int count) {
    double[] x = new double[count];
    for (int i = 0; i < count; i++) x[i] = (i + 1.0) / (count + 1);
    return x;
  }

  @Override
  public int dimension() {
    return n;
  }

  public double gridSpacing() {
    return h;
  }

  public double kappa() {
    return kappa;
  }

  /** The state y(u) solving A y + kappa max(0, y) = u + f. */
  public double[] state(double[] u) {
    checkControl(u);
    double[] y = new double[n];
    double scale = 1;
    for (int i = 0; i < n; i++) scale = Math.max(scale, 1 + Math.abs(u[i] + source[i]));
    double residual = Double.NaN;
    for (int it = 0; it <= maxNewtonIterations; it++) {
      double[] r = residual(y, u);
      residual = 0;
      for (double v : r) residual = Math.max(residual, Math.abs(v));
      if (residual <= tolerance * scale) return y;
      if (it == maxNewtonIterations) break;
      for (int i = 0; i < n; i++) r[i] = -r[i];
      double[] step = Tridiagonal.solve(jacobianDiagonal(y), -1 / (h * h), r);
      for (int i = 0; i < n; i++) y[i] += step[i];
    }
    throw new IllegalStateException("MaxPoissonControl: semismooth Newton did not reach residual " + tolerance * scale
        + " in " + maxNewtonIterations + " iterations (residual " + residual + ")");
  }

  /** The residual A y + kappa max(0, y) - u - f. */
  double[] residual(double[] y, double[] u) {
    double inv = 1 / (h * h);
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      double left = i > 0 ? y[i - 1] : 0;
      double right = i < n - 1 ? y[i + 1] : 0;
      r[i] = inv * (2 * y[i] - left - right) + kappa * Math.max(0, y[i]) - u[i] - source[i];
    }
    return r;
  }

  /** The diagonal of G(y) = A + kappa diag(1[y > 0]); the off-diagonals are -1/h^2. */
  private double[] jacobianDiagonal(double[] y) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) d[i] = 2 / (h * h) + (y[i] > 0 ? kappa : 0);
    return d;
  }

  /** J1, J2 and their gradients h p and h u (p the adjoint state). */
  @Override
  public Evaluation evaluate(double[] u) {
    double[] y = state(u);
    double[] misfit = new double[n];
    double j1 = 0;
    double j2 = 0;
    for (int i = 0; i < n; i++) {
      misfit[i] = y[i] - target[i];
      j1 += misfit[i] * misfit[i];
      j2 += u[i] * u[i];
    }
    double[] p = Tridiagonal.solve(jacobianDiagonal(y), -1 / (h * h), misfit);
    double[] g1 = new double[n];
    double[] g2 = new double[n];
    for (int i = 0; i < n; i++) {
      g1[i] = h * p[i];
      g2[i] = h * u[i];
    }
    return new Evaluation(new double[] {0.5 * h * j1, 0.5 * h * j2}, new double[][] {g1, g2});
  }

  private void checkControl(double[] u) {
    if (u == null || u.length != n) {
      throw new IllegalArgumentException("MaxPoissonControl: control must have length " + n + ", got " + (u == null ? "null" : u.length));
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(u[i])) throw new IllegalArgumentException("MaxPoissonControl: u[" + i + "] is not finite: " + u[i]);
    }
  }
}
