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
  SUM(4),
  /** Layer norm over rows of {@link #LAYER_NORM_ROW} with weight and bias: x read once, y written once. */
  LAYER_NORM(8),
  /**
   * Cross-entropy of ({@code n / 50257}, {@link #VOCAB}) logits against int64 targets: the logits
   * read once (losses and log-sum-exp are per row, not counted).
   */
  CROSS_ENTROPY(4),
  /**
   * Its backward on the same logits, from the saved log-sum-exp: the logits read once and their
   * gradient written once (the peer is PyTorch's autograd backward of {@code F.cross_entropy}).
   */
  CROSS_ENTROPY_BACKWARD(8),
  /**
   * A descending sort of ({@code n / 50257}, {@link #VOCAB}) rows, as top-k and top-p sampling sort
   * a vocabulary's logits: each element read once, its value and int64 index written (16 bytes;
   * the merge passes' own traffic is not counted). Frontier's rows take the long-row sort.
   */
  SORT(16),
  /** One AdamW step on n float32 parameters: param, grad, exp_avg, exp_avg_sq read, three of them written. */
  ADAMW(28),
  /** One Lion step: param, grad, exp_avg read, param and exp_avg written (the peer: lion-pytorch's update as torch ops). */
  LION(20),
  /** One SGD step with momentum 0.9 (not the first): param, grad, momentum buffer read, param and buffer written. */
  SGD_MOMENTUM(20);

  static final int SOFTMAX_ROW = 4096;
  static final int LAYER_NORM_ROW = 4096;
  /** GPT-2's vocabulary. */
  static final int VOCAB = 50257;

  private final int bytesPerElement;

  MemoryOp(int bytesPerElement) {
    this.bytesPerElement = bytesPerElement;
  }

  /** The name in result rows and in torch_cuda_peers.py. */
  String opName() {
    return name().toLowerCase(Locale.ROOT);
  }

  double bytesMoved(long n) {
    return (double) bytesPerElement * elements(n);
  }

  /** Whether the op runs over whole rows of the vocabulary (cross-entropy, its backward, the sort). */
  boolean vocabularyRows() {
    return this == CROSS_ENTROPY || this == CROSS_ENTROPY_BACKWARD || this == SORT;
  }

  /** Elements of the op's input for n elements of data: n, or whole rows of the vocabulary for cross-entropy. */
  long elements(long n) {
    return vocabularyRows() ? n / VOCAB * VOCAB : n;
  }

  /** Distinct float32 buffers of n elements one call touches (inputs and outputs). */
  int buffers() {
    return switch (this) {
      case ADD -> 3;
      case SUM -> 1;
      case ADAMW, SORT -> 4; // the sort's int64 indices take two float32 buffers' room
      case LION, SGD_MOMENTUM -> 3;
      default -> 2;
    };
  }

  /** The shape of the op's input: rows of 4096 for softmax and layer norm, of the vocabulary for cross-entropy, (n) for the others. */
  List<Integer> shape(int n) {
    return switch (this) {
      case SOFTMAX -> List.of(n / SOFTMAX_ROW, SOFTMAX_ROW);
      case LAYER_NORM -> List.of(n / LAYER_NORM_ROW, LAYER_NORM_ROW);
      case CROSS_ENTROPY, CROSS_ENTROPY_BACKWARD, SORT -> List.of(n / VOCAB, VOCAB);
      default -> List.of(n);
    };
  }

  /** How many n-element sets of the output pool one call uses: AdamW keeps exp_avg and exp_avg_sq there. */
  int outputSets() {
    return this == ADAMW ? 2 : 1;
  }

  static MemoryOp of(String opName) {
    return valueOf(opName.toUpperCase(Locale.ROOT));
  }
}
