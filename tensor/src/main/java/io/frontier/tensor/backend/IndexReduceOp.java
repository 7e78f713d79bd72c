package io.frontier.tensor.backend;

/**
 * Reductions along one dimension that return the winning value and its index. Ties go to the
 * first occurrence; a NaN wins over every number (it propagates, as in PyTorch).
 */
public enum IndexReduceOp {
  MAX("max"),
  MIN("min");

  private final String opName;

  IndexReduceOp(String opName) {
    this.opName = opName;
  }

  public String opName() {
    return opName;
  }
}
