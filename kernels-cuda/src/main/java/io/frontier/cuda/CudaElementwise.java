package io.frontier.cuda;

import static jcuda.driver.JCudaDriver.cuOccupancyMaxActiveBlocksPerMultiprocessor;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BinaryOp;
import io.frontier.tensor.backend.UnaryOp;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Unary, binary and where kernels (elementwise.cu). The dtypes are the ones the frontend sends
 * (see {@code Elementwise}): unary ops keep the dtype, predicates and comparisons take any dtype and
 * write bool, arithmetic runs on float32, float64 and int64. Dtype combinations the CPU backend
 * refuses are refused here with the same exceptions.
 */
final class CudaElementwise {
  private final Launcher launcher;
  /** Blocks of each kernel a multiprocessor holds at once (from its register count). */
  private final ConcurrentHashMap<String, Integer> residentBlocks = new ConcurrentHashMap<>();

  CudaElementwise(Launcher launcher) {
    this.launcher = launcher;
  }

  void unary(UnaryOp op, Tensor in, Tensor out) {
    DType dtype = in.dtype();
    boolean predicate = op.domain() == UnaryOp.Domain.PREDICATE;
    if (predicate) {
      requireDtype(op.opName(), out, DType.BOOL);
    } else {
      if (dtype == DType.BOOL) throw new IllegalArgumentException(op.opName() + ": not supported for bool tensors");
      if (dtype == DType.INT64 && op.domain() == UnaryOp.Domain.FLOATING) {
        throw new UnsupportedOperationException(op.opName() + ": not defined on int64");
      }
      requireDtype(op.opName(), out, dtype);
    }
    int n = out.numel();
    int width = ElementwiseLayout.vectorWidth(dtype.itemSize());
    int[] id = StridedDesc.of(in);
    int[] od = StridedDesc.of(out);
    ElementwiseLayout layout = ElementwiseLayout.choose(width, od, out.storageOffset(), new int[][] {id},
        new long[] {in.storageOffset()}, false);
    String kernel = (predicate ? "ew_predicate_" : "ew_unary_") + CudaTensors.suffix(dtype);
    launch(kernel, layout, n, width, code(op), n, CudaTensors.ptr(in), id, CudaTensors.ptr(out), od,
        layout.mode());
  }

