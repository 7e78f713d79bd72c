package io.frontier.bench.algoperf;

import static io.frontier.bench.algoperf.SearchSpace.logUniform;
import static io.frontier.bench.algoperf.SearchSpace.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
  private final SearchSpace space = new SearchSpace(List.of(logUniform("lr", 1e-4, 1e-1), uniform("warmup", 0.02, 0.1)));

  @Test
  void drawsStayInsideTheBoundsAndCoverEveryDecadeOfALogRange() {
    List<Map<String, Double>> draws = space.sample(64, 3);
    int[] decades = new int[3];
    for (Map<String, Double> h : draws) {
      double lr = h.get("lr");
      double w = h.get("warmup");
      assertTrue(lr >= 1e-4 && lr <= 1e-1, "lr " + lr);
      assertTrue(w >= 0.02 && w <= 0.1, "warmup " + w);
      decades[(int) Math.floor(Math.log10(lr) + 4)]++;
    }
    // Log-uniform: each of the three decades gets about a third of 64 points (Sobol: nearly exactly).
    for (int d : decades) assertTrue(d >= 19 && d <= 24, java.util.Arrays.toString(decades));
  }

  @Test
  void theSameSeedGivesTheSamePointsAndAnotherSeedOthers() {
    assertEquals(space.sample(8, 5), space.sample(8, 5));
    assertNotEquals(space.sample(8, 5), space.sample(8, 6));
  }

  @Test
  void theRangeEndsMapToTheBounds() {
    SearchSpace.Range r = logUniform("lr", 1e-3, 1.0);
    assertEquals(1e-3, r.at(0.0), 1e-15);
    assertEquals(Math.sqrt(1e-3), r.at(0.5), 1e-12);
    assertEquals(0.5, uniform("x", 0, 1).at(0.5));
  }

  @Test
  void aLogRangeThroughZeroIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> logUniform("lr", 0, 1));
    assertTrue(e.getMessage().contains("lr"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> uniform("beta", 0.9, 0.1));
  }
}
