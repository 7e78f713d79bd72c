package io.frontier.autograd;

import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.BinaryOp;

/**
 * d/da and d/db of the arithmetic binary ops. The inputs arrive broadcast to the output's shape
 * (the frontend's expand is recorded separately), so the formulas work elementwise.
 */
final class BinaryDerivatives implements Derivative {

  @Override
  public boolean savesInputs(Object[] args) {
    BinaryOp op = (BinaryOp) args[0];
    return op != BinaryOp.ADD && op != BinaryOp.SUB && op != BinaryOp.FLOOR_DIVIDE;
  }

  @Override
  public boolean savesOutputs(Object[] args) {
    return args[0] == BinaryOp.POW;
  }

  @Override
  public Tensor[] backward(Node n, Tensor[] go) {
    BinaryOp op = (BinaryOp) n.args[0];
    Tensor g = go[0];
    boolean da = n.needsGrad(0);
    boolean db = n.needsGrad(1);
    return switch (op) {
      case ADD -> new Tensor[] {g, g};
      case SUB -> new Tensor[] {g, db ? g.neg() : null};
      case MUL -> new Tensor[] {da ? g.mul(n.input(1)) : null, db ? g.mul(n.input(0)) : null};
      case DIV -> {
        Tensor b = n.input(1);
        Tensor gb = db ? g.mul(n.input(0)).div(b.square()).neg() : null;
        yield new Tensor[] {da ? g.div(b) : null, gb};
      }
      case POW -> {
        Tensor a = n.input(0);
        Tensor b = n.input(1);
        // PyTorch's masks: an exponent of 0 gives 0 (not 0 * inf) for d/da; a zero base with a
        // non-negative exponent gives 0 (not 0 * log 0) for d/db.
        Tensor ga = null;
        if (da) {
          Tensor d = b.mul(a.pow(b.sub(1.0)));
          ga = g.mul(Tensor.where(b.eq(0.0), Tensor.zerosLike(d), d));
        }
        Tensor gb = null;
        if (db) {
          Tensor d = n.output(0).mul(a.log());
          gb = g.mul(Tensor.where(a.eq(0.0).logicalAnd(b.ge(0.0)), Tensor.zerosLike(d), d));
        }
        yield new Tensor[] {ga, gb};
      }
      case MAXIMUM, MINIMUM -> {
        // Ties split the gradient evenly, as PyTorch does.
        Tensor a = n.input(0);
        Tensor b = n.input(1);
        Tensor aWins = (op == BinaryOp.MAXIMUM ? a.gt(b) : a.lt(b)).to(g.dtype());
        Tensor tie = a.eq(b).to(g.dtype()).mul(0.5);
        Tensor wa = aWins.add(tie);
        yield new Tensor[] {da ? g.mul(wa) : null, db ? g.mul(wa.rsub(1.0)) : null};
      }
      case ATAN2 -> {
        Tensor a = n.input(0);
        Tensor b = n.input(1);
        Tensor r2 = a.square().add(b.square());
        yield new Tensor[] {da ? g.mul(b).div(r2) : null, db ? g.mul(a).div(r2).neg() : null};
      }
      case REMAINDER -> new Tensor[] {g, db ? g.mul(n.input(0).div(n.input(1), "floor")).neg() : null};
      case FLOOR_DIVIDE -> new Tensor[] {null, null};
      default -> throw new IllegalStateException(op + " is not differentiable");
    };
  }
}
