package io.frontier.optim;

/**
 * The outcome of {@link Minimizer#minimize}: the last iterate, the objective there, the iterations
 * and objective evaluations spent, and why the run stopped.
 */
public record MinimizeResult(double[] x, double f, int iterations, int evaluations, ConvergenceReason reason) {}
