package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.gemm.Gemm;

/**
 * Batched matrix products on the CPU: one GEMM per batch entry, reading the operands through their
 * strides (transposed views need no copy). Many small products run in parallel across the batch;
 * a few large ones parallelise inside the GEMM.
 */
final class MatmulKernel {
  private MatmulKernel() {}

  static void run(Tensor a, Tensor b, Tensor out) {
    int batch = a.size(0);
    int m = a.size(1);
    int k = a.size(2);
    int n = b.size(2);
    int[] as = a.strides();
    int[] bs = b.strides();
    int[] os = out.strides();
    int ao = a.storageOffset();
    int bo = b.storageOffset();
    int oo = out.storageOffset();
    long flopsPerEntry = 2L * m * n * k;
    boolean acrossBatch = batch > 1 && flopsPerEntry < (1L << 21);
    Parallel.RangeTask task = (b0, b1) -> {
      for (int i = b0; i < b1; i++) {
        if (a.dtype() == DType.FLOAT32) {
          Gemm.sgemm(m, n, k, ((CpuStorage) a.storage()).floats(), ao + i * as[0], as[1], as[2],
              ((CpuStorage) b.storage()).floats(), bo + i * bs[0], bs[1], bs[2],
              ((CpuStorage) out.storage()).floats(), oo + i * os[0], os[1], false, !acrossBatch);
        } else {
          Gemm.dgemm(m, n, k, ((CpuStorage) a.storage()).doubles(), ao + i * as[0], as[1], as[2],
              ((CpuStorage) b.storage()).doubles(), bo + i * bs[0], bs[1], bs[2],
              ((CpuStorage) out.storage()).doubles(), oo + i * os[0], os[1], false, !acrossBatch);
        }
      }
    };
    if (acrossBatch) {
      Parallel.forRange(batch, (int) Math.max(1, (1L << 21) / Math.max(1, flopsPerEntry)), task);
    } else {
      task.run(0, batch);
    }
  }
}
