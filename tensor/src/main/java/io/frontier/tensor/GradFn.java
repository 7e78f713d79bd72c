package io.frontier.tensor;

/**
 * The node of the autograd graph that produced a tensor ({@link Tensor#gradFn()}): implemented by
 * frontier-autograd. Named after the op, as PyTorch's {@code grad_fn} ({@code "binary.MUL"}).
 */
public interface GradFn {
  String name();
}
