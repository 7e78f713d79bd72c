package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.decomposition.qr.QRDecompositionHouseholderColumn_DDRM;
import org.ejml.dense.row.decomposition.qr.QRDecompositionHouseholderColumn_FDRM;

/**
 * Reduced QR on EJML's Householder QR (column variant), float64 and float32 side by side.
 *
 * <p>Householder QR fixes Q and R only up to the signs of Q's columns and R's rows; we flip each
 * pair whose {@code R_ii} is negative, so R's diagonal is non-negative and, for a full-rank A, the
 * factorisation is unique and comparable across backends.
 */
final class QrKernel {
  private QrKernel() {}

  static void qr(Tensor a, Tensor q, Tensor r) {
    MatrixBatch as = new MatrixBatch("qr", a);
    MatrixBatch qs = new MatrixBatch("qr", q);
    MatrixBatch rs = new MatrixBatch("qr", r);
    long m = as.rows;
    long n = as.cols;
    long flops = 4 * m * n * Math.min(m, n);
    MatrixBatch.forEach(as.count, flops, (start, end) -> {
      if (as.isFloat64()) {
        qrF64(as, qs, rs, start, end);
      } else {
        qrF32(as, qs, rs, start, end);
      }
    });
  }

  private static void qrF64(MatrixBatch as, MatrixBatch qs, MatrixBatch rs, int start, int end) {
    QRDecompositionHouseholderColumn_DDRM qr = new QRDecompositionHouseholderColumn_DDRM();
    DMatrixRMaj aScratch = new DMatrixRMaj(1, 1);
    DMatrixRMaj qScratch = new DMatrixRMaj(1, 1);
    DMatrixRMaj rScratch = new DMatrixRMaj(1, 1);
    for (int i = start; i < end; i++) {
      // The column variant copies A into its own storage, so a wrapped input is safe.
      qr.decompose(as.readF64(i, aScratch));
      DMatrixRMaj qi = qr.getQ(qs.targetF64(qScratch), true);
      DMatrixRMaj ri = qr.getR(rs.targetF64(rScratch), true);
      makeDiagonalNonNegative(qi.data, ri.data, qs.rows, rs.rows, rs.cols);
      qs.writeF64(i, qi);
      rs.writeF64(i, ri);
    }
  }

  private static void qrF32(MatrixBatch as, MatrixBatch qs, MatrixBatch rs, int start, int end) {
    QRDecompositionHouseholderColumn_FDRM qr = new QRDecompositionHouseholderColumn_FDRM();
    FMatrixRMaj aScratch = new FMatrixRMaj(1, 1);
    FMatrixRMaj qScratch = new FMatrixRMaj(1, 1);
    FMatrixRMaj rScratch = new FMatrixRMaj(1, 1);
    for (int i = start; i < end; i++) {
      qr.decompose(as.readF32(i, aScratch));
      FMatrixRMaj qi = qr.getQ(qs.targetF32(qScratch), true);
      FMatrixRMaj ri = qr.getR(rs.targetF32(rScratch), true);
      makeDiagonalNonNegative(qi.data, ri.data, qs.rows, rs.rows, rs.cols);
      qs.writeF32(i, qi);
      rs.writeF32(i, ri);
    }
  }

  /** Negates column j of Q (m × k) and row j of R (k × n) wherever {@code R_jj < 0}; Q R is unchanged. */
  private static void makeDiagonalNonNegative(double[] q, double[] r, int m, int k, int n) {
    for (int j = 0; j < k; j++) {
      if (!(r[j * n + j] < 0)) continue;
      for (int c = j; c < n; c++) r[j * n + c] = -r[j * n + c];
      for (int row = 0; row < m; row++) q[row * k + j] = -q[row * k + j];
    }
  }

  private static void makeDiagonalNonNegative(float[] q, float[] r, int m, int k, int n) {
    for (int j = 0; j < k; j++) {
      if (!(r[j * n + j] < 0)) continue;
      for (int c = j; c < n; c++) r[j * n + c] = -r[j * n + c];
      for (int row = 0; row < m; row++) q[row * k + j] = -q[row * k + j];
    }
  }
}
