package io.frontier.autograd;

import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.Arrays;

/**
 * split / chunk (args: dim, the parts' sizes along it): one gradient of the input, each part's
 * gradient copied into its slice and only a part without one zero-filled. The parts' gradients
 * arrive together (the parts are one node's outputs), so the input's gradient is written once,
 * instead of one zero-filled input-sized gradient per part, summed by the engine. Where the parts'
 * gradients already are consecutive slices of one buffer (the fused attention writes the gradients
 * of q, k and v cut from one qkv projection that way), that buffer is the input's gradient, no copy.
 */
final class SplitDerivative implements Derivative {

  @Override
  public boolean savesInputs(Object[] args) {
    return false;
  }

  @Override
  public Tensor[] backward(Node n, Tensor[] go) {
    int d = (int) n.args[0];
    int[] sizes = (int[]) n.args[1];
    Tensor joined = Grad.joinedView(Arrays.asList(go), d);
    if (joined != null && Arrays.equals(joined.shape(), n.inputShapes[0])) return new Tensor[] {joined};
    Tensor grad = Tensor.empty(n.inputDtypes[0], n.inputDevices[0], n.inputShapes[0]);
    int start = 0;
    for (int i = 0; i < sizes.length; i++) {
      Tensor slice = grad.narrow(d, start, sizes[i]);
      if (go[i] != null) {
        slice.copy_(go[i]);
      } else {
        slice.fill_(0.0);
      }
      start += sizes[i];
    }
    return new Tensor[] {grad};
  }
}
