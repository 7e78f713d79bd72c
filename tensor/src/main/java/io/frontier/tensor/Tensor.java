package io.frontier.tensor;

/** Placeholder while the frontend is written. */
public final class Tensor {}
