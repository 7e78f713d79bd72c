package io.frontier.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.frontier.optim.TestSgd;
import io.frontier.optim.schedule.OneCycleLR.Anneal;
import io.frontier.optim.schedule.ReduceLROnPlateau.Mode;
import io.frontier.optim.schedule.ReduceLROnPlateau.ThresholdMode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/** Bad schedule arguments are rejected at construction with a message naming the parameter. */
public class ScheduleArgumentsTest {
  record Bad(String message, Executable construct) {}

  static final TestSgd OPT = TestSgd.withLrs(0.1, 0.03);

  static final List<Bad> CASES = List.of(
      new Bad("invalid stepSize: 0 (must be positive)", () -> new StepLR(0, 0.1)),
      new Bad("invalid gamma: -0.5 (must be positive and finite)", () -> new StepLR(3, -0.5)),
      new Bad("invalid gamma: NaN (must be positive and finite)", () -> new ExponentialLR(Double.NaN)),
      new Bad("invalid milestones: none given", () -> new MultiStepLR(new long[0], 0.1)),
      new Bad("invalid milestones[0]: 0 (must be positive)", () -> new MultiStepLR(new long[] {4, 0}, 0.1)),
      new Bad("invalid tMax: 0 (must be positive)", () -> new CosineAnnealingLR(0)),
      new Bad("invalid etaMin: -1.0 (must be >= 0 and finite)", () -> new CosineAnnealingLR(10, -1)),
      new Bad("invalid startFactor: 0.0 (must be in (0, 1])", () -> new LinearLR(0, 1, 5)),
      new Bad("invalid endFactor: 1.5 (must be in [0.0, 1.0])", () -> new LinearLR(0.5, 1.5, 5)),
      new Bad("invalid totalIters: 0 (must be positive)", () -> new LinearLR(0.5, 1, 0)),
      new Bad("invalid warmupSteps: -1 (must be >= 0)", () -> new WarmupCosine(-1, 10)),
      new Bad("invalid totalSteps: 10 (must be greater than warmupSteps, 10)", () -> new WarmupLinear(10, 10)),
      new Bad("invalid minFactor: 2.0 (must be in [0.0, 1.0])", () -> new WarmupCosine(1, 10, 2, 0)),
      new Bad("invalid startFactor: -0.1 (must be in [0.0, 1.0])", () -> new WarmupLinear(1, 10, 0, -0.1)),
      new Bad("invalid totalSteps: 0 (must be positive)", () -> new OneCycleLR(0)),
      new Bad("invalid pctStart: 1.5 (must be in [0.0, 1.0])", () -> new OneCycleLR(10, 1.5, Anneal.COS, 25, 1e4, false)),
      new Bad("invalid pctStart: 0.05 (with totalSteps 10 a phase of the cycle would span no steps)",
          () -> new OneCycleLR(10, 0.05, Anneal.COS, 25, 1e4, false)),
      new Bad("invalid pctStart: 1.0 (with totalSteps 10 a phase of the cycle would span no steps)",
          () -> new OneCycleLR(10, 1.0, Anneal.COS, 25, 1e4, false)),
      new Bad("invalid pctStart: 0.6 (with totalSteps 10 a phase of the cycle would span no steps)",
          () -> new OneCycleLR(10, 0.6, Anneal.LINEAR, 25, 1e4, true)),
      new Bad("invalid divFactor: 0.0 (must be positive and finite)", () -> new OneCycleLR(10, 0.3, Anneal.COS, 0, 1e4, false)),
      new Bad("invalid finalDivFactor: -1.0 (must be positive and finite)", () -> new OneCycleLR(10, 0.3, Anneal.COS, 25, -1, false)),
      new Bad("invalid anneal: null (COS or LINEAR)", () -> new OneCycleLR(10, 0.3, null, 25, 1e4, false)),
      new Bad("invalid schedules: a sequence needs at least two, got 1", () -> LrSchedule.sequential(List.of(new StepLR(2)))),
      new Bad("invalid milestones: 2 schedules need 1 milestones, got 2",
          () -> LrSchedule.sequential(List.of(new StepLR(2), new StepLR(3)), 4, 5)),
      new Bad("invalid milestones: [5, 5] (must be positive and strictly increasing)",
          () -> LrSchedule.sequential(List.of(new StepLR(2), new StepLR(3), new StepLR(4)), 5, 5)),
      new Bad("invalid milestones: [0] (must be positive and strictly increasing)",
          () -> LrSchedule.sequential(List.of(new StepLR(2), new StepLR(3)), 0)),
      new Bad("invalid schedules: a chain needs at least one", () -> LrSchedule.chained()),
      new Bad("invalid schedule: null", () -> new LrScheduler(OPT, null)),
      new Bad("invalid factor: 1.0 (must be in [0, 1))",
          () -> new ReduceLROnPlateau(OPT, Mode.MIN, 1.0, 10, 1e-4, ThresholdMode.REL, 0, new double[] {0}, 1e-8)),
      new Bad("invalid patience: -1 (must be >= 0)",
          () -> new ReduceLROnPlateau(OPT, Mode.MIN, 0.1, -1, 1e-4, ThresholdMode.REL, 0, new double[] {0}, 1e-8)),
      new Bad("invalid threshold: -1.0E-4 (must be >= 0 and finite)",
          () -> new ReduceLROnPlateau(OPT, Mode.MIN, 0.1, 10, -1e-4, ThresholdMode.REL, 0, new double[] {0}, 1e-8)),
      new Bad("invalid cooldown: -2 (must be >= 0)",
          () -> new ReduceLROnPlateau(OPT, Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.ABS, -2, new double[] {0}, 1e-8)),
      new Bad("invalid minLrs: 3 values for 2 param groups (give 1 or 2)",
          () -> new ReduceLROnPlateau(OPT, Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, new double[] {0, 0, 0}, 1e-8)),
      new Bad("invalid minLrs: -0.1 (must be >= 0 and finite)",
          () -> new ReduceLROnPlateau(OPT, Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, new double[] {-0.1}, 1e-8)),
      new Bad("invalid eps: NaN (must be >= 0 and finite)",
          () -> new ReduceLROnPlateau(OPT, Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, new double[] {0}, Double.NaN)),
      new Bad("invalid mode: null (MIN or MAX)",
          () -> new ReduceLROnPlateau(OPT, null, 0.1, 10, 1e-4, ThresholdMode.REL, 0, new double[] {0}, 1e-8)),
      new Bad("invalid thresholdMode: null (REL or ABS)",
          () -> new ReduceLROnPlateau(OPT, Mode.MAX, 0.1, 10, 1e-4, null, 0, new double[] {0}, 1e-8)));

  @TestFactory
  Stream<DynamicTest> rejected() {
    return CASES.stream().map(b -> DynamicTest.dynamicTest(b.message(), () -> {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b.construct());
      assertEquals(b.message(), e.getMessage());
    }));
  }
}
