package io.frontier.optim;

/**
 * An objective's value at a point and its gradient there (the gradient array belongs to the
 * caller that receives it: the optimizers neither keep nor modify it past the call that returned it).
 */
public record ValueAndGradient(double value, double[] gradient) {}
