package io.frontier.multiobjective.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EPOSearchTest {

  @Test
  void nonUniformityIsKlToUniform() {
    assertEquals(0, EPOSearch.nonUniformity(new double[] {4, 1}, new double[] {1, 4}), 1e-15);
    // lhat = (1/4, 3/4): (1/4) log(1/2) + (3/4) log(3/2)
    assertEquals(0.25 * Math.log(0.5) + 0.75 * Math.log(1.5), EPOSearch.nonUniformity(new double[] {1, 3}, new double[] {1, 1}), 1e-15);
  }

  @Test
  void stepDecreasesNonUniformity() {
    double[] r = {1, 4};
    EPOSearch epo = new EPOSearch(r);
    double[] x = {0.5, 1.5}; // L = (2.5, 4.5): r.L = (2.5, 18), far from the ray
    double before = EPOSearch.nonUniformity(TwoQuadratics.losses(x), r);
    Aggregation a = epo.aggregate(TwoQuadratics.losses(x), TwoQuadratics.gradients(x));
    assertEquals(1, a.weights()[0] + a.weights()[1], 1e-12);
    TwoQuadratics.step(x, a.direction(), 1e-3);
    assertTrue(EPOSearch.nonUniformity(TwoQuadratics.losses(x), r) < before);
  }

  @Test
  void convergesToTheExactParetoPointOfTheRay() {
    // r1 L1 = r2 L2 on the front: 4 t^2 = 4 (1 - t)^2 r2 / r1 -> t = sqrt(r2) / (sqrt(r1) + sqrt(r2)) = 2/3 for r = (1, 4)
    // (the default epsilon 1e-4 stops balancing at |lhat_1 - 1/2| ~ sqrt(epsilon / 2), i.e. |dt| ~ 3e-3 here)
    double[] r = {1, 4};
    EPOSearch epo = new EPOSearch(r, 1e-9);
    double[] x = {0.5, 1.5};
    for (int it = 0; it < 1500; it++) {
      TwoQuadratics.step(x, epo.aggregate(TwoQuadratics.losses(x), TwoQuadratics.gradients(x)).direction(), 0.05);
    }
    assertArrayEquals(new double[] {4.0 / 3, 0}, x, 1e-4);
    double[] l = TwoQuadratics.losses(x);
    assertEquals(r[0] * l[0], r[1] * l[1], 1e-3);
  }

  @Test
  void threeObjectivesReachTheRayAndParetoStationarity() {
    // L_i = |x - c_i|^2 with centres at a triangle's corners: the Pareto set is the triangle. Choose the
    // ray through the front point of x* = (1, 0.6), inside it: L(x*) = (1.36, 4.36, 2.96), r = 1 / L(x*)
    // (not every ray meets this front: for r = (1, 2, 3) the two circles r_1 L_1 = r_2 L_2 = r_3 L_3 miss)
    double[][] c = {{0, 0}, {3, 0}, {0, 2}};
    double[] r = {1 / 1.36, 1 / 4.36, 1 / 2.96};
    EPOSearch epo = new EPOSearch(r, 1e-10);
    double[] x = {2, 2};
    double[] l = new double[3];
    double[][] g = new double[3][2];
    for (int it = 0; it < 3000; it++) {
      for (int i = 0; i < 3; i++) {
        g[i][0] = 2 * (x[0] - c[i][0]);
        g[i][1] = 2 * (x[1] - c[i][1]);
        l[i] = (x[0] - c[i][0]) * (x[0] - c[i][0]) + (x[1] - c[i][1]) * (x[1] - c[i][1]);
      }
      TwoQuadratics.step(x, epo.aggregate(l, g).direction(), 0.02);
    }
    assertArrayEquals(new double[] {1, 0.6}, x, 1e-3);
    assertEquals(r[0] * l[0], r[1] * l[1], 1e-3);
    assertEquals(r[0] * l[0], r[2] * l[2], 1e-3);
    double[] d = new MGDA().aggregate(g).direction();
    assertEquals(0, Math.hypot(d[0], d[1]), 1e-3);
  }

  @Test
  void atTheExactParetoPointTheDirectionVanishes() {
    double[] x = {4.0 / 3, 0};
    Aggregation a = new EPOSearch(1, 4).aggregate(TwoQuadratics.losses(x), TwoQuadratics.gradients(x));
    assertArrayEquals(new double[] {0, 0}, a.direction(), 1e-12);
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> new EPOSearch(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new EPOSearch(1, 1).weights(new double[] {1, -1}, new double[][] {{1, 0}, {0, 1}}));
    assertThrows(IllegalArgumentException.class, () -> new EPOSearch(1, 1).weights(new double[] {1, 1}, new double[][] {{1}}));
  }
}
