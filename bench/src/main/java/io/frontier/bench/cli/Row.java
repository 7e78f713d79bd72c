package io.frontier.bench.cli;

import java.util.Arrays;
import java.util.List;

/**
 * One measurement, written as one JSON row: {@code value} is the median of JMH's measurement
 * iterations, each converted to {@code unit} before the median is taken. {@code min} and
 * {@code max} over the same iterations go to the console and Markdown only.
 *
 * @param shape the op's shape: (m, k, n) for matmul, the tensor shape for elementwise ops
 */
public record Row(
    String op,
    String backend,
    String impl,
    String dtype,
    List<Integer> shape,
    int threads,
    double value,
    String unit,
    double min,
    double max) {

  public Row {
    shape = List.copyOf(shape);
  }

  /** A CPU row from per-iteration values already in {@code unit}. */
  static Row of(String op, String impl, String dtype, List<Integer> shape, int threads, String unit, double[] values) {
    return of(op, "cpu", impl, dtype, shape, threads, unit, values);
  }

  /** A row of {@code backend} from per-repetition values already in {@code unit}: their median, min and max. */
  public static Row of(String op, String backend, String impl, String dtype, List<Integer> shape, int threads, String unit, double[] values) {
    if (values.length == 0) throw new IllegalArgumentException(op + "/" + impl + ": no iteration results");
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Row(op, backend, impl, dtype, shape, threads, median(values), unit, sorted[0], sorted[sorted.length - 1]);
  }

  /** The median; the mean of the two middle values for an even count. */
  public static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int mid = s.length / 2;
    return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  }

  public String shapeText() {
    return shapeText(shape);
  }

  /** "1024x1024x1024". */
  public static String shapeText(List<Integer> shape) {
    return String.join("x", shape.stream().map(String::valueOf).toList());
  }
}
