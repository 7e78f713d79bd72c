package io.frontier.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sampling sequence on a simulated clock where every call takes a fixed time. */
class EventSamplerTest {

  /** A clock that advances only when a call runs. */
  private static final class SimulatedClock implements EventSampler.Timer {
    double now;
    private double started;

    @Override
    public void start() {
      started = now;
    }

    @Override
    public float stopMillis() {
      return (float) ((now - started) * 1e3);
    }
  }

  private final SimulatedClock clock = new SimulatedClock();
  private final List<Integer> sets = new ArrayList<>();

  private EventSampler.Call takes(double seconds) {
    return s -> {
      sets.add(s);
      clock.now += seconds;
    };
  }

  @Test
  void fastCallsAreBatchedAndRotateOverEverySet() {
    GpuPlan plan = GpuPlan.full(); // 3..50 samples
    EventSampler.Result r = new EventSampler(clock, plan).sample(takes(100e-6), 3, 2.0);

    assertFalse(r.slow());
    assertEquals(50, r.secondsPerCall().length);
    for (double t : r.secondsPerCall()) assertEquals(100e-6, t, 1e-9);
    // first call, one warm-up call per set, then 50 x (1 lead-in + 10 timed) calls
    assertEquals(1 + 3 + 50 * 11, sets.size());
    assertEquals(List.of(0, 0, 1, 2, 0, 1, 2, 0), sets.subList(0, 8));
  }

  @Test
  void aSlowFirstCallIsTheOnlySample() {
    EventSampler.Result r = new EventSampler(clock, GpuPlan.full()).sample(takes(3.0), 1, 2.0);
    assertTrue(r.slow());
    assertArrayEquals(new double[] {3.0}, r.secondsPerCall(), 1e-6);
    assertEquals(1, sets.size());
  }

  @Test
  void slowButAcceptableCallsGetTheFloorOfSamples() {
    EventSampler.Result r = new EventSampler(clock, GpuPlan.full()).sample(takes(1.0), 1, 2.0);
    assertEquals(3, r.secondsPerCall().length);
    assertEquals(1 + 1 + 3 * 2, sets.size());
  }
}
