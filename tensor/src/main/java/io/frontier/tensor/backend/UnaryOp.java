package io.frontier.tensor.backend;

/**
 * Elementwise unary ops. Each constant carries its float64 scalar definition ({@link #apply}),
 * which is both the reference that every fast kernel is tested against and the fallback loop body.
 *
 * <p>{@link Domain} says how the frontend treats integer and bool inputs, following PyTorch: a
 * {@code FLOATING} op promotes integer/bool inputs to the default float type ({@code exp} of an
 * int64 tensor is float32), an {@code ARITHMETIC} op keeps int64 ({@code abs}, {@code neg}), a
 * {@code PREDICATE} op returns bool.
 */
public enum UnaryOp {
  NEG("neg", Domain.ARITHMETIC) {
    public double apply(double x) { return -x; }
    public long applyLong(long x) { return -x; }
  },
  ABS("abs", Domain.ARITHMETIC) {
    public double apply(double x) { return Math.abs(x); }
    public long applyLong(long x) { return Math.abs(x); }
  },
  SIGN("sign", Domain.ARITHMETIC) {
    public double apply(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : x; } // keeps NaN and -0.0
    public long applyLong(long x) { return Long.signum(x); }
  },
  SQUARE("square", Domain.ARITHMETIC) {
    public double apply(double x) { return x * x; }
    public long applyLong(long x) { return x * x; }
  },
  RELU("relu", Domain.ARITHMETIC) {
    public double apply(double x) { return x > 0 ? x : (x == x ? 0.0 : x); } // NaN stays NaN
    public long applyLong(long x) { return Math.max(x, 0); }
  },
  FLOOR("floor", Domain.ARITHMETIC) {
    public double apply(double x) { return Math.floor(x); }
    public long applyLong(long x) { return x; }
  },
  CEIL("ceil", Domain.ARITHMETIC) {
    public double apply(double x) { return Math.ceil(x); }
    public long applyLong(long x) { return x; }
  },
  /** Rounds half to even, as {@code torch.round}. */
  ROUND("round", Domain.ARITHMETIC) {
    public double apply(double x) { return Math.rint(x); }
    public long applyLong(long x) { return x; }
  },
  TRUNC("trunc", Domain.ARITHMETIC) {
    public double apply(double x) { return x < 0 ? Math.ceil(x) : Math.floor(x); }
    public long applyLong(long x) { return x; }
  },
  EXP("exp", Domain.FLOATING) {
    public double apply(double x) { return Math.exp(x); }
  },
  EXPM1("expm1", Domain.FLOATING) {
    public double apply(double x) { return Math.expm1(x); }
  },
  LOG("log", Domain.FLOATING) {
    public double apply(double x) { return Math.log(x); }
  },
  LOG1P("log1p", Domain.FLOATING) {
    public double apply(double x) { return Math.log1p(x); }
  },
  SQRT("sqrt", Domain.FLOATING) {
    public double apply(double x) { return Math.sqrt(x); }
  },
  RSQRT("rsqrt", Domain.FLOATING) {
    public double apply(double x) { return 1.0 / Math.sqrt(x); }
  },
  RECIPROCAL("reciprocal", Domain.FLOATING) {
    public double apply(double x) { return 1.0 / x; }
  },
  SIN("sin", Domain.FLOATING) {
    public double apply(double x) { return Math.sin(x); }
  },
  COS("cos", Domain.FLOATING) {
    public double apply(double x) { return Math.cos(x); }
  },
  TANH("tanh", Domain.FLOATING) {
    public double apply(double x) { return Math.tanh(x); }
  },
  /** 1 / (1 + exp(-x)), written so that neither branch overflows. */
  SIGMOID("sigmoid", Domain.FLOATING) {
    public double apply(double x) {
      if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
      double e = Math.exp(x);
      return e / (1.0 + e);
    }
  },
  /** log(sigmoid(x)) = min(x, 0) - log1p(exp(-|x|)), stable for large |x|. */
  LOG_SIGMOID("logSigmoid", Domain.FLOATING) {
    public double apply(double x) { return Math.min(x, 0.0) - Math.log1p(Math.exp(-Math.abs(x))); }
  },
  /** log(1 + exp(x)) with PyTorch's defaults beta = 1, threshold = 20 (linear above it). */
  SOFTPLUS("softplus", Domain.FLOATING) {
    public double apply(double x) { return x > 20.0 ? x : Math.log1p(Math.exp(x)); }
  },
  /** x * Phi(x) with the exact normal CDF: 0.5 x (1 + erf(x / sqrt 2)). */
  GELU("gelu", Domain.FLOATING) {
    public double apply(double x) { return 0.5 * x * (1.0 + SpecialFunctions.erf(x * 0.7071067811865476)); }
  },
  /** The tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
  GELU_TANH("geluTanh", Domain.FLOATING) {
    public double apply(double x) {
      return 0.5 * x * (1.0 + Math.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)));
    }
  },
  /** x * sigmoid(x). */
  SILU("silu", Domain.FLOATING) {
    public double apply(double x) { return x * SIGMOID.apply(x); }
  },
  ERF("erf", Domain.FLOATING) {
    public double apply(double x) { return SpecialFunctions.erf(x); }
  },
  LOGICAL_NOT("logicalNot", Domain.PREDICATE) {
    public double apply(double x) { return x == 0 ? 1.0 : 0.0; }
    public long applyLong(long x) { return x == 0 ? 1 : 0; }
  },
  ISNAN("isnan", Domain.PREDICATE) {
    public double apply(double x) { return Double.isNaN(x) ? 1.0 : 0.0; }
    public long applyLong(long x) { return 0; }
  },
  ISINF("isinf", Domain.PREDICATE) {
    public double apply(double x) { return Double.isInfinite(x) ? 1.0 : 0.0; }
    public long applyLong(long x) { return 0; }
  },
  ISFINITE("isfinite", Domain.PREDICATE) {
    public double apply(double x) { return Double.isFinite(x) ? 1.0 : 0.0; }
    public long applyLong(long x) { return 1; }
  };

  /** How an op treats integer and bool inputs (see the class comment). */
  public enum Domain {
    ARITHMETIC,
    FLOATING,
    PREDICATE
  }

  private final String opName;
  private final Domain domain;

  UnaryOp(String opName, Domain domain) {
    this.opName = opName;
    this.domain = domain;
  }

  /** The float64 definition of the op: the reference for every kernel. */
  public abstract double apply(double x);

  /**
   * The int64 definition, for ops whose domain keeps integers. A predicate returns 0 or 1.
   *
   * @throws UnsupportedOperationException for floating-only ops (the frontend never calls it)
   */
  public long applyLong(long x) {
    throw new UnsupportedOperationException(opName + ": not defined on int64");
  }

  /** The PyTorch-style method name, used in error messages. */
  public String opName() {
    return opName;
  }

  public Domain domain() {
    return domain;
  }
}
