package io.frontier.autograd;

import io.frontier.tensor.Fused;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;

/** d/dx of every floating and arithmetic unary op (predicates are not differentiable). */
final class UnaryDerivatives implements Derivative {
  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

  @Override
  public boolean savesInputs(Object[] args) {
    return !savesOutputs(args);
  }

  @Override
  public boolean savesOutputs(Object[] args) {
    return switch ((UnaryOp) args[0]) {
      case EXP, EXPM1, SQRT, RSQRT, RECIPROCAL, TANH, SIGMOID, RELU -> true;
      default -> false;
    };
  }

  @Override
  public Tensor[] backward(Node n, Tensor[] go) {
    UnaryOp op = (UnaryOp) n.args[0];
    Tensor g = go[0];
    Tensor grad = switch (op) {
      case NEG -> g.neg();
      case ABS -> g.mul(n.input(0).sign());
      case SIGN, FLOOR, CEIL, ROUND, TRUNC -> Tensor.zerosLike(g);
      case SQUARE -> g.mul(n.input(0)).mul(2.0);
      case RELU -> g.mul(n.output(0).gt(0.0).to(g.dtype()));
      case EXP -> g.mul(n.output(0));
      case EXPM1 -> g.mul(n.output(0).add(1.0));
      case LOG -> g.div(n.input(0));
      case LOG1P -> g.div(n.input(0).add(1.0));
      case SQRT -> g.div(n.output(0).mul(2.0));
      case RSQRT -> g.mul(n.output(0).pow(3L)).mul(-0.5);
      case RECIPROCAL -> g.mul(n.output(0).square()).neg();
      case SIN -> g.mul(n.input(0).cos());
      case COS -> g.mul(n.input(0).sin()).neg();
      case TANH -> g.mul(n.output(0).square().rsub(1.0));
      case SIGMOID -> {
        Tensor y = n.output(0);
        yield g.mul(y).mul(y.rsub(1.0));
      }
      case LOG_SIGMOID -> g.mul(n.input(0).neg().sigmoid());
      case SOFTPLUS -> {
        Tensor x = n.input(0);
        yield g.mul(Tensor.where(x.gt(20.0), Tensor.onesLike(x), x.sigmoid()));
      }
      // one fused pass each (ActivationGrad); written out they take up to fifteen elementwise passes
      case GELU, GELU_TANH, SILU -> Fused.activationBackward(op, g, n.input(0));
      case ERF -> g.mul(n.input(0).square().neg().exp().mul(TWO_OVER_SQRT_PI));
      case LOGICAL_NOT, ISNAN, ISINF, ISFINITE -> throw new IllegalStateException(op + " is not differentiable");
    };
    return new Tensor[] {grad};
  }
}
