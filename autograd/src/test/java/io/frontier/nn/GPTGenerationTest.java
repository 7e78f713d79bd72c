package io.frontier.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Key/value-cached generation against full recomputation, sampling options, heads and init. */
class GPTGenerationTest {
  static final int LAYERS = 3;

  /** float64 with weights scaled up so that logits are far from ties and vary along the sequence. */
  static GPT model(boolean tied, boolean valueHead) {
    GPT m = new GPT(new GPTConfig(11, 16, 24, 3, LAYERS, 0.1, tied, valueHead), new Generator(42), DType.FLOAT64);
    m.eval();
    try (var s = io.frontier.tensor.Grad.noGrad()) {
      for (Tensor p : m.parameters()) if (p.dim() == 2) p.mul_(10);
    }
    return m;
  }

  static Tensor prompt() {
    return Tensor.of(new long[] {1, 5, 2, 7, 3, 9, 0, 4}).reshape(2, 4);
  }

  @Test
  void cachedGreedyGenerationGivesTheTokensOfFullRecomputationInLinearWork() {
    GPT m = model(true, false);
    int p = 4;
    int n = 12; // fills the 16-position context exactly
    long before = m.blockPositions();
    GPT.Generation cached = m.generate(prompt(), n, Sampling.GREEDY, new Generator(1), true);
    long cachedPositions = m.blockPositions() - before;
    long cachedCalls = m.blockCalls();
    GPT.Generation full = m.generate(prompt(), n, Sampling.GREEDY, new Generator(1), false);
    long fullPositions = m.blockPositions() - before - cachedPositions;

    assertArrayEquals(full.tokens().toLongArray(), cached.tokens().toLongArray());
    assertArrayEquals(new int[] {2, p + n}, cached.tokens().shape());
    assertTrue(cached.logProbs().allclose(full.logProbs(), 1e-9, 1e-9));
    // The prompt once, then one new position per step, in every block: O(T) ...
    assertEquals((long) LAYERS * (p + n - 1), cachedPositions);
    assertEquals((long) LAYERS * n, cachedCalls);
    // ... against the sum of all prefix lengths without the cache: O(T^2).
    long sum = 0;
    for (int s = 0; s < n; s++) sum += p + s;
    assertEquals(LAYERS * sum, fullPositions);
    // Not a degenerate rollout: the generated tokens vary.
    assertTrue(java.util.Arrays.stream(cached.tokens().narrow(1, p, n).toLongArray()).distinct().count() > 1);
  }

  @Test
  void pastTheContextBothPathsSlideTheWindowAndAgree() {
    GPT m = model(false, false);
    GPT.Generation cached = m.generate(prompt(), 20, Sampling.GREEDY, new Generator(1), true);
    GPT.Generation full = m.generate(prompt(), 20, Sampling.GREEDY, new Generator(1), false);
    assertArrayEquals(full.tokens().toLongArray(), cached.tokens().toLongArray());
    assertEquals(24, cached.tokens().size(1));
  }

  @Test
  void aCachedForwardInPiecesGivesTheFullForwardsLogits() {
    GPT m = model(true, true);
    Tensor tokens = Tensor.of(new long[] {1, 5, 2, 7, 3, 9, 0, 4, 8, 8, 6, 10, 2, 1}).reshape(2, 7);
    GPT.Output whole = Module.noGrad(() -> m.run(tokens, null));
    KVCache cache = new KVCache(LAYERS);
    GPT.Output a = Module.noGrad(() -> m.run(tokens.narrow(1, 0, 3), cache));
    GPT.Output b = Module.noGrad(() -> m.run(tokens.narrow(1, 3, 1), cache));
    GPT.Output c = Module.noGrad(() -> m.run(tokens.narrow(1, 4, 3), cache));
    assertEquals(7, cache.length());
    Tensor logits = Tensor.cat(java.util.List.of(a.logits(), b.logits(), c.logits()), 1);
    Tensor values = Tensor.cat(java.util.List.of(a.values(), b.values(), c.values()), 1);
    assertTrue(logits.allclose(whole.logits(), 1e-10, 1e-10));
    assertTrue(values.allclose(whole.values(), 1e-10, 1e-10));
    assertArrayEquals(new int[] {2, 7}, whole.values().shape());
    assertThrows(IllegalArgumentException.class, () -> m.run(Tensor.zeros(DType.INT64, 2, 10), cache)); // 17 > 16 positions
  }

