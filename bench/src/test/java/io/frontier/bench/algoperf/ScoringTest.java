package io.frontier.bench.algoperf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoringTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  private static TrialResult hit(double seconds, long steps) {
    return TrialResult.reached(Map.of("lr", 0.1), seconds, steps, 0.99);
  }

  private static TrialResult miss() {
    return TrialResult.missed(Map.of("lr", 10.0), 0.5, "diverged");
  }

  @Test
  void aStudyScoresItsFastestTrialThatReachedTheTarget() {
    Study s = new Study(1, List.of(miss(), hit(3.0, 300), hit(2.0, 400), hit(2.5, 100)));
    assertEquals(2, s.bestTrial());
    assertEquals(2.0, s.seconds());
    assertEquals(400, s.steps()); // the steps of the fastest trial, not the fewest steps
  }

  @Test
  void aStudyWithNoTrialAtTheTargetScoresInfinity() {
    Study s = new Study(1, List.of(miss(), miss()));
    assertEquals(-1, s.bestTrial());
    assertEquals(INF, s.seconds());
    assertEquals(INF, s.steps());
  }

  @Test
  void theMedianOverStudiesWithTheRange() {
    assertEquals(new Spread(2.0, 1.0, 5.0), Spread.of(5.0, 1.0, 2.0));
    assertEquals(new Spread(2.5, 1.0, 5.0), Spread.of(5.0, 1.0, 2.0, 3.0));
  }

  @Test
  void failedStudiesSortLast() {
    assertEquals(new Spread(2.0, 1.0, INF), Spread.of(INF, 1.0, 2.0));
    assertEquals(new Spread(INF, 1.0, INF), Spread.of(INF, 1.0, INF));
    assertEquals(new Spread(INF, 1.0, INF), Spread.of(1.0, INF)); // even count: the mean of 1 and infinity
  }
}
