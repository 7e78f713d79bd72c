package io.frontier.tensor.cpu;

import io.frontier.tensor.Tensor;

/**
 * Layer norm and RMS norm over the last dim of contiguous float tensors, forward and backward,
 * computed in float64 (rows in parallel). RMS norm is the uncentred case: no mean, no bias.
 * Gradients of the weight and bias are sums over rows, taken over column ranges in parallel, each
 * column summed in row order, so they do not depend on the thread count.
 */
final class NormKernels {
  private NormKernels() {}

  /** {@code mean == null} selects RMS norm. */
  static void forward(Tensor x, Tensor weight, Tensor bias, double eps, Tensor out, Tensor mean, Tensor rstd) {
    int n = x.size(-1);
    int rows = x.numel() / n;
    boolean centred = mean != null;
    FloatingRows xs = FloatingRows.of(x);
    FloatingRows ys = FloatingRows.of(out);
    FloatingRows means = FloatingRows.of(mean);
    FloatingRows rstds = FloatingRows.of(rstd);
    double[] w = FloatingRows.all(weight);
    double[] b = FloatingRows.all(bias);
    Parallel.forRange(rows, FloatingRows.grain(n), (r0, r1) -> {
      double[] v = new double[n];
      for (int r = r0; r < r1; r++) {
        xs.load(r * n, v, n);
        double mu = 0;
        if (centred) {
          for (int i = 0; i < n; i++) mu += v[i];
          mu /= n;
        }
        double ss = 0;
        for (int i = 0; i < n; i++) ss += (v[i] - mu) * (v[i] - mu);
        double rs = 1.0 / Math.sqrt(ss / n + eps);
        if (centred) means.set(r, mu);
        rstds.set(r, rs);
        for (int i = 0; i < n; i++) {
          double y = (v[i] - mu) * rs;
          if (w != null) y *= w[i];
          if (b != null) y += b[i];
          v[i] = y;
        }
        ys.store(v, r * n, n);
      }
    });
  }

  /** {@code mean == null} selects RMS norm. */
  static void backward(Tensor gradOut, Tensor x, Tensor weight, Tensor mean, Tensor rstd, Tensor gradX, Tensor gradWeight,
      Tensor gradBias) {
    int n = x.size(-1);
    int rows = x.numel() / n;
    boolean centred = mean != null;
    FloatingRows gs = FloatingRows.of(gradOut);
    FloatingRows xs = FloatingRows.of(x);
    FloatingRows dxs = FloatingRows.of(gradX);
    FloatingRows means = FloatingRows.of(mean);
    FloatingRows rstds = FloatingRows.of(rstd);
    double[] w = FloatingRows.all(weight);
    Parallel.forRange(rows, FloatingRows.grain(n), (r0, r1) -> {
      double[] g = new double[n];
      double[] xh = new double[n];
      for (int r = r0; r < r1; r++) {
        gs.load(r * n, g, n);
        xs.load(r * n, xh, n);
        double mu = centred ? means.get(r) : 0;
        double rs = rstds.get(r);
        double sumG = 0;
        double sumGx = 0;
        for (int i = 0; i < n; i++) {
          xh[i] = (xh[i] - mu) * rs;
          if (w != null) g[i] *= w[i];
          sumG += g[i];
          sumGx += g[i] * xh[i];
        }
        double a = centred ? sumG / n : 0;
        double c = sumGx / n;
        for (int i = 0; i < n; i++) g[i] = rs * (g[i] - a - xh[i] * c);
        dxs.store(g, r * n, n);
      }
    });
    if (gradWeight != null || gradBias != null) columnSums(gs, xs, means, rstds, rows, n, gradWeight, gradBias);
  }

  /** {@code gradWeight[j] = sum_r gradOut[r, j] xhat[r, j]}, {@code gradBias[j] = sum_r gradOut[r, j]}. */
  private static void columnSums(FloatingRows gs, FloatingRows xs, FloatingRows means, FloatingRows rstds, int rows, int n,
      Tensor gradWeight, Tensor gradBias) {
    FloatingRows dw = FloatingRows.of(gradWeight);
    FloatingRows db = FloatingRows.of(gradBias);
    Parallel.forRange(n, Math.max(16, (1 << 15) / Math.max(1, rows)), (c0, c1) -> {
      int len = c1 - c0;
      double[] sw = new double[len];
      double[] sb = new double[len];
      for (int r = 0; r < rows; r++) {
        double mu = means != null ? means.get(r) : 0;
        double rs = rstds.get(r);
        int base = r * n;
        for (int j = 0; j < len; j++) {
          double g = gs.get(base + c0 + j);
          sw[j] += g * (xs.get(base + c0 + j) - mu) * rs;
          sb[j] += g;
        }
      }
      for (int j = 0; j < len; j++) {
        if (dw != null) dw.set(c0 + j, sw[j]);
        if (db != null) db.set(c0 + j, sb[j]);
      }
    });
  }
}
