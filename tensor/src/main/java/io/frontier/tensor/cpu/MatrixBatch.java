package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import java.util.Arrays;

/**
 * A contiguous {@code (B, rows, cols)} CPU tensor seen as B row-major matrices laid end to end in
 * one Java array: matrix {@code i} starts at {@link #start(int)}. Bridges those slices to EJML's
 * matrices and runs per-matrix work over the batch in parallel.
 */
final class MatrixBatch {

  /**
   * Work per task below which splitting the batch over threads costs more than it saves; a task
   * holds at least this many flops (about 50 µs of scalar arithmetic).
   */
  private static final long MIN_FLOPS_PER_TASK = 1L << 17;

  final int count;
  final int rows;
  final int cols;
  final int offset;
  private final Object array;

  MatrixBatch(String op, Tensor t) {
    if (t.dim() != 3 || !t.isContiguous()) {
      throw new IllegalArgumentException(
          op + ": the backend expects a contiguous (B, m, n) tensor, got shape " + Arrays.toString(t.shape())
              + (t.isContiguous() ? "" : " (not contiguous)"));
    }
    if (!t.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": expected a floating point tensor, got " + t.dtype());
    }
    this.count = t.size(0);
    this.rows = t.size(1);
    this.cols = t.size(2);
    this.offset = t.storageOffset();
    this.array = ((CpuStorage) t.storage()).data();
  }

  boolean isFloat64() {
    return array instanceof double[];
  }

  double[] doubles() {
    return (double[]) array;
  }

  float[] floats() {
    return (float[]) array;
  }

  int size() {
    return rows * cols;
  }

  /** Index of element (0, 0) of matrix {@code i} in the array. */
  int start(int i) {
    return offset + i * size();
  }

  /** True when the array holds exactly one matrix from index 0, so EJML can use it in place. */
  private boolean isWholeArray() {
    return count == 1 && offset == 0 && java.lang.reflect.Array.getLength(array) == size();
  }

  // ---------------------------------------------------------------- EJML bridge, float64

  /**
   * Matrix {@code i} for an EJML routine that only reads it: the array itself when it holds just
   * this matrix, otherwise a copy in {@code scratch} (reshaped as needed).
   */
  DMatrixRMaj readF64(int i, DMatrixRMaj scratch) {
    if (isWholeArray()) return DMatrixRMaj.wrap(rows, cols, doubles());
    scratch.reshape(rows, cols, false);
    System.arraycopy(doubles(), start(i), scratch.data, 0, size());
    return scratch;
  }

  /** Where EJML should write matrix {@code i}: the array itself when possible, else {@code scratch}; follow with {@link #writeF64}. */
  DMatrixRMaj targetF64(DMatrixRMaj scratch) {
    if (isWholeArray()) return DMatrixRMaj.wrap(rows, cols, doubles());
    scratch.reshape(rows, cols, false);
    return scratch;
  }

  /** Stores {@code m} as matrix {@code i}; nothing to do when {@code m} already wraps the array. */
  void writeF64(int i, DMatrixRMaj m) {
    if (m.data != array) System.arraycopy(m.data, 0, doubles(), start(i), size());
  }

  // ---------------------------------------------------------------- EJML bridge, float32

  FMatrixRMaj readF32(int i, FMatrixRMaj scratch) {
    if (isWholeArray()) return FMatrixRMaj.wrap(rows, cols, floats());
    scratch.reshape(rows, cols, false);
    System.arraycopy(floats(), start(i), scratch.data, 0, size());
    return scratch;
  }

  FMatrixRMaj targetF32(FMatrixRMaj scratch) {
    if (isWholeArray()) return FMatrixRMaj.wrap(rows, cols, floats());
    scratch.reshape(rows, cols, false);
    return scratch;
  }

  void writeF32(int i, FMatrixRMaj m) {
    if (m.data != array) System.arraycopy(m.data, 0, floats(), start(i), size());
  }

  // ---------------------------------------------------------------- float32 widened to float64

  /** Copies matrix {@code i}, widened to float64, into {@code dst[0, size)}; for kernels written once in float64. */
  void widen(int i, double[] dst) {
    float[] src = floats();
    int s = start(i);
    for (int k = 0; k < size(); k++) dst[k] = src[s + k];
  }

  /** Stores {@code src[0, size)}, rounded to float32, as matrix {@code i}. */
  void narrow(double[] src, int i) {
    float[] dst = floats();
    int s = start(i);
    for (int k = 0; k < size(); k++) dst[s + k] = (float) src[k];
  }

  // ---------------------------------------------------------------- batch loop and errors

  /**
   * Runs {@code task} over the batch indices [0, count), split over threads when each matrix costs
   * about {@code flopsPerMatrix} and the total is worth it. Each task creates its own EJML objects
   * and scratch (they are not thread-safe). A failing chunk stops at its first bad matrix, and the
   * lowest chunk's failure wins, so an error names the first failing batch element.
   */
  static void forEach(int count, long flopsPerMatrix, Parallel.RangeTask task) {
    long grain = Math.max(1L, MIN_FLOPS_PER_TASK / Math.max(1L, flopsPerMatrix));
    Parallel.forRange(count, (int) Math.min(Integer.MAX_VALUE, grain), task);
  }

  /** {@code "op"} for a single matrix, {@code "op (batch element i)"} in a batch. */
  static String where(String op, int count, int i) {
    return count > 1 ? op + " (batch element " + i + ")" : op;
  }
}
