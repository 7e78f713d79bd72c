package io.frontier.multiobjective.pde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrontGeometryTest {
  // A front {f0, f1} by increasing f1 with a bump: (0.5, 0.5) lies 0.1 above the chord from (1, 0) to (0, 1).
  private static final List<double[]> BUMPED = List.of(new double[] {1, 0}, new double[] {0.6, 0.5}, new double[] {0, 1});

  @Test
  void hullDropsPointsAboveTheChord() {
    List<double[]> hull = FrontGeometry.lowerHull(BUMPED);
    assertEquals(2, hull.size());
    assertEquals(0.5, FrontGeometry.interpolate(hull, 0.5), 1e-15);
    assertEquals(0.1, FrontGeometry.maxGapAboveHull(BUMPED), 1e-15);
  }

  @Test
  void convexFrontHasNoGapAboveItsHull() {
    List<double[]> convex = List.of(new double[] {1, 0}, new double[] {0.25, 0.5}, new double[] {0, 1});
    assertEquals(3, FrontGeometry.lowerHull(convex).size());
    assertEquals(0, FrontGeometry.maxGapAboveHull(convex), 0);
  }

  @Test
  void widestGapIsFoundInAnyOrder() {
    List<double[]> pts = List.of(new double[] {0, 0.9}, new double[] {0, 0.1}, new double[] {0, 0.2}, new double[] {0, 1});
    assertArrayEquals(new double[] {0.2, 0.9}, FrontGeometry.widestGap(pts), 0);
  }

  @Test
  void badInputIsRejected() {
    List<double[]> unsorted = List.of(new double[] {0, 1}, new double[] {1, 0});
    assertThrows(IllegalArgumentException.class, () -> FrontGeometry.lowerHull(unsorted));
    assertThrows(IllegalArgumentException.class, () -> FrontGeometry.interpolate(BUMPED, 2));
    assertThrows(IllegalArgumentException.class, () -> FrontGeometry.widestGap(List.of(new double[] {0, 0})));
  }
}
