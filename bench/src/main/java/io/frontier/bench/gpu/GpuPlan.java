package io.frontier.bench.gpu;

import java.util.List;

/**
 * What one {@code frontier gpu-bench} run measures and how long it may take. Every case gets a
 * warm-up, then timed repetitions until its share of the budget is spent (within
 * [{@code minReps}, {@code maxReps}]: the floor only matters for slow cases, fast ones reach the cap); a first call slower than {@code slowCallSeconds} (a host
 * fallback, say) is reported as that one call, and the larger sizes of its series are skipped.
 *
 * @param matmulSizes square matmul sizes n (n x n times n x n)
 * @param memoryBytes float32 data sizes of the memory-bound ops, in bytes of one input
 * @param frontierSeconds budget of Frontier's cases and the driver copy peer
 * @param torchSeconds budget of the PyTorch peer's cases (its start-up not included)
 */
record GpuPlan(
    String mode,
    List<Integer> matmulSizes,
    List<Long> memoryBytes,
    double frontierSeconds,
    double torchSeconds,
    double perCaseSeconds,
    int minReps,
    int maxReps,
    double slowCallSeconds) {

  static final long MB = 1L << 20;

  GpuPlan {
    matmulSizes = List.copyOf(matmulSizes);
    memoryBytes = List.copyOf(memoryBytes);
  }

  /** Under about 3 minutes on an H100, the PyTorch peer included. */
  static GpuPlan full() {
    return new GpuPlan("full", List.of(1024, 2048, 4096, 8192), List.of(64 * MB, 256 * MB, 1024 * MB), 80, 60, 2.0, 3, 50, 2.0);
  }

  /** Under a minute. */
  static GpuPlan quick() {
    return new GpuPlan("quick", List.of(1024, 4096), List.of(256 * MB), 15, 15, 0.6, 3, 20, 1.0);
  }

  /** This plan without the matmul or the memory-bound cases. */
  GpuPlan only(boolean matmul, boolean memory) {
    return new GpuPlan(mode, matmul ? matmulSizes : List.of(), memory ? memoryBytes : List.of(), frontierSeconds, torchSeconds,
        perCaseSeconds, minReps, maxReps, slowCallSeconds);
  }

  /** This plan with other budgets (seconds for Frontier's cases and for the peer's). */
  GpuPlan withBudget(double frontier, double torch) {
    return new GpuPlan(mode, matmulSizes, memoryBytes, frontier, torch, perCaseSeconds, minReps, maxReps, slowCallSeconds);
  }

  /** Float32 elements of one memory-bound input of {@code bytes}. */
  static int elements(long bytes) {
    long n = bytes / Float.BYTES;
    if (n > Integer.MAX_VALUE) throw new IllegalArgumentException(bytes + " bytes is more float32 elements than a tensor holds");
    return (int) n;
  }

  /**
   * How many input sets to rotate among so that the data of consecutive calls does not sit in an
   * L2 cache of {@code l2Bytes}: enough sets to span twice the cache, at most 8; 1 when one set
   * alone is already twice the cache.
   */
  static int rotatingSets(long bytesPerSet, long l2Bytes) {
    if (bytesPerSet <= 0) return 1;
    long sets = (2 * l2Bytes + bytesPerSet - 1) / bytesPerSet;
    return (int) Math.max(1, Math.min(8, sets));
  }

  /** "64 MB", "1 GB": the size labels of the report. */
  static String sizeLabel(long bytes) {
    return bytes >= 1024 * MB && bytes % (1024 * MB) == 0 ? bytes / (1024 * MB) + " GB" : bytes / MB + " MB";
  }
}
