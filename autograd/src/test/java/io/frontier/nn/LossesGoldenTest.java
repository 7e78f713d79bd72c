package io.frontier.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.autograd.GoldenAutogradTest;
import io.frontier.autograd.GoldenAutogradTest.Env;
import io.frontier.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every loss of {@link Losses} against PyTorch 1.13 in float64: value and input gradients, with
 * contiguous and with strided leaves, from {@code golden/autograd_losses.json}
 * ({@code autograd/src/test/python/make_loss_fixtures.py}), compared as in {@link GoldenAutogradTest}.
 */
class LossesGoldenTest {
  static final Map<String, Function<Env, Tensor>> EXPRESSIONS = new LinkedHashMap<>();

  private static void expr(String name, Function<Env, Tensor> f) {
    if (EXPRESSIONS.put(name, f) != null) throw new IllegalStateException("duplicate " + name);
  }

  static {
    Reduction mean = Reduction.MEAN;
    Reduction sum = Reduction.SUM;
    Reduction none = Reduction.NONE;
    expr("mse mean", e -> Losses.mse(e.v("x"), e.v("y")));
    expr("mse sum", e -> Losses.mse(e.v("x"), e.v("y"), sum, null));
    expr("mse none with a float mask", e -> Losses.mse(e.v("x"), e.v("y"), none, e.i("m")));
    expr("mse mean with a bool row mask (3,1)", e -> Losses.mse(e.v("x"), e.v("y"), mean, e.i("m")));
    expr("huber delta 1 mean", e -> Losses.huber(e.v("x"), e.v("y")));
    expr("huber delta 0.5 sum with a float mask", e -> Losses.huber(e.v("x"), e.v("y"), 0.5, sum, e.i("m")));
    expr("huber delta 2 none", e -> Losses.huber(e.v("x"), e.v("y"), 2.0, none, null));

    expr("crossEntropy (N,C) mean", e -> Losses.crossEntropy(e.v("x"), e.i("target")));
    expr("crossEntropy (B,T,C) ignoreIndex and labelSmoothing 0.1 mean",
        e -> Losses.crossEntropy(e.v("x"), e.i("target"), -100, 0.1, mean, null));
    expr("crossEntropy (B,T,C) ignoreIndex and labelSmoothing 0.2 sum",
        e -> Losses.crossEntropy(e.v("x"), e.i("target"), -100, 0.2, sum, null));
    expr("crossEntropy (N,C) ignoreIndex 2 none", e -> Losses.crossEntropy(e.v("x"), e.i("target"), 2, 0.0, none, null));
    expr("crossEntropy (B,T,C) with a token mask and ignoreIndex mean",
        e -> Losses.crossEntropy(e.v("x"), e.i("target"), -100, 0.1, mean, e.i("m")));
    expr("nll (N,C) ignoreIndex mean", e -> Losses.nll(e.v("x").logSoftmax(1), e.i("target")));
    expr("nll (B,T,C) of raw log-probs sum", e -> Losses.nll(e.v("lp"), e.i("target"), -100, sum, null));
    expr("nll (N,C) with a float mask mean", e -> Losses.nll(e.v("lp"), e.i("target"), -100, mean, e.i("m")));

    expr("binaryCrossEntropyWithLogits mean with extreme logits and soft targets",
        e -> Losses.binaryCrossEntropyWithLogits(e.v("x"), e.v("y")));
    expr("binaryCrossEntropyWithLogits posWeight (C,) sum",
        e -> Losses.binaryCrossEntropyWithLogits(e.v("x"), e.v("y"), e.i("pw"), sum, null));
    expr("binaryCrossEntropyWithLogits none with a bool mask",
        e -> Losses.binaryCrossEntropyWithLogits(e.v("x"), e.v("y"), null, none, e.i("m")));
    expr("klDiv batchmean with zero target probabilities", e -> Losses.klDiv(e.v("lp"), e.i("p"), Reduction.BATCHMEAN));
    expr("klDiv sum with probability targets", e -> Losses.klDiv(e.v("lp"), e.v("p"), sum));
    expr("klDiv mean logTarget", e -> Losses.klDiv(e.v("lp"), e.v("lq"), mean, true, null));
    expr("klDiv none logTarget with a float mask", e -> Losses.klDiv(e.v("lp"), e.v("lq"), none, true, e.i("m")));

    expr("tokenLogProbs (B,T,V)", e -> Losses.tokenLogProbs(e.v("x"), e.i("labels")));
    expr("tokenLogProbs (B,T,V) with ignoreIndex", e -> Losses.tokenLogProbs(e.v("x"), e.i("labels"), -100));
  }

  @TestFactory
  Stream<DynamicTest> lossesMatchTorch() {
    return GoldenAutogradTest.replay("losses", EXPRESSIONS);
  }

  @Test
  void everyExpressionHasAFixtureCaseAndViceVersa() {
    assertEquals(EXPRESSIONS.keySet(), GoldenAutogradTest.caseNames("losses"));
  }
}
