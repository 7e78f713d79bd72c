package io.frontier.tensor.io;

import java.util.Arrays;

/**
 * One tensor's header entry, as stored: no data is loaded.
 *
 * @param name the tensor's name (its key in the header)
 * @param dtype the safetensors dtype name ({@code "F32"}, {@code "BF16"}, ...)
 * @param shape the dims, outermost first; empty for a 0-d tensor
 * @param begin offset of the first byte, relative to the start of the data buffer
 * @param end offset one past the last byte; {@code end - begin} is {@code numel * itemsize}
 */
public record SafetensorsEntry(String name, String dtype, long[] shape, long begin, long end) {

  public SafetensorsEntry {
    shape = shape.clone();
  }

  /** A copy of the shape. */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  public long byteLength() {
    return end - begin;
  }

  // Records compare arrays by identity; an entry is a value, so compare the dims.
  @Override
  public boolean equals(Object o) {
    return o instanceof SafetensorsEntry e
        && name.equals(e.name) && dtype.equals(e.dtype) && Arrays.equals(shape, e.shape)
        && begin == e.begin && end == e.end;
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + dtype.hashCode()) * 31 + Arrays.hashCode(shape) + Long.hashCode(begin ^ end);
  }

  @Override
  public String toString() {
    return name + ": " + dtype + " " + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
  }
}
