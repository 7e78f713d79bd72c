package io.frontier.optim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.optim.ScheduleFixtures;
import io.frontier.optim.TestSgd;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every schedule's lr sequence against PyTorch 1.13 (golden/schedules.json, from
 * optim/src/test/python/make_schedule_fixtures.py): two param groups, the lrs after construction
 * and after each of 60 {@code optimizer.step(); scheduler.step()} rounds, within 1e-12 relative.
 * torch's schedulers update the lr recursively and these in closed form, so they agree to
 * rounding, not bit for bit.
 */
public class GoldenScheduleTest {
  static final double RTOL = 1e-12;
  static final List<Map<String, Object>> CASES = ScheduleFixtures.cases("schedules.json");

  @TestFactory
  Stream<DynamicTest> lrSequencesMatchTorch() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> replay(c)));
  }

  @Test
  void everyFixtureCaseHasACounterpart() {
    Set<String> names = new HashSet<>();
    for (Map<String, Object> c : CASES) names.add((String) c.get("name"));
    Set<String> ours = new HashSet<>(ScheduleCases.SCHEDULES.keySet());
    ours.addAll(ScheduleCases.PLATEAUS.keySet());
    assertEquals(ours, names);
  }

  static void replay(Map<String, Object> c) {
    String name = (String) c.get("name");
    List<?> expected = (List<?>) c.get("lrs");
    assertTrue(expected.size() > 50, name + ": fixture too short");
    TestSgd opt = TestSgd.withLrs(ScheduleFixtures.doubles(c.get("base_lrs")));
    Runnable step;
    if (ScheduleCases.SCHEDULES.containsKey(name)) {
      LrScheduler s = new LrScheduler(opt, ScheduleCases.SCHEDULES.get(name));
      step = s::stepSchedule;
    } else {
      ReduceLROnPlateau s = ScheduleCases.PLATEAUS.get(name).apply(opt);
      double[] metrics = ScheduleFixtures.doubles(c.get("metrics"));
      int[] t = {0};
      step = () -> s.stepSchedule(metrics[t[0]++]);
    }
    for (int t = 0; t < expected.size(); t++) {
      if (t > 0) {
        opt.step();
        step.run();
      }
      ScheduleFixtures.assertClose(ScheduleFixtures.doubles(expected.get(t)), lrs(opt), RTOL, name + " lrs after step " + t);
    }
  }

  static double[] lrs(TestSgd opt) {
    return opt.paramGroups().stream().mapToDouble(g -> g.lr()).toArray();
  }
}
