package io.frontier.rl.online;

import io.frontier.nn.GPT;
import io.frontier.nn.Module;
import io.frontier.nn.Sampling;
import io.frontier.optim.Optimizer;
import io.frontier.rl.policy.GroupBaselines;
import io.frontier.rl.policy.KlEstimator;
import io.frontier.rl.policy.PpoLoss;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;

/**
 * Group-relative policy optimisation without a value model: K responses are sampled per prompt
 * and each one's advantage is its reward against the others' (applied to every token), as in
 *
 * <ul>
 *   <li>GRPO (Shao et al. 2024, DeepSeekMath): {@code A_i = (r_i - mean r) / (std r + eps)},
 *       token losses averaged per response, then over responses; KL to the reference as a k3
 *       term in the loss;
 *   <li>Dr.GRPO (Liu et al. 2025): {@code A_i = r_i - mean r}, token losses summed and divided by
 *       a constant (the batch's responses times their maximum length), removing GRPO's length and
 *       difficulty biases;
 *   <li>RLOO (Ahmadian et al. 2024): {@code A_i = r_i - mean_{j != i} r_j}, the KL to the reference
 *       folded into the reward ({@code r - beta sum_t kl_t}), as TRL's {@code RLOOTrainer};
 *   <li>DAPO's token-level mean (Yu et al. 2025): every token of the batch weighs the same.
 * </ul>
 *
 * The policy loss is PPO's clipped surrogate with the ratio to the sampling policy (1 at the first
 * of {@code iterations} updates per batch, TRL's {@code num_iterations}).
 */
public final class GroupRelative {
  /** How rewards become advantages, and where the KL goes. */
  public enum Advantage {
    /** Group-normalised, KL as a loss term. */
    GRPO,
    /** Group-centred (no std), KL as a loss term. */
    DR_GRPO,
    /** Leave-one-out mean, KL in the reward. */
    RLOO
  }

  /** How the per-token losses are averaged. */
  public enum Aggregation {
    /** Mean over each response's tokens, then over responses (GRPO). */
    SEQUENCE_MEAN,
    /** Mean over all tokens of the batch (DAPO). */
    TOKEN_MEAN,
    /** Sum over all tokens, divided by responses times the maximum length (Dr.GRPO). */
    CONSTANT_NORMALISER
  }

