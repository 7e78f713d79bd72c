package io.frontier.rl.gflownet;

import java.util.Arrays;

/**
 * The hypergrid of Bengio et al. (2021, "Flow network based generative models"), the standard
 * GFlowNet benchmark: a state is {@code x in {0, ..., H-1}^D}, trajectories start at the origin
 * {@code s_0 = 0}, an action either increments one coordinate {@code i} (allowed while
 * {@code x_i < H-1}) or stops (action {@code D}), and stopping at {@code x} makes {@code x} the
 * object. Every state can stop, so there are {@code H^D} objects and the state graph is a DAG. This
 * is the variant of later libraries such as gfnx, which keep increments off the edge; Malkin et
 * al.'s original grid code instead ends a trajectory as soon as a coordinate reaches {@code H-1}.
 *
 * <p>States are numbered row-major, {@code index(x) = sum_i x_i H^(D-1-i)}. Incrementing a coordinate
 * raises the index, so increasing index is a topological order of the DAG, which is what the exact
 * flow computations in {@link HypergridFlows} walk.
 *
 * <p>The backward policy is fixed and uniform (one of the two options of Malkin et al.'s grid code,
 * {@code --uniform_pb}; the other learns it): a state {@code s'} with {@code k} non-zero
 * coordinates has {@code k} parents and {@code P_B(s | s') = 1 / k}; the stop edge
 * {@code x -> x_f} has a single parent, so its {@code P_B} is 1.
 */
public final class Hypergrid {
  private final int dim;
  private final int side;
  private final int numStates;
  private final int[] strides;

  /** A {@code side^dim} grid; {@code side >= 2}, {@code dim >= 1}. */
  public Hypergrid(int dim, int side) {
    if (dim < 1 || side < 2) throw new IllegalArgumentException("Hypergrid: need dim >= 1 and side >= 2, got dim=" + dim + ", side=" + side);
    long n = 1;
    for (int i = 0; i < dim; i++) {
      n *= side;
      if (n > 1 << 24) throw new IllegalArgumentException("Hypergrid: " + side + "^" + dim + " states is too many to enumerate");
    }
    this.dim = dim;
    this.side = side;
    this.numStates = (int) n;
    this.strides = new int[dim];
    int s = 1;
    for (int i = dim - 1; i >= 0; i--) {
      strides[i] = s;
      s *= side;
    }
  }

  /** D, the number of coordinates. */
  public int dim() {
    return dim;
  }

  /** H, the number of values per coordinate. */
  public int side() {
    return side;
  }

  /** {@code H^D}: states, all of them possible objects. */
  public int numStates() {
    return numStates;
  }

  /** {@code D + 1}: one increment per coordinate, then stop. */
  public int numActions() {
    return dim + 1;
  }

  /** The stop action's id, {@code D}. */
  public int stopAction() {
    return dim;
  }

  /** The row-major index of {@code x}. */
  public int index(int... x) {
    if (x.length != dim) throw new IllegalArgumentException("Hypergrid.index: state has " + x.length + " coordinates, grid has " + dim);
    int idx = 0;
    for (int i = 0; i < dim; i++) {
      if (x[i] < 0 || x[i] >= side) throw new IllegalArgumentException("Hypergrid.index: coordinate " + i + " = " + x[i] + " is outside [0, " + side + ")");
      idx += x[i] * strides[i];
    }
    return idx;
  }

  /** The coordinates of state {@code index}. */
  public int[] coordinates(int index) {
    checkState(index);
    int[] x = new int[dim];
    for (int i = 0; i < dim; i++) x[i] = coordinate(index, i);
    return x;
  }

  /** {@code x_i} of state {@code index}. */
  public int coordinate(int index, int i) {
    return (index / strides[i]) % side;
  }

  /** Whether {@code action} is allowed in state {@code index}: stop always, an increment below the edge. */
  public boolean isValid(int index, int action) {
    if (action == dim) return true;
    if (action < 0 || action > dim) throw new IllegalArgumentException("Hypergrid: action " + action + " is outside [0, " + (dim + 1) + ")");
    return coordinate(index, action) < side - 1;
  }

  /** The state reached from {@code index} by incrementing coordinate {@code i} (which must be allowed). */
  public int child(int index, int i) {
    if (!isValid(index, i) || i == dim) {
      throw new IllegalArgumentException("Hypergrid.child: cannot increment coordinate " + i + " of " + Arrays.toString(coordinates(index)));
    }
    return index + strides[i];
  }

  /** The number of parents of a state: its non-zero coordinates. */
  public int numParents(int index) {
    int k = 0;
    for (int i = 0; i < dim; i++) if (coordinate(index, i) > 0) k++;
    return k;
  }

  /**
   * {@code log P_B} of the increment edge into {@code child}, {@code -log(#parents(child))} under the
   * uniform backward policy. The stop edge's is 0 and is not asked for here.
   */
  public double logBackward(int child) {
    int k = numParents(child);
    if (k == 0) throw new IllegalArgumentException("Hypergrid.logBackward: the origin has no parent");
    return -Math.log(k);
  }

  /** The policy's input for a state: one one-hot block of length H per coordinate, written into {@code out} at {@code offset}. */
  public void encode(int index, double[] out, int offset) {
    for (int i = 0; i < dim; i++) {
      for (int v = 0; v < side; v++) out[offset + i * side + v] = 0;
      out[offset + i * side + coordinate(index, i)] = 1;
    }
  }

  /** Length of {@link #encode}'s block: {@code D * H}. */
  public int encodingSize() {
    return dim * side;
  }

  /** Grid coordinates scaled to [0, 1], {@code x / (H - 1)}. */
  public double[] unitCoordinates(int index) {
    double[] u = new double[dim];
    for (int i = 0; i < dim; i++) u[i] = coordinate(index, i) / (double) (side - 1);
    return u;
  }

  void checkState(int index) {
    if (index < 0 || index >= numStates) throw new IllegalArgumentException("Hypergrid: state " + index + " is outside [0, " + numStates + ")");
  }

  @Override
  public String toString() {
    return "Hypergrid(D=" + dim + ", H=" + side + ")";
  }
}
