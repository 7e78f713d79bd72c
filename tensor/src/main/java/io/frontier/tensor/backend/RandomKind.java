package io.frontier.tensor.backend;

/** The distributions a backend draws directly from the Philox stream (see {@code Generator}). */
public enum RandomKind {
  /** Uniform on [0, 1). */
  UNIFORM,
  /** Standard normal by the Box-Muller transform. */
  NORMAL
}
