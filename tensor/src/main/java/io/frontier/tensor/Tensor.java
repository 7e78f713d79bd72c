package io.frontier.tensor;

import io.frontier.tensor.backend.Backend;
import io.frontier.tensor.backend.BinaryOp;
import io.frontier.tensor.backend.UnaryOp;
import java.util.List;

/**
 * An n-dimensional array with PyTorch's names and semantics: a view (shape, strides, offset) onto a
 * {@link Storage} of one {@link DType} on one {@link Device}.
 *
 * <p>View ops ({@link #reshape}, {@link #transpose}, {@link #narrow}, {@link #expand}, ...) share
 * storage and never copy; every other op returns a new tensor unless its name ends in an
 * underscore ({@code add_}), which writes in place and returns {@code this}. Binary ops broadcast
 * like NumPy and promote dtypes like PyTorch ({@link TypePromotion}). Every op checks its inputs
 * and throws {@link IllegalArgumentException} naming the op and the offending shapes, dtypes,
 * devices or dims.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(new Generator(0), 4, 3);        // (4, 3) float32
 * Tensor w = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
 * Tensor y = x.matmul(w).relu().sum(1);                    // (4,)
 * }</pre>
 */
public final class Tensor {
  final Storage storage;
  final int[] shape;
  final int[] strides;
  final int offset;
  /** A 0-d tensor made from a Java number by an op such as {@code add(2.5)}; see {@link TypePromotion}. */
  private final boolean wrappedScalar;

  // Autograd state (see Grad and frontier-autograd). A plain tensor has none of it set.
  private boolean requiresGradLeaf;
  private Tensor grad;
  GradFn gradFn;
  int gradOutputIndex;
  Object leafSlot;
  /** Made by a view op: shares its storage with the tensor it was taken from. */
  boolean isView;

  Tensor(Storage storage, int[] shape, int[] strides, int offset) {
    this(storage, shape, strides, offset, false);
  }

  Tensor(Storage storage, int[] shape, int[] strides, int offset, boolean wrappedScalar) {
    this.storage = storage;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.wrappedScalar = wrappedScalar;
  }

  /**
   * A view onto an existing storage. For backends and advanced use; the caller guarantees that
   * every element the view reaches lies inside the storage.
   */
  public static Tensor fromStorage(Storage storage, int[] shape, int[] strides, int offset) {
    if (shape.length != strides.length) {
      throw new IllegalArgumentException("fromStorage: shape " + Shapes.str(shape) + " and strides " + Shapes.str(strides) + " differ in rank");
    }
    Shapes.checkNonNegative("fromStorage", shape);
    if (offset < 0) throw new IllegalArgumentException("fromStorage: negative offset " + offset);
    long last = offset;
    boolean empty = false;
    for (int i = 0; i < shape.length; i++) {
      if (strides[i] < 0) throw new IllegalArgumentException("fromStorage: negative stride " + strides[i] + " in " + Shapes.str(strides));
      if (shape[i] == 0) empty = true;
      last += (long) (shape[i] - 1) * strides[i];
    }
    if (!empty && last >= storage.numel()) {
      throw new IllegalArgumentException("fromStorage: the view reaches element " + last + " of a storage of " + storage.numel());
    }
    return new Tensor(storage, shape.clone(), strides.clone(), offset);
  }

  // ---------------------------------------------------------------- metadata

  public DType dtype() {
    return storage.dtype();
  }

  public Device device() {
    return storage.device();
  }

  public Storage storage() {
    return storage;
  }

  /** The backend that runs ops on this tensor. */
  public Backend backend() {
    return storage.backend();
  }

  /** A copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** Size of one dimension; negative dims count from the end. */
  public int size(int dim) {
    return shape[Shapes.wrapDim("size", dim, shape.length)];
  }

  /** A copy of the strides, in elements. */
  public int[] strides() {
    return strides.clone();
  }

  public int stride(int dim) {
    return strides[Shapes.wrapDim("stride", dim, shape.length)];
  }

  /** Offset of element (0, ..., 0) in the storage, in elements. */
  public int storageOffset() {
    return offset;
  }

  /** Number of dimensions. */
  public int dim() {
    return shape.length;
  }

  public int numel() {
    return Shapes.numel(shape);
  }

  public boolean isContiguous() {
    return Shapes.isContiguous(shape, strides);
  }

  boolean isWrappedScalar() {
    return wrappedScalar;
  }

  // ---------------------------------------------------------------- autograd

  /** True for a leaf marked with {@link #requiresGrad_} and for every tensor computed from one while grad mode was on. */
  public boolean requiresGrad() {
    return requiresGradLeaf || gradFn != null;
  }

  /**
   * Marks a leaf tensor as needing gradients ({@code backward()} accumulates into {@link #grad()}).
   *
   * @throws IllegalArgumentException for a non-floating tensor
   * @throws IllegalStateException for a non-leaf tensor, or without frontier-autograd on the class path
   */
  public Tensor requiresGrad_(boolean requiresGrad) {
    if (gradFn != null) {
      throw new IllegalStateException("requiresGrad_: only leaf tensors can change their flag; this one was computed by " + gradFn.name()
          + " (use detach() for a leaf copy of its values)");
    }
    if (requiresGrad && !dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("requiresGrad_: only floating point tensors can require gradients, got " + dtype());
    }
    if (requiresGrad) Grad.engine();
    this.requiresGradLeaf = requiresGrad;
    return this;
  }

  /** True when no recorded op produced this tensor. */
  public boolean isLeaf() {
    return gradFn == null;
  }

  /** The node that produced this tensor, or null for a leaf. */
  public GradFn gradFn() {
    return gradFn;
  }

  /** The accumulated gradient of a leaf (or of a tensor that called {@link #retainGrad()}), or null. */
  public Tensor grad() {
    return grad;
  }

