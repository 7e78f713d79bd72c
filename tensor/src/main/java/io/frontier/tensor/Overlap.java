package io.frontier.tensor;

/**
 * Memory-overlap checks for in-place ops: when an input shares memory with the output but is laid
 * out differently, the input is cloned first so that no element is read after it was overwritten.
 */
final class Overlap {
  private Overlap() {}

  /** {@code input}, or a clone of it when it overlaps {@code output} in a different layout. */
  static Tensor unaliased(Tensor output, Tensor input) {
    if (input.storage != output.storage) return input;
    if (input.offset == output.offset
        && java.util.Arrays.equals(input.shape, output.shape)
        && java.util.Arrays.equals(input.strides, output.strides)) {
      return input; // the same view: elementwise ops read each element before writing it
    }
    if (!rangesIntersect(input, output)) return input;
    return Copies.clone(input);
  }

  private static boolean rangesIntersect(Tensor a, Tensor b) {
    if (a.numel() == 0 || b.numel() == 0) return false;
    return first(a) <= last(b) && first(b) <= last(a);
  }

  private static long first(Tensor t) {
    return t.offset;
  }

  private static long last(Tensor t) {
    long end = t.offset;
    for (int i = 0; i < t.shape.length; i++) end += (long) (t.shape[i] - 1) * t.strides[i];
    return end;
  }
}
