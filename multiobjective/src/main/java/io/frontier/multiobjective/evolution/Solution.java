package io.frontier.multiobjective.evolution;

/**
 * A decision vector and its objective values (minimised). The arrays are owned by the solution:
 * callers must not modify them.
 */
public record Solution(double[] x, double[] f) {
}