  /**
   * Replaces the accumulated gradient; null clears it (as {@code zero_grad(set_to_none=True)}). A
   * gradient outlives the {@link MemoryScope} it was made in: its storage is marked persistent.
   */
  public void setGrad(Tensor g) {
    if (g != null && (!java.util.Arrays.equals(g.shape, shape) || g.dtype() != dtype() || !g.device().equals(device()))) {
      throw new IllegalArgumentException("setGrad: gradient " + g.dtype() + Shapes.str(g.shape) + " on " + g.device() + " does not match tensor "
          + dtype() + Shapes.str(shape) + " on " + device());
    }
    if (g != null) g.storage.persist();
    this.grad = g;
  }

  /** A tensor sharing this one's storage, with no history and no gradient requirement. */
  public Tensor detach() {
    Tensor d = new Tensor(storage, shape, strides, offset, wrappedScalar);
    d.isView = isView;
    return d;
  }

  /** Back-propagates from this scalar: accumulates d(this)/d(leaf) into every leaf's {@link #grad()}. */
  public void backward() {
    backward(null, false);
  }

  /** Back-propagates {@code gradient} (this tensor's shape) from this tensor. */
  public void backward(Tensor gradient) {
    backward(gradient, false);
  }

  /** As {@link #backward(Tensor)}; {@code retainGraph} keeps the graph for another backward. */
  public void backward(Tensor gradient, boolean retainGraph) {
    if (!requiresGrad()) {
      throw new IllegalStateException("backward: this tensor does not require grad and has no gradFn");
    }
    Grad.engine().backward(new Tensor[] {this}, new Tensor[] {gradient}, retainGraph);
  }

  /** Keeps this non-leaf tensor's gradient in {@link #grad()} after backward. */
  public Tensor retainGrad() {
    if (!requiresGrad()) throw new IllegalStateException("retainGrad: this tensor does not require grad");
    Grad.engine().retainGrad(this);
    return this;
  }

  /** Registers a function that may rewrite the gradient flowing into this tensor during backward. */
  public void registerHook(java.util.function.UnaryOperator<Tensor> hook) {
    if (!requiresGrad()) throw new IllegalStateException("registerHook: cannot register a hook on a tensor that does not require grad");
    Grad.engine().registerHook(this, hook);
  }

  // ---------------------------------------------------------------- creation

  /** Zeros of the default float dtype (float32). */
  public static Tensor zeros(int... shape) {
    return Creation.full(shape, 0.0, DType.defaultFloat(), Device.CPU);
  }

  public static Tensor zeros(DType dtype, int... shape) {
    return Creation.full(shape, 0.0, dtype, Device.CPU);
  }

  public static Tensor zeros(DType dtype, Device device, int... shape) {
    return Creation.full(shape, 0.0, dtype, device);
  }

  public static Tensor ones(int... shape) {
    return Creation.full(shape, 1.0, DType.defaultFloat(), Device.CPU);
  }

  public static Tensor ones(DType dtype, int... shape) {
    return Creation.full(shape, 1.0, dtype, Device.CPU);
  }

  public static Tensor ones(DType dtype, Device device, int... shape) {
    return Creation.full(shape, 1.0, dtype, device);
  }

  /** A tensor filled with {@code value} (float32). */
  public static Tensor full(int[] shape, double value) {
    return Creation.full(shape, value, DType.defaultFloat(), Device.CPU);
  }

  public static Tensor full(int[] shape, double value, DType dtype) {
    return Creation.full(shape, value, dtype, Device.CPU);
  }

  public static Tensor full(int[] shape, double value, DType dtype, Device device) {
    return Creation.full(shape, value, dtype, device);
  }

  /** An uninitialised tensor (its contents are zeros on the CPU, undefined elsewhere). */
  public static Tensor empty(DType dtype, Device device, int... shape) {
    return Creation.empty(shape, dtype, device);
  }

  public static Tensor zerosLike(Tensor t) {
    return Creation.full(t.shape, 0.0, t.dtype(), t.device());
  }

  public static Tensor onesLike(Tensor t) {
    return Creation.full(t.shape, 1.0, t.dtype(), t.device());
  }

  public static Tensor fullLike(Tensor t, double value) {
    return Creation.full(t.shape, value, t.dtype(), t.device());
  }

  public static Tensor emptyLike(Tensor t) {
    return Creation.empty(t.shape, t.dtype(), t.device());
  }

  /** {@code [0, 1, ..., end-1]} as int64. */
  public static Tensor arange(long end) {
    return Creation.arange(0, end, 1);
  }

  /** {@code [start, start+step, ...)} up to {@code end} exclusive, as int64. */
  public static Tensor arange(long start, long end, long step) {
    return Creation.arange(start, end, step);
  }

  /** Floating {@code arange} (float32), with PyTorch's length {@code ceil((end - start) / step)}. */
  public static Tensor arange(double start, double end, double step) {
    return Creation.arange(start, end, step, DType.defaultFloat());
  }

  public static Tensor arange(double start, double end, double step, DType dtype) {
    return Creation.arange(start, end, step, dtype);
  }

  /** {@code steps} evenly spaced values from start to end inclusive (float32). */
  public static Tensor linspace(double start, double end, int steps) {
    return Creation.linspace(start, end, steps, DType.defaultFloat());
  }

  public static Tensor linspace(double start, double end, int steps, DType dtype) {
    return Creation.linspace(start, end, steps, dtype);
  }

  /** The n×n identity (float32). */
  public static Tensor eye(int n) {
    return Creation.eye(n, n, DType.defaultFloat());
  }

  public static Tensor eye(int n, int m, DType dtype) {
    return Creation.eye(n, m, dtype);
  }

  /** A 1-D float32 tensor holding a copy of {@code values}. */
  public static Tensor of(float... values) {
    return Creation.fromArray(values.clone(), new int[] {values.length});
  }

  /** A 1-D float64 tensor. */
  public static Tensor of(double... values) {
    return Creation.fromArray(values.clone(), new int[] {values.length});
  }

  /** A 1-D int64 tensor ({@code Tensor.of(1, 2, 3)} lands here, as {@code torch.tensor([1, 2, 3])}). */
  public static Tensor of(long... values) {
    return Creation.fromArray(values.clone(), new int[] {values.length});
  }

