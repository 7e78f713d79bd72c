package io.frontier.rl.gflownet;

import io.frontier.rl.morl.MorlMetrics;

/**
 * A vector reward {@code R(x) = (R_1(x), ..., R_K(x))} on every state of a {@link Hypergrid}, all
 * objectives maximised and positive, held as a table so that the true Pareto front can be
 * enumerated.
 *
 * <p>{@link #quarterCircle} is the two-objective task the tests use: its Pareto set is known by
 * construction (lattice points within a grid step of the arc {@code |u| = 1}), it lies far from the
 * origin, so a sampler that stops early covers little of it, and its continuous front is concave, so
 * weighted-sum preferences steer along all of it. The MOGFN paper's hypergrid objectives
 * (Branin, Currin, ...) were not used: normalised on an 8 x 8 grid their front collapses to 5 points,
 * one of which nearly dominates the rest.
 */
public final class GridObjectives {
  private final Hypergrid grid;
  private final double[][] values;

  private GridObjectives(Hypergrid grid, double[][] values) {
    this.grid = grid;
    this.values = values;
  }

  /**
   * Two objectives whose Pareto set is the quarter circle {@code |u| = 1}, {@code u = x / (H-1)}:
   * in polar coordinates {@code (rho, theta)} of {@code u},
   * {@code R_1 = r0 + (1 - r0) h(rho) cos(theta)}, {@code R_2 = r0 + (1 - r0) h(rho) sin(theta)}
   * with the ridge {@code h(rho) = exp(-(rho - 1)^2 / (2 width^2))}. For a fixed angle both objectives
   * peak on the ridge, and along it they trade off as {@code (cos theta, sin theta)}, so the
   * continuous front is a quarter circle, every point of it the maximiser of some weighted sum. On
   * the lattice the front is the grid points within a grid step of the arc, and only some of them
   * are supported (13 of 23 on 12 x 12 with width 0.2), though all keep mass under a sampler. The
   * floor {@code r0 > 0} keeps {@code log R} finite everywhere; no state scores below it.
   */
  public static GridObjectives quarterCircle(Hypergrid grid, double width, double floor) {
    if (grid.dim() != 2) throw new IllegalArgumentException("quarterCircle: needs a 2-D grid, got " + grid);
    if (!(width > 0)) throw new IllegalArgumentException("quarterCircle: width must be positive, got " + width);
    if (!(floor > 0 && floor < 1)) throw new IllegalArgumentException("quarterCircle: floor must be in (0, 1), got " + floor);
    double[][] v = new double[grid.numStates()][2];
    for (int s = 0; s < grid.numStates(); s++) {
      double[] u = grid.unitCoordinates(s);
      double rho = Math.hypot(u[0], u[1]);
      double theta = rho == 0 ? Math.PI / 4 : Math.atan2(u[1], u[0]);
      double h = Math.exp(-(rho - 1) * (rho - 1) / (2 * width * width));
      v[s][0] = floor + (1 - floor) * h * Math.cos(theta);
      v[s][1] = floor + (1 - floor) * h * Math.sin(theta);
    }
    return new GridObjectives(grid, v);
  }

  /** From a table {@code values (numStates, K)} of positive, finite objective values (copied). */
  public static GridObjectives of(Hypergrid grid, double[][] values) {
    if (values.length != grid.numStates()) throw new IllegalArgumentException("GridObjectives: " + values.length + " rows for " + grid.numStates() + " states");
    int k = values[0].length;
    double[][] copy = new double[values.length][];
    for (int s = 0; s < values.length; s++) {
      if (values[s].length != k) throw new IllegalArgumentException("GridObjectives: row " + s + " has " + values[s].length + " objectives, row 0 has " + k);
      for (double r : values[s]) {
        if (!(r > 0) || !Double.isFinite(r)) throw new IllegalArgumentException("GridObjectives: objective value " + r + " of state " + s + " is not positive and finite");
      }
      copy[s] = values[s].clone();
    }
    return new GridObjectives(grid, copy);
  }

  public Hypergrid grid() {
    return grid;
  }

  /** K. */
  public int numObjectives() {
    return values[0].length;
  }

  /** {@code R(x)} of state {@code index} (a copy). */
  public double[] of(int index) {
    grid.checkState(index);
    return values[index].clone();
  }

  /** {@code R_k(x)} of state {@code index}. */
  public double value(int index, int k) {
    return values[index][k];
  }

  /** The true Pareto front over all states (maximisation), duplicates dropped, sorted by objective 0. */
  public double[][] paretoFront() {
    return MorlMetrics.paretoFront(values);
  }
}
