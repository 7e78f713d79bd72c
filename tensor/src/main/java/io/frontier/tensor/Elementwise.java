package io.frontier.tensor;

import io.frontier.tensor.backend.BinaryOp;
import io.frontier.tensor.backend.UnaryOp;
import java.util.Arrays;

/**
 * The frontend of elementwise ops: dtype rules, broadcasting, device checks and in-place
 * semantics. Kernels run in the tensor's backend.
 */
final class Elementwise {
  private Elementwise() {}

  // ---------------------------------------------------------------- unary

  static Tensor unary(UnaryOp op, Tensor x) {
    DType compute = unaryComputeType(op, x.dtype());
    DType out = op.domain() == UnaryOp.Domain.PREDICATE ? DType.BOOL : compute;
    Tensor result = Creation.emptyOn(x, out, x.shape.clone());
    Tensor xc = x.to(compute);
    if (result.numel() > 0) x.backend().unary(op, xc, result);
    if (out.isFloatingPoint() && Grad.shouldRecord(xc)) Grad.record("unary", result, new Tensor[] {xc}, op);
    return result;
  }

  static Tensor unaryInPlace(UnaryOp op, Tensor self) {
    DType compute = unaryComputeType(op, self.dtype());
    DType out = op.domain() == UnaryOp.Domain.PREDICATE ? DType.BOOL : compute;
    if (out != self.dtype()) {
      throw new IllegalArgumentException(
          op.opName() + "_: result type " + out + " can't be cast to the desired output type " + self.dtype());
    }
    Copies.checkWritable(op.opName() + "_", self);
    if (Grad.shouldRecord(self)) return Grad.engine().inPlace(op.opName() + "_", self, s -> unary(op, s));
    if (self.numel() > 0) self.backend().unary(op, self, self);
    self.storage.bumpVersion();
    return self;
  }

  private static DType unaryComputeType(UnaryOp op, DType in) {
    return switch (op.domain()) {
      case FLOATING -> in.isFloatingPoint() ? in : DType.defaultFloat();
      case ARITHMETIC -> {
        if (in == DType.BOOL) {
          throw new IllegalArgumentException(op.opName() + ": not supported for bool tensors; convert with to(DType.INT64) first");
        }
        yield in;
      }
      case PREDICATE -> in;
    };
  }

  // ---------------------------------------------------------------- binary

  /** The dtype a binary op computes in, after PyTorch's promotion and the op's own rule. */
  static DType computeType(BinaryOp op, Tensor a, Tensor b) {
    DType common = TypePromotion.resultType(a, b);
    return switch (op.kind()) {
      case ARITHMETIC -> {
        if (common == DType.BOOL) {
          if (op == BinaryOp.ADD || op == BinaryOp.MUL || op == BinaryOp.MAXIMUM || op == BinaryOp.MINIMUM) yield DType.INT64;
          throw new IllegalArgumentException(
              op.opName() + ": not supported for two bool operands; use the logical ops or convert to int64");
        }
        yield common;
      }
      case TRUE_DIVISION -> common.isFloatingPoint() ? common : DType.defaultFloat();
      case COMPARISON -> common;
      case LOGICAL -> DType.BOOL;
    };
  }

  /** The dtype of the result of {@code a op b}. */
  static DType resultType(BinaryOp op, Tensor a, Tensor b) {
    if (op.returnsBool()) return DType.BOOL;
    DType compute = computeType(op, a, b);
    boolean boolArith = a.dtype() == DType.BOOL && b.dtype() == DType.BOOL && op.kind() == BinaryOp.Kind.ARITHMETIC;
    return boolArith ? DType.BOOL : compute;
  }

