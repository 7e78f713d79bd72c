package io.frontier.rl.directional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.optim.Adam;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DPA on a tiny GPT (row 14 of the experiments table). A response is 8 tokens, each A or B; the
 * reward vector is {@code r = (sqrt(#A), sqrt(#B))}. The two objectives trade off (#A + #B = 8)
 * along a concave front, so that each direction has its own optimum: {@code v(theta)^T r} is
 * largest at {@code #B = 8 sin^2 theta}, where the reward's angle {@code atan(sqrt(#B / #A))} is
 * theta itself. (On a linear front, counts of A against counts of B, every direction would pick
 * one of the two ends.) The user's direction is one of 5 angles from 0 to 90 degrees, spelled as a
 * token before the response.
 */
class DirectionalPreferenceTest {
  private static final long A = 0;
  private static final long B = 1;
  private static final int VOCAB = 7;
  private static final int LENGTH = 8;
  private static final DirectionTokens CONE = DirectionTokens.cone(2, 0, Math.PI / 2, 5);
  private static final MultiObjectiveReward SQRT_COUNTS = (prompts, responses) -> Tensor.stack(
      List.of(responses.eq((double) A).to(DType.FLOAT64).sum(1).sqrt(), responses.eq((double) B).to(DType.FLOAT64).sum(1).sqrt()), 1);

  @Test
  void selectionKeepsTheResponseWithTheLargestDirectionalReward() {
    // two prompts, three responses each, k = 2; hand values of v^T r
    Tensor rewards = Tensor.of(new double[] {3, 0, 2, 2, 0, 3, /* prompt 1 */ 3, 0, 2, 2, 0, 3}).reshape(2, 3, 2);
    double s = Math.sqrt(0.5);
    Tensor directions = Tensor.of(new double[][] {{1, 0}, {s, s}});
    // prompt 0, v = (1, 0): 3, 2, 0 -> response 0; prompt 1, v = (s, s): 3s, 4s, 3s -> response 1
    assertArrayEquals(new double[] {3, 2, 0, 3 * s, 4 * s, 3 * s}, DirectionalRejectionSampling.directionalRewards(rewards, directions).toDoubleArray(),
        1e-12);
    assertArrayEquals(new long[] {0, 1}, DirectionalRejectionSampling.select(rewards, directions).toLongArray());
    // v = (0, 1) prefers the third; v = (0.6, -0.8) (less of the second objective) the first
    assertArrayEquals(new long[] {2, 0}, DirectionalRejectionSampling.select(rewards, Tensor.of(new double[][] {{0, 1}, {0.6, -0.8}})).toLongArray());
  }

  @Test
  void theConeSpellsEachAngleAsOneToken() {
    assertEquals(5, CONE.count());
    assertArrayEquals(new long[] {2, 3, 4, 5, 6}, CONE.tokens());
    assertEquals(Math.PI / 8, CONE.angle(1), 1e-15);
    assertArrayEquals(new double[] {Math.cos(Math.PI / 4), Math.sin(Math.PI / 4)}, CONE.direction(2), 1e-15);
    Tensor v = CONE.directions();
    assertArrayEquals(new int[] {5, 2}, v.shape());
    assertArrayEquals(new double[] {1, 1, 1, 1, 1}, v.square().sum(1).toDoubleArray(), 1e-12, "unit vectors");
    long[] drawn = CONE.sample(1000, new Generator(3)).toLongArray();
    assertTrue(Arrays.stream(drawn).allMatch(i -> i >= 0 && i < 5));
    assertTrue(Arrays.stream(drawn).distinct().count() == 5, "every direction is drawn");
  }

  @Test
  void directionTokensAreNeverGenerated() {
    GPT model = gpt();
    DirectionalRejectionSampling dpa = trainer(model);
    Tensor prompts = CONE.sample(200, new Generator(4)).add(CONE.firstToken()).unsqueeze(1);
    Tensor responses = dpa.generate(prompts, new Generator(5));
    assertArrayEquals(new int[] {200, LENGTH}, responses.shape());
    assertTrue(responses.le(B).all().item() != 0, "only A and B are content");
  }

  /**
   * Row 14: three rounds of RSF (64 prompts, n = 8, 40 Adam steps at 1e-2 each) from a random
   * GPT. After training, the mean of the second objective rises strictly with theta over the 5
   * trained directions (Spearman 1) and the angle of the achieved mean reward vector tracks theta;
   * before, the directions made no difference. Measured (200 samples per direction): seed 1, mean
   * sqrt(#B) from 0 to 90 degrees before {@code [2.05, 1.95, 2.05, 2.01, 2.06]}, after
   * {@code [0.03, 0.95, 1.97, 2.63, 2.83]} (the integer optimum is {@code [0, 1, 2, 2.65, 2.83]}),
   * achieved angles {@code [0.6, 19.6, 44.6, 72.7, 89.7]} degrees, Pearson 0.997; over model and
   * sampling seeds 1 to 24, Spearman 1 every time, Pearson &gt;= 0.986, neighbours at least 0.138
   * apart. With 20 steps a round, 2 seeds of 12 missed Spearman 1 (0 and 22.5 degrees not yet
   * apart after three rounds).
   */
  @Test
  void theAchievedSecondObjectiveRisesWithTheDirectionsAngle() {
    GPT model = gpt();
    DirectionalRejectionSampling dpa = trainer(model);
    Tensor before = dpa.achieved(200, new Generator(100));
    Generator g = new Generator(1);
    StringBuilder rounds = new StringBuilder();
    for (int round = 0; round < 3; round++) {
      DirectionalRejectionSampling.Round r = dpa.round(g);
      rounds.append(String.format(" [selected %.3f, sampled %.3f, loss %.3f]", r.selectedReward(), r.sampledReward(), r.loss()));
    }
    Tensor after = dpa.achieved(200, new Generator(100));
    double[] r2 = after.select(1, 1).contiguous().toDoubleArray();
    double[] achievedAngle = new double[CONE.count()];
    for (int i = 0; i < achievedAngle.length; i++) achievedAngle[i] = Math.atan2(r2[i], after.select(1, 0).contiguous().toDoubleArray()[i]);
    double spearman = spearman(CONE.angles(), r2);
    double pearson = pearson(CONE.angles(), achievedAngle);
    System.out.printf("DirectionalPreferenceTest: rounds%s%n  mean r2 by theta before %s, after %s%n  achieved angle (deg) %s; Spearman(theta, r2) %.3f, "
        + "Pearson(theta, achieved angle) %.4f%n", rounds, Arrays.toString(round(before.select(1, 1).contiguous().toDoubleArray())),
        Arrays.toString(round(r2)), Arrays.toString(round(Arrays.stream(achievedAngle).map(Math::toDegrees).toArray())), spearman, pearson);
    double[] r2Before = before.select(1, 1).contiguous().toDoubleArray();
    assertTrue(Arrays.stream(r2Before).max().orElseThrow() - Arrays.stream(r2Before).min().orElseThrow() < 0.5,
        "an untrained model ignores the direction: " + Arrays.toString(r2Before));
    assertEquals(1.0, spearman, 1e-12, "mean r2 " + Arrays.toString(r2));
    assertTrue(r2[4] - r2[0] > 2.0, "the direction now spans most of the front (0 to 2.83): " + Arrays.toString(r2));
    assertTrue(pearson >= 0.9, "achieved angle " + Arrays.toString(achievedAngle));
  }

  @Test
  void argumentErrorsAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DirectionalRejectionSampling.select(Tensor.zeros(DType.FLOAT64, 2, 3, 2), Tensor.zeros(DType.FLOAT64, 2, 3)));
    assertTrue(e.getMessage().contains("expected rewards (P, n, k) with n >= 1 and directions (P, k), got [2, 3, 2] and [2, 3]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new DirectionTokens(0, 0.5, 0.5));
    assertTrue(e.getMessage().contains("angles must be distinct"), e.getMessage());
    GPT small = new GPT(new GPTConfig(6, LENGTH + 1, 16, 2, 1, 0.0, true, false), new Generator(1));
    Adam adam = new Adam(small.parameters(), Adam.Options.defaults());
    e = assertThrows(IllegalArgumentException.class,
        () -> new DirectionalRejectionSampling(small, adam, SQRT_COUNTS, CONE, DirectionalRejectionSampling.Config.defaults(LENGTH)));
    assertTrue(e.getMessage().contains("direction tokens 2..6 must be inside the vocabulary of 6"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new DirectionalRejectionSampling(gpt(), adam, SQRT_COUNTS, CONE, DirectionalRejectionSampling.Config.defaults(LENGTH + 1)));
    assertTrue(e.getMessage().contains("direction token + 9 response tokens exceed the context of 9"), e.getMessage());
  }

  // ---------------------------------------------------------------- helpers

  private static GPT gpt() {
    return new GPT(new GPTConfig(VOCAB, LENGTH + 1, 16, 2, 1, 0.0, true, false), new Generator(17));
  }

  private static DirectionalRejectionSampling trainer(GPT model) {
    return new DirectionalRejectionSampling(model, new Adam(model.parameters(), Adam.Options.defaults().lr(1e-2)), SQRT_COUNTS, CONE,
        DirectionalRejectionSampling.Config.defaults(LENGTH).withSftSteps(40));
  }

  /** Spearman's rank correlation of two samples without ties (Pearson of the ranks). */
  static double spearman(double[] x, double[] y) {
    return pearson(ranks(x), ranks(y));
  }

  private static double[] ranks(double[] x) {
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < x.length; i++) order[i] = i;
    Arrays.sort(order, (i, j) -> Double.compare(x[i], x[j]));
    double[] r = new double[x.length];
    for (int rank = 0; rank < x.length; rank++) r[order[rank]] = rank;
    return r;
  }

  static double pearson(double[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElseThrow();
    double my = Arrays.stream(y).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  private static double[] round(double[] x) {
    return Arrays.stream(x).map(v -> Math.round(v * 1000) / 1000.0).toArray();
  }
}
