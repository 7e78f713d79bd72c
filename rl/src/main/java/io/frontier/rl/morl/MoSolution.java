package io.frontier.rl.morl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One deterministic policy found by a multi-objective solver, as the episode it plays from the
 * start state: its undiscounted vector return and the actions taken.
 */
public record MoSolution(double[] vectorReturn, int[] actions) {

  public MoSolution {
    vectorReturn = vectorReturn.clone();
    actions = actions.clone();
  }

  @Override
  public double[] vectorReturn() {
    return vectorReturn.clone();
  }

  @Override
  public int[] actions() {
    return actions.clone();
  }

  /** The number of steps of the episode. */
  public int length() {
    return actions.length;
  }

  /** The vector returns of {@code solutions}, one row each, in order. */
  public static double[][] returns(Iterable<MoSolution> solutions) {
    List<double[]> rows = new ArrayList<>();
    for (MoSolution s : solutions) rows.add(s.vectorReturn());
    return rows.toArray(new double[0][]);
  }

  @Override
  public String toString() {
    return "MoSolution[return=" + Arrays.toString(vectorReturn) + ", steps=" + actions.length + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MoSolution s && Arrays.equals(vectorReturn, s.vectorReturn) && Arrays.equals(actions, s.actions);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(vectorReturn) + Arrays.hashCode(actions);
  }
}
