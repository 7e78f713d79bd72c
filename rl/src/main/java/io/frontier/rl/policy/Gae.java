package io.frontier.rl.policy;

import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * Generalized advantage estimation (Schulman et al. 2016, "High-Dimensional Continuous Control
 * Using Generalized Advantage Estimation", eq. 16), over padded responses as TRL's
 * {@code PPOTrainer} runs it, backwards from {@code V_T = 0}:
 *
 * <pre>
 *   δ_t = r_t + γ V_{t+1} − V_t
 *   A_t = δ_t + γλ A_{t+1}          (A_T = 0)
 *   R_t = A_t + V_t                  (the value target)
 * </pre>
 *
 * Both {@code advantages} and {@code returns} are {@code (B, T)}, 0 at padding. Rewards and values
 * at padding count as 0 (whatever they hold), and the recursion runs over the whole padded length,
 * so a right-padded row ends with {@code V_{last + 1} = 0}; a position inside a row that the mask
 * leaves out is a step of reward 0 and value 0.
 *
 * <p>Advantages and returns are regression and policy-gradient targets, so they carry no gradient:
 * the inputs are detached. Device-agnostic: δ is computed for all positions at once, and the
 * recursion, sequential in t, is a loop of T steps of tensor ops on {@code (B)} columns, so on the
 * GPU it costs 2T small kernels and no host copy.
 */
public record Gae(Tensor advantages, Tensor returns) {

  /**
   * @param rewards per-token rewards r_t, {@code (B, T)} (see {@link TokenRewards})
   * @param values the value head's V(s_t), {@code (B, T)}, rewards' dtype and device
   * @param mask the response tokens, {@code (B, T)}, bool or floating
   * @param gamma the discount γ in [0, 1] (RLHF uses 1)
   * @param lambda the GAE λ in [0, 1] (TRL 0.95)
   */
  public static Gae estimate(Tensor rewards, Tensor values, Tensor mask, double gamma, double lambda) {
    String op = "Gae.estimate";
    Checks.floating(op, "rewards", rewards, 2, "(B, T)");
    Checks.same(op, "rewards", rewards, "values", values);
    Checks.unitInterval(op, "gamma", gamma);
    Checks.unitInterval(op, "lambda", lambda);
    Tensor w = Checks.weights(op, mask, rewards);
    Tensor pad = Checks.padding(w);
    int t = rewards.size(1);
    if (t == 0) return new Gae(Tensor.zerosLike(rewards), Tensor.zerosLike(rewards));

    Tensor r = rewards.detach().maskedFill(pad, 0.0);
    Tensor v = values.detach().maskedFill(pad, 0.0);
    Tensor nextV = v.pad(new int[] {-1, 1}, 0.0); // V_{t+1}, with V_T = 0
    Tensor delta = r.add(nextV.mul(gamma)).sub(v);

    double gammaLambda = gamma * lambda;
    Tensor[] columns = new Tensor[t];
    columns[t - 1] = delta.select(1, t - 1);
    for (int i = t - 2; i >= 0; i--) columns[i] = delta.select(1, i).add(columns[i + 1].mul(gammaLambda));
    Tensor advantages = Tensor.stack(Arrays.asList(columns), 1).maskedFill(pad, 0.0);
    return new Gae(advantages, advantages.add(v).maskedFill(pad, 0.0));
  }
}
