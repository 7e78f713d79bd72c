package io.frontier.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact limited-memory BFGS matrix of Byrd, Nocedal and Schnabel (1994) that L-BFGS-B uses:
 * {@code B = theta I - W M W^T} with {@code W = [Y, theta S]} (n x 2k) and
 * {@code M = [[-D, L^T], [L, theta S^T S]]^-1}, where D is the diagonal of {@code S^T Y} and L its
 * strictly lower triangle. Holds at most {@code m} pairs; with none, B is the identity.
 */
final class CompactLbfgs {
  private final int m;
  private final List<double[]> s = new ArrayList<>();
  private final List<double[]> y = new ArrayList<>();
  private double theta = 1;
  private double[][] mMat = new double[0][0];

  CompactLbfgs(int m) {
    this.m = m;
  }

  /** Number of stored pairs k (W has 2k columns). */
  int size() {
    return s.size();
  }

  double theta() {
    return theta;
  }

  /** The 2k x 2k middle matrix M. */
  double[][] middle() {
    return mMat;
  }

  /** Row i of W: {@code [y_1[i] .. y_k[i], theta s_1[i] .. theta s_k[i]]}. */
  double[] wRow(int i) {
    int k = s.size();
    double[] w = new double[2 * k];
    for (int j = 0; j < k; j++) {
      w[j] = y.get(j)[i];
      w[k + j] = theta * s.get(j)[i];
    }
    return w;
  }

  /** {@code W^T v}. */
  double[] wTimes(double[] v) {
    int k = s.size();
    double[] out = new double[2 * k];
    for (int j = 0; j < k; j++) {
      out[j] = StrongWolfe.dot(y.get(j), v);
      out[k + j] = theta * StrongWolfe.dot(s.get(j), v);
    }
    return out;
  }

  void clear() {
    s.clear();
    y.clear();
    theta = 1;
    mMat = new double[0][0];
  }

  /**
   * Adds the pair (s, y) when its curvature {@code s.y} exceeds {@code eps * y.y} (else the pair is
   * skipped, as in L-BFGS-B, to keep B positive definite); returns whether it was added. Throws
   * {@link SmallDense.SingularException} (after clearing the memory) if M cannot be formed.
   */
  boolean add(double[] sNew, double[] yNew) throws SmallDense.SingularException {
    double sy = StrongWolfe.dot(sNew, yNew);
    double yy = StrongWolfe.dot(yNew, yNew);
    if (!(sy > 2.220446049250313e-16 * yy)) return false;
    if (s.size() == m) {
      s.remove(0);
      y.remove(0);
    }
    s.add(sNew);
    y.add(yNew);
    theta = yy / sy;
    int k = s.size();
    double[][] inv = new double[2 * k][2 * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double sy_ij = StrongWolfe.dot(s.get(i), y.get(j));
        if (i == j) inv[i][i] = -sy_ij;
        if (i > j) {
          inv[k + i][j] = sy_ij; // L
          inv[j][k + i] = sy_ij; // L^T
        }
        inv[k + i][k + j] = theta * StrongWolfe.dot(s.get(i), s.get(j));
      }
    }
    try {
      mMat = SmallDense.solve(inv, SmallDense.identity(2 * k));
    } catch (SmallDense.SingularException e) {
      clear();
      throw e;
    }
    return true;
  }
}
