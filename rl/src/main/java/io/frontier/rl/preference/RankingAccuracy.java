package io.frontier.rl.preference;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * Ranking accuracy, after Chen et al. 2024, "Preference Learning Algorithms Do Not Learn
 * Preference Rankings": how often a model gives the preferred completion the higher likelihood,
 * {@code E[1(pi(y_w | x) > pi(y_l | x))]}, and what the exact optimum of DPO (or RLHF) would score.
 *
 * <p>With a true preference probability {@code alpha = P(y_w > y_l | x)}, the optimum satisfies
 * {@code log pi*(y_w)/pi*(y_l) = log pi_ref(y_w)/pi_ref(y_l) + (1/beta) log(alpha / (1 - alpha))}:
 * a reference that misranks a pair by {@code c = log pi_ref(y_l) - log pi_ref(y_w)} flips it only
 * if the preference is strong enough, and a trained model flips it only once its DPO loss on the
 * pair is below {@code -log sigmoid(beta c)}. All tensors are {@code (B)}; results are on the
 * host, as a fraction or per pair.
 */
public final class RankingAccuracy {
  private RankingAccuracy() {}

  /** The fraction of pairs whose chosen completion is strictly more likely (sequence log-probabilities, summed). */
  public static double of(Tensor chosenLogProbs, Tensor rejectedLogProbs) {
    checkPair("of", chosenLogProbs, rejectedLogProbs);
    return fraction(chosenLogProbs.gt(rejectedLogProbs));
  }

  /** The length-normalised variant: per-token mean log-probabilities compared ({@code tokens} at least 1). */
  public static double lengthNormalised(SequenceLogProbs chosen, SequenceLogProbs rejected) {
    checkPair("lengthNormalised", chosen.logProbs(), rejected.logProbs());
    return fraction(chosen.perTokenMean().gt(rejected.perTokenMean()));
  }

  /**
   * The idealised ranking accuracy: the fraction of pairs the optimal policy ranks correctly,
   * {@code 1(log pi_ref(y_w) - log pi_ref(y_l) + (1/beta) logit(alpha) > 0)}, for preference
   * probabilities {@code alpha} in (0, 1] (1: unanimous, the optimum ranks it right whatever the
   * reference says).
   */
  public static double idealised(Tensor refChosen, Tensor refRejected, Tensor alpha, double beta) {
    return fraction(idealisedMargin(refChosen, refRejected, alpha, beta).gt(0.0));
  }

  /**
   * Each pair's log-likelihood margin at the optimum, {@code log pi*(y_w) - log pi*(y_l)}
   * (+infinity where alpha = 1).
   */
  public static Tensor idealisedMargin(Tensor refChosen, Tensor refRejected, Tensor alpha, double beta) {
    checkPair("idealised", refChosen, refRejected);
    checkPair("idealised", refChosen, alpha);
    if (!(beta > 0)) throw new IllegalArgumentException("RankingAccuracy.idealised: beta must be positive, got " + beta);
    double min = alpha.min().item();
    double max = alpha.max().item();
    if (!(min > 0 && max <= 1)) {
      throw new IllegalArgumentException("RankingAccuracy.idealised: alpha must lie in (0, 1], got values in [" + min + ", " + max + "]");
    }
    Tensor logit = alpha.log().sub(alpha.rsub(1.0).log());
    return refChosen.sub(refRejected).add(logit.div(beta));
  }

  /**
   * Per pair, the DPO loss {@code -log sigmoid(beta (rho_w - rho_l))} below which the model ranks
   * the pair correctly: {@code -log sigmoid(beta c)} for the reference's misranking
   * {@code c = log pi_ref(y_l) - log pi_ref(y_w)} (Chen et al.). Below ln 2 for a
   * misranked pair, so a DPO loss merely under ln 2 does not make a ranking right.
   */
  public static Tensor flipLossThreshold(Tensor refChosen, Tensor refRejected, double beta) {
    checkPair("flipLossThreshold", refChosen, refRejected);
    if (!(beta > 0)) throw new IllegalArgumentException("RankingAccuracy.flipLossThreshold: beta must be positive, got " + beta);
    return refRejected.sub(refChosen).mul(beta).logSigmoid().neg();
  }

  private static double fraction(Tensor hits) {
    return hits.to(DType.FLOAT64).mean().item();
  }

  private static void checkPair(String op, Tensor a, Tensor b) {
    if (a.dim() != 1 || !Arrays.equals(a.shape(), b.shape())) {
      throw new IllegalArgumentException("RankingAccuracy." + op + ": expected two (B) tensors of one shape, got "
          + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
    }
    if (a.size(0) == 0) throw new IllegalArgumentException("RankingAccuracy." + op + ": no pairs");
  }
}
