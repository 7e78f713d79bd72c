package io.frontier.rl.preference;

import io.frontier.tensor.Tensor;

/**
 * ORPO (Hong et al. 2024, "Monolithic Preference Optimization without Reference Model"): supervised
 * fine-tuning on the chosen completions plus an odds-ratio penalty, in one stage and without a
 * reference. With {@code p = exp(mean log pi(y | x))} the length-averaged likelihood and
 * {@code odds(y) = p / (1 - p)}:
 *
 * <pre>L = NLL(y_w) - lambda log sigmoid(log odds(y_w) - log odds(y_l))</pre>
 *
 * as TRL computes it: NLL the token mean over the chosen completions of the batch, lambda TRL's
 * {@code beta} (0.1). {@code log(1 - p)} is taken as {@code log(-expm1(log p))}, accurate when p
 * is near 1, where TRL's {@code log1p(-exp(log p))} cancels.
 */
public final class OrpoLoss {
  private final double lambda;

  public OrpoLoss(double lambda) {
    if (!(lambda >= 0) || !Double.isFinite(lambda)) throw new IllegalArgumentException("OrpoLoss: lambda must be >= 0, got " + lambda);
    this.lambda = lambda;
  }

  /**
   * The loss over the batch; each pair's is the batch NLL plus its odds-ratio term, and the
   * rewards are TRL's {@code lambda log p} of each completion.
   */
  public DpoOutput compute(SequenceLogProbs.Pair policy) {
    SequenceLogProbs c = policy.chosen();
    Tensor chosenMean = c.perTokenMean();
    Tensor rejectedMean = policy.rejected().perTokenMean();
    Tensor logOdds = chosenMean.sub(rejectedMean).sub(log1mExp(chosenMean).sub(log1mExp(rejectedMean)));
    Tensor nll = c.logProbs().sum().neg().div(c.tokens().sum().clampMin(1.0));
    Tensor perPair = logOdds.logSigmoid().mul(-lambda).add(nll);
    return new DpoOutput(perPair.mean(), perPair, chosenMean.detach().mul(lambda), rejectedMean.detach().mul(lambda), c.logProbs().detach(),
        policy.rejected().logProbs().detach());
  }

  /** {@code log(1 - exp(x))} for x &lt; 0. */
  private static Tensor log1mExp(Tensor x) {
    return x.expm1().neg().log();
  }
}
