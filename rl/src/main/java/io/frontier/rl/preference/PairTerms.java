package io.frontier.rl.preference;

import io.frontier.tensor.Tensor;

/**
 * What the per-pair formulas of {@link PreferenceLossType} read, every tensor {@code (B)}: the
 * batch, its log-ratios {@code rho = log pi - log pi_ref}, their f-divergence scores {@code s} and
 * {@code delta = s_chosen - s_rejected}, and the configuration's constants.
 */
record PairTerms(
    PreferenceBatch batch,
    Tensor chosenLogRatios,
    Tensor rejectedLogRatios,
    Tensor chosenScores,
    Tensor rejectedScores,
    Tensor delta,
    double beta,
    double labelSmoothing,
    double discopopTau) {

  /** {@code -(1 - eps) log sigmoid(beta d) - eps log sigmoid(-beta d)}: the label-smoothed logistic loss of a margin d. */
  Tensor smoothedLogistic(Tensor d) {
    Tensor scaled = d.mul(beta);
    Tensor clean = scaled.logSigmoid().mul(-(1.0 - labelSmoothing));
    if (labelSmoothing == 0.0) return clean;
    return clean.sub(scaled.neg().logSigmoid().mul(labelSmoothing));
  }

  /** A score divided by its completion's token count (at least 1), as TRL's length-averaged losses do. */
  static Tensor perToken(Tensor score, Tensor tokens) {
    return score.div(tokens.clampMin(1.0));
  }
}
