package io.frontier.optim;

/** Why an L-BFGS or L-BFGS-B run stopped. */
public enum ConvergenceReason {
  /** The (projected) gradient's largest component is at most {@code toleranceGrad}. */
  GRADIENT_TOLERANCE,
  /** A step moved no component by more than {@code toleranceChange}. */
  STEP_TOLERANCE,
  /** The objective changed by less than {@code toleranceChange} in one iteration. */
  FUNCTION_TOLERANCE,
  /** The search direction's directional derivative is above {@code -toleranceChange}: no descent left. */
  DIRECTIONAL_DERIVATIVE,
  /** {@code maxIter} iterations ran. */
  MAX_ITERATIONS,
  /** {@code maxEval} objective evaluations ran. */
  MAX_EVALUATIONS,
  /** L-BFGS-B only: no step along the steepest-descent arc decreased the objective (at machine precision). */
  LINE_SEARCH_FAILED
}
