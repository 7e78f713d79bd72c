package io.frontier.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API rows of the scaled softmax backward in float32, {@code dx = scale y (g - sum(g y))}
 * (see {@link CausalSoftmaxKernels#backward}). Loaded only when {@link VectorSupport#available()}.
 * The dot product sums float32 lanes per vector and the lane sums in float64.
 */
final class VectorSoftmaxBackwardF32 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorSoftmaxBackwardF32() {}

  static void row(float[] g, int go, float[] y, int yo, float[] dx, int dxo, int n, float scale) {
    int u = S.loopBound(n);
    FloatVector acc = FloatVector.zero(S);
    int i = 0;
    for (; i < u; i += L) acc = FloatVector.fromArray(S, g, go + i).fma(FloatVector.fromArray(S, y, yo + i), acc);
    double dot = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) dot += (double) g[go + i] * y[yo + i];
    float d = (float) dot;
    FloatVector vd = FloatVector.broadcast(S, d);
    for (i = 0; i < u; i += L) {
      FloatVector yv = FloatVector.fromArray(S, y, yo + i);
      FloatVector.fromArray(S, g, go + i).sub(vd).mul(yv).mul(scale).intoArray(dx, dxo + i);
    }
    for (; i < n; i++) dx[dxo + i] = scale * y[yo + i] * (g[go + i] - d);
  }
}
