package io.frontier.autograd;

import io.frontier.tensor.Tensor;

/** where(c, a, b): the gradient goes to a where c holds and to b elsewhere (c is args[0]). */
enum WhereDerivative implements Derivative {
  INSTANCE;

  @Override
  public boolean savesInputs(Object[] args) {
    return false;
  }

  @Override
  public Tensor[] backward(Node n, Tensor[] go) {
    Tensor c = (Tensor) n.args[0];
    Tensor g = go[0];
    Tensor zero = Tensor.zerosLike(g);
    return new Tensor[] {n.needsGrad(0) ? Tensor.where(c, g, zero) : null, n.needsGrad(1) ? Tensor.where(c, zero, g) : null};
  }
}
