package io.frontier.tensor;

import java.util.Locale;

/**
 * Where a tensor's storage lives: the host ({@code cpu}) or a CUDA device ({@code cuda:N}).
 *
 * @param type the kind of device
 * @param index the device ordinal; always 0 for the CPU
 */
public record Device(Type type, int index) {

  /** Device kinds. */
  public enum Type {
    CPU,
    CUDA
  }

  public static final Device CPU = new Device(Type.CPU, 0);

  public Device {
    if (type == null) throw new IllegalArgumentException("Device: type must not be null");
    if (index < 0) throw new IllegalArgumentException("Device: index must be >= 0, got " + index);
    if (type == Type.CPU && index != 0) {
      throw new IllegalArgumentException("Device: the cpu device has no index, got cpu:" + index);
    }
  }

  public static Device cuda(int index) {
    return new Device(Type.CUDA, index);
  }

  /** Parses {@code "cpu"}, {@code "cuda"} (= {@code cuda:0}) or {@code "cuda:N"}. */
  public static Device parse(String spec) {
    String s = spec.trim().toLowerCase(Locale.ROOT);
    if (s.equals("cpu")) return CPU;
    if (s.equals("cuda")) return cuda(0);
    if (s.startsWith("cuda:")) {
      try {
        return cuda(Integer.parseInt(s.substring(5)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Device: cannot parse device index in '" + spec + "'");
      }
    }
    throw new IllegalArgumentException("Device: expected 'cpu' or 'cuda:N', got '" + spec + "'");
  }

  public boolean isCpu() {
    return type == Type.CPU;
  }

  @Override
  public String toString() {
    return type == Type.CPU ? "cpu" : "cuda:" + index;
  }
}
