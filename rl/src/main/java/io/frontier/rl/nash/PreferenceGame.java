package io.frontier.rl.nash;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * The two-player game of general preferences over K responses to one prompt (Munos et al. 2023;
 * Rosset et al. 2024, "Direct Nash Optimization"): {@code P[i][j] = P(y_i > y_j)}, with
 * {@code P[i][j] + P[j][i] = 1}. A policy's payoff against another is the probability that its
 * sample is preferred, {@code P(pi > mu) = pi^T P mu}; the game is symmetric and constant-sum, its
 * value 1/2, and a Nash policy is one no policy beats: its exploitability
 * {@code max_y P(y > pi) - 1/2} is 0. Bradley-Terry preferences ({@code P = sigmoid(r_i - r_j)})
 * are the transitive special case, where the Nash policy is the best response; a rock-paper-
 * scissors cycle has no best response at all, only a mixed equilibrium.
 *
 * <p>DNO's conceptual algorithm is soft policy iteration on the win-rate against the current
 * policy, {@code r_t(y) = P(y > pi_t)}:
 *
 * <pre>pi_{t+1}(y) ~ pi_t(y) exp(r_t(y) / eta)</pre>
 *
 * which improves monotonically: {@code P(pi_{t+1} > pi_t) >= 1/2}, since tilting towards the
 * responses with the higher win-rate against {@code pi_t} cannot lower the expected win-rate, which
 * is 1/2 under {@code pi_t} itself. Policies are float64 {@code (K)} tensors; the game is small and
 * lives on the host.
 */
public final class PreferenceGame {
  private final Tensor preferences;
  private final int k;

  /** @param preferences {@code (K, K)}: entry (i, j) the probability that response i is preferred to j */
  public PreferenceGame(double[][] preferences) {
    if (preferences == null || preferences.length == 0) throw new IllegalArgumentException("PreferenceGame: no responses");
    k = preferences.length;
    for (int i = 0; i < k; i++) {
      if (preferences[i].length != k) {
        throw new IllegalArgumentException("PreferenceGame: preferences must be (K, K), row " + i + " has " + preferences[i].length + " of " + k);
      }
      for (int j = 0; j < k; j++) {
        double p = preferences[i][j];
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("PreferenceGame: P[" + i + "][" + j + "] = " + p + " is not a probability");
        if (Math.abs(p + preferences[j][i] - 1) > 1e-9) {
          throw new IllegalArgumentException("PreferenceGame: P[" + i + "][" + j + "] + P[" + j + "][" + i + "] = " + (p + preferences[j][i])
              + ", must be 1");
        }
      }
    }
    this.preferences = Tensor.of(preferences);
  }

  /** Bradley-Terry preferences of rewards r: {@code P[i][j] = sigmoid(r_i - r_j)}. */
  public static PreferenceGame bradleyTerry(double... rewards) {
    double[][] p = new double[rewards.length][rewards.length];
    for (int i = 0; i < rewards.length; i++) {
      for (int j = 0; j < rewards.length; j++) p[i][j] = 1 / (1 + Math.exp(-(rewards[i] - rewards[j])));
    }
    return new PreferenceGame(p);
  }

  public int responses() {
    return k;
  }

  /** Each response's win-rate against {@code pi}, {@code r(y) = P(y > pi)}, {@code (K)}. */
  public Tensor winRates(Tensor pi) {
    check(pi);
    return preferences.matmul(pi);
  }

  /** {@code P(pi > mu) = pi^T P mu}. */
  public double preferenceOf(Tensor pi, Tensor mu) {
    return pi.dot(winRates(mu)).item();
  }

  /** {@code max_y P(y > pi) - 1/2}: how far pi is from a Nash policy (0 there). */
  public double exploitability(Tensor pi) {
    return winRates(pi).max().item() - 0.5;
  }

  /** One step of soft policy iteration with temperature eta: {@code pi exp(r_pi / eta)}, normalised. */
  public Tensor softPolicyIteration(Tensor pi, double eta) {
    if (!(eta > 0)) throw new IllegalArgumentException("PreferenceGame.softPolicyIteration: eta must be positive, got " + eta);
    Tensor logits = pi.log().add(winRates(pi).div(eta));
    return logits.softmax(0);
  }

  private void check(Tensor pi) {
    if (pi == null || pi.dim() != 1 || pi.size(0) != k) {
      throw new IllegalArgumentException("PreferenceGame: a policy must be (" + k + "), got " + (pi == null ? "null" : Arrays.toString(pi.shape())));
    }
    if (pi.dtype() != DType.FLOAT64) throw new IllegalArgumentException("PreferenceGame: policies are float64, got " + pi.dtype());
    double sum = pi.sum().item();
    if (Math.abs(sum - 1) > 1e-9 || pi.min().item() < 0) {
      throw new IllegalArgumentException("PreferenceGame: a policy must be a distribution, got sum " + sum + ", min " + pi.min().item());
    }
  }
}
