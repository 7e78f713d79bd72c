package io.frontier.bench.gpu;

/**
 * Times one case with CUDA events on the backend's stream: a first call on its own, a warm-up
 * pass over every input set that also estimates the time per call, then the {@link Batching}
 * samples. Calls rotate among the input sets. Before each sample one untimed call is queued, so
 * the stream is busy while the host records the start event and queues the timed calls: launch
 * latency on the host does not count as long as the host queues faster than the device runs.
 */
final class EventSampler {

  /** CUDA events on the backend's stream ({@code io.frontier.cuda.CudaTimer}); a host clock in tests. */
  interface Timer {
    void start();

    /** Milliseconds since {@link #start()}, once the work queued before this call is done. */
    float stopMillis();
  }

  /** One call of the measured op on input set {@code set}. */
  interface Call {
    void run(int set);
  }

  /**
   * Seconds per call of each sample, or of the first call alone when it was slower than the
   * plan's {@code slowCallSeconds} ({@code slow}).
   */
  record Result(double[] secondsPerCall, boolean slow) {}

  private final Timer timer;
  private final GpuPlan plan;

  EventSampler(Timer timer, GpuPlan plan) {
    this.timer = timer;
    this.plan = plan;
  }

  Result sample(Call call, int sets, double budgetSeconds) {
    timer.start();
    call.run(0);
    double first = timer.stopMillis() / 1e3;
    if (first > plan.slowCallSeconds()) return new Result(new double[] {first}, true);

    timer.start();
    for (int s = 0; s < sets; s++) call.run(s);
    double perCall = timer.stopMillis() / 1e3 / sets;

    Batching b = Batching.of(perCall, budgetSeconds, plan.minReps(), plan.maxReps());
    double[] out = new double[b.samples()];
    int next = 0;
    for (int r = 0; r < out.length; r++) {
      call.run(next++ % sets); // untimed lead-in
      timer.start();
      for (int k = 0; k < b.callsPerSample(); k++) call.run(next++ % sets);
      out[r] = timer.stopMillis() / 1e3 / b.callsPerSample();
    }
    return new Result(out, false);
  }
}
