package io.frontier.autograd;

import io.frontier.tensor.Tensor;
import java.util.Arrays;

/** Fits a formula's gradient to its input: sums broadcast dims, casts dtype and device. */
final class Shapes {
  private Shapes() {}

  static Tensor fitTo(Tensor g, Node n, int input) {
    int[] target = n.inputShapes[input];
    if (!Arrays.equals(g.shape(), target)) g = sumTo(g, target, n);
    if (g.dtype() != n.inputDtypes[input]) g = g.to(n.inputDtypes[input]);
    if (!g.device().equals(n.inputDevices[input])) g = g.to(n.inputDevices[input]);
    return g;
  }

  /** Sums {@code g} over the dims that broadcasting added or expanded to reach {@code target}. */
  static Tensor sumTo(Tensor g, int[] target, Node n) {
    int[] shape = g.shape();
    int lead = shape.length - target.length;
    if (lead < 0) {
      throw new IllegalStateException("derivative of " + n.name() + " returned shape " + Arrays.toString(shape) + " for an input of shape "
          + Arrays.toString(target));
    }
    int count = 0;
    int[] dims = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      if (i < lead || (target[i - lead] == 1 && shape[i] != 1)) dims[count++] = i;
      else if (target[i - lead] != shape[i]) {
        throw new IllegalStateException("derivative of " + n.name() + " returned shape " + Arrays.toString(shape) + " for an input of shape "
            + Arrays.toString(target));
      }
    }
    Tensor r = count == 0 ? g : g.sum(Arrays.copyOf(dims, count), true);
    return r.reshape(target);
  }
}
