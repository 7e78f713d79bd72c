package io.frontier.rl.reward;

import io.frontier.nn.GPT;
import io.frontier.rl.online.RewardFunction;
import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.List;

/**
 * A reward model made of a GPT with a value head: the score of a response is the head's output at
 * the response's last real token (as TRL's reward models read the score at the last non-padding
 * position), after the model has read the prompt and the whole response. Trained with
 * {@link BradleyTerryLoss} on preference pairs; used as the {@link RewardFunction} of the online
 * trainers. Differentiable when gradients are recorded (training), plain inference inside the
 * trainers' no-grad scoring.
 */
public final class GptRewardModel implements RewardFunction {
  private final GPT model;

  public GptRewardModel(GPT model) {
    if (model == null) throw new IllegalArgumentException("GptRewardModel: model is null");
    if (!model.config().valueHead()) throw new IllegalArgumentException("GptRewardModel: the GPT needs a value head (GPTConfig.valueHead)");
    this.model = model;
  }

  public GPT model() {
    return model;
  }

  /**
   * The score of each response {@code (B)}: the value at position {@code P + n - 1}, n the number
   * of real response tokens (the mask's row sum; the mask runs from the response's start).
   */
  @Override
  public Tensor score(Tensor prompts, Tensor responses, Tensor mask) {
    if (prompts.dim() != 2 || responses.dim() != 2 || prompts.size(0) != responses.size(0)) {
      throw new IllegalArgumentException("GptRewardModel: prompts (B, P) and responses (B, N) must share B, got "
          + java.util.Arrays.toString(prompts.shape()) + " and " + java.util.Arrays.toString(responses.shape()));
    }
    Tensor tokens = Tensor.cat(List.of(prompts, responses), 1);
    Tensor values = model.run(tokens, null).values(); // (B, P + N)
    Tensor lengths = mask.to(DType.INT64).sum(1); // real response tokens
    if (lengths.min().item() < 1) throw new IllegalArgumentException("GptRewardModel: a response has no real token to score");
    Tensor last = lengths.add(prompts.size(1) - 1L).unsqueeze(1);
    return values.gather(1, last).squeeze(1);
  }
}
