package io.frontier.rl.online;

import io.frontier.nn.GPT;
import io.frontier.nn.Module;
import io.frontier.nn.Sampling;
import io.frontier.optim.Optimizer;
import io.frontier.rl.policy.Gae;
import io.frontier.rl.policy.KlController;
import io.frontier.rl.policy.KlEstimator;
import io.frontier.rl.policy.MaskedStats;
import io.frontier.rl.policy.PpoLoss;
import io.frontier.rl.policy.TokenRewards;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;

/**
 * PPO for RLHF (Ziegler et al. 2019, Stiennon et al. 2020, Ouyang et al. 2022), step for step as
 * TRL's {@code PPOTrainer}: sample responses, score them, give every response token a reward of
 * {@code -beta kl_t} and the last one the score as well ({@link TokenRewards}), estimate advantages
 * with {@link Gae} from the value head's values, whiten them, then run {@code ppoEpochs} passes of
 * minibatch updates of the clipped policy loss plus {@code vfCoefficient} times the clipped value
 * loss ({@link PpoLoss}).
 *
 * <p>The critic is the policy's own value head ({@link io.frontier.nn.GPTConfig#valueHead}) on the
 * shared trunk, where TRL keeps a separate value model: half the parameters, at the price of the
 * value loss also moving the trunk. The KL coefficient comes from a {@link KlController}
 * (fixed, or adaptive towards a target KL), updated after every step with the batch's mean KL.
 */
public final class Ppo {
  /**
   * TRL's {@code PPOConfig} names, with its defaults in {@link #defaults}.
   *
   * @param maxNewTokens the response length
   * @param temperature sampling and scoring temperature (TRL 0.7)
   * @param kl the per-token KL estimator of the penalty (TRL k1)
   * @param gamma the discount (1)
   * @param lambda GAE's lambda (0.95)
   * @param clipRange the policy ratio's clip (0.2)
   * @param valueClipRange the value's clip around the rollout's values (0.2)
   * @param vfCoefficient the value loss's weight (0.1)
   * @param ppoEpochs passes over each batch (4)
   * @param miniBatches minibatches per pass (1)
   * @param whitenRewards whiten the per-token rewards before GAE (false)
   * @param maxGradNorm the gradients' global norm is clipped to this; 0 for none (1)
   * @param eosToken the token that ends a response, or {@link Rollout#NO_EOS}
   */
  public record Config(int maxNewTokens, double temperature, KlEstimator kl, double gamma, double lambda, double clipRange,
      double valueClipRange, double vfCoefficient, int ppoEpochs, int miniBatches, boolean whitenRewards, double maxGradNorm,
      long eosToken) {
    public Config {
      if (maxNewTokens < 1) throw new IllegalArgumentException("Ppo: maxNewTokens must be >= 1, got " + maxNewTokens);
      if (!(temperature > 0)) throw new IllegalArgumentException("Ppo: temperature must be positive, got " + temperature);
      if (kl == null) throw new IllegalArgumentException("Ppo: kl estimator is null");
      if (ppoEpochs < 1 || miniBatches < 1) {
        throw new IllegalArgumentException("Ppo: ppoEpochs and miniBatches must be >= 1, got " + ppoEpochs + " and " + miniBatches);
      }
      if (!(vfCoefficient >= 0)) throw new IllegalArgumentException("Ppo: vfCoefficient must be >= 0, got " + vfCoefficient);
      if (!(maxGradNorm >= 0)) throw new IllegalArgumentException("Ppo: maxGradNorm must be >= 0, got " + maxGradNorm);
      // gamma, lambda and the clip ranges are checked by Gae and PpoLoss, which name them
    }

    /** TRL's defaults for a response of {@code maxNewTokens} tokens. */
    public static Config defaults(int maxNewTokens) {
      return new Config(maxNewTokens, 0.7, KlEstimator.K1, 1.0, 0.95, 0.2, 0.2, 0.1, 4, 1, false, 1.0, Rollout.NO_EOS);
    }

    public Config withTemperature(double temperature) {
      return new Config(maxNewTokens, temperature, kl, gamma, lambda, clipRange, valueClipRange, vfCoefficient, ppoEpochs, miniBatches,
          whitenRewards, maxGradNorm, eosToken);
    }

    public Config withEpochs(int ppoEpochs, int miniBatches) {
      return new Config(maxNewTokens, temperature, kl, gamma, lambda, clipRange, valueClipRange, vfCoefficient, ppoEpochs, miniBatches,
          whitenRewards, maxGradNorm, eosToken);
    }
  }

