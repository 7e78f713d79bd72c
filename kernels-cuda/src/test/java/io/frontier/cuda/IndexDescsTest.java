package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * index.cu's offset arithmetic run on the CPU: a Java mirror of index_take/index_put, fed the
 * descriptors CudaIndexing builds, must reproduce the CPU backend on strided views.
 */
class IndexDescsTest {
  private static final int STORE = 4096;

  /** A view of a flat storage 0, 1, 2, ... so that element values are their storage offsets. */
  private static Tensor storageView() {
    return Tensor.arange(0, STORE, 1, DType.FLOAT64);
  }

  private static double[] flat(Tensor t) {
    return t.contiguous().toDoubleArray();
  }

  /** index_take: dst[plain(i)] = src[indexed(i) + j * along]. */
  private static double[] take(Tensor src, int dim, long[] idxStore, int idxOff, int[] idxD, int[] shape) {
    int n = 1;
    for (int s : shape) n *= s;
    int[] srcD = IndexDescs.indexed(shape, src.strides(), dim);
    double[] storage = flat(storageView());
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      long j = idxStore[idxOff + (int) StridedDesc.offsetOf(idxD, i)];
      out[i] = storage[src.storageOffset() + (int) (StridedDesc.offsetOf(srcD, i) + j * src.stride(dim))];
    }
    return out;
  }

  @Test
  void gatherOnAPermutedViewReadsWhatTheCpuReads() {
    Tensor x = storageView().narrow(0, 5, 6 * 7 * 8).reshape(6, 7, 8).permute(2, 0, 1); // (8, 6, 7)
    Tensor index = Tensor.rand(new Generator(1), DType.FLOAT64, 8, 5, 3).mul(6).floor().to(DType.INT64);
    Tensor expected = x.gather(1, index);
    long[] idx = index.contiguous().toLongArray();
    assertArrayEquals(flat(expected), take(x, 1, idx, 0, StridedDesc.of(index.contiguous()), index.shape()), 0.0);
  }

  @Test
  void indexSelectWithAStridedIndexReadsWhatTheCpuReads() {
    Tensor x = storageView().narrow(0, 3, 9 * 10).reshape(9, 10).slice(1, 1, 10, 2); // (9, 5), strides (10, 2)
    long[] store = {7, 0, 4, 0, 4, 0, 1, 0, 8, 0, 4};
    Tensor index = Tensor.of(store).slice(0, 0, 11, 2); // 7, 4, 4, 1, 8, 4
    for (int dim = 0; dim < 2; dim++) {
      Tensor idx = dim == 0 ? index : index.slice(0, 1, 4); // 4, 4, 1 at storage offset 2
      Tensor expected = x.indexSelect(dim, idx);
      int[] idxD = IndexDescs.expandedIndex(expected.shape(), dim, idx.stride(0));
      assertArrayEquals(flat(expected), take(x, dim, store, idx.storageOffset(), idxD, expected.shape()), 0.0, "dim " + dim);
    }
  }

  @Test
  void indexAddAndScatterAddIntoTransposedOutputsAddWhereTheCpuAdds() {
    Tensor src = Tensor.rand(new Generator(2), DType.FLOAT64, 4, 6);
    long[] store = {2, 0, 2, 1};
    Tensor index = Tensor.of(store);
    Tensor out = Tensor.zeros(DType.FLOAT64, Device.CPU, 6, 3).transpose(0, 1); // (3, 6), strides (1, 3)
    Tensor expected = out.clone();
    Backends.cpu().indexAdd(expected, 0, index, src);
    assertArrayEquals(flat(expected), put(src, store, 0, IndexDescs.expandedIndex(src.shape(), 0, 1), out, 0), 1e-15);

    Tensor sIndex = Tensor.rand(new Generator(3), DType.FLOAT64, 4, 6).mul(3).floor().to(DType.INT64);
    Tensor expected2 = out.clone();
    Backends.cpu().scatter(expected2, 0, sIndex, src, true);
    assertArrayEquals(flat(expected2), put(src, sIndex.toLongArray(), 0, StridedDesc.of(sIndex), out, 0), 1e-15);
  }

  /** index_put (accumulating) into a fresh copy of dst's storage; returns dst's elements row-major. */
  private static double[] put(Tensor src, long[] idxStore, int idxOff, int[] idxD, Tensor dst, int dim) {
    double[] storage = new double[dst.storageOffset() + 64];
    int[] dstD = IndexDescs.indexed(src.shape(), dst.strides(), dim);
    double[] s = flat(src);
    for (int i = 0; i < s.length; i++) {
      long j = idxStore[idxOff + (int) StridedDesc.offsetOf(idxD, i)];
      storage[dst.storageOffset() + (int) (StridedDesc.offsetOf(dstD, i) + j * dst.stride(dim))] += s[i];
    }
    double[] out = new double[dst.numel()];
    int[] dd = StridedDesc.of(dst);
    for (int i = 0; i < out.length; i++) out[i] = storage[dst.storageOffset() + (int) StridedDesc.offsetOf(dd, i)];
    return out;
  }

  @Test
  void rowsDropTheSortedDim() {
    Tensor t = Tensor.zeros(DType.FLOAT32, Device.CPU, 4, 5, 6).transpose(0, 2); // (6, 5, 4)
    int[] d = IndexDescs.rows(t, 1);
    for (int r = 0; r < 24; r++) {
      int a = r / 4;
      int c = r % 4;
      assertArrayEquals(new long[] {(long) a * t.stride(0) + (long) c * t.stride(2)}, new long[] {StridedDesc.offsetOf(d, r)});
    }
  }
}
