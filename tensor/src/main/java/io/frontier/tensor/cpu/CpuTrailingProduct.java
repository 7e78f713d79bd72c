package io.frontier.tensor.cpu;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.MatrixProduct;
import io.frontier.tensor.cpu.gemm.Gemm;

/**
 * The CPU backend's trailing updates for the blocked factorisations: {@code c -= a b} straight
 * into c's storage by {@link Gemm} accumulating {@code (-a) b} (a is a panel, small beside c), so
 * the product is never stored and c is read and written once.
 */
final class CpuTrailingProduct implements MatrixProduct {
  static final CpuTrailingProduct INSTANCE = new CpuTrailingProduct();

  private CpuTrailingProduct() {}

  @Override
  public void multiply(Tensor a, Tensor b, Tensor out) {
    a.backend().matmul(a, b, out);
  }

  @Override
  public void subtractFrom(Tensor c, Tensor a, Tensor b) {
    int batch = c.size(0), m = c.size(1), n = c.size(2), k = a.size(2);
    if (batch == 0 || m == 0 || n == 0 || k == 0) return;
    if (c.stride(2) != 1) {
      MatrixProduct.super.subtractFrom(c, a, b);
      return;
    }
    Tensor negA = a.neg().contiguous();
    boolean parallel = batch < Parallel.numThreads();
    Parallel.forRange(batch, 1, (z0, z1) -> {
      for (int z = z0; z < z1; z++) {
        int aOff = negA.storageOffset() + z * m * k;
        int bOff = b.storageOffset() + z * b.stride(0);
        int cOff = c.storageOffset() + z * c.stride(0);
        if (c.dtype() == DType.FLOAT64) {
          Gemm.dgemm(m, n, k, doubles(negA), aOff, k, 1, doubles(b), bOff, b.stride(1), b.stride(2), doubles(c), cOff, c.stride(1), true,
              parallel);
        } else {
          Gemm.sgemm(m, n, k, floats(negA), aOff, k, 1, floats(b), bOff, b.stride(1), b.stride(2), floats(c), cOff, c.stride(1), true,
              parallel);
        }
      }
    });
  }

  private static double[] doubles(Tensor t) {
    return ((CpuStorage) t.storage()).doubles();
  }

  private static float[] floats(Tensor t) {
    return ((CpuStorage) t.storage()).floats();
  }
}
