package io.frontier.multiobjective.pde;

/** A control and its two objective values, one point of a computed Pareto front approximation. */
public record FrontPoint(double[] control, double[] values) {}
