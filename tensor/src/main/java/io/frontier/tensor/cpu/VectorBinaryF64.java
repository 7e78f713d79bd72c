package io.frontier.tensor.cpu;

import io.frontier.tensor.backend.BinaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops for float64 arithmetic on rows whose output is contiguous and whose inputs are
 * contiguous (stride 1) or broadcast scalars (stride 0). Loaded only when
 * {@link VectorSupport#available()}. One method per op keeps each vector operation a JIT
 * constant; tails use the scalar definition.
 */
final class VectorBinaryF64 {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorBinaryF64() {}

  /**
   * Runs {@code o = a op b} over {@code n} elements for stride pairs (1, 1), (1, 0) and (0, 1);
   * returns false (writing nothing) for other ops.
   */
  static boolean apply(BinaryOp op, double[] a, int ao, int as, double[] b, int bo, int bs, double[] o, int oo, int n) {
    int done;
    switch (op) {
      case ADD -> done = add(a, ao, as, b, bo, bs, o, oo, n);
      case SUB -> done = sub(a, ao, as, b, bo, bs, o, oo, n);
      case MUL -> done = mul(a, ao, as, b, bo, bs, o, oo, n);
      case DIV -> done = div(a, ao, as, b, bo, bs, o, oo, n);
      case MAXIMUM -> done = max(a, ao, as, b, bo, bs, o, oo, n);
      case MINIMUM -> done = min(a, ao, as, b, bo, bs, o, oo, n);
      default -> {
        return false;
      }
    }
    for (int i = done; i < n; i++) o[oo + i] = op.apply(a[ao + i * as], b[bo + i * bs]);
    return true;
  }

  private static int add(double[] a, int ao, int as, double[] b, int bo, int bs, double[] o, int oo, int n) {
    int i = 0;
    int u = S.loopBound(n);
    if (as == 1 && bs == 1) {
      for (; i < u; i += L) DoubleVector.fromArray(S, a, ao + i).add(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    } else if (as == 1) {
      DoubleVector y = DoubleVector.broadcast(S, b[bo]);
      for (; i < u; i += L) DoubleVector.fromArray(S, a, ao + i).add(y).intoArray(o, oo + i);
    } else {
      DoubleVector x = DoubleVector.broadcast(S, a[ao]);
      for (; i < u; i += L) x.add(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int sub(double[] a, int ao, int as, double[] b, int bo, int bs, double[] o, int oo, int n) {
    int i = 0;
    int u = S.loopBound(n);
    if (as == 1 && bs == 1) {
      for (; i < u; i += L) DoubleVector.fromArray(S, a, ao + i).sub(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    } else if (as == 1) {
      DoubleVector y = DoubleVector.broadcast(S, b[bo]);
      for (; i < u; i += L) DoubleVector.fromArray(S, a, ao + i).sub(y).intoArray(o, oo + i);
    } else {
      DoubleVector x = DoubleVector.broadcast(S, a[ao]);
      for (; i < u; i += L) x.sub(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int mul(double[] a, int ao, int as, double[] b, int bo, int bs, double[] o, int oo, int n) {
    int i = 0;
    int u = S.loopBound(n);
    if (as == 1 && bs == 1) {
      for (; i < u; i += L) DoubleVector.fromArray(S, a, ao + i).mul(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    } else if (as == 1) {
      DoubleVector y = DoubleVector.broadcast(S, b[bo]);
      for (; i < u; i += L) DoubleVector.fromArray(S, a, ao + i).mul(y).intoArray(o, oo + i);
    } else {
      DoubleVector x = DoubleVector.broadcast(S, a[ao]);
      for (; i < u; i += L) x.mul(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int div(double[] a, int ao, int as, double[] b, int bo, int bs, double[] o, int oo, int n) {
    int i = 0;
    int u = S.loopBound(n);
    if (as == 1 && bs == 1) {
      for (; i < u; i += L) DoubleVector.fromArray(S, a, ao + i).div(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    } else if (as == 1) {
      DoubleVector y = DoubleVector.broadcast(S, b[bo]);
      for (; i < u; i += L) DoubleVector.fromArray(S, a, ao + i).div(y).intoArray(o, oo + i);
    } else {
      DoubleVector x = DoubleVector.broadcast(S, a[ao]);
      for (; i < u; i += L) x.div(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int max(double[] a, int ao, int as, double[] b, int bo, int bs, double[] o, int oo, int n) {
    int i = 0;
    int u = S.loopBound(n);
    if (as == 1 && bs == 1) {
      for (; i < u; i += L) DoubleVector.fromArray(S, a, ao + i).max(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    } else if (as == 1) {
      DoubleVector y = DoubleVector.broadcast(S, b[bo]);
      for (; i < u; i += L) DoubleVector.fromArray(S, a, ao + i).max(y).intoArray(o, oo + i);
    } else {
      DoubleVector x = DoubleVector.broadcast(S, a[ao]);
      for (; i < u; i += L) x.max(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    }
    return i;
  }

  private static int min(double[] a, int ao, int as, double[] b, int bo, int bs, double[] o, int oo, int n) {
    int i = 0;
    int u = S.loopBound(n);
    if (as == 1 && bs == 1) {
      for (; i < u; i += L) DoubleVector.fromArray(S, a, ao + i).min(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    } else if (as == 1) {
      DoubleVector y = DoubleVector.broadcast(S, b[bo]);
      for (; i < u; i += L) DoubleVector.fromArray(S, a, ao + i).min(y).intoArray(o, oo + i);
    } else {
      DoubleVector x = DoubleVector.broadcast(S, a[ao]);
      for (; i < u; i += L) x.min(DoubleVector.fromArray(S, b, bo + i)).intoArray(o, oo + i);
    }
    return i;
  }

}
