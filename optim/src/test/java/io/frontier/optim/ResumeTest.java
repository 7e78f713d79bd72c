package io.frontier.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Resuming is exact: k steps, {@link Optimizer#stateDict()}, then a fresh optimizer (built with the
 * Java defaults, so the group hyperparameters must come from the dict) over fresh copies of the
 * parameters, {@link Optimizer#loadStateDict}, and n more steps give the parameters of k + n
 * uninterrupted steps bit for bit. Every MLP setting of the golden fixture (every optimizer, with
 * and without groups; 2-D and 1-D parameters), in float32 and float64.
 */
public class ResumeTest {
  static final int K = 7;
  static final int N = 6;

  @TestFactory
  Stream<DynamicTest> resumeIsBitExact() {
    return Golden.cases().stream().filter(c -> c.problem().equals("mlp")).flatMap(c -> Stream.of(DType.FLOAT32, DType.FLOAT64)
        .map(dt -> DynamicTest.dynamicTest(c.name() + " in " + dt, () -> check(c, dt))));
  }

  private static void check(Golden.Case c, DType dtype) {
    List<Tensor> straight = Golden.leaves(c, dtype);
    Optimizer a = Golden.optimizer(c.optimizer(), Golden.groups(c, straight));
    for (int s = 0; s < K + N; s++) Golden.step(c, a, straight);

    List<Tensor> first = Golden.leaves(c, dtype);
    Optimizer b = Golden.optimizer(c.optimizer(), Golden.groups(c, first));
    for (int s = 0; s < K; s++) Golden.step(c, b, first);
    Map<String, Tensor> dict = b.stateDict();
    boolean stateless = c.optimizer().equals("SGD") && c.hyper().get("momentum") == 0;
    boolean hasState = dict.keySet().stream().anyMatch(k -> k.startsWith("state.0.") && !k.endsWith(".step"));
    assertEquals(!stateless, hasState, "state tensors in " + dict.keySet());

    List<Tensor> resumed = new ArrayList<>();
    for (Tensor p : first) resumed.add(p.detach().clone().requiresGrad_(true));
    Optimizer fresh = Golden.optimizer(c.optimizer(), defaultGroups(c, resumed));
    fresh.loadStateDict(dict);
    for (int s = 0; s < N; s++) Golden.step(c, fresh, resumed);

    for (int i = 0; i < straight.size(); i++) {
      assertArrayEquals(straight.get(i).toDoubleArray(), resumed.get(i).toDoubleArray(), 0.0, "parameter " + i);
    }
  }

  /** The case's group structure with no hyperparameters given: every one is the Java default. */
  private static List<ParamGroup> defaultGroups(Golden.Case c, List<Tensor> params) {
    List<ParamGroup> out = new ArrayList<>();
    for (ParamGroup g : Golden.groups(c, params)) out.add(new ParamGroup(g.params(), Map.of()));
    return out;
  }
}