  void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    DType dtype = a.dtype();
    requireDtype(op.opName(), b, dtype);
    int n = out.numel();
    int width = ElementwiseLayout.vectorWidth(dtype.itemSize());
    int[] ad = StridedDesc.of(a);
    int[] bd = StridedDesc.of(b);
    int[] od = StridedDesc.of(out);
    ElementwiseLayout layout = ElementwiseLayout.choose(width, od, out.storageOffset(), new int[][] {ad, bd},
        new long[] {a.storageOffset(), b.storageOffset()}, true);
    if (op.returnsBool()) {
      requireDtype(op.opName(), out, DType.BOOL);
      launch("ew_compare_" + CudaTensors.suffix(dtype), layout, n, width, code(op), n, CudaTensors.ptr(a), ad,
          CudaTensors.ptr(b), bd, CudaTensors.ptr(out), od, layout.mode(), layout.scalars());
      return;
    }
    if (dtype == DType.BOOL) throw new IllegalStateException(op.opName() + ": unexpected output dtype " + dtype);
    if (dtype == DType.INT64 && op.kind() == BinaryOp.Kind.TRUE_DIVISION) {
      throw new UnsupportedOperationException(op.opName() + ": not defined on int64");
    }
    requireDtype(op.opName(), out, dtype);
    launch("ew_binary_" + CudaTensors.suffix(dtype), layout, n, width, code(op), n, CudaTensors.ptr(a), ad,
        CudaTensors.ptr(b), bd, CudaTensors.ptr(out), od, layout.mode(), layout.scalars(),
        launcher.context().errorFlag());
  }

  void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
    DType dtype = out.dtype();
    requireDtype("where", cond, DType.BOOL);
    requireDtype("where", a, dtype);
    requireDtype("where", b, dtype);
    int n = out.numel();
    int width = ElementwiseLayout.vectorWidth(dtype.itemSize());
    int[] cd = StridedDesc.of(cond);
    int[] ad = StridedDesc.of(a);
    int[] bd = StridedDesc.of(b);
    int[] od = StridedDesc.of(out);
    ElementwiseLayout layout = ElementwiseLayout.choose(width, od, out.storageOffset(), new int[][] {cd, ad, bd},
        new long[] {cond.storageOffset(), a.storageOffset(), b.storageOffset()}, true);
    launch("ew_where_" + CudaTensors.suffix(dtype), layout, n, width, n, CudaTensors.ptr(cond), cd,
        CudaTensors.ptr(a), ad, CudaTensors.ptr(b), bd, CudaTensors.ptr(out), od, layout.mode(), layout.scalars());
  }

  private void launch(String kernel, ElementwiseLayout layout, int n, int width, Object... args) {
    CudaContext ctx = launcher.context();
    int perSm = residentBlocks.computeIfAbsent(kernel, this::residentBlocksPerSm);
    launcher.launch(kernel, layout.config(n, width, perSm, ctx.multiprocessors()), args);
  }

  private int residentBlocksPerSm(String kernel) {
    int[] blocks = {0};
    CudaContext ctx = launcher.context();
    if (ctx.isDry()) return 8; // a 256-thread kernel without register pressure on a 2048-thread SM
    CudaContext.check(cuOccupancyMaxActiveBlocksPerMultiprocessor(blocks, ctx.function(kernel), LaunchConfig.ELEMENTWISE_BLOCK, 0),
        "cuOccupancyMaxActiveBlocksPerMultiprocessor(" + kernel + ")");
    return Math.max(1, blocks[0]);
  }

  private static void requireDtype(String op, Tensor t, DType dtype) {
    if (t.dtype() != dtype) throw new IllegalArgumentException(op + ": expected a " + dtype + " operand, got " + t.dtype());
  }

  /** The op's EW_* code in elementwise.cu (ElementwiseCodesTest checks the two tables agree). */
  static int code(UnaryOp op) {
    return switch (op) {
      case NEG -> 0;
      case ABS -> 1;
      case SIGN -> 2;
      case SQUARE -> 3;
      case RELU -> 4;
      case FLOOR -> 5;
      case CEIL -> 6;
      case ROUND -> 7;
      case TRUNC -> 8;
      case EXP -> 9;
      case EXPM1 -> 10;
      case LOG -> 11;
      case LOG1P -> 12;
      case SQRT -> 13;
      case RSQRT -> 14;
      case RECIPROCAL -> 15;
      case SIN -> 16;
      case COS -> 17;
      case TANH -> 18;
      case SIGMOID -> 19;
      case LOG_SIGMOID -> 20;
      case SOFTPLUS -> 21;
      case GELU -> 22;
      case GELU_TANH -> 23;
      case SILU -> 24;
      case ERF -> 25;
      case LOGICAL_NOT -> 26;
      case ISNAN -> 27;
      case ISINF -> 28;
      case ISFINITE -> 29;
    };
  }

  /** The op's EW_* code in elementwise.cu. */
  static int code(BinaryOp op) {
    return switch (op) {
      case ADD -> 0;
      case SUB -> 1;
      case MUL -> 2;
      case DIV -> 3;
      case FLOOR_DIVIDE -> 4;
      case REMAINDER -> 5;
      case POW -> 6;
      case MAXIMUM -> 7;
      case MINIMUM -> 8;
      case ATAN2 -> 9;
      case EQ -> 10;
      case NE -> 11;
      case LT -> 12;
      case LE -> 13;
      case GT -> 14;
      case GE -> 15;
      case LOGICAL_AND -> 16;
      case LOGICAL_OR -> 17;
      case LOGICAL_XOR -> 18;
    };
  }
}
