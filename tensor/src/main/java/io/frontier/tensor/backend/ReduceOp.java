package io.frontier.tensor.backend;

/**
 * Reductions over one or several dimensions. {@code mean}, {@code var}, {@code norm} and
 * {@code logsumexp} are composed from these by the frontend.
 */
public enum ReduceOp {
  SUM("sum"),
  PROD("prod"),
  /** Max value; NaN propagates. */
  MAX("amax"),
  /** Min value; NaN propagates. */
  MIN("amin"),
  /** Logical or over truth values; returns bool. */
  ANY("any"),
  /** Logical and over truth values; returns bool. */
  ALL("all");

  private final String opName;

  ReduceOp(String opName) {
    this.opName = opName;
  }

  public String opName() {
    return opName;
  }
}
