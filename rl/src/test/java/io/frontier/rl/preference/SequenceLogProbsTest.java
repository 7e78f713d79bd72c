package io.frontier.rl.preference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SequenceLogProbsTest {

  /** A float64 log-softmax of one row, the naive way. */
  private static double logProb(double[] logits, int offset, int v, long label) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < v; k++) max = Math.max(max, logits[offset + k]);
    double sum = 0;
    for (int k = 0; k < v; k++) sum += Math.exp(logits[offset + k] - max);
    return logits[offset + (int) label] - max - Math.log(sum);
  }

  @Test
  void sumsTheCompletionTokensOnlyWhateverTheLabelsOutsideTheMask() {
    int b = 2, t = 5, v = 7;
    Tensor logits = Tensor.randn(new Generator(3), b, t, v).to(DType.FLOAT64);
    // padding positions carry TRL's -100, which must neither be read nor throw
    Tensor labels = Tensor.fromArray(new long[] {-100, 3, 6, 0, -100, -100, -100, 2, 2, 5}, b, t);
    Tensor mask = Tensor.fromArray(new boolean[] {false, true, true, true, false, false, false, true, true, true}, b, t);
    SequenceLogProbs s = SequenceLogProbs.ofAligned(logits, labels, mask);
    double[] l = logits.toDoubleArray();
    long[] lab = {-100, 3, 6, 0, -100, -100, -100, 2, 2, 5};
    boolean[] m = {false, true, true, true, false, false, false, true, true, true};
    double[] expected = new double[b];
    for (int i = 0; i < b * t; i++) if (m[i]) expected[i / t] += logProb(l, i * v, v, lab[i]);
    assertArrayEquals(expected, s.logProbs().toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {3, 3}, s.tokens().toDoubleArray(), 0.0);
    assertArrayEquals(new double[] {expected[0] / 3, expected[1] / 3}, s.perTokenMean().toDoubleArray(), 1e-12);
  }

  @Test
  void causalShiftScoresEachTokenByThePreviousPositionsLogits() {
    int t = 4, v = 3;
    Tensor logits = Tensor.randn(new Generator(9), 1, t, v).to(DType.FLOAT64);
    Tensor ids = Tensor.fromArray(new long[] {1, 2, 0, 2}, 1, t);
    Tensor mask = Tensor.fromArray(new double[] {0, 0, 1, 1}, 1, t);
    double[] l = logits.toDoubleArray();
    // tokens 2 and 3 are the completion: scored by the logits at positions 1 and 2
    double expected = logProb(l, v, v, 0) + logProb(l, 2 * v, v, 2);
    assertEquals(expected, SequenceLogProbs.ofCausal(logits, ids, mask).logProbs().item(), 1e-12);
    assertEquals(2.0, SequenceLogProbs.ofCausal(logits, ids, mask).tokens().item());
  }

  @Test
  void splitsAConcatenatedBatchChosenFirst() {
    Tensor lp = Tensor.of(-1.0, -2.0, -3.0, -4.0, -5.0, -6.0);
    SequenceLogProbs.Pair p = new SequenceLogProbs(lp, Tensor.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0)).splitChosenRejected();
    assertArrayEquals(new double[] {-1, -2, -3}, p.chosen().logProbs().toDoubleArray(), 0.0);
    assertArrayEquals(new double[] {4, 5, 6}, p.rejected().tokens().toDoubleArray(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> new SequenceLogProbs(Tensor.of(1.0), Tensor.of(1.0)).splitChosenRejected());
  }

  @Test
  void badShapesAndDtypesAreNamed() {
    Tensor logits = Tensor.zeros(DType.FLOAT32, 2, 3, 4);
    Tensor labels = Tensor.zeros(DType.INT64, 2, 3);
    Tensor mask = Tensor.ones(DType.BOOL, 2, 3);
    assertMessage("logits must be (B, T, V), got [2, 3]", () -> SequenceLogProbs.ofAligned(labels.to(DType.FLOAT32), labels, mask));
    assertMessage("labels [2, 4] do not match logits [2, 3, 4]", () -> SequenceLogProbs.ofAligned(logits, Tensor.zeros(DType.INT64, 2, 4), mask));
    assertMessage("labels must be int64, got float32", () -> SequenceLogProbs.ofAligned(logits, labels.to(DType.FLOAT32), mask));
    assertMessage("mask [2, 2] does not match labels [2, 3]", () -> SequenceLogProbs.ofAligned(logits, labels, Tensor.ones(DType.BOOL, 2, 2)));
    assertMessage("mask must be bool or floating, got int64", () -> SequenceLogProbs.ofAligned(logits, labels, labels));
    assertMessage("need at least 2 positions, got 1",
        () -> SequenceLogProbs.ofCausal(Tensor.zeros(DType.FLOAT32, 2, 1, 4), Tensor.zeros(DType.INT64, 2, 1), Tensor.ones(DType.BOOL, 2, 1)));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(part), () -> "message '" + ex.getMessage() + "' lacks '" + part + "'");
  }
}
