package io.frontier.tensor.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API row of the attention backward's recomputed probabilities: {@code p = exp(scale s - lse)}
 * in one pass over a row of raw scores, where a softmax takes three; the same bits as
 * {@link AttentionKernels#expShifted}, the path without the Vector API. Loaded only when
 * {@link VectorSupport#available()}.
 */
final class VectorAttentionF32 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private VectorAttentionF32() {}

  /** x[at, at + n) becomes exp(fma(x, scale, -lse)), with {@link VectorExp}. */
  static void expShifted(float[] x, int at, int n, float scale, float lse) {
    FloatVector vs = FloatVector.broadcast(S, scale);
    FloatVector vl = FloatVector.broadcast(S, lse);
    int u = S.loopBound(n);
    int i = 0;
    for (; i < u; i += L) VectorExp.f32(FloatVector.fromArray(S, x, at + i).fma(vs, vl.neg())).intoArray(x, at + i);
    AttentionKernels.expShifted(x, at + i, n - i, scale, lse);
  }
}
