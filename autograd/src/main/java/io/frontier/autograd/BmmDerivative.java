package io.frontier.autograd;

import io.frontier.tensor.Tensor;

/** Batched matrix product (B, M, K) @ (B, K, N): dA = G B^T, dB = A^T G. */
final class BmmDerivative implements Derivative {

  @Override
  public Tensor[] backward(Node n, Tensor[] go) {
    Tensor g = go[0];
    Tensor ga = n.needsGrad(0) ? g.bmm(n.input(1).transpose(1, 2)) : null;
    Tensor gb = n.needsGrad(1) ? n.input(0).transpose(1, 2).bmm(g) : null;
    return new Tensor[] {ga, gb};
  }
}
