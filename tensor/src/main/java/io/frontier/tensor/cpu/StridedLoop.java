package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * An elementwise walk over one shape shared by several operands, each with its own strides and
 * offset (operand 0 is the output by convention). Dimensions are reordered to follow operand 0's
 * memory order and merged wherever every operand allows, so that a contiguous tensor becomes one
 * long row and a broadcast becomes a row with stride 0. The body is called once per (piece of a)
 * row with the operands' offsets and the row length; {@link #innerStride(int)} gives the stride
 * within the row.
 */
final class StridedLoop {

  /** Processes {@code n} elements of one row starting at the operands' offsets {@code offsets}. */
  @FunctionalInterface
  interface Row {
    void run(int[] offsets, int n);
  }

  private final int operands;
  private final int[] outerSizes; // outer dims, outermost first
  private final int[][] outerStrides; // [operand][dim]
  private final int[] base; // offset of element 0 per operand
  private final int inner; // elements per row
  private final int[] innerStrides; // per operand
  private final long rows;

  private StridedLoop(int operands, int[] outerSizes, int[][] outerStrides, int[] base, int inner, int[] innerStrides) {
    this.operands = operands;
    this.outerSizes = outerSizes;
    this.outerStrides = outerStrides;
    this.base = base;
    this.inner = inner;
    this.innerStrides = innerStrides;
    long r = 1;
    for (int s : outerSizes) r *= s;
    this.rows = r;
  }

  /** Plans a walk over {@code shape} for tensors that all have that shape (possibly via stride 0). */
  static StridedLoop of(int[] shape, Tensor... tensors) {
    int k = tensors.length;
    int[][] strides = new int[k][];
    int[] base = new int[k];
    for (int i = 0; i < k; i++) {
      strides[i] = tensors[i].strides();
      base[i] = tensors[i].storageOffset();
    }
    return of(shape, strides, base);
  }

  static StridedLoop of(int[] shape, int[][] strides, int[] base) {
    int k = strides.length;
    int nd = shape.length;
    // keep dims of size != 1, ordered by operand 0's stride (largest first); insertion sort is stable
    int[] dims = new int[nd];
    int kept = 0;
    for (int d = 0; d < nd; d++) {
      if (shape[d] == 1) continue;
      int j = kept++;
      while (j > 0 && Math.abs(strides[0][dims[j - 1]]) < Math.abs(strides[0][d])) {
        dims[j] = dims[j - 1];
        j--;
      }
      dims[j] = d;
    }
    int[] sizes = new int[kept];
    int[][] st = new int[k][kept];
    for (int j = 0; j < kept; j++) {
      sizes[j] = shape[dims[j]];
      for (int o = 0; o < k; o++) st[o][j] = strides[o][dims[j]];
    }
    // merge dim j into j+1 (its inner neighbour) when every operand steps through them as one
    int m = 0;
    int[] msizes = new int[kept];
    int[][] mst = new int[k][kept];
    for (int j = 0; j < kept; j++) {
      if (m > 0 && mergeable(msizes, mst, m - 1, sizes[j], st, j, k)) {
        msizes[m - 1] *= sizes[j];
        for (int o = 0; o < k; o++) mst[o][m - 1] = st[o][j];
      } else {
        msizes[m] = sizes[j];
        for (int o = 0; o < k; o++) mst[o][m] = st[o][j];
        m++;
      }
    }
    if (m == 0) {
      int[] ones = new int[k];
      return new StridedLoop(k, new int[0], new int[k][0], base.clone(), 1, ones);
    }
    int[] outer = java.util.Arrays.copyOf(msizes, m - 1);
    int[][] outerSt = new int[k][];
    int[] innerSt = new int[k];
    for (int o = 0; o < k; o++) {
      outerSt[o] = java.util.Arrays.copyOf(mst[o], m - 1);
      innerSt[o] = mst[o][m - 1];
    }
    return new StridedLoop(k, outer, outerSt, base.clone(), msizes[m - 1], innerSt);
  }

  private static boolean mergeable(int[] msizes, int[][] mst, int prev, int size, int[][] st, int j, int k) {
    for (int o = 0; o < k; o++) {
      if ((long) mst[o][prev] != (long) st[o][j] * size) return false;
    }
    return true;
  }

  int innerStride(int operand) {
    return innerStrides[operand];
  }

  int inner() {
    return inner;
  }

  long total() {
    return rows * inner;
  }

  /**
   * Runs {@code body} over every element, split across threads in chunks of at least
   * {@code grain} elements. Rows may be cut at chunk boundaries.
   */
  void forEach(int grain, Row body) {
    long total = total();
    if (total == 0) return;
    Parallel.forRange((int) total, grain, (start, end) -> walk(start, end, body));
  }

  /** Runs the whole walk on the calling thread. */
  void forEachSerial(Row body) {
    long total = total();
    if (total > 0) walk(0, (int) total, body);
  }

  private void walk(int start, int end, Row body) {
    int nOuter = outerSizes.length;
    int[] idx = new int[nOuter];
    int[] rowBase = base.clone();
    long row = start / inner;
    int col = start % inner;
    for (int d = nOuter - 1; d >= 0; d--) {
      idx[d] = (int) (row % outerSizes[d]);
      row /= outerSizes[d];
      for (int o = 0; o < operands; o++) rowBase[o] += idx[d] * outerStrides[o][d];
    }
    int[] offs = new int[operands];
    int remaining = end - start;
    while (remaining > 0) {
      int n = Math.min(inner - col, remaining);
      for (int o = 0; o < operands; o++) offs[o] = rowBase[o] + col * innerStrides[o];
      body.run(offs, n);
      remaining -= n;
      col = 0;
      if (remaining == 0) break;
      for (int d = nOuter - 1; d >= 0; d--) {
        idx[d]++;
        for (int o = 0; o < operands; o++) rowBase[o] += outerStrides[o][d];
        if (idx[d] < outerSizes[d]) break;
        for (int o = 0; o < operands; o++) rowBase[o] -= outerStrides[o][d] * outerSizes[d];
        idx[d] = 0;
      }
    }
  }
}
