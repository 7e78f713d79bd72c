package io.frontier.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad inputs name the problem; float32 agrees with float64; tokenLogProbs is -crossEntropy per token. */
class LossesTest {
  final Generator g = new Generator(3);
  final Tensor x = Tensor.randn(g, DType.FLOAT64, 2, 3, 5);
  final Tensor labels = Tensor.fromArray(new long[] {0, 4, 2, 1, 3, 3}, 2, 3);

  static void throwsNaming(Class<? extends Throwable> type, Executable body, String... words) {
    String message = assertThrows(type, body).getMessage();
    for (String w : words) assertTrue(message.contains(w), () -> "'" + message + "' does not mention '" + w + "'");
  }

  @Test
  void elementwiseLossesCheckShapeDtypeAndMask() {
    Tensor a = Tensor.randn(g, DType.FLOAT64, 3, 4);
    throwsNaming(IllegalArgumentException.class, () -> Losses.mse(a, Tensor.zeros(DType.FLOAT64, 4)), "mse", "target", "[4]", "[3, 4]");
    throwsNaming(IllegalArgumentException.class, () -> Losses.huber(a, a.to(DType.FLOAT32)), "huber", "float32");
    throwsNaming(IllegalArgumentException.class, () -> Losses.huber(a, a, 0.0, Reduction.MEAN, null), "delta");
    throwsNaming(IllegalArgumentException.class, () -> Losses.mse(a.to(DType.INT64), a.to(DType.INT64)), "mse", "floating", "int64");
    throwsNaming(IllegalArgumentException.class, () -> Losses.mse(a, a, Reduction.MEAN, Tensor.ones(DType.FLOAT64, 4, 1)), "mask", "[4, 1]",
        "broadcast");
    throwsNaming(IllegalArgumentException.class, () -> Losses.mse(a, a, Reduction.MEAN, Tensor.zeros(DType.INT64, 3, 4)), "mask", "int64");
    throwsNaming(IllegalArgumentException.class, () -> Losses.mse(a, a, Reduction.BATCHMEAN, null), "BATCHMEAN", "klDiv");
    throwsNaming(IllegalArgumentException.class, () -> Losses.mse(a, a, null, null), "reduction");
    throwsNaming(IllegalArgumentException.class, () -> Losses.binaryCrossEntropyWithLogits(a, a, Tensor.ones(DType.FLOAT64, 3),
        Reduction.MEAN, null), "posWeight", "[3]");
    throwsNaming(IllegalArgumentException.class, () -> Losses.klDiv(a, a.reshape(4, 3), Reduction.SUM), "klDiv", "[4, 3]");
    throwsNaming(IllegalArgumentException.class, () -> Losses.klDiv(Tensor.scalar(0.5), Tensor.scalar(0.5), Reduction.BATCHMEAN), "batch");
  }

  @Test
  void classLossesCheckTargets() {
    throwsNaming(IllegalArgumentException.class, () -> Losses.crossEntropy(x, labels.to(DType.FLOAT64)), "crossEntropy", "int64", "float64");
    throwsNaming(IllegalArgumentException.class, () -> Losses.crossEntropy(x, labels.reshape(6)), "targets", "[6]", "[2, 3]", "last dim");
    throwsNaming(IllegalArgumentException.class, () -> Losses.crossEntropy(x, labels, -100, 1.5, Reduction.MEAN, null), "labelSmoothing");
    throwsNaming(IllegalArgumentException.class, () -> Losses.nll(x, labels.reshape(3, 2)), "nll", "[3, 2]");
    throwsNaming(IllegalArgumentException.class, () -> Losses.tokenLogProbs(x.to(DType.INT64), labels), "tokenLogProbs", "floating");
    throwsNaming(IllegalArgumentException.class, () -> Losses.crossEntropy(x, labels, -100, 0, Reduction.MEAN, Tensor.ones(DType.FLOAT64, 3, 2)),
        "mask", "[3, 2]");
    Tensor bad = Tensor.fromArray(new long[] {0, 5, 2, 1, 3, 3}, 2, 3);
    throwsNaming(IndexOutOfBoundsException.class, () -> Losses.nll(x, bad), "nll", "target 5", "[0, 5)");
    assertThrows(IndexOutOfBoundsException.class, () -> Losses.crossEntropy(x, bad));
    assertThrows(IndexOutOfBoundsException.class, () -> Losses.tokenLogProbs(x, bad));
  }

  @Test
  void tokenLogProbsIsLogSoftmaxGatheredAndItsGradientIsOneHotMinusSoftmax() {
    Tensor leaf = x.clone().requiresGrad_(true);
    Tensor lp = Losses.tokenLogProbs(leaf, labels);
    assertArrayEquals(new int[] {2, 3}, lp.shape());
    Tensor expected = x.logSoftmax(2).gather(2, labels.unsqueeze(2)).squeeze(2);
    assertArrayEquals(expected.toDoubleArray(), lp.toDoubleArray(), 1e-12);
    lp.sum().backward();
    Tensor oneHot = Tensor.zeros(DType.FLOAT64, 2, 3, 5).scatterAdd(2, labels.unsqueeze(2), Tensor.ones(DType.FLOAT64, 2, 3, 1));
    assertArrayEquals(oneHot.sub(x.softmax(2)).toDoubleArray(), leaf.grad().toDoubleArray(), 1e-12);
  }

  @Test
  void float32AgreesWithFloat64() {
    Tensor x32 = x.to(DType.FLOAT32);
    Tensor m = Tensor.fromArray(new boolean[] {true, false, true, true, true, false}, 2, 3);
    double ce64 = Losses.crossEntropy(x, labels, 4, 0.1, Reduction.MEAN, m).item();
    double ce32 = Losses.crossEntropy(x32, labels, 4, 0.1, Reduction.MEAN, m).item();
    assertEquals(ce64, ce32, 1e-5 * Math.abs(ce64));
    Tensor y = Tensor.rand(g, DType.FLOAT64, 2, 3, 5);
    double b64 = Losses.binaryCrossEntropyWithLogits(x, y).item();
    assertEquals(b64, Losses.binaryCrossEntropyWithLogits(x32, y.to(DType.FLOAT32)).item(), 1e-5 * Math.abs(b64));
    assertEquals(DType.FLOAT32, Losses.tokenLogProbs(x32, labels).dtype());
  }

  @Test
  void meanOverAllIgnoredIsNanAsInTorchAndEmptyMaskIsNan() {
    Tensor all = Tensor.full(new int[] {2, 3}, -100, DType.INT64);
    assertTrue(Double.isNaN(Losses.crossEntropy(x, all).item()));
    assertEquals(0.0, Losses.crossEntropy(x, all, -100, 0, Reduction.SUM, null).item());
  }
}
