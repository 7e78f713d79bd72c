package io.frontier.rl.preference;

import io.frontier.tensor.Tensor;

/**
 * Direct preference optimisation (Rafailov et al. 2023, "Direct Preference Optimization: Your
 * Language Model is Secretly a Reward Model") and its family, as TRL's {@code DPOTrainer} computes
 * them: the optimum of the KL-regularised reward objective is {@code pi* ~ pi_ref exp(r / beta)},
 * so the reward is implicit in the log-ratio, {@code r_hat = beta rho} with
 * {@code rho = log pi(y|x) - log pi_ref(y|x)}, and a Bradley-Terry likelihood of the preferences
 * becomes a loss on the policy alone:
 *
 * <pre>L = -log sigmoid(beta (rho_w - rho_l))</pre>
 *
 * <p>{@link DpoConfig} selects the loss types (and weights) of {@link PreferenceLossType}, the
 * f-divergence and the label smoothing. At the first step, when the policy is the reference, the
 * DPO loss is exactly {@code ln 2} and every metric is 0.
 *
 * <pre>{@code
 * DpoLoss dpo = new DpoLoss(DpoConfig.defaults().withBeta(0.1));
 * DpoOutput out = dpo.compute(PreferenceBatch.of(policyLogProbs, referenceLogProbs));
 * out.loss().backward();
 * }</pre>
 */
public final class DpoLoss {
  private final DpoConfig config;

  public DpoLoss(DpoConfig config) {
    if (config == null) throw new IllegalArgumentException("DpoLoss: config is null");
    config.checkLabelSmoothing();
    this.config = config;
  }

  public DpoConfig config() {
    return config;
  }

  /** The weighted loss, its mean over the batch (a scalar) and each pair's, and the implicit rewards. */
  public DpoOutput compute(PreferenceBatch batch) {
    if (batch == null) throw new IllegalArgumentException("DpoLoss: batch is null");
    PreferenceLossType needsCounts = config.firstNeedingTokenCounts();
    if (needsCounts != null && !batch.hasTokenCounts()) {
      throw new IllegalArgumentException(
          "DpoLoss: " + needsCounts.trlName() + " averages over tokens; the batch needs chosenTokens and rejectedTokens");
    }
    Tensor chosenLogRatios = batch.policyChosen().sub(batch.refChosen());
    Tensor rejectedLogRatios = batch.policyRejected().sub(batch.refRejected());
    Tensor chosenScores = config.fDivergence().score(chosenLogRatios, config.alpha());
    Tensor rejectedScores = config.fDivergence().score(rejectedLogRatios, config.alpha());
    PairTerms terms = new PairTerms(batch, chosenLogRatios, rejectedLogRatios, chosenScores, rejectedScores,
        chosenScores.sub(rejectedScores), config.beta(), config.labelSmoothing(), config.discopopTau());

    Tensor perPair = null;
    for (DpoConfig.WeightedLoss l : config.losses()) {
      Tensor term = l.type().perPair(terms).mul(l.weight());
      perPair = perPair == null ? term : perPair.add(term);
    }
    return new DpoOutput(perPair.mean(), perPair, chosenLogRatios.detach().mul(config.beta()), rejectedLogRatios.detach().mul(config.beta()),
        batch.policyChosen().detach(), batch.policyRejected().detach());
  }
}
