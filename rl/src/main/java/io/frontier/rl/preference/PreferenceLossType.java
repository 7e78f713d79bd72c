package io.frontier.rl.preference;

import io.frontier.tensor.Tensor;

/**
 * The offline preference losses of TRL's {@code DPOTrainer} ({@code loss_type}), each a per-pair
 * loss of the batch, {@code (B)}. Notation: {@code rho = log pi(y) - log pi_ref(y)} summed over the
 * completion's tokens, {@code s = f'(exp rho)} its {@link FDivergence} score ({@code s = rho} by
 * default), {@code delta = s_w - s_l} for the chosen (w) and rejected (l) responses, beta the
 * strength of the tie to the reference, eps the label smoothing.
 */
public enum PreferenceLossType {
  /** DPO (Rafailov et al. 2023): {@code -log sigmoid(beta delta)}. */
  SIGMOID("sigmoid") {
    @Override
    Tensor perPair(PairTerms t) {
      return t.delta().mul(t.beta()).logSigmoid().neg();
    }
  },
  /** SLiC / RSO hinge: {@code max(0, 1 - beta delta)}. */
  HINGE("hinge") {
    @Override
    Tensor perPair(PairTerms t) {
      return t.delta().mul(-t.beta()).add(1.0).relu();
    }
  },
  /**
   * IPO (Azar et al. 2023, eq. 17, beta as tau): {@code (delta_bar - 1/(2 beta))^2} with
   * length-averaged scores {@code delta_bar = s_w/|y_w| - s_l/|y_l|}, as TRL (confirmed with the
   * IPO authors): the gap is regressed to a finite target instead of pushed to infinity.
   */
  IPO("ipo") {
    @Override
    Tensor perPair(PairTerms t) {
      Tensor averaged = PairTerms.perToken(t.chosenScores(), t.batch().chosenTokens())
          .sub(PairTerms.perToken(t.rejectedScores(), t.batch().rejectedTokens()));
      return averaged.sub(1.0 / (2.0 * t.beta())).square();
    }
  },
  /**
   * EXO-pref (Ji et al. 2024, eq. 16): {@code KL(q || p)} between {@code q = softmax(beta s)} over
   * the pair and the smoothed labels {@code p = (1 - eps, eps)}; needs eps in (0, 1).
   */
  EXO_PAIR("exo_pair") {
    @Override
    Tensor perPair(PairTerms t) {
      Tensor x = t.delta().mul(t.beta());
      Tensor chosenTerm = x.sigmoid().mul(x.logSigmoid().sub(Math.log1p(-t.labelSmoothing())));
      Tensor rejectedTerm = x.neg().sigmoid().mul(x.neg().logSigmoid().sub(Math.log(t.labelSmoothing())));
      return chosenTerm.add(rejectedTerm);
    }
  },
  /** NCA (Chen et al. 2024): {@code -log sigmoid(beta s_w) - 1/2 log sigmoid(-beta s_w) - 1/2 log sigmoid(-beta s_l)}. */
  NCA_PAIR("nca_pair") {
    @Override
    Tensor perPair(PairTerms t) {
      Tensor w = t.chosenScores().mul(t.beta());
      Tensor l = t.rejectedScores().mul(t.beta());
      return w.logSigmoid().neg().sub(w.neg().logSigmoid().mul(0.5)).sub(l.neg().logSigmoid().mul(0.5));
    }
  },
  /**
   * Robust DPO (Chowdhury et al. 2024), unbiased under a label-flip rate eps in [0, 1/2):
   * {@code [-(1 - eps) log sigmoid(beta delta) + eps log sigmoid(-beta delta)] / (1 - 2 eps)}.
   */
  ROBUST("robust") {
    @Override
    Tensor perPair(PairTerms t) {
      Tensor x = t.delta().mul(t.beta());
      double eps = t.labelSmoothing();
      Tensor clean = x.logSigmoid().mul(-(1.0 - eps));
      Tensor flipped = x.neg().logSigmoid().mul(-eps);
      return clean.sub(flipped).div(1.0 - 2.0 * eps);
    }
  },
  /** BCO on pairs (Jung et al. 2024): {@code -log sigmoid(beta s_w) - log sigmoid(-beta s_l)}. */
  BCO_PAIR("bco_pair") {
    @Override
    Tensor perPair(PairTerms t) {
      Tensor w = t.chosenScores().mul(t.beta());
      Tensor l = t.rejectedScores().mul(t.beta());
      return w.logSigmoid().neg().sub(l.neg().logSigmoid());
    }
  },
  /** SPPO with hard labels (Wu et al. 2024, eq. 4.7 with P = 1 / 0): {@code (s_w - 1/(2 beta))^2 + (s_l + 1/(2 beta))^2}. */
  SPPO_HARD("sppo_hard") {
    @Override
    Tensor perPair(PairTerms t) {
      double target = 0.5 / t.beta();
      return t.chosenScores().sub(target).square().add(t.rejectedScores().add(target).square());
    }
  },
  /**
   * AOT (Melnyk et al. 2024), paired: the policy's log-ratios {@code log pi(y_w) - log pi(y_l)}
   * and the reference's, each sorted over the batch, their difference under the smoothed logistic
   * loss (first-order stochastic dominance of the policy's margins over the reference's).
   */
  AOT("aot") {
    @Override
    Tensor perPair(PairTerms t) {
      PreferenceBatch b = t.batch();
      Tensor policy = sorted(b.policyChosen().sub(b.policyRejected()));
      Tensor reference = sorted(b.refChosen().sub(b.refRejected()));
      return t.smoothedLogistic(policy.sub(reference));
    }
  },
  /** AOT, unpaired: the chosen and the rejected log-ratios {@code rho} sorted over the batch separately. */
  AOT_UNPAIRED("aot_unpaired") {
    @Override
    Tensor perPair(PairTerms t) {
      return t.smoothedLogistic(sorted(t.chosenLogRatios()).sub(sorted(t.rejectedLogRatios())));
    }
  },
  /**
   * APO-zero (D'Oosterlinck et al. 2024, eq. 7), for chosen responses better than the model's own:
   * {@code (1 - sigmoid(beta rho_w)) + sigmoid(beta rho_l)} (raw log-ratios, as TRL).
   */
  APO_ZERO("apo_zero") {
    @Override
    Tensor perPair(PairTerms t) {
      Tensor chosen = t.chosenLogRatios().mul(t.beta()).sigmoid().rsub(1.0);
      return chosen.add(t.rejectedLogRatios().mul(t.beta()).sigmoid());
    }
  },
  /**
   * APO-down (eq. 8), for chosen responses worse than the model's own:
   * {@code sigmoid(beta rho_w) + (1 - sigmoid(beta delta))}.
   */
  APO_DOWN("apo_down") {
    @Override
    Tensor perPair(PairTerms t) {
      Tensor chosen = t.chosenLogRatios().mul(t.beta()).sigmoid();
      return chosen.add(t.delta().mul(t.beta()).sigmoid().rsub(1.0));
    }
  },
  /**
   * DiscoPOP (Chris Lu et al. 2024, eq. 5), the log-ratio-modulated loss found by LLM-driven
   * discovery: with {@code x = beta delta} and {@code m = sigmoid(x / tau)},
   * {@code (1 - m) (-log sigmoid(x)) + m exp(-x)}.
   */
  DISCOPOP("discopop") {
    @Override
    Tensor perPair(PairTerms t) {
      Tensor x = t.delta().mul(t.beta());
      Tensor m = x.div(t.discopopTau()).sigmoid();
      return x.logSigmoid().neg().mul(m.rsub(1.0)).add(x.neg().exp().mul(m));
    }
  },
  /**
   * Length-normalised DPO (LN-DPO; Ahrabian et al. 2024, Tulu 3): DPO on length-averaged scores,
   * {@code -log sigmoid(beta (s_w/|y_w| - s_l/|y_l|))}.
   */
  SIGMOID_NORM("sigmoid_norm") {
    @Override
    Tensor perPair(PairTerms t) {
      PreferenceBatch b = t.batch();
      Tensor averaged = PairTerms.perToken(t.chosenScores(), b.chosenTokens())
          .sub(PairTerms.perToken(t.rejectedScores(), b.rejectedTokens()));
      return averaged.mul(t.beta()).logSigmoid().neg();
    }
  },
  /**
   * The negative log-likelihood of the chosen completions, a token mean over the whole batch
   * ({@code -sum log pi(y_w) / sum |y_w|}), the same for every pair: the SFT term of RPO
   * (Pang et al. 2024) and MPO, combined with a DPO loss through weights.
   */
  SFT("sft") {
    @Override
    Tensor perPair(PairTerms t) {
      PreferenceBatch b = t.batch();
      Tensor tokenMean = b.policyChosen().sum().neg().div(b.chosenTokens().sum().clampMin(1.0));
      return tokenMean.expand(b.policyChosen().shape());
    }
  };

  private final String trlName;

  PreferenceLossType(String trlName) {
    this.trlName = trlName;
  }

  /** TRL's name ({@code loss_type}). */
  public String trlName() {
    return trlName;
  }

  /** The loss type TRL calls {@code name}. */
  public static PreferenceLossType fromTrlName(String name) {
    for (PreferenceLossType t : values()) if (t.trlName.equals(name)) return t;
    StringBuilder known = new StringBuilder();
    for (PreferenceLossType t : values()) known.append(known.length() == 0 ? "" : ", ").append(t.trlName);
    throw new IllegalArgumentException("unknown preference loss type '" + name + "'; known: " + known);
  }

  /** The loss of each pair, {@code (B)}, differentiable in the policy's log-probabilities. */
  abstract Tensor perPair(PairTerms t);

  /** Ascending values along the batch, differentiable (the gradient follows each value to its place). */
  private static Tensor sorted(Tensor x) {
    return x.sort(0, false).values();
  }
}
