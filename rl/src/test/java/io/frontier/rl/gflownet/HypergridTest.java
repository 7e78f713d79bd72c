package io.frontier.rl.gflownet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HypergridTest {

  @Test
  void indicesAreRowMajorAndRoundTrip() {
    Hypergrid grid = new Hypergrid(3, 4);
    assertEquals(64, grid.numStates());
    assertEquals(4, grid.numActions());
    assertEquals(3, grid.stopAction());
    assertEquals(1 * 16 + 2 * 4 + 3, grid.index(1, 2, 3));
    for (int s = 0; s < grid.numStates(); s++) assertEquals(s, grid.index(grid.coordinates(s)));
  }

  @Test
  void incrementingACoordinateRaisesTheIndexSoIndexOrderIsTopological() {
    Hypergrid grid = new Hypergrid(2, 5);
    for (int s = 0; s < grid.numStates(); s++) {
      for (int i = 0; i < 2; i++) {
        if (!grid.isValid(s, i)) continue;
        int c = grid.child(s, i);
        assertTrue(c > s);
        int[] x = grid.coordinates(s);
        x[i]++;
        assertArrayEquals(x, grid.coordinates(c));
      }
    }
  }

  @Test
  void incrementsStopAtTheEdgeAndStopIsAlwaysAllowed() {
    Hypergrid grid = new Hypergrid(2, 3);
    int corner = grid.index(2, 0);
    assertFalse(grid.isValid(corner, 0));
    assertTrue(grid.isValid(corner, 1));
    assertTrue(grid.isValid(corner, grid.stopAction()));
    assertTrue(grid.isValid(grid.index(2, 2), grid.stopAction()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> grid.child(corner, 0));
    assertTrue(e.getMessage().contains("cannot increment coordinate 0 of [2, 0]"), e.getMessage());
  }

  /** (0,0) -> (1,0) -> (1,1) -> stop: (1,0) has one parent, (1,1) two, the stop edge one, so sum log P_B = -log 2. */
  @Test
  void uniformBackwardPolicyOnAHandTrajectory() {
    Hypergrid grid = new Hypergrid(2, 3);
    int s1 = grid.child(0, 0);
    int s2 = grid.child(s1, 1);
    assertEquals(0.0, grid.logBackward(s1), 0);
    assertEquals(-Math.log(2), grid.logBackward(s2), 1e-15);
    assertEquals(3, new Hypergrid(3, 3).numParents(new Hypergrid(3, 3).index(1, 1, 2)));
    assertThrows(IllegalArgumentException.class, () -> grid.logBackward(0));
  }

  @Test
  void encodingIsOneOneHotBlockPerCoordinate() {
    Hypergrid grid = new Hypergrid(2, 3);
    double[] out = new double[1 + grid.encodingSize()];
    out[0] = 7;
    grid.encode(grid.index(2, 1), out, 1);
    assertArrayEquals(new double[] {7, 0, 0, 1, 0, 1, 0}, out, 0);
  }

  @Test
  void badArgumentsNameTheProblem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Hypergrid(2, 1));
    assertTrue(e.getMessage().contains("side >= 2"), e.getMessage());
    Hypergrid grid = new Hypergrid(2, 4);
    e = assertThrows(IllegalArgumentException.class, () -> grid.index(1, 4));
    assertTrue(e.getMessage().contains("coordinate 1 = 4 is outside [0, 4)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> grid.index(1));
    assertTrue(e.getMessage().contains("1 coordinates, grid has 2"), e.getMessage());
  }
}
