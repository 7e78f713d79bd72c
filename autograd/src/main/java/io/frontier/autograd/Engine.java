package io.frontier.autograd;

import io.frontier.tensor.Grad;
import io.frontier.tensor.GradFn;
import io.frontier.tensor.Storage;
import io.frontier.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The reverse-mode engine behind {@code Tensor.backward()} and {@link Autograd#grad}: records nodes
 * as ops run (through {@link Grad.Engine}), then walks them from the roots in dependency order,
 * summing the gradients that meet at each node before running its formula.
 */
public final class Engine implements Grad.Engine {

  @Override
  public void record(String family, Tensor[] inputs, Tensor[] outputs, Object[] args) {
    Derivative d = Derivatives.of(family, args);
    Node node = new Node(family, args, d, inputs, outputs);
    for (int i = 0; i < outputs.length; i++) Grad.setGradFn(outputs[i], node, i);
    if (Anomaly.enabled()) Anomaly.checkForward(node, outputs);
  }

  @Override
  public Tensor inPlace(String op, Tensor self, UnaryOperator<Tensor> outOfPlace) {
    if (self.isLeaf() && self.requiresGrad()) {
      throw new IllegalStateException(op + ": a leaf tensor that requires grad is used in an in-place operation; "
          + "update parameters inside Grad.noGrad() (as optimizers do) or use the out-of-place op");
    }
    if (Grad.isView(self)) {
      throw new IllegalStateException(op + ": in-place ops on a view are not differentiable in Frontier yet (the tensor it was taken from "
          + "would keep a stale history); use the out-of-place op, or clone() the view first");
    }
    Tensor old = self.clone(); // recorded: the new value's history starts from self's old one
    Tensor value = outOfPlace.apply(old);
    Grad.assignData(self, value);
    if (value.requiresGrad()) {
      Grad.setGradFn(self, value.gradFn(), Grad.outputIndex(value));
    }
    return self;
  }

  @Override
  public void registerHook(Tensor t, UnaryOperator<Tensor> hook) {
    GradFn fn = t.gradFn();
    if (fn == null) LeafAccumulator.of(t).hooks.add(hook);
    else ((Node) fn).addHook(Grad.outputIndex(t), hook);
  }

  @Override
  public void retainGrad(Tensor t) {
    GradFn fn = t.gradFn();
    if (fn != null) ((Node) fn).retain(Grad.outputIndex(t), t);
  }

  @Override
  public void backward(Tensor[] roots, Tensor[] seeds, boolean retainGraph) {
    run(roots, seeds, retainGraph, null);
  }

  /**
   * Gradients of the roots with respect to {@code inputs}, without touching any grad(); null for an
   * input the roots do not depend on.
   */
  Tensor[] grad(Tensor[] roots, Tensor[] seeds, Tensor[] inputs, boolean retainGraph) {
    Map<Object, Integer> targets = new HashMap<>();
    for (int i = 0; i < inputs.length; i++) {
      Tensor t = inputs[i];
      if (!t.requiresGrad()) throw new IllegalArgumentException("grad: input " + i + " does not require grad");
      targets.put(key(t), i);
    }
    Tensor[] out = new Tensor[inputs.length];
    run(roots, seeds, retainGraph, new Capture(targets, out));
    return out;
  }

  /** The gradients Autograd.grad asks for: where each input's gradient arrives. */
  private record Capture(Map<Object, Integer> targets, Tensor[] results) {}

  /** A leaf's accumulator, or (node, output index) for a non-leaf. */
  private static Object key(Tensor t) {
    GradFn fn = t.gradFn();
    return fn == null ? LeafAccumulator.of(t) : new Slot((Node) fn, Grad.outputIndex(t));
  }

  private record Slot(Node node, int index) {}

  private void run(Tensor[] roots, Tensor[] seeds, boolean retainGraph, Capture capture) {
    try (Grad.Scope s = Grad.noGrad()) {
      // Storages that something besides this backward may reference (seeds, what hooks saw or
      // returned, retained and captured gradients, gradients already stored in a leaf). Formulas are
      // pure, so a gradient they made, or a view of one, is the engine's alone; a leaf may keep a
      // gradient without a copy when it covers a storage that is none of these.
      Set<Storage> foreign = Collections.newSetFromMap(new IdentityHashMap<>());
      // Seed the roots' gradients.
      Map<GraphTarget, Tensor[]> pending = new IdentityHashMap<>();
      for (int i = 0; i < roots.length; i++) {
        Tensor root = roots[i];
        Tensor seed = seeds[i];
        if (seed == null) {
          if (root.numel() != 1) {
            throw new IllegalArgumentException("backward: grad can be implicitly created only for scalar outputs; this one has shape "
                + Arrays.toString(root.shape()) + ", pass a gradient of that shape");
          }
          seed = Tensor.onesLike(root);
        } else if (!Arrays.equals(seed.shape(), root.shape())) {
          throw new IllegalArgumentException("backward: gradient of shape " + Arrays.toString(seed.shape()) + " for an output of shape "
              + Arrays.toString(root.shape()));
        }
        foreign.add(seed.storage());
        GradFn fn = root.gradFn();
        if (fn == null) {
          addInto(pending, LeafAccumulator.of(root), 1, 0, seed);
        } else {
          Node n = (Node) fn;
          addInto(pending, n, n.numOutputs, Grad.outputIndex(root), seed);
        }
      }
      // Count, for each target reachable from the roots, the edges that lead into it.
      Map<GraphTarget, Integer> dependencies = new IdentityHashMap<>();
      ArrayDeque<GraphTarget> stack = new ArrayDeque<>(pending.keySet());
      IdentityHashMap<GraphTarget, Boolean> seen = new IdentityHashMap<>();
      for (GraphTarget t : pending.keySet()) seen.put(t, true);
      while (!stack.isEmpty()) {
        GraphTarget t = stack.pop();
        if (!(t instanceof Node n)) continue;
        for (Edge e : n.next) {
          if (e == null) continue;
          dependencies.merge(e.target(), 1, Integer::sum);
          if (seen.put(e.target(), true) == null) stack.push(e.target());
        }
      }
      ArrayDeque<GraphTarget> ready = new ArrayDeque<>();
      for (GraphTarget t : pending.keySet()) if (!dependencies.containsKey(t)) ready.add(t);
      while (!ready.isEmpty()) {
        GraphTarget t = ready.poll();
        Tensor[] grads = pending.remove(t);
        if (t instanceof LeafAccumulator leaf) {
          Tensor g = grads == null ? null : grads[0];
          if (g == null) continue;
          if (!leaf.hooks.isEmpty()) {
            foreign.add(g.storage());
            g = leaf.applyHooks(g);
            foreign.add(g.storage());
          }
          if (capture == null) {
            boolean owned = !foreign.contains(g.storage()) && g.isContiguous() && g.storageOffset() == 0
                && g.numel() == g.storage().numel();
            foreign.add(g.storage());
            leaf.accumulate(g, owned);
          } else {
            Integer idx = capture.targets().get(leaf);
            if (idx != null) capture.results()[idx] = g;
          }
          continue;
        }
        Node n = (Node) t;
        if (grads == null) grads = new Tensor[n.numOutputs];
        for (int o = 0; o < n.numOutputs; o++) {
          if (grads[o] == null) continue;
          if (n.outputHooks != null && n.outputHooks[o] != null) {
            for (UnaryOperator<Tensor> h : n.outputHooks[o]) {
              foreign.add(grads[o].storage());
              Tensor r = h.apply(grads[o]);
              if (r != null) grads[o] = r;
            }
            foreign.add(grads[o].storage());
          }
          if (n.retained != null && n.retained[o] != null && capture == null) n.retained[o].setGrad(grads[o].clone());
          if (capture != null) {
            Integer idx = capture.targets().get(new Slot(n, o));
            if (idx != null) {
              capture.results()[idx] = grads[o];
              foreign.add(grads[o].storage());
            }
          }
        }
        if (n.isReleased()) {
          throw new IllegalStateException("backward through " + n.name() + " a second time: its saved tensors were freed after the first "
              + "backward; pass retainGraph=true to the first backward");
        }
        boolean any = false;
        for (Tensor g : grads) any |= g != null;
        Tensor[] inputGrads = any ? n.derivative.backward(n, grads) : new Tensor[n.next.length];
        if (Anomaly.enabled()) Anomaly.checkBackward(n, inputGrads);
        if (!retainGraph) n.release();
        for (int i = 0; i < n.next.length; i++) {
          Edge e = n.next[i];
          if (e == null) continue;
          Tensor g = inputGrads[i] == null ? null : Shapes.fitTo(inputGrads[i], n, i);
          if (g != null) {
            int outputs = e.target() instanceof Node m ? m.numOutputs : 1;
            addInto(pending, e.target(), outputs, e.index(), g);
          } else {
            pending.computeIfAbsent(e.target(), k -> new Tensor[k instanceof Node m ? m.numOutputs : 1]);
          }
          int left = dependencies.merge(e.target(), -1, Integer::sum);
          if (left == 0) {
            dependencies.remove(e.target());
            ready.add(e.target());
          }
        }
      }
    }
  }

  /** Adds {@code g} into the pending gradient of output {@code index} of {@code target}. */
  private static void addInto(Map<GraphTarget, Tensor[]> pending, GraphTarget target, int outputs, int index, Tensor g) {
    Tensor[] slot = pending.computeIfAbsent(target, k -> new Tensor[outputs]);
    slot[index] = slot[index] == null ? g : slot[index].add(g);
  }
}
