package io.frontier.rl.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.autograd.GoldenAutogradTest;
import io.frontier.autograd.GoldenAutogradTest.Env;
import io.frontier.rl.preference.DpoConfig.WeightedLoss;
import io.frontier.tensor.Tensor;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every preference loss type, the f-divergences, label smoothing, loss combinations, MODPO, SimPO,
 * ORPO and {@link SequenceLogProbs} against PyTorch 1.13 in float64 (TRL's formulas written in torch):
 * the loss and its gradient in the policy's log-probabilities, with contiguous and strided
 * leaves, from {@code golden/autograd_preference.json} ({@code rl/src/test/python/make_preference_fixtures.py}).
 */
class PreferenceGoldenTest {
  private static final Map<String, Function<Env, Tensor>> EXPRESSIONS = new LinkedHashMap<>();

  private static void expr(String name, DpoConfig config) {
    put(name, e -> new DpoLoss(config).compute(batch(e, e.v("pr"))).loss());
  }

  private static void put(String name, Function<Env, Tensor> f) {
    if (EXPRESSIONS.put(name, f) != null) throw new IllegalStateException("duplicate " + name);
  }

  private static PreferenceBatch batch(Env e, Tensor policyRejected) {
    return new PreferenceBatch(e.v("pc"), policyRejected, e.i("rc"), e.i("rr"), e.i("lc"), e.i("lr"));
  }

  private static SequenceLogProbs.Pair sequences(Env e) {
    return new SequenceLogProbs.Pair(new SequenceLogProbs(e.v("pc"), e.i("lc")), new SequenceLogProbs(e.v("pr"), e.i("lr")));
  }

  private static DpoConfig only(PreferenceLossType type) {
    return DpoConfig.defaults().withLoss(type);
  }

  static {
    for (PreferenceLossType t : PreferenceLossType.values()) {
      if (t == PreferenceLossType.EXO_PAIR || t == PreferenceLossType.ROBUST || t == PreferenceLossType.SFT) continue;
      expr(t.trlName(), only(t));
    }
    // SFT reads only the chosen completions; the fixture holds the rejected ones as constants.
    put("sft", e -> new DpoLoss(only(PreferenceLossType.SFT)).compute(batch(e, e.i("pr"))).loss());
    expr("sigmoid beta 0.5", DpoConfig.defaults().withBeta(0.5));
    expr("hinge beta 0.3 spread 10", only(PreferenceLossType.HINGE).withBeta(0.3));
    expr("exo_pair eps 1e-3", only(PreferenceLossType.EXO_PAIR).withLabelSmoothing(1e-3));
    expr("exo_pair eps 0.2 beta 0.5", only(PreferenceLossType.EXO_PAIR).withLabelSmoothing(0.2).withBeta(0.5));
    expr("robust eps 0.1", only(PreferenceLossType.ROBUST).withLabelSmoothing(0.1));
    expr("robust eps 0", only(PreferenceLossType.ROBUST));
    expr("aot eps 0.2", only(PreferenceLossType.AOT).withLabelSmoothing(0.2));
    expr("aot_unpaired eps 0.3 beta 0.4", only(PreferenceLossType.AOT_UNPAIRED).withLabelSmoothing(0.3).withBeta(0.4));
    expr("discopop tau 0.5 beta 0.3", only(PreferenceLossType.DISCOPOP).withDiscopopTau(0.5).withBeta(0.3));
    expr("ipo beta 0.5", only(PreferenceLossType.IPO).withBeta(0.5));
    expr("sigmoid forward_kl", DpoConfig.defaults().withFDivergence(FDivergence.FORWARD_KL, 1.0));
    expr("sigmoid js_divergence", DpoConfig.defaults().withFDivergence(FDivergence.JS_DIVERGENCE, 1.0));
    expr("sigmoid alpha_divergence 0.5", DpoConfig.defaults().withFDivergence(FDivergence.ALPHA_DIVERGENCE, 0.5));
    expr("ipo alpha_divergence 1.5", only(PreferenceLossType.IPO).withFDivergence(FDivergence.ALPHA_DIVERGENCE, 1.5));
    expr("rpo sigmoid 1 + sft 0.2", DpoConfig.defaults().withLosses(
        List.of(new WeightedLoss(PreferenceLossType.SIGMOID, 1.0), new WeightedLoss(PreferenceLossType.SFT, 0.2))));
    expr("mpo sigmoid 0.8 + bco_pair 0.2 + sft 1", DpoConfig.defaults().withLosses(List.of(
        new WeightedLoss(PreferenceLossType.SIGMOID, 0.8), new WeightedLoss(PreferenceLossType.BCO_PAIR, 0.2),
        new WeightedLoss(PreferenceLossType.SFT, 1.0))));
    put("modpo sigmoid w (0.6, 0.4)", e -> new ModpoLoss(0.1, new double[] {0.6, 0.4}, false)
        .compute(PreferenceBatch.of(e.v("pc"), e.v("pr"), e.i("rc"), e.i("rr")), e.i("mc"), e.i("mr")).loss());
    put("modpo hinge w (0.5, 0.3, 0.2)", e -> new ModpoLoss(0.1, new double[] {0.5, 0.3, 0.2}, true)
        .compute(PreferenceBatch.of(e.v("pc"), e.v("pr"), e.i("rc"), e.i("rr")), e.i("mc"), e.i("mr")).loss());
    put("simpo beta 2 gamma 1", e -> new SimpoLoss(2.0, 1.0, 0.0).compute(sequences(e)).loss());
    put("simpo beta 2.5 gamma 0.5 eps 0.1", e -> new SimpoLoss(2.5, 0.5, 0.1).compute(sequences(e)).loss());
    put("orpo lambda 0.25", e -> new OrpoLoss(0.25).compute(sequences(e)).loss());
    put("sequence log-probs aligned", e -> SequenceLogProbs.ofAligned(e.v("logits"), e.i("ids"), e.i("mask")).logProbs());
    put("sequence log-probs causal", e -> SequenceLogProbs.ofCausal(e.v("logits"), e.i("ids"), e.i("mask")).logProbs());
  }

  @TestFactory
  Stream<DynamicTest> preferenceLossesMatchTorch() {
    return GoldenAutogradTest.replay("preference", EXPRESSIONS);
  }

  @Test
  void everyExpressionHasAFixtureCaseAndViceVersa() {
    assertEquals(EXPRESSIONS.keySet(), GoldenAutogradTest.caseNames("preference"));
  }

  @Test
  void everyLossTypeHasAGoldenCase() {
    Set<String> fixture = new HashSet<>();
    for (Map<String, Object> c : GoldenAutogradTest.load("preference")) fixture.add(((String) c.get("name")).split(" ")[0]);
    for (PreferenceLossType t : PreferenceLossType.values()) {
      assertEquals(true, fixture.contains(t.trlName()), () -> t.trlName() + " has no golden case");
    }
  }
}
