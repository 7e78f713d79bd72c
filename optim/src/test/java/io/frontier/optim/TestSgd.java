package io.frontier.optim;

import io.frontier.tensor.DType;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plain SGD ({@code p -= lr * grad}) to drive schedules and helpers in tests, independent of the real optimizers. */
public final class TestSgd extends Optimizer {
  public TestSgd(List<ParamGroup> groups) {
    super(groups);
  }

  /** One group per lr, each with a single float64 parameter of shape (1). */
  public static TestSgd withLrs(double... lrs) {
    List<ParamGroup> groups = new ArrayList<>();
    for (double lr : lrs) groups.add(new ParamGroup(List.of(Tensor.zeros(DType.FLOAT64, 1).requiresGrad_(true)), Map.of("lr", lr)));
    return new TestSgd(groups);
  }

  @Override
  protected void validate(ParamGroup group) {
    requireRange(group, "lr", 0, Double.POSITIVE_INFINITY, false);
  }

  @Override
  protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, long step, ParamGroup group) {
    param.sub_(grad.mul(group.lr()));
  }
}