  static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
    Device device = commonDevice(op.opName(), a, b);
    DType compute = computeType(op, a, b);
    DType out = op.returnsBool() ? DType.BOOL : compute;
    int[] shape = Shapes.broadcast(op.opName(), a.shape, b.shape);
    Tensor x = prepare(a, compute, device, shape);
    Tensor y = prepare(b, compute, device, shape);
    Tensor result = Creation.emptyOn(x, out, shape);
    if (result.numel() > 0) x.backend().binary(op, x, y, result);
    if (!op.returnsBool() && out.isFloatingPoint() && Grad.shouldRecord(x, y)) Grad.record("binary", result, new Tensor[] {x, y}, op);
    DType wanted = resultType(op, a, b);
    return wanted == out ? result : result.to(wanted);
  }

  static Tensor binaryInPlace(BinaryOp op, Tensor self, Tensor other) {
    String name = op.opName() + "_";
    Device device = commonDevice(name, self, other);
    DType result = resultType(op, self, other);
    if (!canCast(result, self.dtype())) {
      throw new IllegalArgumentException(name + ": result type " + result + " can't be cast to the desired output type " + self.dtype());
    }
    int[] shape = Shapes.broadcast(name, self.shape, other.shape);
    if (!Arrays.equals(shape, self.shape)) {
      throw new IllegalArgumentException(
          name + ": output with shape " + Shapes.str(self.shape) + " doesn't match the broadcast shape " + Shapes.str(shape));
    }
    Copies.checkWritable(name, self);
    if (Grad.shouldRecord(self, other)) return Grad.engine().inPlace(name, self, s -> binary(op, s, other).to(s.dtype()));
    DType compute = computeType(op, self, other);
    Tensor y = prepare(Overlap.unaliased(self, other), compute, device, shape);
    if (self.numel() > 0) {
      if (compute == self.dtype() && !op.returnsBool()) {
        self.backend().binary(op, self, y, self);
      } else {
        Tensor tmp = Creation.emptyOn(self, op.returnsBool() ? DType.BOOL : compute, shape);
        self.backend().binary(op, self.to(compute), y, tmp);
        self.backend().copy(tmp, self);
      }
    }
    self.storage.bumpVersion();
    return self;
  }

  /** PyTorch's {@code canCast}: no cast to a lower category (float to int, int to bool). */
  static boolean canCast(DType from, DType to) {
    return from.category() <= to.category();
  }

  /** Casts, moves a CPU 0-d operand to the device, and broadcasts (as a stride-0 view). */
  private static Tensor prepare(Tensor t, DType dtype, Device device, int[] shape) {
    Tensor x = t;
    if (!x.device().equals(device)) x = x.to(device);
    if (x.dtype() != dtype) x = x.to(dtype);
    if (!Arrays.equals(x.shape, shape)) x = Views.expand(x, shape);
    return x;
  }

  /**
   * The device an op runs on. A 0-d CPU tensor (including a wrapped Java number) may meet a tensor
   * on another device, as in PyTorch; otherwise all operands must share a device.
   */
  static Device commonDevice(String op, Tensor a, Tensor b) {
    Device da = a.device();
    Device db = b.device();
    if (da.equals(db)) return da;
    if (db.isCpu() && b.dim() == 0) return da;
    if (da.isCpu() && a.dim() == 0) return db;
    throw new IllegalArgumentException(op + ": expected all tensors to be on the same device, but found at least two devices, " + da + " and " + db);
  }

  // ---------------------------------------------------------------- compound elementwise ops

  static Tensor pow(Tensor x, double exponent) {
    if (exponent == 2.0 && x.dtype().isFloatingPoint()) return unary(UnaryOp.SQUARE, x);
    return binary(BinaryOp.POW, x, Creation.wrap(exponent));
  }

  static Tensor pow(Tensor x, long exponent) {
    if (exponent < 0 && !x.dtype().isFloatingPoint()) {
      throw new ArithmeticException("pow: integers to negative integer powers are not allowed (" + x.dtype() + " to the power " + exponent + ")");
    }
    return binary(BinaryOp.POW, x, Creation.wrap(exponent));
  }

  static Tensor div(Tensor a, Tensor b, String roundingMode) {
    if (roundingMode == null) return binary(BinaryOp.DIV, a, b);
    switch (roundingMode) {
      case "floor":
        return binary(BinaryOp.FLOOR_DIVIDE, a, b);
      case "trunc":
        DType common = TypePromotion.resultType(a, b);
        if (common.isFloatingPoint()) return binary(BinaryOp.DIV, a, b).trunc();
        // integer truncation = floor division corrected toward zero when the signs differ
        Tensor q = binary(BinaryOp.FLOOR_DIVIDE, a, b);
        Tensor r = binary(BinaryOp.REMAINDER, a, b);
        Tensor fix = r.ne(0.0).logicalAnd(a.lt(0.0).logicalXor(b.lt(0.0)));
        return q.add(fix.to(q.dtype()));
      default:
        throw new IllegalArgumentException("div: rounding_mode must be null, 'trunc' or 'floor', got '" + roundingMode + "'");
    }
  }

  static Tensor where(Tensor condition, Tensor x, Tensor y) {
    if (condition.dtype() != DType.BOOL) {
      throw new IllegalArgumentException("where: expected condition to be a bool tensor, got " + condition.dtype());
    }
    Device device = commonDevice("where", x, y);
    if (!condition.device().equals(device)) {
      throw new IllegalArgumentException("where: condition is on " + condition.device() + " but the values are on " + device);
    }
    DType dtype = TypePromotion.resultType(x, y);
    int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", condition.shape, x.shape), y.shape);
    Tensor c = prepare(condition, DType.BOOL, device, shape);
    Tensor a = prepare(x, dtype, device, shape);
    Tensor b = prepare(y, dtype, device, shape);
    Tensor result = Creation.emptyOn(a, dtype, shape);
    if (result.numel() > 0) a.backend().where(c, a, b, result);
    if (dtype.isFloatingPoint() && Grad.shouldRecord(a, b)) Grad.record("where", result, new Tensor[] {a, b}, c);
    return result;
  }

  static Tensor maskedFill(Tensor self, Tensor mask, double value) {
    if (mask.dtype() != DType.BOOL) {
      throw new IllegalArgumentException("maskedFill: expected a bool mask, got " + mask.dtype());
    }
    int[] shape = Shapes.broadcast("maskedFill", self.shape, mask.shape);
    if (!Arrays.equals(shape, self.shape)) {
      throw new IllegalArgumentException(
          "maskedFill: mask of shape " + Shapes.str(mask.shape) + " cannot be broadcast to the tensor's shape " + Shapes.str(self.shape));
    }
    if (!self.dtype().isFloatingPoint() && (value != Math.rint(value) || Double.isInfinite(value))) {
      throw new IllegalArgumentException("maskedFill: value " + value + " cannot be converted to " + self.dtype() + " without overflow or rounding");
    }
    Tensor fill = Creation.full(Shapes.SCALAR, value, self.dtype(), Device.CPU);
    return where(mask, fill, self);
  }

  /** {@code minimum(maximum(x, min), max)} with either bound optional. */
  static Tensor clamp(Tensor x, Tensor min, Tensor max) {
    if (min == null && max == null) throw new IllegalArgumentException("clamp: at least one of min and max must be given");
    boolean record = Grad.shouldRecord(x) || (min != null && Grad.shouldRecord(min)) || (max != null && Grad.shouldRecord(max));
    Tensor r = x;
    try (Grad.Scope s = record ? Grad.noGrad() : null) {
      if (min != null) r = binary(BinaryOp.MAXIMUM, r, min);
      if (max != null) r = binary(BinaryOp.MINIMUM, r, max);
    }
    if (!record || !r.dtype().isFloatingPoint()) return r;
    // One node, not maximum then minimum: an input on a bound gets the whole gradient, as in
    // PyTorch, where the two ties would each split it.
    Tensor[] inputs = min == null ? new Tensor[] {x, max} : max == null ? new Tensor[] {x, min} : new Tensor[] {x, min, max};
    return Grad.record("clamp", r, inputs, min != null, max != null);
  }

  static Tensor softplus(Tensor x, double beta, double threshold) {
    if (beta == 1.0 && threshold == 20.0) return unary(UnaryOp.SOFTPLUS, x);
    Tensor bx = x.mul(beta);
    return where(bx.gt(threshold), x.to(bx.dtype()), bx.exp().log1p().div(beta));
  }
}
