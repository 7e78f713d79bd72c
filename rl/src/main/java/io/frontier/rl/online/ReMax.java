package io.frontier.rl.online;

import io.frontier.nn.GPT;
import io.frontier.nn.Module;
import io.frontier.nn.Sampling;
import io.frontier.optim.Optimizer;
import io.frontier.rl.policy.GroupBaselines;
import io.frontier.rl.policy.KlEstimator;
import io.frontier.rl.policy.ReinforceLoss;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;

/**
 * ReMax (Li et al. 2023, "ReMax: A Simple, Effective, and Efficient Reinforcement Learning Method
 * for Aligning Large Language Models"): REINFORCE on whole responses with the reward of the
 * policy's own greedy response as the baseline,
 *
 * <pre>g = (1/B) sum_i sum_t grad log pi(a_t | x_i, a_&lt;t) (r(x_i, y_i) - r(x_i, y_bar_i)),  y_i ~ pi, y_bar_i = greedy(pi)</pre>
 *
 * unbiased (the baseline does not depend on the sample), with no value model, so none of PPO's
 * critic memory, GAE or extra hyperparameters. With a reference model and a KL coefficient beta,
 * the sampled response's reward is {@code r - beta sum_t kl_t} (the greedy baseline is the reward
 * alone, as verl's {@code remax} estimator).
 */
public final class ReMax {
  /**
   * @param maxNewTokens the response length
   * @param temperature of the sampled responses (the greedy baseline takes the argmax)
   * @param klCoefficient beta of the KL penalty to the reference; 0 for none
   * @param kl the per-token KL estimator of the penalty
   * @param maxGradNorm the gradients' global norm is clipped to this; 0 for no clipping
   * @param eosToken the token that ends a response, or {@link Rollout#NO_EOS}
   */
  public record Config(int maxNewTokens, double temperature, double klCoefficient, KlEstimator kl, double maxGradNorm, long eosToken) {
    public Config {
      if (maxNewTokens < 1) throw new IllegalArgumentException("ReMax: maxNewTokens must be >= 1, got " + maxNewTokens);
      if (!(temperature > 0)) throw new IllegalArgumentException("ReMax: temperature must be positive, got " + temperature);
      if (!(klCoefficient >= 0) || Double.isInfinite(klCoefficient)) {
        throw new IllegalArgumentException("ReMax: klCoefficient must be finite and >= 0, got " + klCoefficient);
      }
      if (kl == null) throw new IllegalArgumentException("ReMax: kl estimator is null");
      if (!(maxGradNorm >= 0)) throw new IllegalArgumentException("ReMax: maxGradNorm must be >= 0, got " + maxGradNorm);
    }

    /** Temperature 1, no KL penalty, gradients clipped at norm 1, no end token. */
    public static Config defaults(int maxNewTokens) {
      return new Config(maxNewTokens, 1.0, 0.0, KlEstimator.K1, 1.0, Rollout.NO_EOS);
    }

    public Config withKl(double klCoefficient, KlEstimator kl) {
      return new Config(maxNewTokens, temperature, klCoefficient, kl, maxGradNorm, eosToken);
    }

    public Config withEosToken(long eosToken) {
      return new Config(maxNewTokens, temperature, klCoefficient, kl, maxGradNorm, eosToken);
    }
  }

  /**
   * What one step saw, means over the batch: the sampled and the greedy responses' rewards, the
   * sampled responses' summed KL to the reference (0 without one), and the loss.
   */
  public record Stats(double score, double greedyScore, double kl, double loss) {}

  private final GPT policy;
  private final GPT reference;
  private final Optimizer optimizer;
  private final RewardFunction reward;
  private final Config config;

  /**
   * @param reference the frozen reference model, or null when {@code config.klCoefficient()} is 0
   * @param optimizer over the policy's parameters
   */
  public ReMax(GPT policy, GPT reference, Optimizer optimizer, RewardFunction reward, Config config) {
    if (policy == null || optimizer == null || reward == null || config == null) {
      throw new IllegalArgumentException("ReMax: policy, optimizer, reward and config are required");
    }
    if (config.klCoefficient() > 0 && reference == null) {
      throw new IllegalArgumentException("ReMax: a KL coefficient of " + config.klCoefficient() + " needs a reference model");
    }
    this.policy = policy;
    this.reference = reference;
    this.optimizer = optimizer;
    this.reward = reward;
    this.config = config;
  }

  /** One update from a batch of prompts {@code (B, P)}: sample, decode greedily, score both, step. */
  public Stats step(Tensor prompts, Generator g) {
    Rollout sampled = Rollout.sample(policy, prompts, config.maxNewTokens(), Sampling.sample(config.temperature()), g, config.eosToken());
    Rollout greedy = Rollout.sample(policy, prompts, config.maxNewTokens(), Sampling.GREEDY, g, config.eosToken());
    Scored scored = Module.noGrad(() -> {
      Tensor score = reward.score(sampled.prompts(), sampled.responses(), sampled.mask());
      Tensor baseline = reward.score(greedy.prompts(), greedy.responses(), greedy.mask());
      Tensor kl = score.mul(0.0);
      if (reference != null && config.klCoefficient() > 0) {
        Tensor logProbs = PolicyScores.of(policy, sampled, config.temperature()).logProbs();
        Tensor refLogProbs = PolicyScores.of(reference, sampled, config.temperature()).logProbs();
        kl = config.kl().perToken(logProbs, refLogProbs).mul(sampled.mask()).sum(1);
      }
      return new Scored(score, baseline, kl);
    });
    Tensor advantages = GroupBaselines.remax(scored.score().sub(scored.kl().mul(config.klCoefficient())), scored.greedyScore());

    optimizer.zeroGrad();
    Tensor logProbs = PolicyScores.of(policy, sampled, config.temperature()).logProbs();
    Tensor loss = ReinforceLoss.loss(logProbs, sampled.mask(), advantages);
    PolicyUpdate.apply(optimizer, policy, loss, config.maxGradNorm());
    return new Stats(scored.score().mean().item(), scored.greedyScore().mean().item(), scored.kl().mean().item(), loss.item());
  }

  /** The sampled responses' scores and summed KL, and the greedy responses' scores, {@code (B)}. */
  private record Scored(Tensor score, Tensor greedyScore, Tensor kl) {}
}
