package io.frontier.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API row reductions (loaded only when {@link VectorSupport#available()}). Sums keep four
 * independent accumulators so consecutive adds do not wait on each other; max and min propagate
 * NaN as {@link Math#max} does.
 */
final class VectorReductions {
  private static final VectorSpecies<Float> SF = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> SD = DoubleVector.SPECIES_PREFERRED;
  private static final int LF = SF.length();
  private static final int LD = SD.length();

  private VectorReductions() {}

  static double sumF32(float[] a, int off, int n) {
    FloatVector s0 = FloatVector.zero(SF), s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    for (int u = n - 4 * LF; i <= u; i += 4 * LF) {
      s0 = s0.add(FloatVector.fromArray(SF, a, off + i));
      s1 = s1.add(FloatVector.fromArray(SF, a, off + i + LF));
      s2 = s2.add(FloatVector.fromArray(SF, a, off + i + 2 * LF));
      s3 = s3.add(FloatVector.fromArray(SF, a, off + i + 3 * LF));
    }
    for (int u = SF.loopBound(n); i < u; i += LF) s0 = s0.add(FloatVector.fromArray(SF, a, off + i));
    double acc = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) acc += a[off + i];
    return acc;
  }

  static double sumF64(double[] a, int off, int n) {
    DoubleVector s0 = DoubleVector.zero(SD), s1 = s0, s2 = s0, s3 = s0;
    int i = 0;
    for (int u = n - 4 * LD; i <= u; i += 4 * LD) {
      s0 = s0.add(DoubleVector.fromArray(SD, a, off + i));
      s1 = s1.add(DoubleVector.fromArray(SD, a, off + i + LD));
      s2 = s2.add(DoubleVector.fromArray(SD, a, off + i + 2 * LD));
      s3 = s3.add(DoubleVector.fromArray(SD, a, off + i + 3 * LD));
    }
    for (int u = SD.loopBound(n); i < u; i += LD) s0 = s0.add(DoubleVector.fromArray(SD, a, off + i));
    double acc = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) acc += a[off + i];
    return acc;
  }

  /** {@code sum a[aOff + i] b[bOff + i]} over i < n, in two fused multiply-add accumulators. */
  static double dotF64(double[] a, int aOff, double[] b, int bOff, int n) {
    DoubleVector s0 = DoubleVector.zero(SD), s1 = s0;
    int i = 0;
    for (int u = n - 2 * LD; i <= u; i += 2 * LD) {
      s0 = DoubleVector.fromArray(SD, a, aOff + i).fma(DoubleVector.fromArray(SD, b, bOff + i), s0);
      s1 = DoubleVector.fromArray(SD, a, aOff + i + LD).fma(DoubleVector.fromArray(SD, b, bOff + i + LD), s1);
    }
    for (int u = SD.loopBound(n); i < u; i += LD) s0 = DoubleVector.fromArray(SD, a, aOff + i).fma(DoubleVector.fromArray(SD, b, bOff + i), s0);
    double acc = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) acc += a[aOff + i] * b[bOff + i];
    return acc;
  }

  static double maxF32(float[] a, int off, int n) {
    FloatVector m = FloatVector.broadcast(SF, Float.NEGATIVE_INFINITY);
    int i = 0;
    for (int u = SF.loopBound(n); i < u; i += LF) m = m.max(FloatVector.fromArray(SF, a, off + i));
    double acc = m.reduceLanes(VectorOperators.MAX);
    for (; i < n; i++) acc = Math.max(acc, a[off + i]);
    return acc;
  }

  static double minF32(float[] a, int off, int n) {
    FloatVector m = FloatVector.broadcast(SF, Float.POSITIVE_INFINITY);
    int i = 0;
    for (int u = SF.loopBound(n); i < u; i += LF) m = m.min(FloatVector.fromArray(SF, a, off + i));
    double acc = m.reduceLanes(VectorOperators.MIN);
    for (; i < n; i++) acc = Math.min(acc, a[off + i]);
    return acc;
  }

  static double maxF64(double[] a, int off, int n) {
    DoubleVector m = DoubleVector.broadcast(SD, Double.NEGATIVE_INFINITY);
    int i = 0;
    for (int u = SD.loopBound(n); i < u; i += LD) m = m.max(DoubleVector.fromArray(SD, a, off + i));
    double acc = m.reduceLanes(VectorOperators.MAX);
    for (; i < n; i++) acc = Math.max(acc, a[off + i]);
    return acc;
  }

  static double minF64(double[] a, int off, int n) {
    DoubleVector m = DoubleVector.broadcast(SD, Double.POSITIVE_INFINITY);
    int i = 0;
    for (int u = SD.loopBound(n); i < u; i += LD) m = m.min(DoubleVector.fromArray(SD, a, off + i));
    double acc = m.reduceLanes(VectorOperators.MIN);
    for (; i < n; i++) acc = Math.min(acc, a[off + i]);
    return acc;
  }
}