  /**
   * One step's means, TRL's names in brackets: the score ({@code objective/scores}), the summed
   * per-response KL ({@code objective/kl}), the KL coefficient used, the score plus the KL penalty
   * ({@code objective/rlhf_reward}), and the last pass's clip fraction, approximate KL and policy and
   * value losses ({@code policy/clipfrac_avg}, {@code policy/approxkl_avg}, {@code loss/policy_avg},
   * {@code loss/value_avg}).
   */
  public record Stats(double score, double kl, double klCoefficient, double rlhfReward, double clipFraction, double approxKl,
      double policyLoss, double valueLoss) {}

  private final GPT policy;
  private final GPT reference;
  private final Optimizer optimizer;
  private final RewardFunction reward;
  private final KlController klController;
  private final Config config;

  /**
   * @param policy a GPT with a value head
   * @param reference the frozen reference model (the policy's initial weights, usually)
   * @param optimizer over the policy's parameters
   */
  public Ppo(GPT policy, GPT reference, Optimizer optimizer, RewardFunction reward, KlController klController, Config config) {
    if (policy == null || reference == null || optimizer == null || reward == null || klController == null || config == null) {
      throw new IllegalArgumentException("Ppo: policy, reference, optimizer, reward, klController and config are required");
    }
    if (!policy.config().valueHead()) throw new IllegalArgumentException("Ppo: the policy needs a value head (GPTConfig.valueHead)");
    this.policy = policy;
    this.reference = reference;
    this.optimizer = optimizer;
    this.reward = reward;
    this.klController = klController;
    this.config = config;
  }

  /** One PPO iteration on a batch of prompts {@code (B, P)}. */
  public Stats step(Tensor prompts, Generator g) {
    Rollout rollout = Rollout.sample(policy, prompts, config.maxNewTokens(), Sampling.sample(config.temperature()), g, config.eosToken());
    Tensor mask = rollout.mask();
    double beta = klController.coefficient();
    Sampled fixed = Module.noGrad(() -> {
      PolicyScores old = PolicyScores.of(policy, rollout, config.temperature());
      Tensor refLogProbs = PolicyScores.of(reference, rollout, config.temperature()).logProbs();
      Tensor score = reward.score(rollout.prompts(), rollout.responses(), mask);
      Tensor kl = config.kl().perToken(old.logProbs(), refLogProbs).mul(mask);
      TokenRewards rewards = TokenRewards.of(score, kl, mask, beta);
      Tensor r = config.whitenRewards() ? MaskedStats.whiten(rewards.rewards(), mask, false) : rewards.rewards();
      Gae gae = Gae.estimate(r, old.values(), mask, config.gamma(), config.lambda());
      Tensor advantages = MaskedStats.whiten(gae.advantages(), mask, true);
      return new Sampled(old.logProbs(), old.values(), advantages, gae.returns(), score, kl.sum(1), rewards.rewards().sum(1));
    });

    int b = rollout.batch();
    int per = Math.max(1, b / config.miniBatches());
    PpoLoss.Policy lastPolicy = null;
    PpoLoss.Value lastValue = null;
    for (int epoch = 0; epoch < config.ppoEpochs(); epoch++) {
      Tensor order = Tensor.randperm(g, b);
      for (int start = 0; start < b; start += per) {
        Tensor rows = order.narrow(0, start, Math.min(per, b - start));
        Rollout mini = new Rollout(rollout.prompts().indexSelect(0, rows), rollout.responses().indexSelect(0, rows), mask.indexSelect(0, rows));
        optimizer.zeroGrad();
        PolicyScores now = PolicyScores.of(policy, mini, config.temperature());
        lastPolicy = PpoLoss.policy(now.logProbs(), fixed.logProbs().indexSelect(0, rows), fixed.advantages().indexSelect(0, rows),
            mini.mask(), config.clipRange());
        lastValue = PpoLoss.value(now.values(), fixed.values().indexSelect(0, rows), fixed.returns().indexSelect(0, rows), mini.mask(),
            config.valueClipRange());
        PolicyUpdate.apply(optimizer, policy, lastPolicy.loss().add(lastValue.loss().mul(config.vfCoefficient())), config.maxGradNorm());
      }
    }
    double meanKl = fixed.kl().mean().item();
    klController.update(meanKl, b);
    return new Stats(fixed.score().mean().item(), meanKl, beta, fixed.rlhfReward().mean().item(), lastPolicy.clipFraction().item(),
        lastPolicy.approxKl().item(), lastPolicy.loss().item(), lastValue.loss().item());
  }

  /**
   * What a batch's updates hold fixed, from the rollout: the sampling policy's log-probabilities and
   * values, the whitened advantages and the returns {@code (B, N)}; the score, summed KL and RLHF
   * reward {@code (B)}.
   */
  private record Sampled(Tensor logProbs, Tensor values, Tensor advantages, Tensor returns, Tensor score, Tensor kl, Tensor rlhfReward) {}
}
