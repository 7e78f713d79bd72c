package io.frontier.autograd;

import io.frontier.tensor.Fused;
import io.frontier.tensor.Tensor;

/** softmax and logSoftmax along a dim, from the saved output y. */
final class SoftmaxDerivative implements Derivative {

  @Override
  public boolean savesInputs(Object[] args) {
    return false;
  }

  @Override
  public boolean savesOutputs(Object[] args) {
    return true;
  }

  @Override
  public Tensor[] backward(Node n, Tensor[] go) {
    int d = (int) n.args[0];
    boolean log = (boolean) n.args[1];
    Tensor y = n.output(0);
    Tensor g = go[0];
    // along the last dim: one fused pass (attention probabilities, most often)
    if (!log && d == y.dim() - 1 && g.dtype() == y.dtype()) return new Tensor[] {Fused.softmaxBackward(g, y, 1.0)};
    Tensor grad = log
        ? g.sub(y.exp().mul(g.sum(new int[] {d}, true)))    // g - softmax * sum(g)
        : y.mul(g.sub(g.mul(y).sum(new int[] {d}, true)));  // y (g - <g, y>)
    return new Tensor[] {grad};
  }
}
