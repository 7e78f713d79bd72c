package io.frontier.rl.directional;

import io.frontier.nn.GPT;
import io.frontier.nn.KVCache;
import io.frontier.nn.Module;
import io.frontier.nn.Sampling;
import io.frontier.optim.Optimizer;
import io.frontier.rl.conditional.ConditionalTraining;
import io.frontier.rl.online.Rollout;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Directional Preference Alignment (Wang, Lin, Xiong, Yang, Diao, Qiu, Zhao and Zhang, "Arithmetic
 * Control of LLMs for Diverse User Preferences: Directional Preference Alignment with
 * Multi-Objective Rewards", ACL 2024, arXiv 2402.18571; model RLHFlow/DPA-v1-Mistral-7B). A user's
 * preference is a unit vector {@code v} in the space of a multi-objective reward
 * {@code r(x, y) in R^k}, and the reward the user wants maximised is {@code R(x, v, y) = v^T r(x, y)}.
 * The policy {@code pi(y | x, v)} is trained by preference-conditioned rejection-sampling
 * fine-tuning (RSF, as in Llama 2), iterated:
 *
 * <pre>
 *   repeat for each round:
 *     draw directions v_p from the cone of directions, one per prompt, and put v_p in the prompt
 *     sample n responses y_p1..y_pn ~ pi(. | x_p, v_p)
 *     keep y_p* = argmax_j v_p^T r(x_p, y_pj)
 *     fine-tune pi by cross-entropy on (x_p, v_p, y_p*)
 * </pre>
 *
 * Changing v at inference then trades one objective against the other ("arithmetic control").
 *
 * <p>Here the prompt is the direction's token alone ({@link DirectionTokens}), and the direction
 * tokens are blocked at decoding: they are conditions, never content (as the control tokens of
 * {@link ConditionalTraining}).
 */
public final class DirectionalRejectionSampling {
  /**
   * @param promptsPerRound prompts (each with its own drawn direction) per round
   * @param samplesPerPrompt n, the responses sampled per prompt
   * @param responseLength tokens per response
   * @param sftSteps optimizer steps of fine-tuning on each round's selected responses (full batch)
   * @param sampling how responses are drawn (RSF samples at temperature 1 for diversity)
   */
  public record Config(int promptsPerRound, int samplesPerPrompt, int responseLength, int sftSteps, Sampling sampling) {
    public Config {
      if (promptsPerRound < 1 || samplesPerPrompt < 1 || responseLength < 1 || sftSteps < 1) {
        throw new IllegalArgumentException("DirectionalRejectionSampling.Config: counts must be >= 1, got " + promptsPerRound + " prompts, "
            + samplesPerPrompt + " samples, " + responseLength + " tokens, " + sftSteps + " steps");
      }
      if (sampling == null) throw new IllegalArgumentException("DirectionalRejectionSampling.Config: sampling is null");
    }

    /** 64 prompts a round, n = 8 samples each at temperature 1, 20 fine-tuning steps. */
    public static Config defaults(int responseLength) {
      return new Config(64, 8, responseLength, 20, Sampling.sample(1.0));
    }

    public Config withPromptsPerRound(int p) {
      return new Config(p, samplesPerPrompt, responseLength, sftSteps, sampling);
    }

    public Config withSamplesPerPrompt(int n) {
      return new Config(promptsPerRound, n, responseLength, sftSteps, sampling);
    }

    public Config withSftSteps(int s) {
      return new Config(promptsPerRound, samplesPerPrompt, responseLength, s, sampling);
    }
  }

  /**
   * One round's numbers: the mean directional reward {@code v^T r} of the selected responses and of
   * all sampled ones (the gap is what rejection sampling buys), and the last fine-tuning loss.
   */
  public record Round(double selectedReward, double sampledReward, double loss) {}

  private final GPT policy;
  private final Optimizer optimizer;
  private final MultiObjectiveReward reward;
  private final DirectionTokens directions;
  private final Config config;

  public DirectionalRejectionSampling(GPT policy, Optimizer optimizer, MultiObjectiveReward reward, DirectionTokens directions, Config config) {
    if (policy == null || optimizer == null || reward == null || directions == null || config == null) {
      throw new IllegalArgumentException("DirectionalRejectionSampling: policy, optimizer, reward, directions and config are required");
    }
    int vocab = policy.config().vocab();
    if (directions.firstToken() + directions.count() > vocab) {
      throw new IllegalArgumentException("DirectionalRejectionSampling: direction tokens " + directions.firstToken() + ".."
          + (directions.firstToken() + directions.count() - 1) + " must be inside the vocabulary of " + vocab);
    }
    if (1 + config.responseLength() > policy.config().context()) {
      throw new IllegalArgumentException("DirectionalRejectionSampling: direction token + " + config.responseLength()
          + " response tokens exceed the context of " + policy.config().context());
    }
    this.policy = policy;
    this.optimizer = optimizer;
    this.reward = reward;
    this.directions = directions;
    this.config = config;
  }

  /** {@code v_p^T r_pj}: the directional rewards {@code (P, n)} of rewards {@code (P, n, k)} under directions {@code (P, k)}. */
  public static Tensor directionalRewards(Tensor rewards, Tensor directions) {
    if (rewards == null || directions == null || rewards.dim() != 3 || directions.dim() != 2 || rewards.size(0) != directions.size(0)
        || rewards.size(2) != directions.size(1) || rewards.size(1) == 0) {
      throw new IllegalArgumentException("DirectionalRejectionSampling: expected rewards (P, n, k) with n >= 1 and directions (P, k), got "
          + (rewards == null ? "null" : Arrays.toString(rewards.shape())) + " and " + (directions == null ? "null" : Arrays.toString(directions.shape())));
    }
    return rewards.mul(directions.to(rewards.dtype()).unsqueeze(1)).sum(2);
  }

  /** The selection step: {@code argmax_j v_p^T r_pj} for each prompt, int64 {@code (P)} (the first on ties). */
  public static Tensor select(Tensor rewards, Tensor directions) {
    return directionalRewards(rewards, directions).argmax(1, false);
  }

  /** One round of sampling, selection and fine-tuning. */
  public Round round(Generator g) {
    int p = config.promptsPerRound();
    int n = config.samplesPerPrompt();
    int len = config.responseLength();
    Tensor picked = directions.sample(p, g); // (P)
    Tensor prompts = prompts(picked); // (P, 1)
    Tensor repeated = Rollout.repeatEach(prompts, n);
    Tensor responses = generate(repeated, g); // (P n, N)
    Tensor r = reward.score(repeated, responses);
    if (r == null || r.dim() != 2 || r.size(0) != p * n || r.size(1) != 2) {
      throw new IllegalStateException("DirectionalRejectionSampling: the reward must score (B, 2) for " + p * n + " responses, got "
          + (r == null ? "null" : Arrays.toString(r.shape())));
    }
    Tensor scalar = directionalRewards(r.reshape(p, n, 2), directions.directions().indexSelect(0, picked)); // (P, n)
    Tensor best = scalar.argmax(1, false); // (P)
    Tensor rows = Tensor.arange(0, p, 1).mul((long) n).add(best);
    Tensor chosen = responses.indexSelect(0, rows); // (P, N)
    Tensor tokens = Tensor.cat(List.of(prompts, chosen), 1); // (P, 1 + N)
    double loss = Double.NaN;
    for (int s = 0; s < config.sftSteps(); s++) {
      optimizer.zeroGrad();
      Tensor l = GPT.loss(policy.forward(tokens.narrow(1, 0, len)), chosen);
      l.backward();
      optimizer.step();
      loss = l.item();
    }
    return new Round(scalar.amax(new int[] {1}, false).mean().item(), scalar.mean().item(), loss);
  }

  /**
   * The mean reward vector {@code (m, k)} the policy achieves at each of the m directions, over
   * {@code samplesPerDirection} responses sampled with the config's sampling.
   */
  public Tensor achieved(int samplesPerDirection, Generator g) {
    if (samplesPerDirection < 1) throw new IllegalArgumentException("DirectionalRejectionSampling.achieved: need >= 1 sample, got " + samplesPerDirection);
    int m = directions.count();
    Tensor picked = Tensor.arange(0, m, 1).unsqueeze(1).expand(m, samplesPerDirection).contiguous().reshape(-1);
    Tensor prompts = prompts(picked);
    Tensor r = reward.score(prompts, generate(prompts, g));
    return r.to(DType.FLOAT64).reshape(m, samplesPerDirection, r.size(1)).mean(1);
  }

  /**
   * Responses {@code (B, N)} after the direction tokens {@code prompts (B, 1)}, sampled with the
   * direction tokens blocked, without recording gradients.
   */
  public Tensor generate(Tensor prompts, Generator g) {
    long[] blocked = directions.tokens();
    int len = config.responseLength();
    return Module.noGrad(() -> {
      KVCache cache = new KVCache(policy.config().layers());
      Tensor last = policy.run(prompts, cache).logits().select(1, prompts.size(1) - 1);
      Tensor[] out = new Tensor[len];
      for (int t = 0; t < len; t++) {
        Tensor next = config.sampling().pick(ConditionalTraining.blockTokens(last, blocked), g).unsqueeze(1);
        out[t] = next;
        if (t + 1 < len) last = policy.run(next, cache).logits().select(1, 0);
      }
      return Tensor.cat(List.of(out), 1);
    });
  }

  private Tensor prompts(Tensor picked) {
    return picked.add(directions.firstToken()).unsqueeze(1);
  }
}
