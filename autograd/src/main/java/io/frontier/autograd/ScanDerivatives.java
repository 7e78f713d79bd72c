package io.frontier.autograd;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.ScanOp;

/** cumsum and cumprod along one dim. */
final class ScanDerivatives implements Derivative {

  @Override
  public boolean savesInputs(Object[] args) {
    return args[0] == ScanOp.CUMPROD;
  }

  @Override
  public boolean savesOutputs(Object[] args) {
    return args[0] == ScanOp.CUMPROD;
  }

  @Override
  public Tensor[] backward(Node n, Tensor[] go) {
    ScanOp op = (ScanOp) n.args[0];
    int d = (int) n.args[1];
    Tensor g = go[0];
    if (op == ScanOp.CUMSUM) return new Tensor[] {reverseCumsum(g, d)};
    // d out_j / d x_i = out_j / x_i for j >= i; exact while x has no zeros.
    Tensor x = n.input(0);
    return new Tensor[] {reverseCumsum(g.mul(n.output(0)), d).div(x)};
  }

  /** Sum over j >= i along d. */
  private static Tensor reverseCumsum(Tensor g, int d) {
    return g.flip(d).cumsum(d).flip(d);
  }
}
