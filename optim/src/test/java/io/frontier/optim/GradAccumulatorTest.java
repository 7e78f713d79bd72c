package io.frontier.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.Linear;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** k micro-batches through the accumulator take the same steps as whole batches. */
public class GradAccumulatorTest {
  static final int K = 4;
  static final int MICRO = 3;

  static Tensor loss(Linear m, Tensor x, Tensor y) {
    return m.forward(x).sub(y).square().mean();
  }

  static TestSgd sgd(Linear m) {
    return new TestSgd(List.of(new ParamGroup(m.parameters(), Map.of("lr", 0.1))));
  }

  @Test
  void accumulatedStepsEqualWholeBatchSteps() {
    Generator g = new Generator(3);
    Tensor x = Tensor.randn(g, DType.FLOAT64, 2 * K * MICRO, 5);
    Tensor y = Tensor.randn(g, DType.FLOAT64, 2 * K * MICRO, 2);
    Linear whole = new Linear(5, 2, true, new Generator(11), DType.FLOAT64);
    Linear micro = new Linear(5, 2, true, new Generator(11), DType.FLOAT64);
    TestSgd wholeOpt = sgd(whole);
    TestSgd microOpt = sgd(micro);
    List<Tensor> wholeGrads = new ArrayList<>();
    List<Tensor> hookGrads = new ArrayList<>();
    GradAccumulator acc = new GradAccumulator(microOpt, K, () -> hookGrads.add(micro.parameters().get(0).grad().clone()));

    for (int batch = 0; batch < 2; batch++) {
      int at = batch * K * MICRO;
      loss(whole, x.narrow(0, at, K * MICRO), y.narrow(0, at, K * MICRO)).backward();
      wholeGrads.add(whole.parameters().get(0).grad().clone());
      wholeOpt.step();
      wholeOpt.zeroGrad();
      for (int i = 0; i < K; i++) {
        assertEquals(i, acc.pending());
        boolean stepped = acc.backward(loss(micro, x.narrow(0, at + i * MICRO, MICRO), y.narrow(0, at + i * MICRO, MICRO)));
        assertEquals(i == K - 1, stepped);
      }
      assertEquals(0, acc.pending());
      assertNull(micro.parameters().get(0).grad(), "gradients cleared after the step");
    }
    assertEquals(2, hookGrads.size());
    for (int b = 0; b < 2; b++) ScheduleFixtures.assertClose(wholeGrads.get(b).toDoubleArray(), hookGrads.get(b).toDoubleArray(), 1e-12, "grad of batch " + b);
    for (int i = 0; i < 2; i++) {
      ScheduleFixtures.assertClose(whole.parameters().get(i).toDoubleArray(), micro.parameters().get(i).toDoubleArray(), 1e-12, "param " + i);
    }
  }

  @Test
  void oneMicroBatchStepsEveryCall() {
    Linear m = new Linear(2, 1, true, new Generator(1), DType.FLOAT64);
    GradAccumulator acc = new GradAccumulator(sgd(m), 1);
    double before = m.parameters().get(1).item();
    assertTrue(acc.backward(loss(m, Tensor.ones(DType.FLOAT64, 1, 2), Tensor.zeros(DType.FLOAT64, 1, 1).add(5.0))));
    assertFalse(before == m.parameters().get(1).item());
  }

  @Test
  void rejectsBadArguments() {
    TestSgd opt = TestSgd.withLrs(0.1);
    assertEquals("invalid k: 0 (the number of micro-batches per step must be >= 1)",
        assertThrows(IllegalArgumentException.class, () -> new GradAccumulator(opt, 0)).getMessage());
    assertEquals("invalid beforeStep: null (pass () -> {} for nothing)",
        assertThrows(IllegalArgumentException.class, () -> new GradAccumulator(opt, 2, null)).getMessage());
  }
}