  /** A 1-D bool tensor. */
  public static Tensor of(boolean... values) {
    return Creation.fromArray(values.clone(), new int[] {values.length});
  }

  /** A 2-D float32 tensor from rows of equal length. */
  public static Tensor of(float[][] rows) {
    return Creation.fromRows(rows);
  }

  /** A 2-D float64 tensor from rows of equal length. */
  public static Tensor of(double[][] rows) {
    return Creation.fromRows(rows);
  }

  /** A 0-d tensor of the given dtype. */
  public static Tensor scalar(double value, DType dtype) {
    return Creation.full(Shapes.SCALAR, value, dtype, Device.CPU);
  }

  /** A 0-d float32 tensor. */
  public static Tensor scalar(double value) {
    return scalar(value, DType.defaultFloat());
  }

  /**
   * A tensor of the given shape holding a copy of {@code data}, a {@code float[]}, {@code double[]},
   * {@code long[]} or {@code boolean[]} (which fixes the dtype).
   */
  public static Tensor fromArray(Object data, int... shape) {
    return Creation.fromArray(Creation.copyArray(data), shape);
  }

  /**
   * A tensor that shares {@code data} (no copy): writes through either are seen by both. The
   * counterpart of {@code torch.from_numpy}.
   */
  public static Tensor wrap(Object data, int... shape) {
    return Creation.fromArray(data, shape);
  }

  /** Uniform samples on [0, 1) from the default generator (float32). */
  public static Tensor rand(int... shape) {
    return Sampling.rand(Generator.defaultGenerator(), shape, DType.defaultFloat());
  }

  public static Tensor rand(Generator generator, int... shape) {
    return Sampling.rand(generator, shape, DType.defaultFloat());
  }

  public static Tensor rand(Generator generator, DType dtype, int... shape) {
    return Sampling.rand(generator, shape, dtype);
  }

  /**
   * Uniform values drawn on {@code device}: the same numbers, bit for bit, on every backend for
   * the same generator state.
   */
  public static Tensor rand(Generator generator, DType dtype, Device device, int... shape) {
    return Sampling.rand(generator, shape, dtype, device);
  }

  /** Standard normal samples from the default generator (float32). */
  public static Tensor randn(int... shape) {
    return Sampling.randn(Generator.defaultGenerator(), shape, DType.defaultFloat());
  }

  public static Tensor randn(Generator generator, int... shape) {
    return Sampling.randn(generator, shape, DType.defaultFloat());
  }

  public static Tensor randn(Generator generator, DType dtype, int... shape) {
    return Sampling.randn(generator, shape, dtype);
  }

  /** Normal values drawn on {@code device}; equal across backends to the rounding of the Box-Muller transform. */
  public static Tensor randn(Generator generator, DType dtype, Device device, int... shape) {
    return Sampling.randn(generator, shape, dtype, device);
  }

  /** Uniform integers in [low, high) as int64. */
  /**
   * A random permutation of {@code 0 .. n-1} (int64): the stable argsort of n float64 uniforms from
   * the generator, so it is reproducible across backends.
   */
  public static Tensor randperm(Generator generator, int n) {
    if (n < 0) throw new IllegalArgumentException("randperm: n must be non-negative, got " + n);
    return Sampling.rand(generator, new int[] {n}, DType.FLOAT64).argsort(0, false);
  }

  public static Tensor randint(Generator generator, long low, long high, int... shape) {
    return Sampling.randint(generator, low, high, shape);
  }

  /** Draws 1 with probability {@code p[i]} and 0 otherwise; the result has p's shape and dtype. */
  public static Tensor bernoulli(Generator generator, Tensor p) {
    return Sampling.bernoulli(generator, p);
  }

  /**
   * Samples {@code numSamples} category indices per row of the non-negative weights {@code probs}
   * (1-D or 2-D, rows need not sum to 1), as {@code torch.multinomial}. Returns int64 of shape
   * {@code (numSamples,)} or {@code (rows, numSamples)}.
   */
  public static Tensor multinomial(Generator generator, Tensor probs, int numSamples, boolean replacement) {
    return Sampling.multinomial(generator, probs, numSamples, replacement);
  }

  /**
   * One category index per row of unnormalised log-probabilities {@code logits} (..., C), as
   * {@code torch.distributions.Categorical(logits=...).sample()}: the Gumbel-max trick
   * {@code argmax(logits - log(-log u))}, so it runs on any backend. Returns int64 of shape (...).
   */
  public static Tensor categorical(Generator generator, Tensor logits) {
    return Sampling.categorical(generator, logits);
  }

  // ---------------------------------------------------------------- conversion and copies

  /** This tensor in {@code dtype}; returns {@code this} when it already has it. */
  public Tensor to(DType dtype) {
    return Copies.toDType(this, dtype);
  }

  /** This tensor on {@code device}; returns {@code this} when it is already there. */
  public Tensor to(Device device) {
    return Copies.toDevice(this, device);
  }

  /** A contiguous tensor with the same values: {@code this} if already contiguous. */
  public Tensor contiguous() {
    return isContiguous() ? this : Copies.clone(this);
  }

  /** A contiguous copy with its own storage. */
  public Tensor clone() {
    return Copies.clone(this);
  }

  /** Copies {@code src} (broadcast to this shape, cast to this dtype) into this tensor. */
  public Tensor copy_(Tensor src) {
    Copies.copyInto(this, src);
    return this;
  }

  /** Sets every element to {@code value}. */
  public Tensor fill_(double value) {
    Copies.fill(this, value);
    return this;
  }

  public Tensor zero_() {
    return fill_(0.0);
  }

  /** The values in row-major order as float32 (converting if needed). */
  public float[] toFloatArray() {
    return (float[]) Copies.toHostArray(this, DType.FLOAT32);
  }

  public double[] toDoubleArray() {
    return (double[]) Copies.toHostArray(this, DType.FLOAT64);
  }

  public long[] toLongArray() {
    return (long[]) Copies.toHostArray(this, DType.INT64);
  }

