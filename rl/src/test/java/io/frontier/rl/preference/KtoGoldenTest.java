package io.frontier.rl.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.autograd.GoldenAutogradTest;
import io.frontier.autograd.GoldenAutogradTest.Env;
import io.frontier.rl.preference.KtoConfig.LossType;
import io.frontier.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link KtoLoss} against TRL's {@code KTOTrainer.kto_loss} written in PyTorch 1.13, float64: the
 * loss and its gradient in the policy's log-probabilities, with contiguous and strided leaves, for
 * both loss types, several betas and weights, unequal counts and an empty side, from
 * {@code golden/autograd_kto.json} ({@code rl/src/test/python/make_kto_fixtures.py}).
 */
class KtoGoldenTest {
  private static final Map<String, Function<Env, Tensor>> EXPRESSIONS = new LinkedHashMap<>();

  private static void put(String name, KtoConfig config) {
    if (EXPRESSIONS.put(name, e -> loss(config, e)) != null) throw new IllegalStateException("duplicate " + name);
  }

  private static Tensor loss(KtoConfig config, Env e) {
    KtoBatch batch = new KtoBatch(leafOrConstant(e, "pc"), leafOrConstant(e, "pr"), e.i("rc"), e.i("rr"));
    KtoLoss kto = new KtoLoss(config);
    if (config.lossType() == LossType.KTO) return kto.compute(batch, KtoLoss.klEstimate(e.i("pk"), e.i("rk"))).loss();
    return kto.compute(batch).loss();
  }

  /** An empty side is a constant of shape (0) in the fixture, not a leaf. */
  private static Tensor leafOrConstant(Env e, String name) {
    return e.v().containsKey(name) ? e.v(name) : e.i(name);
  }

  static {
    KtoConfig kto = KtoConfig.defaults();
    KtoConfig apo = kto.withLossType(LossType.APO_ZERO_UNPAIRED);
    put("kto", kto);
    put("kto with the kl estimate clamped at 0", kto);
    put("kto beta 0.5 weights (1, 1.33), 2 chosen and 6 rejected", kto.withBeta(0.5).withWeights(1.0, 1.33));
    put("kto beta 0.2 desirable weight 0.8, no rejected", kto.withBeta(0.2).withWeights(0.8, 1.0));
    put("kto beta 0.3, no chosen", kto.withBeta(0.3));
    put("kto beta 0.5 spread 10", kto.withBeta(0.5));
    put("apo_zero_unpaired", apo);
    put("apo_zero_unpaired beta 0.3 weights (2, 0.5), 4 chosen and 2 rejected", apo.withBeta(0.3).withWeights(2.0, 0.5));
  }

  @TestFactory
  Stream<DynamicTest> ktoLossesMatchTorch() {
    return GoldenAutogradTest.replay("kto", EXPRESSIONS);
  }

  @Test
  void everyExpressionHasAFixtureCaseAndViceVersa() {
    assertEquals(EXPRESSIONS.keySet(), GoldenAutogradTest.caseNames("kto"));
  }
}
