package io.frontier.autograd;

import io.frontier.tensor.Tensor;

/**
 * clamp(x, min, max) as PyTorch differentiates it: x gets the gradient where min <= x <= max; min
 * where x < min (and min < max); max where x > max (or max < min, when the result is max). Inputs
 * are (x, min, max) without the absent bound; args say which bounds are present.
 */
final class ClampDerivative implements Derivative {

  @Override
  public Tensor[] backward(Node n, Tensor[] go) {
    boolean hasMin = (boolean) n.args[0];
    boolean hasMax = (boolean) n.args[1];
    Tensor g = go[0];
    Tensor zero = Tensor.zerosLike(g);
    Tensor x = n.input(0);
    Tensor min = hasMin ? n.input(1) : null;
    Tensor max = hasMax ? n.input(hasMin ? 2 : 1) : null;
    Tensor[] grads = new Tensor[n.next.length];
    if (n.needsGrad(0)) {
      Tensor inside = min != null ? x.ge(min) : null;
      if (max != null) inside = inside == null ? x.le(max) : inside.logicalAnd(x.le(max));
      grads[0] = Tensor.where(inside, g, zero);
    }
    if (min != null && n.needsGrad(1)) {
      Tensor below = x.lt(min);
      if (max != null) below = below.logicalAnd(min.lt(max));
      grads[1] = Tensor.where(below, g, zero);
    }
    int maxInput = hasMin ? 2 : 1;
    if (max != null && n.needsGrad(maxInput)) {
      Tensor above = x.gt(max);
      if (min != null) above = above.logicalOr(max.lt(min));
      grads[maxInput] = Tensor.where(above, g, zero);
    }
    return grads;
  }
}