  public boolean[] toBooleanArray() {
    return (boolean[]) Copies.toHostArray(this, DType.BOOL);
  }

  /** The value of a one-element tensor as a double. */
  public double item() {
    if (numel() != 1) {
      throw new IllegalArgumentException("item: a tensor with " + numel() + " elements cannot be converted to a scalar");
    }
    return toDoubleArray()[0];
  }

  /** The value of a one-element tensor as a long (exact for int64). */
  public long itemLong() {
    if (numel() != 1) {
      throw new IllegalArgumentException("itemLong: a tensor with " + numel() + " elements cannot be converted to a scalar");
    }
    return toLongArray()[0];
  }

  // ---------------------------------------------------------------- views

  /** A view (no copy) when the layout allows, else a copy; one size may be -1. */
  public Tensor reshape(int... shape) {
    return Views.reshape(this, shape);
  }

  /** A view with a new shape; throws when the layout does not allow one (use reshape). */
  public Tensor view(int... shape) {
    return Views.view(this, shape);
  }

  public Tensor transpose(int dim0, int dim1) {
    return Views.transpose(this, dim0, dim1);
  }

  /** Transpose of a tensor with at most 2 dims. */
  public Tensor t() {
    return Views.t(this);
  }

  /** Transposes the last two dims ({@code .mT}). */
  public Tensor mT() {
    return Views.transpose(this, -2, -1);
  }

  public Tensor permute(int... dims) {
    return Views.permute(this, dims);
  }

  /** Removes every size-1 dim. */
  public Tensor squeeze() {
    return Views.squeeze(this);
  }

  /** Removes {@code dim} if its size is 1; otherwise returns an identical view. */
  public Tensor squeeze(int dim) {
    return Views.squeeze(this, dim);
  }

  public Tensor unsqueeze(int dim) {
    return Views.unsqueeze(this, dim);
  }

  /** Broadcasts size-1 dims to larger sizes without copying (stride 0); -1 keeps a size. */
  public Tensor expand(int... shape) {
    return Views.expand(this, shape);
  }

  public Tensor expandAs(Tensor other) {
    return Views.expand(this, other.shape);
  }

  /** Elements {@code [start, start + length)} along {@code dim}. */
  public Tensor narrow(int dim, int start, int length) {
    return Views.narrow(this, dim, start, length);
  }

  /** {@code t[..., start:end:step, ...]} along {@code dim} (Python slice rules, step &gt; 0). */
  public Tensor slice(int dim, int start, int end, int step) {
    return Views.slice(this, dim, start, end, step);
  }

  public Tensor slice(int dim, int start, int end) {
    return Views.slice(this, dim, start, end, 1);
  }

  /** Index {@code index} of {@code dim}, removing the dim. */
  public Tensor select(int dim, int index) {
    return Views.select(this, dim, index);
  }

  public Tensor flatten() {
    return Views.flatten(this, 0, -1);
  }

  public Tensor flatten(int startDim, int endDim) {
    return Views.flatten(this, startDim, endDim);
  }

  public Tensor unflatten(int dim, int... sizes) {
    return Views.unflatten(this, dim, sizes);
  }

  /** The diagonal of dims (dim1, dim2) shifted by {@code offset}, as the last dim of a view. */
  public Tensor diagonal(int offset, int dim1, int dim2) {
    return Views.diagonal(this, offset, dim1, dim2);
  }

  public Tensor diagonal() {
    return Views.diagonal(this, 0, 0, 1);
  }

  // ---------------------------------------------------------------- elementwise: binary

  /** Applies any registered binary op with broadcasting and promotion (the ops below are shorthands). */
  public Tensor apply(BinaryOp op, Tensor other) {
    return Elementwise.binary(op, this, other);
  }

  public Tensor add(Tensor other) {
    return Elementwise.binary(BinaryOp.ADD, this, other);
  }

  /** {@code this + alpha * other}. */
  public Tensor add(Tensor other, double alpha) {
    return Elementwise.binary(BinaryOp.ADD, this, alpha == 1.0 ? other : other.mul(alpha));
  }

  public Tensor add(double other) {
    return Elementwise.binary(BinaryOp.ADD, this, Creation.wrap(other));
  }

  public Tensor add(long other) {
    return Elementwise.binary(BinaryOp.ADD, this, Creation.wrap(other));
  }

  public Tensor sub(Tensor other) {
    return Elementwise.binary(BinaryOp.SUB, this, other);
  }

  /** {@code this - alpha * other}. */
  public Tensor sub(Tensor other, double alpha) {
    return Elementwise.binary(BinaryOp.SUB, this, alpha == 1.0 ? other : other.mul(alpha));
  }

  public Tensor sub(double other) {
    return Elementwise.binary(BinaryOp.SUB, this, Creation.wrap(other));
  }

  public Tensor sub(long other) {
    return Elementwise.binary(BinaryOp.SUB, this, Creation.wrap(other));
  }

  /** {@code other - this}, as {@code torch.rsub}. */
  public Tensor rsub(double other) {
    return Elementwise.binary(BinaryOp.SUB, Creation.wrap(other), this);
  }

  public Tensor mul(Tensor other) {
    return Elementwise.binary(BinaryOp.MUL, this, other);
  }

  public Tensor mul(double other) {
    return Elementwise.binary(BinaryOp.MUL, this, Creation.wrap(other));
  }

  public Tensor mul(long other) {
    return Elementwise.binary(BinaryOp.MUL, this, Creation.wrap(other));
  }

  /** True division: integer inputs give float32, as in PyTorch. */
  public Tensor div(Tensor other) {
    return Elementwise.binary(BinaryOp.DIV, this, other);
  }

  public Tensor div(double other) {
    return Elementwise.binary(BinaryOp.DIV, this, Creation.wrap(other));
  }

  /**
   * Division with PyTorch's {@code rounding_mode}: {@code null} (true division), {@code "trunc"} or
   * {@code "floor"}; the rounded modes keep integer dtypes.
   */
  public Tensor div(Tensor other, String roundingMode) {
    return Elementwise.div(this, other, roundingMode);
  }

