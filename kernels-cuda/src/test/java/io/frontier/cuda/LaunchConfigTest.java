package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LaunchConfigTest {

  @Test
  void smallProblemsGetOneThreadPerElementRoundedToBlocks() {
    LaunchConfig c = LaunchConfig.elementwise(1000, 132);
    assertEquals(4, c.gridX());
    assertEquals(256, c.blockX());
    assertEquals(1, LaunchConfig.elementwise(1, 132).gridX());
    assertEquals(1, LaunchConfig.elementwise(0, 132).gridX());
  }

  @Test
  void largeProblemsAreCappedAtEightBlocksPerMultiprocessor() {
    LaunchConfig c = LaunchConfig.elementwise(1L << 28, 132);
    assertEquals(132 * 8, c.gridX());
    // a grid-stride loop then covers every element
    assertTrue((long) c.gridX() * c.blockX() * ((1L << 28) / ((long) c.gridX() * c.blockX()) + 1) >= 1L << 28);
  }

  @Test
  void refusesImpossibleLaunchesNamingTheConfiguration() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LaunchConfig(1, 70000, 1, 32, 1, 0));
    assertTrue(e.getMessage().contains("grid=(1,70000,1)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LaunchConfig(1, 1, 1, 64, 32, 0));
    assertThrows(IllegalArgumentException.class, () -> LaunchConfig.of1d(0, 256));
  }
}
