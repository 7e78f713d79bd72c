package io.frontier.optim.schedule;

import io.frontier.optim.Optimizer;
import io.frontier.optim.schedule.OneCycleLR.Anneal;
import io.frontier.optim.schedule.ReduceLROnPlateau.Mode;
import io.frontier.optim.schedule.ReduceLROnPlateau.ThresholdMode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Frontier's counterpart of every case in golden/schedules.json, by the case's name. */
final class ScheduleCases {
  private ScheduleCases() {}

  static final Map<String, LrSchedule> SCHEDULES = Map.ofEntries(
      Map.entry("step", new StepLR(7, 0.5)),
      Map.entry("multistep", new MultiStepLR(new long[] {5, 12, 12, 30}, 0.3)),
      Map.entry("exponential", new ExponentialLR(0.93)),
      Map.entry("cosine", new CosineAnnealingLR(40, 0.001)),
      Map.entry("linear", new LinearLR(0.25, 1.0, 10)),
      Map.entry("linear decay", new LinearLR(1.0, 0.1, 45)),
      Map.entry("warmup cosine", new WarmupCosine(10, 50, 0.05, 0.0)),
      Map.entry("warmup linear", new WarmupLinear(8, 50, 0.0, 0.1)),
      Map.entry("onecycle", new OneCycleLR(60)),
      Map.entry("onecycle three-phase linear", new OneCycleLR(60, 0.25, Anneal.LINEAR, 10.0, 100.0, true)),
      Map.entry("sequential warmup cosine", LrSchedule.sequential(List.of(new LinearLR(0.1, 1.0, 5), new CosineAnnealingLR(45, 0.002)), 5)),
      Map.entry("sequential three",
          LrSchedule.sequential(List.of(new LinearLR(0.2, 1.0, 4), new StepLR(10, 0.5), new ExponentialLR(0.9)), 4, 30)),
      Map.entry("chained", LrSchedule.chained(new LinearLR(0.5, 1.0, 6), new StepLR(10, 0.5), new ExponentialLR(0.97), new CosineAnnealingLR(70))));

  static final Map<String, Function<Optimizer, ReduceLROnPlateau>> PLATEAUS = Map.of(
      "plateau min rel", o -> new ReduceLROnPlateau(o, Mode.MIN, 0.5, 3, 1e-2, ThresholdMode.REL, 2, new double[] {0.002, 0.001}, 1e-8),
      "plateau max abs", o -> new ReduceLROnPlateau(o, Mode.MAX, 0.3, 2, 0.05, ThresholdMode.ABS, 0, new double[] {0.0}, 1e-8),
      "plateau eps", o -> new ReduceLROnPlateau(o, Mode.MIN, 0.5, 1, 1e-4, ThresholdMode.REL, 0, new double[] {0.0}, 0.02),
      "plateau defaults", ReduceLROnPlateau::new);
}
