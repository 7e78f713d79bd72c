package io.frontier.autograd;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.GradFn;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One recorded op: where its inputs' gradients go, what its backward formula needs (saved tensors
 * with the storage versions they had when saved, the op's arguments, the inputs' shapes and
 * dtypes) and the hooks on its outputs' gradients.
 */
final class Node implements GradFn, GraphTarget {
  final String family;
  final Object[] args;
  final Derivative derivative;
  final Edge[] next;
  final int[][] inputShapes;
  final DType[] inputDtypes;
  final Device[] inputDevices;
  final int numOutputs;
  final int[][] outputShapes;
  private Tensor[] savedInputs;
  private int[] savedInputVersions;
  private Tensor[] savedOutputs;
  private int[] savedOutputVersions;
  private boolean released;
  /** Hooks per output, registered through Tensor.registerHook on a non-leaf; null until used. */
  List<UnaryOperator<Tensor>>[] outputHooks;
  /** Outputs whose gradient is kept in their grad() (retainGrad); null until used. */
  Tensor[] retained;

  Node(String family, Object[] args, Derivative derivative, Tensor[] inputs, Tensor[] outputs) {
    this.family = family;
    this.args = args;
    this.derivative = derivative;
    int n = inputs.length;
    next = new Edge[n];
    inputShapes = new int[n][];
    inputDtypes = new DType[n];
    inputDevices = new Device[n];
    for (int i = 0; i < n; i++) {
      Tensor t = inputs[i];
      inputShapes[i] = t.shape();
      inputDtypes[i] = t.dtype();
      inputDevices[i] = t.device();
      if (!t.requiresGrad()) continue;
      GradFn fn = t.gradFn();
      next[i] = fn == null ? new Edge(LeafAccumulator.of(t), 0) : new Edge((Node) fn, io.frontier.tensor.Grad.outputIndex(t));
    }
    numOutputs = outputs.length;
    outputShapes = new int[numOutputs][];
    for (int i = 0; i < numOutputs; i++) outputShapes[i] = outputs[i].shape();
    if (derivative.savesInputs(args)) {
      savedInputs = inputs.clone();
      savedInputVersions = versions(inputs);
    }
    if (derivative.savesOutputs(args)) {
      savedOutputs = outputs.clone();
      savedOutputVersions = versions(outputs);
    }
  }

  private static int[] versions(Tensor[] ts) {
    int[] v = new int[ts.length];
    for (int i = 0; i < ts.length; i++) v[i] = ts[i].storage().version();
    return v;
  }

  @Override
  public String name() {
    if (args.length > 0 && (args[0] instanceof Enum<?> || args[0] instanceof String)) return family + "." + args[0];
    return family;
  }

  /** True when input i's gradient is wanted (it requires grad). */
  boolean needsGrad(int i) {
    return next[i] != null;
  }

  /** Saved input i, checked against in-place changes since the forward pass. */
  Tensor input(int i) {
    return checked(savedInputs, savedInputVersions, i, "input");
  }

  /** Saved output i, checked likewise. */
  Tensor output(int i) {
    return checked(savedOutputs, savedOutputVersions, i, "output");
  }

  private Tensor checked(Tensor[] saved, int[] versions, int i, String what) {
    if (released) {
      throw new IllegalStateException("backward through " + name() + " a second time: its saved tensors were freed after the first backward; "
          + "pass retainGraph=true to the first backward");
    }
    if (saved == null) throw new IllegalStateException("derivative of " + name() + " reads its " + what + " but did not save it");
    Tensor t = saved[i];
    int now = t.storage().version();
    if (now != versions[i]) {
      throw new IllegalStateException("one of the tensors needed for gradient computation has been modified by an in-place operation: "
          + what + " " + i + " of " + name() + " (shape " + java.util.Arrays.toString(t.shape()) + ") is at version " + now
          + "; expected version " + versions[i]);
    }
    return t;
  }

  /** Frees the saved tensors after a backward without retainGraph. */
  void release() {
    released = true;
    savedInputs = null;
    savedOutputs = null;
  }

  boolean isReleased() {
    return released;
  }

  @SuppressWarnings("unchecked")
  void addHook(int output, UnaryOperator<Tensor> hook) {
    if (outputHooks == null) outputHooks = new List[numOutputs];
    if (outputHooks[output] == null) outputHooks[output] = new ArrayList<>(1);
    outputHooks[output].add(hook);
  }

  void retain(int output, Tensor t) {
    if (retained == null) retained = new Tensor[numOutputs];
    retained[output] = t;
  }

  @Override
  public String toString() {
    return "<" + name() + ">";
  }
}
