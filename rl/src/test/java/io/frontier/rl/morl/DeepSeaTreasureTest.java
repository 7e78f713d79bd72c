package io.frontier.rl.morl;

import static io.frontier.rl.morl.DeepSeaTreasure.DOWN;
import static io.frontier.rl.morl.DeepSeaTreasure.LEFT;
import static io.frontier.rl.morl.DeepSeaTreasure.RIGHT;
import static io.frontier.rl.morl.DeepSeaTreasure.UP;
import static io.frontier.rl.morl.MorlTestSupport.assertSameSet;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.rl.morl.DeepSeaTreasure.SeaMap;
import io.frontier.rl.morl.DeepSeaTreasure.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeepSeaTreasureTest {

  @Test
  void startsAtTheOriginAndEveryStepCostsOneUnitOfTime() {
    DeepSeaTreasure env = new DeepSeaTreasure(SeaMap.DEFAULT);
    assertArrayEquals(new int[] {0, 0}, env.reset());
    Step step = env.step(RIGHT);
    assertEquals(0, step.row());
    assertEquals(1, step.col());
    assertArrayEquals(new double[] {0, -1}, step.reward());
    assertFalse(step.terminated());
  }

  @Test
  void movingOffTheGridLeavesTheSubmarineInPlace() {
    DeepSeaTreasure env = new DeepSeaTreasure(SeaMap.DEFAULT);
    env.reset();
    for (int action : new int[] {UP, LEFT}) {
      Step step = env.step(action);
      assertEquals(0, step.row());
      assertEquals(0, step.col());
      assertArrayEquals(new double[] {0, -1}, step.reward());
    }
    for (int i = 0; i < 10; i++) env.step(RIGHT);
    Step step = env.step(RIGHT);
    assertEquals(0, step.row());
    assertEquals(10, step.col());
  }

  @Test
  void movingIntoRockLeavesTheSubmarineInPlace() {
    DeepSeaTreasure env = new DeepSeaTreasure(SeaMap.CONCAVE);
    env.reset();
    for (int i = 0; i < 6; i++) env.step(RIGHT);
    for (int i = 0; i < 5; i++) env.step(DOWN); // (5, 6): sea, with rock at (5, 5) to its left
    Step step = env.step(LEFT);
    assertEquals(5, step.row());
    assertEquals(6, step.col());
    assertArrayEquals(new double[] {0, -1}, step.reward());
    assertFalse(step.terminated());
  }

  @Test
  void enteringATreasureEndsTheEpisodeAndPaysItsValue() {
    DeepSeaTreasure env = new DeepSeaTreasure(SeaMap.DEFAULT);
    env.reset();
    Step step = env.step(DOWN);
    assertArrayEquals(new double[] {0.7, -1}, step.reward());
    assertTrue(step.terminated());
    assertThrows(IllegalStateException.class, () -> env.step(UP));
    env.reset();
    assertFalse(env.step(RIGHT).terminated());
  }

  @Test
  void theDeepestConcaveTreasureIsWorth124AfterNineteenSteps() {
    int[] actions = new int[19];
    for (int i = 0; i < 9; i++) actions[i] = RIGHT;
    for (int i = 9; i < 19; i++) actions[i] = DOWN;
    double[] total = MorlTestSupport.replay(new DeepSeaTreasure(SeaMap.CONCAVE), actions);
    assertArrayEquals(new double[] {124, -19}, total);
  }

  @Test
  void anActionOutsideZeroToThreeIsRejectedByName() {
    DeepSeaTreasure env = new DeepSeaTreasure(SeaMap.DEFAULT);
    env.reset();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(4));
    assertTrue(e.getMessage().contains("action 4"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(SeaMap.class)
  void theTabularViewAgreesWithTheStepApiOnRandomWalks(SeaMap map) {
    DeepSeaTreasure env = new DeepSeaTreasure(map);
    Random rng = new Random(5);
    for (int episode = 0; episode < 200; episode++) {
      env.reset();
      int s = env.startState();
      for (int t = 0; t < 60 && !env.isTerminal(s); t++) {
        int a = rng.nextInt(4);
        double[] r = env.reward(s, a);
        int next = env.next(s, a);
        Step step = env.step(a);
        assertEquals(next, env.state(step.row(), step.col()));
        assertArrayEquals(r, step.reward());
        assertEquals(env.isTerminal(next), step.terminated());
        s = next;
      }
    }
  }

  /**
   * The front from the map alone: a breadth-first search from (0, 0) that stops at treasures (the
   * episode ends there) gives the fewest steps to each treasure; keep the non-dominated
   * (treasure, -steps) pairs by brute force.
   */
  @ParameterizedTest
  @EnumSource(SeaMap.class)
  void theKnownFrontIsTheNonDominatedSetOfShortestPathsToTreasures(SeaMap map) {
    double[][] grid = map.grid();
    int rows = grid.length;
    int cols = grid[0].length;
    assertEquals(11, rows);
    assertEquals(11, cols);
    int[][] dist = new int[rows][cols];
    for (int[] row : dist) Arrays.fill(row, -1);
    ArrayDeque<int[]> queue = new ArrayDeque<>();
    dist[0][0] = 0;
    queue.add(new int[] {0, 0});
    List<double[]> reached = new ArrayList<>();
    int[][] moves = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
    while (!queue.isEmpty()) {
      int[] cell = queue.poll();
      double v = grid[cell[0]][cell[1]];
      if (v != 0) {
        reached.add(new double[] {v, -dist[cell[0]][cell[1]]});
        continue;
      }
      for (int[] m : moves) {
        int r = cell[0] + m[0];
        int c = cell[1] + m[1];
        if (r < 0 || r >= rows || c < 0 || c >= cols || grid[r][c] == -10 || dist[r][c] >= 0) continue;
        dist[r][c] = dist[cell[0]][cell[1]] + 1;
        queue.add(new int[] {r, c});
      }
    }
    List<double[]> front = new ArrayList<>();
    for (double[] p : reached) {
      boolean dominated = false;
      for (double[] q : reached) dominated |= q[0] >= p[0] && q[1] >= p[1] && (q[0] > p[0] || q[1] > p[1]);
      if (!dominated) front.add(p);
    }
    assertEquals(10, reached.size(), "every treasure is reachable");
    assertSameSet(map.paretoFront(), front.toArray(new double[0][]));
    assertSameSet(map.paretoFront(), new DeepSeaTreasure(map).paretoFront(1.0));
  }

  @Test
  void theDiscountedFrontDiscountsTheTreasureByGammaToTheStepsMinusOne() {
    double[][] front = new DeepSeaTreasure(SeaMap.DEFAULT).paretoFront(0.99);
    // (8.2, -3): 8.2 * 0.99^2 = 8.03682, -(1 + 0.99 + 0.9801) = -2.9701
    assertArrayEquals(new double[] {8.03682, -2.9701}, front[1], 1e-12);
    assertArrayEquals(new double[] {0.7, -1}, front[0], 1e-15);
  }
}
