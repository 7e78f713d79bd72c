package io.frontier.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parameter groups with different learning rates (the golden fixture also replays torch's
 * two-group runs): an optimizer over two groups steps each exactly as two optimizers over one group
 * each would, a group with lr 0 stays put, and a group's lr set between steps takes effect.
 */
public class ParamGroupsTest {

  @Test
  void twoGroupsStepAsTwoSeparateOptimizers() {
    for (String name : Golden.OPTIMIZERS) {
      Golden.Case c = Golden.first(name, "mlp");
      List<Tensor> joint = Golden.leaves(c, DType.FLOAT64);
      Optimizer both = Golden.optimizer(name, List.of(group(c, joint.subList(0, 2), 0.5), group(c, joint.subList(2, 4), 2.0)));
      List<Tensor> split = Golden.leaves(c, DType.FLOAT64);
      Optimizer lower = Golden.optimizer(name, List.of(group(c, split.subList(0, 2), 0.5)));
      Optimizer upper = Golden.optimizer(name, List.of(group(c, split.subList(2, 4), 2.0)));
      for (int s = 0; s < 5; s++) {
        Golden.step(c, both, joint);
        lower.zeroGrad();
        upper.zeroGrad();
        Golden.loss(c, split).backward();
        lower.step();
        upper.step();
      }
      for (int i = 0; i < 4; i++) assertArrayEquals(split.get(i).toDoubleArray(), joint.get(i).toDoubleArray(), 0.0, name + " parameter " + i);
    }
  }

  @Test
  void aGroupWithLrZeroStaysPutWhileTheOtherMoves() {
    for (String name : Golden.OPTIMIZERS) {
      Golden.Case c = Golden.first(name, "mlp");
      List<Tensor> params = Golden.leaves(c, DType.FLOAT64);
      Optimizer opt = Golden.optimizer(name, List.of(group(c, params.subList(0, 2), 0.0), group(c, params.subList(2, 4), 1.0)));
      for (int s = 0; s < 3; s++) Golden.step(c, opt, params);
      for (int i = 0; i < 4; i++) {
        boolean moved = !params.get(i).equal(c.init().get(i));
        assertEquals(i >= 2, moved, name + " parameter " + i + " moved: " + moved);
      }
    }
  }

  @Test
  void settingAGroupsLrBetweenStepsTakesEffect() {
    Golden.Case c = Golden.first("Adam", "mlp");
    List<Tensor> params = Golden.leaves(c, DType.FLOAT64);
    Optimizer opt = Golden.optimizer("Adam", Golden.groups(c, params));
    Golden.step(c, opt, params);
    List<double[]> before = new ArrayList<>();
    for (Tensor p : params) before.add(p.toDoubleArray());
    opt.paramGroups().get(0).set("lr", 0.0);
    Golden.step(c, opt, params);
    for (int i = 0; i < 4; i++) assertArrayEquals(before.get(i), params.get(i).toDoubleArray(), 0.0);
  }

  /** A group over {@code params} with the case's hyperparameters and lr scaled by {@code lrScale}. */
  private static ParamGroup group(Golden.Case c, List<Tensor> params, double lrScale) {
    ParamGroup g = new ParamGroup(params, c.hyper());
    g.set("lr", c.hyper().get("lr") * lrScale);
    return g;
  }

  @Test
  void groupsLackingAHyperparameterTakeTheDefaults() {
    Tensor p = Tensor.zeros(DType.FLOAT64, 3).requiresGrad_(true);
    ParamGroup g = new ParamGroup(List.of(p), Map.of("lr", 0.5));
    new AdamW(AdamW.Options.defaults().weightDecay(0.2), List.of(g));
    assertEquals(0.5, g.lr());
    assertEquals(0.2, g.get("weightDecay"));
    assertEquals(0.999, g.get("beta2"));
  }
}
