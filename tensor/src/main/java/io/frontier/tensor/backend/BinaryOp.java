package io.frontier.tensor.backend;

/**
 * Elementwise binary ops. The frontend broadcasts both operands to the output shape and casts them
 * to one compute dtype before a backend sees them; a backend then runs {@code out = a op b}.
 *
 * <p>Each constant carries its float64 and int64 scalar definitions: the references every kernel
 * is tested against. Integer semantics follow PyTorch: {@link #DIV} is true division (int64 inputs
 * compute in float32), {@link #FLOOR_DIVIDE} and {@link #REMAINDER} round toward negative infinity
 * like Python, and integer division by zero is an error.
 */
public enum BinaryOp {
  ADD("add", Kind.ARITHMETIC) {
    public double apply(double a, double b) { return a + b; }
    public long applyLong(long a, long b) { return a + b; }
  },
  SUB("sub", Kind.ARITHMETIC) {
    public double apply(double a, double b) { return a - b; }
    public long applyLong(long a, long b) { return a - b; }
  },
  MUL("mul", Kind.ARITHMETIC) {
    public double apply(double a, double b) { return a * b; }
    public long applyLong(long a, long b) { return a * b; }
  },
  DIV("div", Kind.TRUE_DIVISION) {
    public double apply(double a, double b) { return a / b; }
  },
  /** floor(a / b), computed as PyTorch does from fmod so that it is exact for floats too. */
  FLOOR_DIVIDE("floorDivide", Kind.ARITHMETIC) {
    public double apply(double a, double b) {
      if (b == 0) return a / b;
      double mod = a % b;
      double div = (a - mod) / b;
      if (mod != 0 && (b < 0) != (mod < 0)) div -= 1.0;
      if (div == 0) return Math.copySign(0.0, a / b);
      double floorDiv = Math.floor(div);
      if (div - floorDiv > 0.5) floorDiv += 1.0;
      return floorDiv;
    }
    public long applyLong(long a, long b) {
      if (b == 0) throw new ArithmeticException("floorDivide: integer division by zero");
      return Math.floorDiv(a, b);
    }
  },
  /** Python's modulo: the result has the sign of the divisor. */
  REMAINDER("remainder", Kind.ARITHMETIC) {
    public double apply(double a, double b) {
      double mod = a % b;
      if (mod != 0 && (b < 0) != (mod < 0)) mod += b;
      return mod;
    }
    public long applyLong(long a, long b) {
      if (b == 0) throw new ArithmeticException("remainder: integer division by zero");
      return Math.floorMod(a, b);
    }
  },
  /**
   * C's pow, as PyTorch uses: unlike {@link Math#pow}, 1 to any power (NaN included) and -1 to an
   * infinite power are 1. On int64 a negative exponent gives 1/a rounded toward zero (0 unless a is
   * 1 or -1), as PyTorch does for tensor exponents; a negative Java exponent is refused by the
   * frontend ({@code Tensor.pow(long)}), as PyTorch refuses a negative Python int.
   */
  POW("pow", Kind.ARITHMETIC) {
    public double apply(double a, double b) {
      if (a == 1.0 || (a == -1.0 && Double.isInfinite(b))) return 1.0;
      return Math.pow(a, b);
    }
    public long applyLong(long a, long b) {
      if (b < 0) {
        if (a == 1) return 1;
        if (a == -1) return (b & 1) == 0 ? 1 : -1;
        return 0;
      }
      long result = 1;
      long base = a;
      while (b > 0) { // square-and-multiply, wrapping on overflow like C
        if ((b & 1) != 0) result *= base;
        base *= base;
        b >>= 1;
      }
      return result;
    }
  },
  /** Elementwise max; NaN propagates. */
  MAXIMUM("maximum", Kind.ARITHMETIC) {
    public double apply(double a, double b) { return Math.max(a, b); }
    public long applyLong(long a, long b) { return Math.max(a, b); }
  },
  /** Elementwise min; NaN propagates. */
  MINIMUM("minimum", Kind.ARITHMETIC) {
    public double apply(double a, double b) { return Math.min(a, b); }
    public long applyLong(long a, long b) { return Math.min(a, b); }
  },
  ATAN2("atan2", Kind.TRUE_DIVISION) {
    public double apply(double a, double b) { return Math.atan2(a, b); }
  },
  EQ("eq", Kind.COMPARISON) {
    public double apply(double a, double b) { return a == b ? 1 : 0; }
    public long applyLong(long a, long b) { return a == b ? 1 : 0; }
  },
  NE("ne", Kind.COMPARISON) {
    public double apply(double a, double b) { return a != b ? 1 : 0; }
    public long applyLong(long a, long b) { return a != b ? 1 : 0; }
  },
  LT("lt", Kind.COMPARISON) {
    public double apply(double a, double b) { return a < b ? 1 : 0; }
    public long applyLong(long a, long b) { return a < b ? 1 : 0; }
  },
  LE("le", Kind.COMPARISON) {
    public double apply(double a, double b) { return a <= b ? 1 : 0; }
    public long applyLong(long a, long b) { return a <= b ? 1 : 0; }
  },
  GT("gt", Kind.COMPARISON) {
    public double apply(double a, double b) { return a > b ? 1 : 0; }
    public long applyLong(long a, long b) { return a > b ? 1 : 0; }
  },
  GE("ge", Kind.COMPARISON) {
    public double apply(double a, double b) { return a >= b ? 1 : 0; }
    public long applyLong(long a, long b) { return a >= b ? 1 : 0; }
  },
  LOGICAL_AND("logicalAnd", Kind.LOGICAL) {
    public double apply(double a, double b) { return a != 0 && b != 0 ? 1 : 0; }
    public long applyLong(long a, long b) { return a != 0 && b != 0 ? 1 : 0; }
  },
  LOGICAL_OR("logicalOr", Kind.LOGICAL) {
    public double apply(double a, double b) { return a != 0 || b != 0 ? 1 : 0; }
    public long applyLong(long a, long b) { return a != 0 || b != 0 ? 1 : 0; }
  },
  LOGICAL_XOR("logicalXor", Kind.LOGICAL) {
    public double apply(double a, double b) { return (a != 0) != (b != 0) ? 1 : 0; }
    public long applyLong(long a, long b) { return (a != 0) != (b != 0) ? 1 : 0; }
  };

  /**
   * How an op maps input dtypes to its compute and output dtypes.
   *
   * <ul>
   *   <li>{@code ARITHMETIC}: computes and returns the promoted dtype.
   *   <li>{@code TRUE_DIVISION}: like arithmetic, but integer/bool inputs compute in float32.
   *   <li>{@code COMPARISON}: computes in the promoted dtype, returns bool.
   *   <li>{@code LOGICAL}: inputs are read as truth values (non-zero is true), returns bool.
   * </ul>
   */
  public enum Kind {
    ARITHMETIC,
    TRUE_DIVISION,
    COMPARISON,
    LOGICAL
  }

  private final String opName;
  private final Kind kind;

  BinaryOp(String opName, Kind kind) {
    this.opName = opName;
    this.kind = kind;
  }

  /** The float64 definition; comparisons and logical ops return 1 or 0. */
  public abstract double apply(double a, double b);

  /** The int64 definition; comparisons and logical ops return 1 or 0. */
  public long applyLong(long a, long b) {
    throw new UnsupportedOperationException(opName + ": not defined on int64");
  }

  public String opName() {
    return opName;
  }

  public Kind kind() {
    return kind;
  }

  /** True when the output dtype is bool. */
  public boolean returnsBool() {
    return kind == Kind.COMPARISON || kind == Kind.LOGICAL;
  }
}
