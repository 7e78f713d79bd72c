package io.frontier.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A character-level GPT trained with AdamW on a few hundred characters of public-domain English
 * (src/test/resources/data/alice.txt) drives its mean cross-entropy on the text to well under the
 * text's unigram entropy (what the best model that ignores context achieves: the test asks for
 * under half of it) in 200 steps of batch 16 (about 12 s on one CPU core; the step count, not the
 * wall clock, is the budget, so that a loaded machine cannot make the test flaky).
 */
class GPTLearningTest {

  @Test
  void aCharacterLevelGptLearnsTheText() throws Exception {
    String text;
    try (InputStream in = getClass().getResourceAsStream("/data/alice.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Character> chars = new ArrayList<>();
    for (char c : new TreeSet<>(text.chars().mapToObj(c -> (char) c).toList())) chars.add(c);
    long[] ids = new long[text.length()];
    double[] counts = new double[chars.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = chars.indexOf(text.charAt(i));
      counts[(int) ids[i]]++;
    }
    double unigram = 0; // nats
    for (double c : counts) unigram -= c / ids.length * Math.log(c / ids.length);

    int context = 32;
    int batch = 16;
    GPTConfig cfg = new GPTConfig(chars.size(), context, 32, 4, 2, 0.0, true, false);
    Generator g = new Generator(2024);
    GPT model = new GPT(cfg, g);
    List<Tensor> params = model.parameters();
    List<Tensor> m = new ArrayList<>();
    List<Tensor> v = new ArrayList<>();
    for (Tensor p : params) {
      m.add(Tensor.zerosLike(p));
      v.add(Tensor.zerosLike(p));
    }
    Tensor data = Tensor.of(ids);
    // Every window of context + 1 characters: inputs and next-character targets.
    int windows = ids.length - context;
    Tensor starts = Tensor.arange(windows).unsqueeze(1).add(Tensor.arange(context + 1).unsqueeze(0)); // (W, C + 1)
    Tensor all = data.indexSelect(0, starts.reshape(-1)).reshape(windows, context + 1);
    Tensor allX = all.narrow(1, 0, context);
    Tensor allY = all.narrow(1, 1, context);

    long t0 = System.nanoTime();
    int steps = 200;
    for (int step = 1; step <= steps; step++) {
      Tensor idx = Tensor.randint(g, 0, windows, batch);
      Tensor loss = GPT.loss(model.forward(allX.indexSelect(0, idx)), allY.indexSelect(0, idx));
      model.zeroGrad();
      loss.backward();
      try (Grad.Scope s = Grad.noGrad()) {
        for (int i = 0; i < params.size(); i++) {
          Fused.adamwStep_(params.get(i), params.get(i).grad(), m.get(i), v.get(i), 5e-3, 0.9, 0.99, 1e-8, 0.0, step);
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    model.eval();
    double loss = Module.noGrad(() -> GPT.loss(model.forward(allX), allY).item());
    System.out.printf("GPTLearningTest: %d steps in %.1f s, loss %.3f nats vs unigram entropy %.3f nats%n", steps, seconds, loss, unigram);
    assertTrue(loss < 0.5 * unigram, "loss " + loss + " is not well below the unigram entropy " + unigram);
  }
}
