package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_FDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F32;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Reduced SVD on EJML's implicit-QR SVD (bidiagonalisation, then Golub–Kahan steps), float64 and
 * float32 side by side. EJML's singular values are non-negative but unordered; we sort them
 * descending, permuting U's columns and Vh's rows with them, as torch returns them.
 */
final class SvdKernel {
  private SvdKernel() {}

  static void svd(Tensor a, Tensor u, Tensor s, Tensor vh) {
    MatrixBatch as = new MatrixBatch("svd", a);
    MatrixBatch us = new MatrixBatch("svd", u);
    MatrixBatch ss = new MatrixBatch("svd", s);
    MatrixBatch vs = new MatrixBatch("svd", vh);
    long m = as.rows;
    long n = as.cols;
    long flops = 12 * m * n * Math.min(m, n);
    MatrixBatch.forEach(as.count, flops, (start, end) -> {
      if (as.isFloat64()) {
        svdF64(as, us, ss, vs, start, end);
      } else {
        svdF32(as, us, ss, vs, start, end);
      }
    });
  }

  private static void svdF64(MatrixBatch as, MatrixBatch us, MatrixBatch ss, MatrixBatch vs, int start, int end) {
    int m = as.rows;
    int n = as.cols;
    int k = Math.min(m, n);
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, n, true, true, true);
    DMatrixRMaj aScratch = new DMatrixRMaj(m, n);
    DMatrixRMaj uScratch = new DMatrixRMaj(m, k);
    DMatrixRMaj vhScratch = new DMatrixRMaj(k, n);
    double[] values = new double[k];
    int[] order = new int[k];
    double[] uOut = us.doubles();
    double[] sOut = ss.doubles();
    double[] vhOut = vs.doubles();
    for (int i = start; i < end; i++) {
      DMatrixRMaj ai = svd.inputModified() ? copyF64(as, i, aScratch) : as.readF64(i, aScratch);
      if (!svd.decompose(ai)) throw notConverged(as.count, i);
      double[] sv = svd.getSingularValues();
      System.arraycopy(sv, 0, values, 0, k);
      argsortDescending(values, order);
      DMatrixRMaj ui = svd.getU(uScratch, false);
      DMatrixRMaj vhi = svd.getV(vhScratch, true);
      int uOff = us.start(i);
      int sOff = ss.start(i);
      int vOff = vs.start(i);
      for (int j = 0; j < k; j++) {
        int from = order[j];
        sOut[sOff + j] = values[from];
        for (int r = 0; r < m; r++) uOut[uOff + r * k + j] = ui.data[r * k + from];
        System.arraycopy(vhi.data, from * n, vhOut, vOff + j * n, n);
      }
    }
  }

  private static void svdF32(MatrixBatch as, MatrixBatch us, MatrixBatch ss, MatrixBatch vs, int start, int end) {
    int m = as.rows;
    int n = as.cols;
    int k = Math.min(m, n);
    SingularValueDecomposition_F32<FMatrixRMaj> svd = DecompositionFactory_FDRM.svd(m, n, true, true, true);
    FMatrixRMaj aScratch = new FMatrixRMaj(m, n);
    FMatrixRMaj uScratch = new FMatrixRMaj(m, k);
    FMatrixRMaj vhScratch = new FMatrixRMaj(k, n);
    double[] values = new double[k];
    int[] order = new int[k];
    float[] uOut = us.floats();
    float[] sOut = ss.floats();
    float[] vhOut = vs.floats();
    for (int i = start; i < end; i++) {
      FMatrixRMaj ai = svd.inputModified() ? copyF32(as, i, aScratch) : as.readF32(i, aScratch);
      if (!svd.decompose(ai)) throw notConverged(as.count, i);
      float[] sv = svd.getSingularValues();
      for (int j = 0; j < k; j++) values[j] = sv[j];
      argsortDescending(values, order);
      FMatrixRMaj ui = svd.getU(uScratch, false);
      FMatrixRMaj vhi = svd.getV(vhScratch, true);
      int uOff = us.start(i);
      int sOff = ss.start(i);
      int vOff = vs.start(i);
      for (int j = 0; j < k; j++) {
        int from = order[j];
        sOut[sOff + j] = (float) values[from];
        for (int r = 0; r < m; r++) uOut[uOff + r * k + j] = ui.data[r * k + from];
        System.arraycopy(vhi.data, from * n, vhOut, vOff + j * n, n);
      }
    }
  }

  /** A private copy of matrix i, for an SVD that would otherwise overwrite the caller's tensor. */
  private static DMatrixRMaj copyF64(MatrixBatch as, int i, DMatrixRMaj scratch) {
    System.arraycopy(as.doubles(), as.start(i), scratch.data, 0, as.size());
    return scratch;
  }

  private static FMatrixRMaj copyF32(MatrixBatch as, int i, FMatrixRMaj scratch) {
    System.arraycopy(as.floats(), as.start(i), scratch.data, 0, as.size());
    return scratch;
  }

  private static ArithmeticException notConverged(int count, int i) {
    return new ArithmeticException(
        MatrixBatch.where("svd", count, i) + ": the algorithm failed to converge (the input may hold NaN or infinite values)");
  }

  /** Indices of {@code values} in descending order (stable); insertion sort, as in {@link EighKernel}. */
  private static void argsortDescending(double[] values, int[] order) {
    for (int j = 0; j < order.length; j++) {
      int idx = j;
      int p = j - 1;
      while (p >= 0 && Double.compare(values[order[p]], values[idx]) < 0) {
        order[p + 1] = order[p];
        p--;
      }
      order[p + 1] = idx;
    }
  }
}
