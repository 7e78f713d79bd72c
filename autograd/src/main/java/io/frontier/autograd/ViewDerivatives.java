package io.frontier.autograd;

import io.frontier.tensor.Tensor;
import java.util.List;

/**
 * View ops (args[0] names the op). Shape-only views reshape the gradient back; expand returns the
 * gradient and lets the engine sum the broadcast dims; slicing views write the gradient into zeros
 * of the input's shape.
 */
final class ViewDerivatives implements Derivative {
  static final List<String> NAMES = List.of("reshape", "transpose", "permute", "expand", "slice", "select", "diagonal");

  @Override
  public boolean savesInputs(Object[] args) {
    return false;
  }

  @Override
  public Tensor[] backward(Node n, Tensor[] go) {
    Tensor g = go[0];
    int[] shape = n.inputShapes[0];
    Object[] a = n.args;
    Tensor grad = switch ((String) a[0]) {
      case "reshape" -> g.reshape(shape);
      case "transpose" -> g.transpose((int) a[1], (int) a[2]);
      case "permute" -> {
        int[] dims = (int[]) a[1];
        int[] inverse = new int[dims.length];
        for (int i = 0; i < dims.length; i++) inverse[dims[i]] = i;
        yield g.permute(inverse);
      }
      case "expand" -> g;
      case "slice" -> {
        int d = (int) a[1];
        int start = (int) a[2];
        int step = (int) a[3];
        int len = (int) a[4];
        Tensor z = Tensor.zeros(g.dtype(), g.device(), shape);
        if (len > 0) z.slice(d, start, start + (len - 1) * step + 1, step).copy_(g);
        yield z;
      }
      case "select" -> {
        Tensor z = Tensor.zeros(g.dtype(), g.device(), shape);
        z.select((int) a[1], (int) a[2]).copy_(g);
        yield z;
      }
      case "diagonal" -> {
        Tensor z = Tensor.zeros(g.dtype(), g.device(), shape);
        z.diagonal((int) a[1], (int) a[2], (int) a[3]).copy_(g);
        yield z;
      }
      default -> throw new IllegalStateException("no derivative for view op " + a[0]);
    };
    return new Tensor[] {grad};
  }
}
