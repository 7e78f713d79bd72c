package io.frontier.bench.gpu;

/**
 * How one case is timed once a warm-up call has estimated its time per call: {@code callsPerSample}
 * calls between each pair of events, so that a sample spans at least a millisecond (event
 * resolution is about half a microsecond), and {@code samples} such samples, as many as fit the
 * case's budget within [minReps, maxReps]. Each sample's time per call is one repetition.
 * torch_cuda_peers.py applies the same rule.
 */
record Batching(int callsPerSample, int samples) {
  static final double MIN_SAMPLE_SECONDS = 1e-3;
  static final int MAX_CALLS_PER_SAMPLE = 64;

  static Batching of(double secondsPerCall, double budgetSeconds, int minReps, int maxReps) {
    double t = Math.max(secondsPerCall, 1e-7);
    int calls = (int) Math.min(MAX_CALLS_PER_SAMPLE, Math.max(1, Math.ceil(MIN_SAMPLE_SECONDS / t)));
    long fit = (long) Math.floor(budgetSeconds / (calls * t));
    int samples = (int) Math.max(minReps, Math.min(maxReps, fit));
    return new Batching(calls, samples);
  }
}
