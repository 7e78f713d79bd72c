package io.frontier.autograd;

import io.frontier.tensor.Tensor;

/**
 * The product over two batch dims (B1, B2, M, K) @ (B1, B2, K, N) that matmul records when the
 * batch dims do not merge without a copy (attention heads): dA = G B^T, dB = A^T G, through matmul
 * again, so the backward does not copy them either.
 */
final class Matmul4Derivative implements Derivative {

  @Override
  public Tensor[] backward(Node n, Tensor[] go) {
    Tensor g = go[0];
    Tensor a = n.input(0);
    Tensor b = n.input(1);
    Tensor ga = n.needsGrad(0) ? g.matmul(b.transpose(2, 3)) : null;
    Tensor gb = n.needsGrad(1) ? a.transpose(2, 3).matmul(g) : null;
    return new Tensor[] {ga, gb};
  }
}
