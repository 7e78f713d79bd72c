package io.frontier.autograd;

import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The end of the graph for a leaf that requires grad: adds the incoming gradient into the leaf's
 * {@code grad()} (PyTorch's AccumulateGrad). One per leaf, kept in the leaf's engine slot, so that
 * every use of the leaf in a graph meets at the same target.
 */
final class LeafAccumulator implements GraphTarget {
  final Tensor leaf;
  final List<UnaryOperator<Tensor>> hooks = new ArrayList<>(0);

  private LeafAccumulator(Tensor leaf) {
    this.leaf = leaf;
  }

  static LeafAccumulator of(Tensor leaf) {
    synchronized (leaf) {
      Object slot = Grad.leafSlot(leaf);
      if (slot instanceof LeafAccumulator a) return a;
      LeafAccumulator a = new LeafAccumulator(leaf);
      Grad.setLeafSlot(leaf, a);
      return a;
    }
  }

  /** Runs the hooks on a gradient bound for this leaf. */
  Tensor applyHooks(Tensor g) {
    for (UnaryOperator<Tensor> h : hooks) {
      Tensor r = h.apply(g);
      if (r != null) g = r;
    }
    return g;
  }

  /**
   * Adds {@code g} into the leaf's grad. The first gradient is stored as is when the engine owns it
   * ({@code owned}: made during this backward, referenced by nothing else), else as a copy, since a
   * formula may hand one tensor to several inputs and a later accumulation adds in place.
   */
  void accumulate(Tensor g, boolean owned) {
    Tensor current = leaf.grad();
    if (current == null) {
      leaf.setGrad(owned ? g.detach() : g.clone());
    } else {
      current.add_(g);
    }
  }
}