  public Tensor floorDivide(Tensor other) {
    return Elementwise.binary(BinaryOp.FLOOR_DIVIDE, this, other);
  }

  public Tensor floorDivide(long other) {
    return Elementwise.binary(BinaryOp.FLOOR_DIVIDE, this, Creation.wrap(other));
  }

  /** Python-style modulo: the result has the sign of the divisor. */
  public Tensor remainder(Tensor other) {
    return Elementwise.binary(BinaryOp.REMAINDER, this, other);
  }

  public Tensor remainder(double other) {
    return Elementwise.binary(BinaryOp.REMAINDER, this, Creation.wrap(other));
  }

  public Tensor remainder(long other) {
    return Elementwise.binary(BinaryOp.REMAINDER, this, Creation.wrap(other));
  }

  public Tensor pow(Tensor exponent) {
    return Elementwise.binary(BinaryOp.POW, this, exponent);
  }

  public Tensor pow(double exponent) {
    return Elementwise.pow(this, exponent);
  }

  /** Integer and bool tensors refuse a negative exponent, as PyTorch does for a Python int. */
  public Tensor pow(long exponent) {
    return Elementwise.pow(this, exponent);
  }

  public Tensor atan2(Tensor other) {
    return Elementwise.binary(BinaryOp.ATAN2, this, other);
  }

  /** Elementwise maximum; NaN propagates. */
  public Tensor maximum(Tensor other) {
    return Elementwise.binary(BinaryOp.MAXIMUM, this, other);
  }

  /** Elementwise minimum; NaN propagates. */
  public Tensor minimum(Tensor other) {
    return Elementwise.binary(BinaryOp.MINIMUM, this, other);
  }

  public Tensor eq(Tensor other) {
    return Elementwise.binary(BinaryOp.EQ, this, other);
  }

  public Tensor eq(double other) {
    return Elementwise.binary(BinaryOp.EQ, this, Creation.wrap(other));
  }

  public Tensor ne(Tensor other) {
    return Elementwise.binary(BinaryOp.NE, this, other);
  }

  public Tensor ne(double other) {
    return Elementwise.binary(BinaryOp.NE, this, Creation.wrap(other));
  }

  public Tensor lt(Tensor other) {
    return Elementwise.binary(BinaryOp.LT, this, other);
  }

  public Tensor lt(double other) {
    return Elementwise.binary(BinaryOp.LT, this, Creation.wrap(other));
  }

  public Tensor le(Tensor other) {
    return Elementwise.binary(BinaryOp.LE, this, other);
  }

  public Tensor le(double other) {
    return Elementwise.binary(BinaryOp.LE, this, Creation.wrap(other));
  }

  public Tensor gt(Tensor other) {
    return Elementwise.binary(BinaryOp.GT, this, other);
  }

  public Tensor gt(double other) {
    return Elementwise.binary(BinaryOp.GT, this, Creation.wrap(other));
  }

  public Tensor ge(Tensor other) {
    return Elementwise.binary(BinaryOp.GE, this, other);
  }

  public Tensor ge(double other) {
    return Elementwise.binary(BinaryOp.GE, this, Creation.wrap(other));
  }

  public Tensor logicalAnd(Tensor other) {
    return Elementwise.binary(BinaryOp.LOGICAL_AND, this, other);
  }

  public Tensor logicalOr(Tensor other) {
    return Elementwise.binary(BinaryOp.LOGICAL_OR, this, other);
  }

  public Tensor logicalXor(Tensor other) {
    return Elementwise.binary(BinaryOp.LOGICAL_XOR, this, other);
  }

  public Tensor logicalNot() {
    return Elementwise.unary(UnaryOp.LOGICAL_NOT, this);
  }

  /** {@code condition ? x : y}, broadcasting all three. */
  public static Tensor where(Tensor condition, Tensor x, Tensor y) {
    return Elementwise.where(condition, x, y);
  }

  /** {@code condition ? this : other}, as {@code Tensor.where} in PyTorch. */
  public Tensor where(Tensor condition, Tensor other) {
    return Elementwise.where(condition, this, other);
  }

  /** {@code mask ? value : this}; mask must broadcast to this shape. */
  public Tensor maskedFill(Tensor mask, double value) {
    return Elementwise.maskedFill(this, mask, value);
  }

  public Tensor maskedFill_(Tensor mask, double value) {
    return copy_(Elementwise.maskedFill(this, mask, value));
  }

  /** Clamps into [min, max]; NaN stays NaN; when min &gt; max every element becomes max. */
  public Tensor clamp(double min, double max) {
    return Elementwise.clamp(this, Creation.wrap(min), Creation.wrap(max));
  }

  public Tensor clamp(Tensor min, Tensor max) {
    return Elementwise.clamp(this, min, max);
  }

  public Tensor clampMin(double min) {
    return Elementwise.clamp(this, Creation.wrap(min), null);
  }

  public Tensor clampMax(double max) {
    return Elementwise.clamp(this, null, Creation.wrap(max));
  }

  public Tensor clamp_(double min, double max) {
    return copy_(clamp(min, max));
  }

  // ---------------------------------------------------------------- in-place arithmetic

  public Tensor add_(Tensor other) {
    return Elementwise.binaryInPlace(BinaryOp.ADD, this, other);
  }

  /** {@code this += alpha * other}. */
  public Tensor add_(Tensor other, double alpha) {
    return Elementwise.binaryInPlace(BinaryOp.ADD, this, alpha == 1.0 ? other : other.mul(alpha));
  }

  public Tensor add_(double other) {
    return Elementwise.binaryInPlace(BinaryOp.ADD, this, Creation.wrap(other));
  }

  public Tensor sub_(Tensor other) {
    return Elementwise.binaryInPlace(BinaryOp.SUB, this, other);
  }

  public Tensor sub_(double other) {
    return Elementwise.binaryInPlace(BinaryOp.SUB, this, Creation.wrap(other));
  }

  public Tensor mul_(Tensor other) {
    return Elementwise.binaryInPlace(BinaryOp.MUL, this, other);
  }

