package io.frontier.multiobjective.aggregate;

/**
 * The result of aggregating K objective gradients: {@code weights[k]} multiplies gradient k and
 * {@code direction} = sum_k weights[k] g_k (length n), the combined gradient an optimiser steps
 * against.
 */
public record Aggregation(double[] weights, double[] direction) {}
