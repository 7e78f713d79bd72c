package io.frontier.multiobjective.aggregate;

/**
 * MGDA (Desideri 2012; Sener and Koltun 2018): weights = the min-norm point of the convex hull of
 * the gradients, so the direction is a common descent direction of all objectives, or zero at a
 * Pareto-stationary point. Two objectives use the exact closed form; K > 2 use the chosen
 * {@link Solver}. No gradient normalisation is applied (normalise the losses or the Gram matrix
 * beforehand if wanted).
 */
public final class MGDA implements Aggregator {

  /** The iterative solver for K > 2. */
  public enum Solver { FRANK_WOLFE, PROJECTED_GRADIENT }

  private final Solver solver;
  private final int maxIterations;
  private final double relativeTolerance;

  /**
   * @param maxIterations     iteration cap of the solver
   * @param relativeTolerance stop when the Frank-Wolfe gap is at most this times max_i |g_i|^2
   */
  public MGDA(Solver solver, int maxIterations, double relativeTolerance) {
    if (solver == null) throw new IllegalArgumentException("MGDA: solver is null");
    if (maxIterations < 1) throw new IllegalArgumentException("MGDA: maxIterations must be positive, got " + maxIterations);
    if (!(relativeTolerance >= 0)) throw new IllegalArgumentException("MGDA: relativeTolerance must be >= 0, got " + relativeTolerance);
    this.solver = solver;
    this.maxIterations = maxIterations;
    this.relativeTolerance = relativeTolerance;
  }

  /** Projected gradient to a gap of 1e-13 max_i |g_i|^2 (at most 100000 iterations). */
  public MGDA() {
    this(Solver.PROJECTED_GRADIENT, 100_000, 1e-13);
  }

  /** Sener and Koltun's setting: Frank-Wolfe, at most 250 iterations, gap 1e-5 max_i |g_i|^2. */
  public static MGDA frankWolfe() {
    return new MGDA(Solver.FRANK_WOLFE, 250, 1e-5);
  }

  @Override
  public double[] weights(double[][] gram) {
    Jacobians.checkGram(gram);
    if (gram.length == 1) return new double[] {1};
    if (gram.length == 2) {
      double g = MinNorm.twoObjective(gram[0][0], gram[0][1], gram[1][1]);
      return new double[] {g, 1 - g};
    }
    return solver == Solver.FRANK_WOLFE
        ? MinNorm.frankWolfe(gram, maxIterations, relativeTolerance)
        : MinNorm.projectedGradient(gram, maxIterations, relativeTolerance);
  }
}
