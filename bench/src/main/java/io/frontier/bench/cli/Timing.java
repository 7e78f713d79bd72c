package io.frontier.bench.cli;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.runner.options.TimeValue;

/** JMH iteration settings: one fork, then warm-up and measurement iterations of a fixed length. */
record Timing(int warmupIterations, TimeValue warmupTime, int measurementIterations, TimeValue measurementTime) {

  static final Timing FULL = new Timing(3, TimeValue.seconds(1), 5, TimeValue.seconds(1));
  static final Timing QUICK = new Timing(2, new TimeValue(200, TimeUnit.MILLISECONDS), 3, new TimeValue(200, TimeUnit.MILLISECONDS));

  @Override
  public String toString() {
    return "1 fork, warm-up " + warmupIterations + " x " + warmupTime + ", measurement " + measurementIterations + " x " + measurementTime;
  }
}