  /**
   * @param groupSize K responses per prompt, at least 2 (TRL's {@code num_generations}, 8)
   * @param maxNewTokens the response length
   * @param temperature sampling and scoring temperature
   * @param advantage GRPO, Dr.GRPO or RLOO
   * @param aggregation how token losses are averaged
   * @param beta the KL coefficient (TRL's GRPO 0, its RLOO 0.05)
   * @param clipLow epsilon of the ratio's lower clip (0.2)
   * @param clipHigh epsilon of the upper clip (0.2; DAPO 0.28)
   * @param iterations updates per sampled batch (1)
   * @param maxGradNorm the gradients' global norm is clipped to this; 0 for none
   * @param eosToken the token that ends a response, or {@link Rollout#NO_EOS}
   */
  public record Config(int groupSize, int maxNewTokens, double temperature, Advantage advantage, Aggregation aggregation, double beta,
      double clipLow, double clipHigh, int iterations, double maxGradNorm, long eosToken) {
    public Config {
      if (groupSize < 2) throw new IllegalArgumentException("GroupRelative: groupSize must be >= 2, got " + groupSize);
      if (maxNewTokens < 1) throw new IllegalArgumentException("GroupRelative: maxNewTokens must be >= 1, got " + maxNewTokens);
      if (!(temperature > 0)) throw new IllegalArgumentException("GroupRelative: temperature must be positive, got " + temperature);
      if (advantage == null || aggregation == null) throw new IllegalArgumentException("GroupRelative: advantage and aggregation are required");
      if (!(beta >= 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("GroupRelative: beta must be finite and >= 0, got " + beta);
      if (iterations < 1) throw new IllegalArgumentException("GroupRelative: iterations must be >= 1, got " + iterations);
      if (!(maxGradNorm >= 0)) throw new IllegalArgumentException("GroupRelative: maxGradNorm must be >= 0, got " + maxGradNorm);
    }

    /** GRPO as TRL defaults it (8 responses, no KL, clip 0.2, one update per batch), at temperature 1. */
    public static Config grpo(int maxNewTokens) {
      return new Config(8, maxNewTokens, 1.0, Advantage.GRPO, Aggregation.SEQUENCE_MEAN, 0.0, 0.2, 0.2, 1, 1.0, Rollout.NO_EOS);
    }

    /** Dr.GRPO: group-centred advantages, a constant normaliser. */
    public static Config drGrpo(int maxNewTokens) {
      return new Config(8, maxNewTokens, 1.0, Advantage.DR_GRPO, Aggregation.CONSTANT_NORMALISER, 0.0, 0.2, 0.2, 1, 1.0, Rollout.NO_EOS);
    }

    /** RLOO as TRL defaults it: 2 responses per prompt, beta 0.05 in the reward. */
    public static Config rloo(int maxNewTokens) {
      return new Config(2, maxNewTokens, 1.0, Advantage.RLOO, Aggregation.SEQUENCE_MEAN, 0.05, 0.2, 0.2, 1, 1.0, Rollout.NO_EOS);
    }

    public Config withGroupSize(int groupSize) {
      return new Config(groupSize, maxNewTokens, temperature, advantage, aggregation, beta, clipLow, clipHigh, iterations, maxGradNorm, eosToken);
    }

    public Config withBeta(double beta) {
      return new Config(groupSize, maxNewTokens, temperature, advantage, aggregation, beta, clipLow, clipHigh, iterations, maxGradNorm, eosToken);
    }
  }

  /** One step's means: the score, the summed per-response KL to the reference (0 without one), the last update's loss and clip fraction. */
  public record Stats(double score, double kl, double loss, double clipFraction) {}

  private final GPT policy;
  private final GPT reference;
  private final Optimizer optimizer;
  private final RewardFunction reward;
  private final Config config;

  /** @param reference the frozen reference, or null when {@code config.beta()} is 0 */
  public GroupRelative(GPT policy, GPT reference, Optimizer optimizer, RewardFunction reward, Config config) {
    if (policy == null || optimizer == null || reward == null || config == null) {
      throw new IllegalArgumentException("GroupRelative: policy, optimizer, reward and config are required");
    }
    if (config.beta() > 0 && reference == null) {
      throw new IllegalArgumentException("GroupRelative: beta " + config.beta() + " needs a reference model");
    }
    this.policy = policy;
    this.reference = reference;
    this.optimizer = optimizer;
    this.reward = reward;
    this.config = config;
  }

  /** One step on prompts {@code (P, L)}: K responses each, scored, advantages, {@code iterations} updates. */
  public Stats step(Tensor prompts, Generator g) {
    int k = config.groupSize();
    Tensor repeated = Rollout.repeatEach(prompts, k);
    Rollout rollout = Rollout.sample(policy, repeated, config.maxNewTokens(), Sampling.sample(config.temperature()), g, config.eosToken());
    Tensor mask = rollout.mask();
    boolean withKl = reference != null && config.beta() > 0;
    Sampled fixed = Module.noGrad(() -> {
      Tensor old = PolicyScores.of(policy, rollout, config.temperature()).logProbs();
      Tensor ref = withKl ? PolicyScores.of(reference, rollout, config.temperature()).logProbs() : null;
      Tensor score = reward.score(rollout.prompts(), rollout.responses(), mask);
      Tensor kl = withKl ? KlEstimator.K1.perToken(old, ref).mul(mask).sum(1) : score.mul(0.0);
      Tensor advantages = switch (config.advantage()) {
        case GRPO -> GroupBaselines.grpo(score, k, true);
        case DR_GRPO -> GroupBaselines.grpo(score, k, false);
        case RLOO -> GroupBaselines.rloo(score.sub(kl.mul(config.beta())), k);
      };
      return new Sampled(old, ref, score, kl, advantages.unsqueeze(1));
    });

    Tensor weights = tokenWeights(mask);
    double normaliser = config.aggregation() == Aggregation.CONSTANT_NORMALISER
        ? mask.sum().item() / ((double) mask.size(0) * mask.size(1)) : 1.0;
    PpoLoss.Policy last = null;
    Tensor loss = null;
    for (int it = 0; it < config.iterations(); it++) {
      optimizer.zeroGrad();
      Tensor logProbs = PolicyScores.of(policy, rollout, config.temperature()).logProbs();
      last = PpoLoss.policy(logProbs, fixed.logProbs(), fixed.advantages(), weights, config.clipLow(), config.clipHigh());
      loss = last.loss();
      if (withKl && config.advantage() != Advantage.RLOO) {
        Tensor k3 = KlEstimator.K3.perToken(logProbs, fixed.refLogProbs());
        loss = loss.add(k3.mul(weights).sum().div(weights.sum()).mul(config.beta()));
      }
      if (normaliser != 1.0) loss = loss.mul(normaliser);
      PolicyUpdate.apply(optimizer, policy, loss, config.maxGradNorm());
    }
    return new Stats(fixed.score().mean().item(), fixed.kl().mean().item(), loss.item(), last.clipFraction().item());
  }

  /** What a batch's updates hold fixed: the sampling policy's and the reference's log-probabilities, scores, summed KL, advantages {@code (B, 1)}. */
  private record Sampled(Tensor logProbs, Tensor refLogProbs, Tensor score, Tensor kl, Tensor advantages) {}

  /**
   * The weights that make PPO's masked mean the configured aggregation: the mask itself for a
   * token mean (and, rescaled after, for the constant normaliser), the mask over each response's
   * length for GRPO's per-response mean (they sum to the number of responses, so the weighted mean
   * is the mean over responses of each response's token mean).
   */
  Tensor tokenWeights(Tensor mask) {
    if (config.aggregation() != Aggregation.SEQUENCE_MEAN) return mask;
    return mask.div(mask.sum(1, true).clampMin(1.0));
  }
}