  public Tensor mul_(double other) {
    return Elementwise.binaryInPlace(BinaryOp.MUL, this, Creation.wrap(other));
  }

  public Tensor div_(Tensor other) {
    return Elementwise.binaryInPlace(BinaryOp.DIV, this, other);
  }

  public Tensor div_(double other) {
    return Elementwise.binaryInPlace(BinaryOp.DIV, this, Creation.wrap(other));
  }

  public Tensor pow_(double exponent) {
    return Elementwise.binaryInPlace(BinaryOp.POW, this, Creation.wrap(exponent));
  }

  public Tensor neg_() {
    return Elementwise.unaryInPlace(UnaryOp.NEG, this);
  }

  public Tensor exp_() {
    return Elementwise.unaryInPlace(UnaryOp.EXP, this);
  }

  public Tensor log_() {
    return Elementwise.unaryInPlace(UnaryOp.LOG, this);
  }

  public Tensor sqrt_() {
    return Elementwise.unaryInPlace(UnaryOp.SQRT, this);
  }

  public Tensor relu_() {
    return Elementwise.unaryInPlace(UnaryOp.RELU, this);
  }

  public Tensor sigmoid_() {
    return Elementwise.unaryInPlace(UnaryOp.SIGMOID, this);
  }

  public Tensor tanh_() {
    return Elementwise.unaryInPlace(UnaryOp.TANH, this);
  }

  /** Applies any unary op in place; the result must keep this tensor's dtype. */
  public Tensor apply_(UnaryOp op) {
    return Elementwise.unaryInPlace(op, this);
  }

  // ---------------------------------------------------------------- elementwise: unary

  /** Applies any registered unary op (the ops below are shorthands for this). */
  public Tensor apply(UnaryOp op) {
    return Elementwise.unary(op, this);
  }

  public Tensor neg() {
    return Elementwise.unary(UnaryOp.NEG, this);
  }

  public Tensor abs() {
    return Elementwise.unary(UnaryOp.ABS, this);
  }

  public Tensor sign() {
    return Elementwise.unary(UnaryOp.SIGN, this);
  }

  public Tensor exp() {
    return Elementwise.unary(UnaryOp.EXP, this);
  }

  public Tensor expm1() {
    return Elementwise.unary(UnaryOp.EXPM1, this);
  }

  public Tensor log() {
    return Elementwise.unary(UnaryOp.LOG, this);
  }

  public Tensor log1p() {
    return Elementwise.unary(UnaryOp.LOG1P, this);
  }

  public Tensor sqrt() {
    return Elementwise.unary(UnaryOp.SQRT, this);
  }

  public Tensor rsqrt() {
    return Elementwise.unary(UnaryOp.RSQRT, this);
  }

  public Tensor square() {
    return Elementwise.unary(UnaryOp.SQUARE, this);
  }

  public Tensor reciprocal() {
    return Elementwise.unary(UnaryOp.RECIPROCAL, this);
  }

  public Tensor sin() {
    return Elementwise.unary(UnaryOp.SIN, this);
  }

  public Tensor cos() {
    return Elementwise.unary(UnaryOp.COS, this);
  }

  public Tensor tanh() {
    return Elementwise.unary(UnaryOp.TANH, this);
  }

  public Tensor sigmoid() {
    return Elementwise.unary(UnaryOp.SIGMOID, this);
  }

  public Tensor logSigmoid() {
    return Elementwise.unary(UnaryOp.LOG_SIGMOID, this);
  }

  /** log(1 + exp(x)) with beta = 1, threshold = 20. */
  public Tensor softplus() {
    return Elementwise.unary(UnaryOp.SOFTPLUS, this);
  }

  /** log(1 + exp(beta x)) / beta, linear where beta x &gt; threshold (as {@code F.softplus}). */
  public Tensor softplus(double beta, double threshold) {
    return Elementwise.softplus(this, beta, threshold);
  }

  public Tensor relu() {
    return Elementwise.unary(UnaryOp.RELU, this);
  }

  /** GELU with the exact normal CDF ({@code approximate='none'}). */
  public Tensor gelu() {
    return Elementwise.unary(UnaryOp.GELU, this);
  }

  /** GELU with {@code approximate} = {@code "none"} or {@code "tanh"}, as {@code F.gelu}. */
  public Tensor gelu(String approximate) {
    return switch (approximate) {
      case "none" -> Elementwise.unary(UnaryOp.GELU, this);
      case "tanh" -> Elementwise.unary(UnaryOp.GELU_TANH, this);
      default -> throw new IllegalArgumentException("gelu: approximate must be 'none' or 'tanh', got '" + approximate + "'");
    };
  }

  public Tensor silu() {
    return Elementwise.unary(UnaryOp.SILU, this);
  }

  public Tensor erf() {
    return Elementwise.unary(UnaryOp.ERF, this);
  }

  public Tensor floor() {
    return Elementwise.unary(UnaryOp.FLOOR, this);
  }

  public Tensor ceil() {
    return Elementwise.unary(UnaryOp.CEIL, this);
  }

  /** Rounds half to even. */
  public Tensor round() {
    return Elementwise.unary(UnaryOp.ROUND, this);
  }

  public Tensor trunc() {
    return Elementwise.unary(UnaryOp.TRUNC, this);
  }

  public Tensor isnan() {
    return Elementwise.unary(UnaryOp.ISNAN, this);
  }

  public Tensor isinf() {
    return Elementwise.unary(UnaryOp.ISINF, this);
  }

  public Tensor isfinite() {
    return Elementwise.unary(UnaryOp.ISFINITE, this);
  }

  // ---------------------------------------------------------------- reductions

  /** Sum of all elements (int64 for integer and bool inputs). */
  public Tensor sum() {
    return Reductions.sum(this, Shapes.SCALAR, false);
  }

  public Tensor sum(int dim) {
    return Reductions.sum(this, new int[] {dim}, false);
  }

  public Tensor sum(int dim, boolean keepdim) {
    return Reductions.sum(this, new int[] {dim}, keepdim);
  }

