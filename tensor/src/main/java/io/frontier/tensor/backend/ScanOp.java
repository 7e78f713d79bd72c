package io.frontier.tensor.backend;

/** Inclusive scans along one dimension. */
public enum ScanOp {
  CUMSUM("cumsum"),
  CUMPROD("cumprod");

  private final String opName;

  ScanOp(String opName) {
    this.opName = opName;
  }

  public String opName() {
    return opName;
  }
}
