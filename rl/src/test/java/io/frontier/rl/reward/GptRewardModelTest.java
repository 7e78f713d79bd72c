package io.frontier.rl.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GptRewardModelTest {
  private static GPT gpt(boolean valueHead) {
    return new GPT(new GPTConfig(6, 8, 16, 2, 1, 0.0, true, valueHead), new Generator(3));
  }

  @Test
  void scoresAreTheValueHeadAtEachResponsesLastRealToken() {
    GPT model = gpt(true);
    Tensor prompts = Tensor.fromArray(new long[] {5, 1, 5, 2}, 2, 2);
    Tensor responses = Tensor.fromArray(new long[] {3, 0, 4, 4, 1, 2, 2, 0}, 2, 4);
    Tensor mask = Tensor.fromArray(new float[] {1, 1, 0, 0, 1, 1, 1, 1}, 2, 4); // row 0 ends after 2 tokens
    Tensor scores = new GptRewardModel(model).score(prompts, responses, mask);
    // the values over the whole sequence, read by hand: row 0 at position 2 + 2 - 1, row 1 at 2 + 4 - 1
    float[] values = model.run(Tensor.cat(java.util.List.of(prompts, responses), 1), null).values().toFloatArray();
    assertArrayEquals(new float[] {values[3], values[6 + 5]}, scores.toFloatArray(), 1e-6f);
    // what follows the last real token cannot change the score (causal attention)
    Tensor other = Tensor.fromArray(new long[] {3, 0, 1, 1, 1, 2, 2, 0}, 2, 4);
    assertArrayEquals(scores.toFloatArray(), new GptRewardModel(model).score(prompts, other, mask).toFloatArray(), 1e-6f);
  }

  @Test
  void trainingOnPairsSendsGradientsIntoTheModel() {
    GPT model = gpt(true);
    GptRewardModel rm = new GptRewardModel(model);
    Tensor prompts = Tensor.full(new int[] {2, 1}, 5, DType.INT64);
    Tensor mask = Tensor.ones(DType.FLOAT32, 2, 3);
    Tensor chosen = rm.score(prompts, Tensor.fromArray(new long[] {2, 2, 2, 2, 0, 2}, 2, 3), mask);
    Tensor rejected = rm.score(prompts, Tensor.fromArray(new long[] {0, 1, 3, 4, 4, 1}, 2, 3), mask);
    new BradleyTerryLoss(0.0).loss(chosen, rejected, null).backward();
    assertTrue(model.valueHead.weight.get().grad() != null && model.wte.weight.get().grad() != null);
  }

  @Test
  void aGptWithoutAValueHeadIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GptRewardModel(gpt(false)));
    assertTrue(e.getMessage().contains("needs a value head"), e.getMessage());
  }
}
