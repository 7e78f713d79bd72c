package io.frontier.bench.algoperf;

import java.util.List;

/**
 * The fixed workloads with their targets and budgets. Targets were measured on a 2-core machine so
 * that good settings reach them well inside the budget and poor ones do not (see each class):
 * digits 0.97 accuracy (AdamW at lr 3e-3: about 500 steps, 0.2 s); teacher regression 0.16 MSE
 * (AdamW at 3e-3 to 1e-2: 500-900 steps; predicting 0 gives 1.0, the noise floor is 0.01);
 * alice-gpt 2.70 nats (AdamW at 1e-3 to 3e-3: 80-120 steps, about 1 s; its validation loss
 * bottoms out near 2.6 and then rises as the model memorises the training text).
 */
public final class Workloads {
  private Workloads() {}

  public static List<Workload> all() {
    return List.of(
        new DigitsWorkload(0.97, 3000, 10),
        new CharGptWorkload(2.70, 400, 20),
        new TeacherRegressionWorkload(0.16, 3000, 10));
  }

  public static List<String> names() {
    return all().stream().map(Workload::name).toList();
  }
}