  public Tensor sum(int[] dims, boolean keepdim) {
    return Reductions.sum(this, dims, keepdim);
  }

  public Tensor mean() {
    return Reductions.mean(this, Shapes.SCALAR, false);
  }

  public Tensor mean(int dim) {
    return Reductions.mean(this, new int[] {dim}, false);
  }

  public Tensor mean(int dim, boolean keepdim) {
    return Reductions.mean(this, new int[] {dim}, keepdim);
  }

  public Tensor mean(int[] dims, boolean keepdim) {
    return Reductions.mean(this, dims, keepdim);
  }

  /** Variance over all elements with Bessel's correction (correction = 1). */
  public Tensor var() {
    return Reductions.var(this, Shapes.SCALAR, 1.0, false);
  }

  public Tensor var(int dim) {
    return Reductions.var(this, new int[] {dim}, 1.0, false);
  }

  /** {@code sum((x - mean)^2) / max(0, N - correction)}, as {@code torch.var(correction=...)}. */
  public Tensor var(int[] dims, double correction, boolean keepdim) {
    return Reductions.var(this, dims, correction, keepdim);
  }

  public Tensor std() {
    return Reductions.var(this, Shapes.SCALAR, 1.0, false).sqrt();
  }

  public Tensor std(int dim) {
    return Reductions.var(this, new int[] {dim}, 1.0, false).sqrt();
  }

  public Tensor std(int[] dims, double correction, boolean keepdim) {
    return Reductions.var(this, dims, correction, keepdim).sqrt();
  }

  public Tensor prod() {
    return Reductions.prod(this, Shapes.SCALAR, false);
  }

  public Tensor prod(int dim, boolean keepdim) {
    return Reductions.prod(this, new int[] {dim}, keepdim);
  }

  /** Product over several dims (all of them when {@code dims} is empty). */
  public Tensor prod(int[] dims, boolean keepdim) {
    return Reductions.prod(this, dims, keepdim);
  }

  /** Largest element (0-d); NaN propagates. */
  public Tensor max() {
    return Reductions.amax(this, Shapes.SCALAR, false);
  }

  public Tensor min() {
    return Reductions.amin(this, Shapes.SCALAR, false);
  }

  /** Max along {@code dim} with the index of the first occurrence. */
  public ValuesIndices max(int dim) {
    return Reductions.maxWithIndices(this, dim, false);
  }

  public ValuesIndices max(int dim, boolean keepdim) {
    return Reductions.maxWithIndices(this, dim, keepdim);
  }

  public ValuesIndices min(int dim) {
    return Reductions.minWithIndices(this, dim, false);
  }

  public ValuesIndices min(int dim, boolean keepdim) {
    return Reductions.minWithIndices(this, dim, keepdim);
  }

  public Tensor amax(int[] dims, boolean keepdim) {
    return Reductions.amax(this, dims, keepdim);
  }

  public Tensor amin(int[] dims, boolean keepdim) {
    return Reductions.amin(this, dims, keepdim);
  }

  /** Index of the largest element of the flattened tensor. */
  public Tensor argmax() {
    return Reductions.maxWithIndices(this.reshape(-1), 0, false).indices();
  }

  public Tensor argmax(int dim, boolean keepdim) {
    return Reductions.maxWithIndices(this, dim, keepdim).indices();
  }

  public Tensor argmin() {
    return Reductions.minWithIndices(this.reshape(-1), 0, false).indices();
  }

  public Tensor argmin(int dim, boolean keepdim) {
    return Reductions.minWithIndices(this, dim, keepdim).indices();
  }

  /** log(sum(exp(x))) over dims, stable (max-shifted); all -inf gives -inf. */
  public Tensor logsumexp(int dim) {
    return Reductions.logsumexp(this, new int[] {dim}, false);
  }

  public Tensor logsumexp(int[] dims, boolean keepdim) {
    return Reductions.logsumexp(this, dims, keepdim);
  }

  /** The 2-norm of all elements. */
  public Tensor norm() {
    return Reductions.norm(this, 2.0, Shapes.SCALAR, false);
  }

  /** The p-norm of all elements; p may be any positive value or +-infinity. */
  public Tensor norm(double p) {
    return Reductions.norm(this, p, Shapes.SCALAR, false);
  }

  public Tensor norm(double p, int[] dims, boolean keepdim) {
    return Reductions.norm(this, p, dims, keepdim);
  }

  public Tensor any() {
    return Reductions.any(this, Shapes.SCALAR, false);
  }

  public Tensor any(int dim, boolean keepdim) {
    return Reductions.any(this, new int[] {dim}, keepdim);
  }

  public Tensor all() {
    return Reductions.all(this, Shapes.SCALAR, false);
  }

  public Tensor all(int dim, boolean keepdim) {
    return Reductions.all(this, new int[] {dim}, keepdim);
  }

  public Tensor cumsum(int dim) {
    return Reductions.cumsum(this, dim);
  }

  public Tensor cumprod(int dim) {
    return Reductions.cumprod(this, dim);
  }

  public Tensor softmax(int dim) {
    return Reductions.softmax(this, dim, false);
  }

  public Tensor logSoftmax(int dim) {
    return Reductions.softmax(this, dim, true);
  }

  // ---------------------------------------------------------------- matrix products

  /**
   * PyTorch's matmul: dot, matrix-vector, matrix and batched products with broadcast batch dims.
   * Both operands must share one floating point dtype (PyTorch also multiplies integer tensors).
   */
  public Tensor matmul(Tensor other) {
    return MatrixProducts.matmul(this, other);
  }

  /** 2-D matrix product. */
  public Tensor mm(Tensor other) {
    return MatrixProducts.mm(this, other);
  }

  /** Batched matrix product of (B, n, m) and (B, m, p). */
  public Tensor bmm(Tensor other) {
    return MatrixProducts.bmm(this, other);
  }

  /** Matrix-vector product of (n, m) and (m,). */
  public Tensor mv(Tensor vector) {
    return MatrixProducts.mv(this, vector);
  }

