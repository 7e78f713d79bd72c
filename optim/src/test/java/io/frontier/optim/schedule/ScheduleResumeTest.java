package io.frontier.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.frontier.optim.ScheduleFixtures;
import io.frontier.optim.StateDicts;
import io.frontier.optim.TestSgd;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A run checkpointed after some steps (the optimizer's and the scheduler's state dicts in one map)
 * and resumed in fresh objects sets bit for bit the lrs of an uninterrupted run.
 */
public class ScheduleResumeTest {
  static final int STEPS = 60;
  static final int CUT = 23;
  static final double[] BASE = {0.1, 0.03};

  @TestFactory
  Stream<DynamicTest> lrSchedulesResumeBitForBit() {
    return ScheduleCases.SCHEDULES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      LrSchedule schedule = e.getValue();
      List<double[]> straight = new ArrayList<>();
      TestSgd opt = TestSgd.withLrs(BASE);
      LrScheduler s = new LrScheduler(opt, schedule);
      Map<String, Tensor> checkpoint = null;
      for (int t = 1; t <= STEPS; t++) {
        opt.step();
        s.stepSchedule();
        straight.add(GoldenScheduleTest.lrs(opt));
        if (t == CUT) checkpoint = checkpoint(opt.stateDict(), s.stateDict());
      }

      // Resumed the usual way: fresh optimizer and scheduler, then both state dicts.
      TestSgd opt2 = TestSgd.withLrs(BASE);
      LrScheduler s2 = new LrScheduler(opt2, schedule);
      opt2.loadStateDict(StateDicts.get(checkpoint, "optimizer"));
      s2.loadStateDict(StateDicts.get(checkpoint, "scheduler"));
      assertEquals(CUT, s2.lastEpoch());
      // The scheduler built after the optimizer's state was loaded (its lr then is not the base lr):
      // the scheduler's state dict restores the base lrs.
      TestSgd opt3 = TestSgd.withLrs(0.5, 0.5);
      opt3.loadStateDict(StateDicts.get(checkpoint, "optimizer"));
      LrScheduler s3 = new LrScheduler(opt3, schedule);
      s3.loadStateDict(StateDicts.get(checkpoint, "scheduler"));
      assertArrayEquals(BASE, s3.baseLrs());
      for (int t = CUT + 1; t <= STEPS; t++) {
        opt2.step();
        s2.stepSchedule();
        opt3.step();
        s3.stepSchedule();
        assertArrayEquals(straight.get(t - 1), GoldenScheduleTest.lrs(opt2), 0.0, "step " + t);
        assertArrayEquals(straight.get(t - 1), GoldenScheduleTest.lrs(opt3), 0.0, "step " + t);
        assertArrayEquals(straight.get(t - 1), s2.lastLr(), 0.0, "lastLr at step " + t);
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> plateausResumeBitForBit() {
    double[] metrics = ScheduleFixtures.doubles(GoldenScheduleTest.CASES.stream()
        .filter(c -> c.get("name").equals("plateau min rel")).findFirst().orElseThrow().get("metrics"));
    return ScheduleCases.PLATEAUS.entrySet().stream().flatMap(e -> Stream.of(17, 29, 40).map(cut -> DynamicTest.dynamicTest(e.getKey() + " cut at " + cut, () -> {
      List<double[]> straight = new ArrayList<>();
      TestSgd opt = TestSgd.withLrs(BASE);
      ReduceLROnPlateau s = e.getValue().apply(opt);
      Map<String, Tensor> checkpoint = null;
      for (int t = 1; t <= metrics.length; t++) {
        opt.step();
        s.stepSchedule(metrics[t - 1]);
        straight.add(GoldenScheduleTest.lrs(opt));
        if (t == cut) checkpoint = checkpoint(opt.stateDict(), s.stateDict());
      }
      TestSgd opt2 = TestSgd.withLrs(BASE);
      ReduceLROnPlateau s2 = e.getValue().apply(opt2);
      opt2.loadStateDict(StateDicts.get(checkpoint, "optimizer"));
      s2.loadStateDict(StateDicts.get(checkpoint, "scheduler"));
      for (int t = cut + 1; t <= metrics.length; t++) {
        opt2.step();
        s2.stepSchedule(metrics[t - 1]);
        assertArrayEquals(straight.get(t - 1), GoldenScheduleTest.lrs(opt2), 0.0, "step " + t);
      }
      assertEquals(s.best(), s2.best());
      assertEquals(s.numBadEpochs(), s2.numBadEpochs());
      assertEquals(s.cooldownCounter(), s2.cooldownCounter());
      assertEquals(s.lastEpoch(), s2.lastEpoch());
    })));
  }

  @Test
  void loadRejectsAStateDictOfAnotherShape() {
    TestSgd opt = TestSgd.withLrs(BASE);
    LrScheduler s = new LrScheduler(opt, new StepLR(3));
    Map<String, Tensor> sd = new LinkedHashMap<>(s.stateDict());
    sd.remove("base_lrs.1");
    var e = assertThrows(IllegalArgumentException.class, () -> new LrScheduler(TestSgd.withLrs(BASE), new StepLR(3)).loadStateDict(sd));
    assertEquals("scheduler state dict: missing 'base_lrs.1'", e.getMessage());
    ReduceLROnPlateau p = new ReduceLROnPlateau(opt);
    Map<String, Tensor> pd = new LinkedHashMap<>(p.stateDict());
    pd.remove("best");
    assertThrows(IllegalArgumentException.class, () -> p.loadStateDict(pd));
  }

  @Test
  void oneCycleStopsPastItsTotalSteps() {
    TestSgd opt = TestSgd.withLrs(BASE);
    LrScheduler s = new LrScheduler(opt, new OneCycleLR(5));
    for (int t = 0; t < 5; t++) s.stepSchedule();
    var e = assertThrows(IllegalStateException.class, s::stepSchedule);
    assertEquals("OneCycleLR: step 6 is past totalSteps 5", e.getMessage());
  }

  private static Map<String, Tensor> checkpoint(Map<String, Tensor> optimizer, Map<String, Tensor> scheduler) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    StateDicts.put(out, "optimizer", optimizer);
    StateDicts.put(out, "scheduler", scheduler);
    return out;
  }
}
