package io.frontier.cuda;


import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;

/**
 * gather, scatter, indexSelect, indexAdd (index.cu) and sort (sort.cu).
 *
 * <p>The four indexing ops are two kernels over an iteration shape (see index.cu): the indexed
 * operand's view keeps its strides with the indexed dim's set to 0 (the kernel adds
 * {@code idx * stride(dim)}), and the 1-D index of indexSelect/indexAdd is expanded to the
 * iteration shape ({@link IndexDescs}). The kernels check every index and report the first out of
 * range one as an {@link IndexOutOfBoundsException} at the next synchronisation.
 *
 * <p>Sort runs on the device for rows whose padded length fits shared memory ({@link SortPlan},
 * up to 16384 elements on an H100); longer rows are sorted on the host.
 */
final class CudaIndexing {
  /** Dynamic shared memory a kernel may use without opting in. */

  private final Launcher launcher;

  CudaIndexing(Launcher launcher) {
    this.launcher = launcher;
  }

  void gather(Tensor in, int dim, Tensor index, Tensor out) {
    take(DeviceErrors.Code.INDEX_GATHER, in, dim, index, StridedDesc.of(index), out);
  }

  void indexSelect(Tensor in, int dim, Tensor index, Tensor out) {
    take(DeviceErrors.Code.INDEX_SELECT, in, dim, index, IndexDescs.expandedIndex(out.shape(), dim, index.stride(0)), out);
  }

  void scatter(Tensor out, int dim, Tensor index, Tensor src, boolean accumulate) {
    put(DeviceErrors.Code.INDEX_SCATTER, src, index, StridedDesc.of(index), out, dim, accumulate);
  }

  void indexAdd(Tensor out, int dim, Tensor index, Tensor src) {
    put(DeviceErrors.Code.INDEX_ADD, src, index, IndexDescs.expandedIndex(src.shape(), dim, index.stride(0)), out, dim, true);
  }

  /** {@code dst[p] = src[p with p[dim] = idx(p)]} over dst's shape. */
  private void take(DeviceErrors.Code code, Tensor src, int dim, Tensor index, int[] idxD, Tensor dst) {
    int n = dst.numel();
    int[] srcD = IndexDescs.indexed(dst.shape(), src.strides(), dim);
    int[] dstD = StridedDesc.of(dst);
    int dense = (StridedDesc.isDense(idxD) ? 1 : 0) | (StridedDesc.isDense(dstD) ? 2 : 0);
    launcher.elementwise("index_take_" + CudaTensors.suffix(dst.dtype()), n, n, CudaTensors.ptr(src), srcD, (long) src.stride(dim),
        src.size(dim), CudaTensors.ptr(index), idxD, CudaTensors.ptr(dst), dstD, dense, launcher.context().errorFlag(), code.value);
  }

  /** {@code dst[p with p[dim] = idx(p)] = (or +=) src[p]} over src's shape. */
  private void put(DeviceErrors.Code code, Tensor src, Tensor index, int[] idxD, Tensor dst, int dim, boolean accumulate) {
    int n = src.numel();
    int[] srcD = StridedDesc.of(src);
    int[] dstD = IndexDescs.indexed(src.shape(), dst.strides(), dim);
    int dense = (StridedDesc.isDense(idxD) ? 1 : 0) | (StridedDesc.isDense(srcD) ? 2 : 0);
    launcher.elementwise("index_put_" + CudaTensors.suffix(dst.dtype()), n, n, CudaTensors.ptr(src), srcD, CudaTensors.ptr(index), idxD,
        CudaTensors.ptr(dst), dstD, (long) dst.stride(dim), dst.size(dim), accumulate ? 1 : 0, dense, launcher.context().errorFlag(),
        code.value);
  }

  void sort(Tensor in, int dim, boolean descending, Tensor values, Tensor indices) {
    int n = in.size(dim);
    int numRows = in.numel() / n;
    int keyBytes = in.dtype() == DType.FLOAT64 || in.dtype() == DType.INT64 ? 8 : 4;
    SortPlan plan = SortPlan.of(n, numRows, keyBytes, launcher.context().maxSharedPerBlockOptin());
    if (plan == null) {
      sortLongRows(in, dim, descending, values, indices, LongSortPlan.of(n, numRows, keyBytes, CudaContext.DEFAULT_DYNAMIC_SHARED));
      return;
    }
    String kernel = "sort_rows_" + CudaTensors.suffix(in.dtype());
    if (plan.sharedBytes() > CudaContext.DEFAULT_DYNAMIC_SHARED) launcher.context().setMaxDynamicShared(kernel, launcher.context().maxSharedPerBlockOptin());
    launcher.launch(kernel, plan.launch(), n, plan.p(), plan.rows(), numRows,
        CudaTensors.ptr(in), IndexDescs.rows(in, dim), in.stride(dim),
        CudaTensors.ptr(values), IndexDescs.rows(values, dim), values.stride(dim),
        CudaTensors.ptr(indices), IndexDescs.rows(indices, dim), indices.stride(dim),
        descending ? 1 : 0);
  }

  /**
   * Rows too long for one block (sort.cu, LongSortPlan): sorted tiles into run buffers of (key,
   * index) pairs, merge passes alternating between two pairs of buffers, then the gather. The run
   * buffers go back to the cache once the kernels are queued (stream order keeps them until then).
   */
  private void sortLongRows(Tensor in, int dim, boolean descending, Tensor values, Tensor indices, LongSortPlan plan) {
    int n = plan.n(), numRows = plan.numRows();
    long total = (long) numRows * n;
    Tensor[] keys = {Tensor.empty(DType.INT64, in.device(), (int) total), Tensor.empty(DType.INT64, in.device(), (int) total)};
    Tensor[] idx = {Tensor.empty(DType.INT64, in.device(), (int) total), Tensor.empty(DType.INT64, in.device(), (int) total)};
    String dt = CudaTensors.suffix(in.dtype());
    int[] inRows = IndexDescs.rows(in, dim);
    launcher.launch("sort_tiles_" + dt, plan.tiles(), n, plan.tileP(), plan.tilesPerRow(), numRows, CudaTensors.ptr(in), inRows,
        in.stride(dim), CudaTensors.ptr(keys[0]), CudaTensors.ptr(idx[0]), descending ? 1 : 0);
    int cur = 0;
    for (int pass = 0; pass < plan.mergePasses(); pass++, cur ^= 1) {
      launcher.elementwise("sort_merge", plan.mergeThreads(), n, plan.mergeWidth(pass), numRows, CudaTensors.ptr(keys[cur]),
          CudaTensors.ptr(idx[cur]), CudaTensors.ptr(keys[cur ^ 1]), CudaTensors.ptr(idx[cur ^ 1]));
    }
    launcher.elementwise("sort_gather_" + dt, total, n, numRows, CudaTensors.ptr(idx[cur]), CudaTensors.ptr(in), inRows, in.stride(dim),
        CudaTensors.ptr(values), IndexDescs.rows(values, dim), values.stride(dim), CudaTensors.ptr(indices), IndexDescs.rows(indices, dim),
        indices.stride(dim));
    for (Tensor t : new Tensor[] {keys[0], keys[1], idx[0], idx[1]}) CudaBackend.releaseScratch(t);
  }
}