  /** Dot product of two 1-D tensors (0-d result). */
  public Tensor dot(Tensor other) {
    return MatrixProducts.dot(this, other);
  }

  /** Outer product of two 1-D tensors. */
  public Tensor outer(Tensor other) {
    return MatrixProducts.outer(this, other);
  }

  // ---------------------------------------------------------------- indexing and shape

  /** {@code out[i][j] = this[index[i][j]][j]} for dim 0 (and so on), as {@code torch.gather}. */
  public Tensor gather(int dim, Tensor index) {
    return Indexing.gather(this, dim, index);
  }

  /** A copy with {@code this[index[i][j]][j] = src[i][j]} (dim 0), as {@code torch.scatter}. */
  public Tensor scatter(int dim, Tensor index, Tensor src) {
    return Indexing.scatter(this.clone(), dim, index, src, false);
  }

  public Tensor scatter(int dim, Tensor index, double value) {
    return Indexing.scatterValue(this.clone(), dim, index, value);
  }

  public Tensor scatter_(int dim, Tensor index, Tensor src) {
    return Indexing.scatter(this, dim, index, src, false);
  }

  /** A copy with {@code this[index[i][j]][j] += src[i][j]} (dim 0), as {@code torch.scatter_add}. */
  public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
    return Indexing.scatter(this.clone(), dim, index, src, true);
  }

  public Tensor scatterAdd_(int dim, Tensor index, Tensor src) {
    return Indexing.scatter(this, dim, index, src, true);
  }

  /** Entries of the 1-D int64 {@code index} along {@code dim}. */
  public Tensor indexSelect(int dim, Tensor index) {
    return Indexing.indexSelect(this, dim, index);
  }

  /** A copy with {@code select(dim, index[i]) += src.select(dim, i)}. */
  public Tensor indexAdd(int dim, Tensor index, Tensor src) {
    return Indexing.indexAdd(this.clone(), dim, index, src);
  }

  public Tensor indexAdd_(int dim, Tensor index, Tensor src) {
    return Indexing.indexAdd(this, dim, index, src);
  }

  /** Gather with broadcasting of the non-indexed dims, as {@code torch.take_along_dim}. */
  public Tensor takeAlongDim(Tensor indices, int dim) {
    return Indexing.takeAlongDim(this, indices, dim);
  }

  /** One-hot int64 encoding with a new last dim of size {@code numClasses}. */
  public Tensor oneHot(int numClasses) {
    return Indexing.oneHot(this, numClasses);
  }

  /** Rows of {@code weight} (V, D) picked by int64 {@code indices}: shape indices.shape + (D,). */
  public static Tensor embedding(Tensor weight, Tensor indices) {
    return Indexing.embedding(weight, indices);
  }

  /** Concatenates along an existing dim; dtypes are promoted. */
  public static Tensor cat(List<Tensor> tensors, int dim) {
    return Indexing.cat(tensors, dim);
  }

  /** Stacks equal-shaped tensors along a new dim. */
  public static Tensor stack(List<Tensor> tensors, int dim) {
    return Indexing.stack(tensors, dim);
  }

  /** Views of {@code splitSize} along {@code dim} (the last one may be shorter). */
  public List<Tensor> split(int splitSize, int dim) {
    return Indexing.split(this, splitSize, dim);
  }

  /** Views with the given sizes along {@code dim}. */
  public List<Tensor> split(int[] sizes, int dim) {
    return Indexing.split(this, sizes, dim);
  }

  /** {@code chunks} views along {@code dim}, as {@code torch.chunk}. */
  public List<Tensor> chunk(int chunks, int dim) {
    return Indexing.chunk(this, chunks, dim);
  }

  /** The k largest (or smallest) entries along {@code dim}, sorted, with their indices. */
  public ValuesIndices topk(int k, int dim, boolean largest) {
    return Indexing.topk(this, k, dim, largest);
  }

  /** Stable sort along {@code dim}; NaN sorts above every number. */
  public ValuesIndices sort(int dim, boolean descending) {
    return Indexing.sort(this, dim, descending);
  }

  public Tensor argsort(int dim, boolean descending) {
    return Indexing.sort(this, dim, descending).indices();
  }

  /** Zeroes elements above diagonal {@code diagonal} of the last two dims. */
  public Tensor tril(int diagonal) {
    return Indexing.triangle(this, diagonal, false);
  }

  public Tensor tril() {
    return Indexing.triangle(this, 0, false);
  }

  /** Zeroes elements below diagonal {@code diagonal} of the last two dims. */
  public Tensor triu(int diagonal) {
    return Indexing.triangle(this, diagonal, true);
  }

  public Tensor triu() {
    return Indexing.triangle(this, 0, true);
  }

  /** Tiles the tensor, as {@code torch.Tensor.repeat}. */
  public Tensor repeat(int... repeats) {
    return Indexing.repeat(this, repeats);
  }

  /** Reverses the order along the given dims. */
  public Tensor flip(int... dims) {
    return Indexing.flip(this, dims);
  }

  /** Rolls elements along dims, wrapping around. */
  public Tensor roll(int[] shifts, int[] dims) {
    return Indexing.roll(this, shifts, dims);
  }

  public Tensor roll(int shift, int dim) {
    return Indexing.roll(this, new int[] {shift}, new int[] {dim});
  }

  /**
   * Constant padding as {@code F.pad}: {@code pad} lists (before, after) pairs starting from the
   * last dim; negative amounts crop.
   */
  public Tensor pad(int[] pad, double value) {
    return Indexing.pad(this, pad, value);
  }

  // ---------------------------------------------------------------- comparison helpers

  /** True when shapes match and every element is equal (as {@code torch.equal}). */
  public boolean equal(Tensor other) {
    return Comparison.equal(this, other);
  }

  /** {@code |a - b| <= atol + rtol * |b|} everywhere (NaN equal to NaN only with equalNan). */
  public boolean allclose(Tensor other, double rtol, double atol) {
    return Comparison.allclose(this, other, rtol, atol, false);
  }

  @Override
  public String toString() {
    return TensorFormat.format(this);
  }
}
