package io.frontier.multiobjective.pde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MaxPoissonControlTest {
  private static final int N = 60;

  private static double[] sinTarget(int k) {
    double[] x = MaxPoissonControl.nodes(N);
    double[] yd = new double[N];
    for (int i = 0; i < N; i++) yd[i] = Math.sin(k * Math.PI * x[i]);
    return yd;
  }

  /** A control whose state changes sign (twice-sine shape plus a smooth offset). */
  private static double[] control(double amplitude) {
    double[] x = MaxPoissonControl.nodes(N);
    double[] u = new double[N];
    for (int i = 0; i < N; i++) u[i] = amplitude * (Math.sin(2 * Math.PI * x[i]) + 0.3 * Math.cos(5 * x[i]));
    return u;
  }

  @Test
  void stateSolvesTheEquation() {
    MaxPoissonControl p = new MaxPoissonControl(30, sinTarget(2));
    double[] u = control(40);
    double[] y = p.state(u);
    double[] r = p.residual(y, u);
    for (double v : r) assertEquals(0, v, 1e-9);
    boolean pos = false, neg = false;
    for (double v : y) { pos |= v > 0; neg |= v < 0; }
    assertTrue(pos && neg, "the test state should use both branches of max(0, y)");
  }

  @Test
  void eigenvectorControlHasClosedFormState() {
    double kappa = 10;
    MaxPoissonControl p = new MaxPoissonControl(kappa, sinTarget(1));
    double[] s = sinTarget(1);
    double[] u = new double[N];
    for (int i = 0; i < N; i++) u[i] = 7 * s[i];
    double[] y = p.state(u);
    double c = 7 / (MaxPoissonControl.lambda1(N) + kappa);
    for (int i = 0; i < N; i++) assertEquals(c * s[i], y[i], 1e-12);
  }

  @Test
  void adjointGradientMatchesCentralDifferences() {
    MaxPoissonControl p = new MaxPoissonControl(30, sinTarget(2));
    double[] u = control(40);
    double[] y = p.state(u);
    double minAbs = Double.POSITIVE_INFINITY;
    for (double v : y) minAbs = Math.min(minAbs, Math.abs(v));
    assertTrue(minAbs > 1e-3, "no node may sit near the kink for the difference check, min |y_i| = " + minAbs);
    double[][] g = p.evaluate(u).gradients();
    double eps = 1e-4;
    for (int i = 0; i < N; i += 7) {
      double[] up = u.clone();
      double[] dn = u.clone();
      up[i] += eps;
      dn[i] -= eps;
      double[] fp = p.evaluate(up).values();
      double[] fm = p.evaluate(dn).values();
      for (int k = 0; k < 2; k++) assertEquals((fp[k] - fm[k]) / (2 * eps), g[k][i], 1e-9 * Math.max(1, Math.abs(g[k][i])) + 1e-11);
    }
  }

  @Test
  void adjointGradientMatchesAutogradWithFrozenActiveSet() {
    double kappa = 30;
    double[] yd = sinTarget(2);
    MaxPoissonControl p = new MaxPoissonControl(kappa, yd);
    double[] u = control(40);
    double[] y = p.state(u);
    double h = p.gridSpacing();
    double[][] g = new double[N][N];
    for (int i = 0; i < N; i++) {
      g[i][i] = 2 / (h * h) + (y[i] > 0 ? kappa : 0);
      if (i > 0) g[i][i - 1] = -1 / (h * h);
      if (i < N - 1) g[i][i + 1] = -1 / (h * h);
    }
    Tensor ut = Tensor.of(u).requiresGrad_(true);
    Tensor yt = LinAlg.solve(Tensor.of(g), ut);
    Tensor j1 = yt.sub(Tensor.of(yd)).square().sum().mul(0.5 * h);
    j1.backward();
    double[] auto = ut.grad().toDoubleArray();
    double[] adjoint = p.evaluate(u).gradients()[0];
    for (int i = 0; i < N; i++) assertEquals(auto[i], adjoint[i], 1e-8 * Math.max(1, Math.abs(auto[i])));
    for (int i = 0; i < N; i++) assertEquals(y[i], yt.toDoubleArray()[i], 1e-10);
  }

  @Test
  void sourceShiftsTheControlAndShapedGradientsMatchDifferences() {
    double[] f = control(25);
    MaxPoissonControl withSource = new MaxPoissonControl(30, sinTarget(2), f);
    double[] u = control(15);
    double[] shifted = new double[N];
    for (int i = 0; i < N; i++) shifted[i] = u[i] + f[i];
    double[] y = withSource.state(u);
    double[] y0 = new MaxPoissonControl(30, sinTarget(2)).state(shifted);
    for (int i = 0; i < N; i++) assertEquals(y0[i], y[i], 1e-12);
    double[] x = MaxPoissonControl.nodes(N);
    double[][] shapes = new double[3][N];
    for (int i = 0; i < N; i++) {
      shapes[0][i] = x[i] < 0.4 ? 1 : 0;
      shapes[1][i] = x[i] >= 0.4 ? 1 : 0;
      shapes[2][i] = Math.cos(3 * x[i]);
    }
    BiObjective shaped = withSource.shaped(shapes);
    double[] v = {10, -20, 5};
    double[][] g = shaped.evaluate(v).gradients();
    double eps = 1e-5;
    for (int j = 0; j < 3; j++) {
      double[] up = v.clone();
      double[] dn = v.clone();
      up[j] += eps;
      dn[j] -= eps;
      double[] fp = shaped.evaluate(up).values();
      double[] fm = shaped.evaluate(dn).values();
      for (int k = 0; k < 2; k++) assertEquals((fp[k] - fm[k]) / (2 * eps), g[k][j], 1e-6 * Math.max(1, Math.abs(g[k][j])));
    }
    assertThrows(IllegalArgumentException.class, () -> withSource.shaped(new double[][] {new double[N - 1]}));
    assertThrows(IllegalArgumentException.class, () -> shaped.evaluate(new double[2]));
    assertThrows(IllegalArgumentException.class, () -> new MaxPoissonControl(1, sinTarget(1), new double[N + 1]));
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> new MaxPoissonControl(-MaxPoissonControl.lambda1(N) - 1, sinTarget(1)));
    assertThrows(IllegalArgumentException.class, () -> new MaxPoissonControl(1, new double[0]));
    MaxPoissonControl p = new MaxPoissonControl(1, sinTarget(1));
    assertThrows(IllegalArgumentException.class, () -> p.state(new double[N - 1]));
    double[] bad = new double[N];
    bad[3] = Double.NaN;
    assertThrows(IllegalArgumentException.class, () -> p.evaluate(bad));
    MaxPoissonControl oneStep = new MaxPoissonControl(30, sinTarget(2), 1e-10, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> oneStep.state(control(40)));
    assertTrue(e.getMessage().contains("semismooth Newton"));
  }
}
