package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_FDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F32;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Symmetric eigen-decomposition on EJML's symmetric QR algorithm (Householder tridiagonalisation,
 * then implicit QR steps whose rotations accumulate into orthonormal eigenvectors), float64 and
 * float32 side by side.
 *
 * <p>EJML reads the upper triangle and overwrites its input, while torch reads the lower one, so
 * each matrix is first copied with its lower triangle mirrored. EJML returns the eigenpairs
 * unordered; we sort them ascending, as torch does.
 */
final class EighKernel {
  private EighKernel() {}

  static void eigh(Tensor a, Tensor eigenvalues, Tensor eigenvectors) {
    MatrixBatch as = new MatrixBatch("eigh", a);
    MatrixBatch ws = new MatrixBatch("eigh", eigenvalues);
    MatrixBatch vs = new MatrixBatch("eigh", eigenvectors);
    long n = as.rows;
    MatrixBatch.forEach(as.count, 9 * n * n * n, (start, end) -> {
      if (as.isFloat64()) {
        eighF64(as, ws, vs, start, end);
      } else {
        eighF32(as, ws, vs, start, end);
      }
    });
  }

  private static void eighF64(MatrixBatch as, MatrixBatch ws, MatrixBatch vs, int start, int end) {
    int n = as.rows;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    DMatrixRMaj sym = new DMatrixRMaj(n, n);
    double[] values = new double[n];
    int[] order = new int[n];
    double[] w = ws.doubles();
    double[] v = vs.doubles();
    for (int i = start; i < end; i++) {
      double[] src = as.doubles();
      int s = as.start(i);
      for (int r = 0; r < n; r++) {
        for (int c = 0; c <= r; c++) {
          sym.data[r * n + c] = src[s + r * n + c];
          sym.data[c * n + r] = src[s + r * n + c];
        }
      }
      if (!eig.decompose(sym)) throw notConverged(as.count, i);
      for (int j = 0; j < n; j++) values[j] = eig.getEigenvalue(j).real;
      argsortAscending(values, order);
      int wOff = ws.start(i);
      int vOff = vs.start(i);
      for (int j = 0; j < n; j++) {
        w[wOff + j] = values[order[j]];
        DMatrixRMaj vector = eig.getEigenVector(order[j]);
        for (int r = 0; r < n; r++) v[vOff + r * n + j] = vector.data[r];
      }
    }
  }

  private static void eighF32(MatrixBatch as, MatrixBatch ws, MatrixBatch vs, int start, int end) {
    int n = as.rows;
    EigenDecomposition_F32<FMatrixRMaj> eig = DecompositionFactory_FDRM.eig(n, true, true);
    FMatrixRMaj sym = new FMatrixRMaj(n, n);
    double[] values = new double[n];
    int[] order = new int[n];
    float[] w = ws.floats();
    float[] v = vs.floats();
    for (int i = start; i < end; i++) {
      float[] src = as.floats();
      int s = as.start(i);
      for (int r = 0; r < n; r++) {
        for (int c = 0; c <= r; c++) {
          sym.data[r * n + c] = src[s + r * n + c];
          sym.data[c * n + r] = src[s + r * n + c];
        }
      }
      if (!eig.decompose(sym)) throw notConverged(as.count, i);
      for (int j = 0; j < n; j++) values[j] = eig.getEigenvalue(j).real;
      argsortAscending(values, order);
      int wOff = ws.start(i);
      int vOff = vs.start(i);
      for (int j = 0; j < n; j++) {
        w[wOff + j] = (float) values[order[j]];
        FMatrixRMaj vector = eig.getEigenVector(order[j]);
        for (int r = 0; r < n; r++) v[vOff + r * n + j] = vector.data[r];
      }
    }
  }

  private static ArithmeticException notConverged(int count, int i) {
    return new ArithmeticException(
        MatrixBatch.where("eigh", count, i) + ": the algorithm failed to converge (the input may hold NaN or infinite values)");
  }

  /**
   * Fills {@code order} with the indices of {@code values} in ascending order (stable, NaN last).
   * Insertion sort: eigenvalues come out of the QR algorithm nearly sorted, and its O(n^2) worst
   * case is small beside the O(n^3) decomposition.
   */
  static void argsortAscending(double[] values, int[] order) {
    for (int j = 0; j < order.length; j++) {
      int idx = j;
      int p = j - 1;
      while (p >= 0 && Double.compare(values[order[p]], values[idx]) > 0) {
        order[p + 1] = order[p];
        p--;
      }
      order[p + 1] = idx;
    }
  }
}