  @Test
  void sampledLogProbsAreTheModelsOwnAsAForwardPassRecomputesThem() {
    GPT m = model(true, false);
    Sampling s = Sampling.sample(0.8).withTopK(5).withTopP(0.9);
    GPT.Generation gen = m.generate(prompt(), 10, s, new Generator(7));
    Tensor logits = Module.noGrad(() -> m.forward(gen.tokens()));
    // Position t's logits predict token t + 1.
    Tensor predicted = logits.narrow(1, 3, 10).logSoftmax(-1).gather(2, gen.tokens().narrow(1, 4, 10).unsqueeze(2)).squeeze(2);
    assertTrue(predicted.allclose(gen.logProbs(), 1e-9, 1e-9));
    // Seeded: the same generator seed gives the same rollout, another seed (almost surely) another.
    assertTrue(gen.tokens().equal(m.generate(prompt(), 10, s, new Generator(7)).tokens()));
    assertFalse(gen.tokens().equal(m.generate(prompt(), 10, Sampling.sample(2.0), new Generator(8)).tokens()));
  }

  @Test
  void topKAndTopPKeepTheMostLikelyTokens() {
    Tensor logits = Tensor.of(new double[][] {{0.0, 3.0, 1.0, 2.0, -1.0}, {5.0, 0.0, 0.0, 0.0, 0.0}});
    Tensor k2 = Sampling.sample(1).withTopK(2).filter(logits);
    assertArrayEquals(new boolean[] {false, true, false, true, false, true, true, true, true, true},
        k2.isfinite().reshape(-1).toBooleanArray() /* row 2 ties at the 2nd value: all kept */);
    // Row 1's probabilities are about 0.64, 0.24, 0.09, ...: top-p 0.8 keeps the first two.
    Tensor p8 = Sampling.sample(1).withTopP(0.8).filter(logits);
    assertArrayEquals(new boolean[] {false, true, false, true, false, true, false, false, false, false}, p8.isfinite().reshape(-1).toBooleanArray());
    // A tiny top-p or top-k 1 is greedy.
    GPT m = model(true, false);
    Tensor greedy = m.generate(prompt(), 6, Sampling.GREEDY, new Generator(3)).tokens();
    assertTrue(greedy.equal(m.generate(prompt(), 6, Sampling.sample(1.5).withTopK(1), new Generator(3)).tokens()));
    assertTrue(greedy.equal(m.generate(prompt(), 6, Sampling.sample(1.5).withTopP(1e-6), new Generator(4)).tokens()));
  }

  @Test
  void headsNamesAndInitialisation() {
    GPT tied = new GPT(new GPTConfig(50, 16, 64, 4, 4, 0.0, true, true), new Generator(1));
    assertFalse(tied.namedParameters().containsKey("lmHead.weight"));
    assertTrue(tied.namedParameters().containsKey("valueHead.weight"));
    assertTrue(tied.namedParameters().containsKey("blocks.3.attn.qkv.weight"));
    assertTrue(tied.namedParameters().containsKey("blocks.0.mlp.2.weight"));
    GPT untied = new GPT(new GPTConfig(50, 16, 64, 4, 4, 0.0, false, false), new Generator(1));
    assertEquals(tied.numParameters() - 64 - 1 + 50 * 64, untied.numParameters());
    double residual = 0.02 / Math.sqrt(2 * 4);
    assertEquals(residual, tied.stateDict().get("blocks.2.attn.proj.weight").std().item(), 0.1 * residual);
    assertEquals(residual, tied.stateDict().get("blocks.2.mlp.2.weight").std().item(), 0.1 * residual);
    assertEquals(0.02, tied.stateDict().get("blocks.2.mlp.0.weight").std().item(), 0.002);
    assertEquals(0.02, tied.stateDict().get("wte.weight").std().item(), 0.002);
    assertEquals(0.0, tied.stateDict().get("blocks.1.attn.qkv.bias").abs().max().item());
  }

  @Test
  void dropoutActsOnlyInTraining() {
    GPT m = new GPT(new GPTConfig(11, 16, 24, 3, 2, 0.2, true, false), new Generator(5));
    Tensor tokens = prompt();
    Tensor a = Module.noGrad(() -> m.forward(tokens));
    Tensor b = Module.noGrad(() -> m.forward(tokens));
    assertFalse(a.equal(b));
    m.eval();
    assertTrue(Module.noGrad(() -> m.forward(tokens)).equal(Module.noGrad(() -> m.forward(tokens))));
  }
}
