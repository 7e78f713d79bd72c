package io.frontier.rl.selfimprove;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * B-STaR's balance score (Zeng et al., "B-STaR: Monitoring and Balancing Exploration and
 * Exploitation in Self-Taught Reasoners", ICLR 2025, arXiv 2412.17256, Eq. 3). Self-training
 * samples K responses per query at a temperature, keeps those whose reward exceeds a threshold,
 * and trains on them. For query i with {@code n_i} selected responses of which {@code n'_i} are
 * unique and correct,
 *
 * <pre>  bs_i = min(n'_i / n*, 1) * n'_i / n_i,</pre>
 *
 * the first factor rewarding exploration (enough distinct correct responses, capped at the target
 * count n* so that easy queries do not dominate) and the second exploitation (a clean selection).
 * The score of a configuration is the mean of {@code bs_i} over queries, and each iteration picks
 * the (temperature, reward threshold) that maximises it on a small subset of queries (the paper's
 * Algorithm 1; {@link #select}). The paper sets {@code n* = ceil(N / M)} for N selected samples
 * wanted per iteration from M queries ({@link #targetCount}).
 *
 * <p>A query with no selected response scores 0 here (no data for it: nothing explored, nothing
 * exploited), and counts in the mean. The authors' code ({@code train_code/determine_hyper.py},
 * {@code cal_modi_acc_soft}) averages only over the queries that have a selected response, and
 * never meets the case because it adds the reference solution to every query's candidates; it
 * also hard-codes {@code n* = 8} and removes duplicate responses before counting, so duplicates
 * there count in neither {@code n'_i} nor {@code n_i}. Here, as in the paper's definition,
 * duplicates count once in {@code n'_i} and every time in {@code n_i}; deduplicate the selection
 * first to reproduce the code.
 */
public final class BalanceScore {
  private BalanceScore() {}

  /** One configuration of B-STaR's search: the sampling temperature and the reward threshold (kept: reward > threshold). */
  public record Config(double temperature, double rewardThreshold) {
    public Config {
      if (!(temperature > 0) || !Double.isFinite(temperature)) {
        throw new IllegalArgumentException("BalanceScore.Config: temperature must be positive and finite, got " + temperature);
      }
      if (Double.isNaN(rewardThreshold)) throw new IllegalArgumentException("BalanceScore.Config: rewardThreshold is NaN");
    }
  }

  /** The search's answer: the best candidate, its score, and every candidate's score in the candidates' order. */
  public record Choice<C>(C best, double bestScore, int bestIndex, double[] scores) {
    public Choice {
      scores = scores.clone();
    }

    @Override
    public double[] scores() {
      return scores.clone();
    }
  }

  /**
   * {@code bs_i = min(n'_i / n*, 1) * n'_i / n_i} from the counts; 0 when nothing was selected
   * ({@code n_i = 0}).
   */
  public static double perQuery(int uniqueCorrect, int selected, int targetCount) {
    checkTarget("perQuery", targetCount);
    if (selected < 0) throw new IllegalArgumentException("BalanceScore.perQuery: selected must be >= 0, got " + selected);
    if (uniqueCorrect < 0 || uniqueCorrect > selected) {
      throw new IllegalArgumentException(
          "BalanceScore.perQuery: uniqueCorrect must be in [0, selected = " + selected + "], got " + uniqueCorrect);
    }
    if (selected == 0) return 0;
    return Math.min((double) uniqueCorrect / targetCount, 1.0) * uniqueCorrect / selected;
  }

  /**
   * {@code bs_i} of one query's selected responses: {@code n_i = selected.size()}, and
   * {@code n'_i} the number of distinct ({@code equals}) responses that {@code isCorrect} accepts.
   * Pass responses in the canonical form whose equality means "the same solution".
   */
  public static <R> double perQuery(Collection<? extends R> selected, Predicate<? super R> isCorrect, int targetCount) {
    if (selected == null) throw new IllegalArgumentException("BalanceScore.perQuery: selected is null");
    if (isCorrect == null) throw new IllegalArgumentException("BalanceScore.perQuery: isCorrect is null");
    Set<R> uniqueCorrect = new HashSet<>();
    for (R r : selected) if (isCorrect.test(r)) uniqueCorrect.add(r);
    return perQuery(uniqueCorrect.size(), selected.size(), targetCount);
  }

  /** The average balance score: the mean of {@code bs_i} over the queries, one collection of selected responses each. */
  public static <R> double mean(List<? extends Collection<? extends R>> selectedPerQuery, Predicate<? super R> isCorrect, int targetCount) {
    if (selectedPerQuery == null || selectedPerQuery.isEmpty()) throw new IllegalArgumentException("BalanceScore.mean: no queries");
    double sum = 0;
    for (Collection<? extends R> selected : selectedPerQuery) sum += perQuery(selected, isCorrect, targetCount);
    return sum / selectedPerQuery.size();
  }

  /** The responses whose reward exceeds the threshold, strictly, in order (Algorithm 1: {@code r > tau}). */
  public static <R> List<R> aboveThreshold(List<? extends R> candidates, ToDoubleFunction<? super R> reward, double threshold) {
    if (Double.isNaN(threshold)) throw new IllegalArgumentException("BalanceScore.aboveThreshold: threshold is NaN");
    List<R> out = new ArrayList<>();
    for (R r : candidates) if (reward.applyAsDouble(r) > threshold) out.add(r);
    return out;
  }

  /** The paper's target count {@code n* = ceil(N / M)}: N samples selected per iteration from M queries. */
  public static int targetCount(long samplesPerIteration, long queriesPerIteration) {
    if (samplesPerIteration <= 0 || queriesPerIteration <= 0) {
      throw new IllegalArgumentException("BalanceScore.targetCount: N and M must be positive, got N = " + samplesPerIteration
          + ", M = " + queriesPerIteration);
    }
    return Math.toIntExact((samplesPerIteration + queriesPerIteration - 1) / queriesPerIteration);
  }

  /** Every (temperature, threshold) pair, temperature-major, as the paper's grid search. */
  public static List<Config> grid(double[] temperatures, double[] thresholds) {
    if (temperatures == null || temperatures.length == 0 || thresholds == null || thresholds.length == 0) {
      throw new IllegalArgumentException("BalanceScore.grid: need at least one temperature and one threshold");
    }
    List<Config> out = new ArrayList<>(temperatures.length * thresholds.length);
    for (double t : temperatures) for (double tau : thresholds) out.add(new Config(t, tau));
    return out;
  }

  /**
   * B-STaR's configuration step, {@code argmax_c BS(c)}: scores every candidate with
   * {@code meanBalanceScore} (which samples, rewards, selects and averages {@code bs_i} on the
   * subset of queries) and returns the best, the first on ties. A NaN score is an error that
   * names the candidate.
   */
  public static <C> Choice<C> select(List<C> candidates, ToDoubleFunction<? super C> meanBalanceScore) {
    if (candidates == null || candidates.isEmpty()) throw new IllegalArgumentException("BalanceScore.select: no candidates");
    if (meanBalanceScore == null) throw new IllegalArgumentException("BalanceScore.select: meanBalanceScore is null");
    double[] scores = new double[candidates.size()];
    int best = 0;
    for (int i = 0; i < scores.length; i++) {
      scores[i] = meanBalanceScore.applyAsDouble(candidates.get(i));
      if (Double.isNaN(scores[i])) throw new IllegalArgumentException("BalanceScore.select: candidate " + i + " (" + candidates.get(i) + ") scored NaN");
      if (scores[i] > scores[best]) best = i;
    }
    return new Choice<>(candidates.get(best), scores[best], best, scores);
  }

  private static void checkTarget(String op, int targetCount) {
    if (targetCount <= 0) throw new IllegalArgumentException("BalanceScore." + op + ": targetCount n* must be positive, got " + targetCount);
  }
}
