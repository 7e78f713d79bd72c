package io.frontier.autograd;

import io.frontier.tensor.Tensor;

/**
 * Batched matrix product (B, M, K) @ (B, K, N): dA = G B^T, dB = A^T G.
 *
 * <p>Each gradient is produced in its input's memory layout: when an input is a column-major view
 * (a transposed weight, as {@code x.matmul(w.t())} makes), its gradient is computed as the
 * transposed product and returned transposed, so it arrives at the weight contiguous. Computing it
 * row-major instead would leave a transposed gradient that must be copied element by element.
 */
final class BmmDerivative implements Derivative {

  @Override
  public Tensor[] backward(Node n, Tensor[] go) {
    Tensor g = go[0];
    Tensor a = n.input(0);
    Tensor b = n.input(1);
    Tensor ga = null;
    if (n.needsGrad(0)) {
      ga = columnMajor(a) ? b.bmm(g.transpose(1, 2)).transpose(1, 2) : g.bmm(b.transpose(1, 2));
    }
    Tensor gb = null;
    if (n.needsGrad(1)) {
      gb = columnMajor(b) ? g.transpose(1, 2).bmm(a).transpose(1, 2) : a.transpose(1, 2).bmm(g);
    }
    return new Tensor[] {ga, gb};
  }

  /** True for a (B, R, C) view whose rows are strided and columns contiguous: a transposed matrix. */
  private static boolean columnMajor(Tensor t) {
    return t.size(1) > 1 && t.size(2) > 1 && t.stride(1) == 1 && t.stride(2) != 1;
  }
}
