package io.frontier.bench.gpu;

import java.util.List;
import java.util.Locale;

/**
 * The memory-bound ops of {@code frontier gpu-bench} on {@code n} float32 elements, with the bytes
 * each call must move at least (read plus written), which their GB/s is computed from.
 */
enum MemoryOp {
  /** The driver's cuMemcpyDtoDAsync: the bandwidth peer the others are held against. */
  MEMCPY_DTOD(8),
  /** {@code dst.copy_(src)}. */
  COPY(8),
  EXP(8),
  ADD(12),
  /** Softmax over rows of {@link #SOFTMAX_ROW} elements: each element read once and written once at best. */
  SOFTMAX(8),
  /** The sum of all elements: a read-only pass. */
  SUM(4);

  static final int SOFTMAX_ROW = 4096;

  private final int bytesPerElement;

  MemoryOp(int bytesPerElement) {
    this.bytesPerElement = bytesPerElement;
  }

  /** The name in result rows and in torch_cuda_peers.py. */
  String opName() {
    return name().toLowerCase(Locale.ROOT);
  }

  double bytesMoved(long n) {
    return (double) bytesPerElement * n;
  }

  /** Distinct float32 buffers of n elements one call touches (inputs and outputs). */
  int buffers() {
    return switch (this) {
      case ADD -> 3;
      case SUM -> 1;
      default -> 2;
    };
  }

  /** The shape of the op's input: (n / 4096, 4096) for softmax, (n) for the others. */
  List<Integer> shape(int n) {
    return this == SOFTMAX ? List.of(n / SOFTMAX_ROW, SOFTMAX_ROW) : List.of(n);
  }

  static MemoryOp of(String opName) {
    return valueOf(opName.toUpperCase(Locale.ROOT));
  }
}
