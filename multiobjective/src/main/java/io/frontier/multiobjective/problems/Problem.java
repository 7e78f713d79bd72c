package io.frontier.multiobjective.problems;

/**
 * A box-constrained multi-objective problem: {@code evaluate(x)} maps a decision vector inside
 * {@code [lowerBounds(), upperBounds()]} to {@link #objectives()} values, every one of which is
 * minimised. Implementations must be thread-safe (solvers may evaluate in parallel).
 */
public interface Problem {

    /** A short name used in messages, e.g. {@code "ZDT1"}. */
    String name();

    /** Number of decision variables. */
    int dimensions();

    /** Number of objectives (all minimised). */
    int objectives();

    /** Lower bounds of the decision variables (a fresh copy, length {@link #dimensions()}). */
    double[] lowerBounds();

    /** Upper bounds of the decision variables (a fresh copy, length {@link #dimensions()}). */
    double[] upperBounds();

    /**
     * Objective values at {@code x}.
     *
     * @throws IllegalArgumentException if {@code x.length != dimensions()}
     */
    double[] evaluate(double[] x);
}
