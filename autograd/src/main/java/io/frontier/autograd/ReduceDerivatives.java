package io.frontier.autograd;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.ReduceOp;
import java.util.EnumSet;
import java.util.Set;

/** sum, prod, amax and amin over dims; the output keeps the reduced dims (size 1). */
final class ReduceDerivatives implements Derivative {
  static final Set<ReduceOp> DIFFERENTIABLE = EnumSet.of(ReduceOp.SUM, ReduceOp.PROD, ReduceOp.MAX, ReduceOp.MIN);

  @Override
  public boolean savesInputs(Object[] args) {
    return args[0] != ReduceOp.SUM;
  }

  @Override
  public boolean savesOutputs(Object[] args) {
    return args[0] != ReduceOp.SUM;
  }

  @Override
  public Tensor[] backward(Node n, Tensor[] go) {
    ReduceOp op = (ReduceOp) n.args[0];
    int[] dims = (int[]) n.args[1];
    int[] shape = n.inputShapes[0];
    Tensor g = go[0];
    Tensor grad = switch (op) {
      case SUM -> g.expand(shape);
      case PROD -> g.mul(prodOfOthers(n.input(0), n.output(0), dims));
      case MAX, MIN -> {
        // The gradient is shared evenly among the elements that attain the extreme.
        Tensor hit = n.input(0).eq(n.output(0)).to(g.dtype());
        yield g.mul(hit).div(hit.sum(dims, true));
      }
      default -> throw new IllegalStateException(op + " is not differentiable");
    };
    return new Tensor[] {grad};
  }

  /**
   * The product of every other element of each reduced slice: out / x where x != 0; where the
   * slice holds exactly one zero, that zero's entry is the product of the rest; otherwise 0.
   */
  private static Tensor prodOfOthers(Tensor x, Tensor out, int[] dims) {
    Tensor zero = x.eq(0.0);
    Tensor zeros = zero.to(x.dtype()).sum(dims, true);
    Tensor nonZeroProd = Tensor.where(zero, Tensor.onesLike(x), x).prod(dims, true);
    Tensor safeX = Tensor.where(zero, Tensor.onesLike(x), x);
    Tensor noZero = out.div(safeX);
    Tensor atZero = Tensor.where(zeros.eq(1.0), nonZeroProd, Tensor.zerosLike(nonZeroProd)).expand(x.shape());
    Tensor r = Tensor.where(zero, atZero, Tensor.where(zeros.eq(0.0).expand(x.shape()), noZero, Tensor.zerosLike(x)));
    return r;
  }
}
