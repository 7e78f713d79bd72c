package io.frontier.multiobjective.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HypervolumeTest {

  /** Inclusion-exclusion: sum over non-empty subsets S of (-1)^{|S|+1} vol(box from max of S to ref). */
  static double oracle(double[][] pts, double[] ref) {
    int n = pts.length;
    int d = ref.length;
    double total = 0;
    for (int mask = 1; mask < (1 << n); mask++) {
      double vol = 1;
      for (int k = 0; k < d; k++) {
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) if ((mask & (1 << i)) != 0) hi = Math.max(hi, pts[i][k]);
        vol *= Math.max(0, ref[k] - hi);
      }
      total += Integer.bitCount(mask) % 2 == 1 ? vol : -vol;
    }
    return total;
  }

  /** Random small sets: values on a coarse grid (ties, duplicates), some outside the reference box. */
  static double[][] randomSet(SplittableRandom rnd, int n, int d) {
    double[][] pts = new double[n][d];
    for (double[] p : pts) for (int k = 0; k < d; k++) p[k] = rnd.nextInt(12) / 10.0;
    return pts;
  }

  @Test
  void everyExactAlgorithmMatchesInclusionExclusion() {
    SplittableRandom rnd = new SplittableRandom(2024);
    for (int d = 2; d <= 5; d++) {
      double[] ref = new double[d];
      Arrays.fill(ref, 1.0);
      for (int trial = 0; trial < 200; trial++) {
        int n = 1 + rnd.nextInt(10);
        double[][] pts = randomSet(rnd, n, d);
        double expected = oracle(pts, ref);
        assertEquals(expected, Hypervolume.of(pts, ref), 1e-12, "d=" + d + " " + Arrays.deepToString(pts));
        double[][] inside = Hypervolume.inside(pts, ref);
        if (inside.length == 0) continue;
        // Each algorithm on its own where it applies; the dimension sweep also in 2-D and 3-D by padding.
        if (d == 2) assertEquals(expected, Hypervolume2D.of(inside, ref), 1e-12);
        if (d == 3) assertEquals(expected, Hypervolume3D.of(inside, ref), 1e-12);
        if (d <= 3) {
          double[][] padded = Arrays.stream(inside).map(p -> pad(p, 4, 0.5)).toArray(double[][]::new);
          assertEquals(expected * Math.pow(0.5, 4 - d), HypervolumeDimensionSweep.of(padded, pad(ref, 4, 1.0)), 1e-12);
        } else {
          assertEquals(expected, HypervolumeDimensionSweep.of(inside, ref), 1e-12);
        }
      }
    }
  }

  private static double[] pad(double[] p, int d, double value) {
    double[] out = Arrays.copyOf(p, d);
    for (int k = p.length; k < d; k++) out[k] = value;
    return out;
  }

  @Test
  void contributionsMatchInclusionExclusion() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int d = 2; d <= 4; d++) {
      double[] ref = new double[d];
      Arrays.fill(ref, 1.0);
      for (int trial = 0; trial < 50; trial++) {
        double[][] pts = randomSet(rnd, 1 + rnd.nextInt(8), d);
        double[] c = HypervolumeContributions.of(pts, ref);
        double all = oracle(pts, ref);
        for (int i = 0; i < pts.length; i++) {
          double[][] others = new double[pts.length - 1][];
          for (int j = 0, m = 0; j < pts.length; j++) if (j != i) others[m++] = pts[j];
          double expected = all - (others.length == 0 ? 0 : oracle(others, ref));
          assertEquals(expected, c[i], 1e-12);
        }
      }
    }
  }

  @Test
  void handComputedValues() {
    // Staircase (1,3), (2,2), (3,1) with ref (4,4): 3 + 2 + 1 = 6.
    assertEquals(6.0, Hypervolume.of(new double[][] {{1, 3}, {2, 2}, {3, 1}}, new double[] {4, 4}), 0);
    // One point is a box.
    assertEquals(0.5 * 0.25 * 0.75, Hypervolume.of(new double[][] {{0.5, 0.75, 0.25}}, new double[] {1, 1, 1}), 1e-15);
    // On the reference boundary: nothing.
    assertEquals(0.0, Hypervolume.of(new double[][] {{1, 0}}, new double[] {1, 1}), 0);
    assertEquals(0.3, Hypervolume.of(new double[][] {{0.7}}, new double[] {1}), 1e-15);
  }

  @Test
  void zdt1FrontConvergesFromBelow() {
    double exact = 2.0 / 3.0;
    double previous = 0;
    for (int n : new int[] {10, 100, 1000, 10000}) {
      double[][] pts = new double[n][];
      for (int i = 0; i < n; i++) {
        double f1 = (double) i / (n - 1);
        pts[i] = new double[] {f1, 1 - Math.sqrt(f1)};
      }
      double hv = Hypervolume.of(pts, new double[] {1, 1});
      assertTrue(hv < exact && hv > previous, "n=" + n + " hv=" + hv);
      // A uniform f1 grid misses about 1/(2 n) of the area.
      assertEquals(exact - 1.0 / (2 * (n - 1)), hv, 0.2 / n);
      previous = hv;
    }
  }

  @Test
  void dtlz2SphereConvergesFromBelow() {
    double exact = 1 - Math.PI / 6;
    double previous = 0;
    for (int m : new int[] {10, 40, 160, 400}) {
      double[][] pts = sphereGrid(m);
      double hv = Hypervolume.of(pts, new double[] {1, 1, 1});
      assertTrue(hv < exact && hv > previous, "m=" + m + " hv=" + hv);
      previous = hv;
    }
    assertEquals(exact, previous, 5e-3);
    // The 4-D sweep on the 3-D sphere padded with a constant fourth objective gives the same value.
    double[][] small = Arrays.stream(sphereGrid(20)).map(p -> pad(p, 4, 0)).toArray(double[][]::new);
    assertEquals(Hypervolume.of(sphereGrid(20), new double[] {1, 1, 1}), Hypervolume.of(small, new double[] {1, 1, 1, 1}), 1e-12);
  }

  /** Points of the positive octant of the unit sphere on an m x m angle grid. */
  static double[][] sphereGrid(int m) {
    double[][] pts = new double[m * m][];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double a = Math.PI / 2 * i / (m - 1);
        double b = Math.PI / 2 * j / (m - 1);
        pts[i * m + j] = new double[] {Math.cos(a) * Math.cos(b), Math.cos(a) * Math.sin(b), Math.sin(a)};
      }
    }
    return pts;
  }

  @Test
  void monteCarloAgreesWithinItsStandardError() {
    double[][] pts = sphereGrid(30);
    double[] ref = {1, 1, 1};
    double exact = Hypervolume.of(pts, ref);
    HypervolumeMonteCarlo.Estimate e = HypervolumeMonteCarlo.estimate(pts, ref, 200_000, 11);
    assertTrue(e.standardError() > 0 && e.standardError() < 2e-3, "se=" + e.standardError());
    assertEquals(exact, e.value(), 4 * e.standardError());
    assertEquals(e, HypervolumeMonteCarlo.estimate(pts, ref, 200_000, 11));
    assertEquals(new HypervolumeMonteCarlo.Estimate(0, 0), HypervolumeMonteCarlo.estimate(new double[][] {{2, 0, 0}}, ref, 10, 1));
  }

  @Test
  void largeThreeDimensionalFrontIsFast() {
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 100_000;
    double[][] pts = new double[n][];
    for (int i = 0; i < n; i++) {
      double x = Math.abs(rnd.nextGaussian()), y = Math.abs(rnd.nextGaussian()), z = Math.abs(rnd.nextGaussian());
      double r = Math.sqrt(x * x + y * y + z * z);
      pts[i] = new double[] {x / r, y / r, z / r};
    }
    long t0 = System.nanoTime();
    double hv = Hypervolume.of(pts, new double[] {1, 1, 1});
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertTrue(hv < 1 - Math.PI / 6 && hv > 1 - Math.PI / 6 - 0.01, "hv=" + hv);
    assertTrue(seconds < 5, "took " + seconds + " s");
  }

  @Test
  void badInputIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Hypervolume.of(new double[0][], new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> Hypervolume.of(new double[][] {{1, 2}, {1}}, new double[] {1, 1}));
    assertThrows(IllegalArgumentException.class, () -> Hypervolume.of(new double[][] {{1, 2}}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> Hypervolume.of(new double[][] {{Double.NaN, 2}}, new double[] {1, 3}));
    assertThrows(IllegalArgumentException.class, () -> HypervolumeMonteCarlo.estimate(new double[][] {{0}}, new double[] {1}, 0, 1));
  }
}
