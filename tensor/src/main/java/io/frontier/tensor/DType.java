package io.frontier.tensor;

/**
 * Element types. Names follow PyTorch ({@code torch.float32} is {@link #FLOAT32}).
 *
 * <p>Type promotion follows PyTorch's category order {@code bool < integral < floating}; within a
 * category the wider type wins. See {@link TypePromotion} for the rules about 0-d tensors and Java
 * scalars.
 */
public enum DType {
  FLOAT32("float32", 4, "F32"),
  FLOAT64("float64", 8, "F64"),
  INT64("int64", 8, "I64"),
  BOOL("bool", 1, "BOOL");

  private final String torchName;
  private final int itemSize;
  private final String safetensorsName;

  DType(String torchName, int itemSize, String safetensorsName) {
    this.torchName = torchName;
    this.itemSize = itemSize;
    this.safetensorsName = safetensorsName;
  }

  /** Bytes per element (1 for bool, as in PyTorch and safetensors). */
  public int itemSize() {
    return itemSize;
  }

  public boolean isFloatingPoint() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /** True for int64 (bool is its own category, as in PyTorch). */
  public boolean isIntegral() {
    return this == INT64;
  }

  /** The dtype name used in safetensors headers ({@code "F32"}, ...). */
  public String safetensorsName() {
    return safetensorsName;
  }

  /** 0 for bool, 1 for integral, 2 for floating point. */
  int category() {
    return switch (this) {
      case BOOL -> 0;
      case INT64 -> 1;
      case FLOAT32, FLOAT64 -> 2;
    };
  }

  /** The wider of two dtypes by PyTorch's promotion lattice (no 0-d or scalar special cases). */
  public static DType promote(DType a, DType b) {
    if (a == b) return a;
    if (a.category() != b.category()) return a.category() > b.category() ? a : b;
    return a.itemSize >= b.itemSize ? a : b;
  }

  /** The default floating type, as {@code torch.get_default_dtype()}. */
  public static DType defaultFloat() {
    return FLOAT32;
  }

  @Override
  public String toString() {
    return torchName;
  }
}
