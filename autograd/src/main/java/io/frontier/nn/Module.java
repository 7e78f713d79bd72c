package io.frontier.nn;

import io.frontier.tensor.Device;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.io.Safetensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A neural-network building block with PyTorch's conventions: parameters, buffers and child
 * modules registered under names, reached recursively with dotted names
 * ({@code blocks.0.attn.qkv.weight}), a train/eval mode, and a state dict saved as safetensors.
 */
public abstract class Module {
  private final Map<String, Parameter> slots = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  /** Registers a trainable parameter (made a leaf that requires grad). */
  protected final Parameter parameter(String name, Tensor initial) {
    return register(name, new Parameter(initial, true));
  }

  /** Registers a buffer: saved in the state dict, never trained. */
  protected final Parameter buffer(String name, Tensor initial) {
    return register(name, new Parameter(initial, false));
  }

  protected final <M extends Module> M child(String name, M module) {
    checkName(name);
    children.put(name, module);
    return module;
  }

  private Parameter register(String name, Parameter p) {
    checkName(name);
    slots.put(name, p);
    return p;
  }

  private void checkName(String name) {
    if (name.isEmpty() || name.contains(".")) throw new IllegalArgumentException("module member names must be non-empty and dot-free: '" + name + "'");
    if (slots.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name + "' is already registered");
    }
  }

  /** Every trainable parameter, in registration order, children after their parent's own. */
  public final List<Tensor> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  public final Map<String, Tensor> namedParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    walk("", (name, p) -> {
      if (p.trainable()) out.put(name, p.get());
    });
    return out;
  }

  /** Parameters and buffers by dotted name, as {@code state_dict()}. */
  public final Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    walk("", (name, p) -> out.put(name, p.get()));
    return out;
  }

  private interface SlotVisitor {
    void visit(String name, Parameter p);
  }

  private void walk(String prefix, SlotVisitor v) {
    for (Map.Entry<String, Parameter> e : slots.entrySet()) v.visit(prefix + e.getKey(), e.getValue());
    for (Map.Entry<String, Module> e : children.entrySet()) e.getValue().walk(prefix + e.getKey() + ".", v);
  }

  private Map<String, Parameter> namedSlots() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    walk("", out::put);
    return out;
  }

  /** Loads every entry, strictly: missing, unexpected or mis-shaped keys are all listed in one exception. */
  public final void loadStateDict(Map<String, Tensor> state) {
    loadStateDict(state, true);
  }

  /**
   * Copies the state's tensors into this module's slots (cast to each slot's dtype and device).
   * With {@code strict}, a key this module lacks or a slot the state lacks is an error; a shape
   * mismatch always is. Nothing is changed when an error is thrown.
   */
  public final void loadStateDict(Map<String, Tensor> state, boolean strict) {
    Map<String, Parameter> mine = namedSlots();
    List<String> problems = new ArrayList<>();
    TreeSet<String> missing = new TreeSet<>(mine.keySet());
    missing.removeAll(state.keySet());
    TreeSet<String> unexpected = new TreeSet<>(state.keySet());
    unexpected.removeAll(mine.keySet());
    if (strict && !missing.isEmpty()) problems.add("missing keys " + missing);
    if (strict && !unexpected.isEmpty()) problems.add("unexpected keys " + unexpected);
    for (Map.Entry<String, Parameter> e : mine.entrySet()) {
      Tensor t = state.get(e.getKey());
      if (t != null && !Arrays.equals(t.shape(), e.getValue().get().shape())) {
        problems.add(e.getKey() + ": shape " + Arrays.toString(t.shape()) + " in the state, " + Arrays.toString(e.getValue().get().shape())
            + " in the module");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("loadStateDict into " + getClass().getSimpleName() + ": " + String.join("; ", problems));
    }
    for (Map.Entry<String, Parameter> e : mine.entrySet()) {
      Tensor t = state.get(e.getKey());
      if (t == null) continue;
      Tensor current = e.getValue().get();
      e.getValue().set(t.to(current.dtype()).to(current.device()).clone());
    }
  }

  /** Writes the state dict as a safetensors file. */
  public final void save(Path path) throws IOException {
    Map<String, Tensor> onHost = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : stateDict().entrySet()) onHost.put(e.getKey(), e.getValue().detach().to(Device.CPU));
    Safetensors.write(path, onHost);
  }

  /** Loads a safetensors checkpoint strictly (a corrupt file throws SafetensorsFormatException). */
  public final void load(Path path) throws IOException {
    loadStateDict(Safetensors.read(path).tensors());
  }

  /** Moves every parameter and buffer to {@code device} (new leaves; gradients are dropped). */
  public final Module to(Device device) {
    walk("", (name, p) -> p.set(p.get().to(device)));
    return this;
  }

  /** Sets training mode here and in every child; dropout is active only in training. */
  public Module train(boolean on) {
    training = on;
    for (Module m : children.values()) m.train(on);
    return this;
  }

  public final Module eval() {
    return train(false);
  }

  public final boolean isTraining() {
    return training;
  }

  /** Clears every parameter's gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
  public final void zeroGrad() {
    zeroGrad(true);
  }

  /**
   * Clears every parameter's gradient: drops it ({@code setToNone}) or fills it with zeros in place,
   * as PyTorch's {@code zero_grad(set_to_none)}. In place suits a loop of steps in a
   * {@link io.frontier.tensor.MemoryScope} on the GPU: the next backward accumulates into the same
   * blocks, where dropped gradients would wait for the collector.
   */
  public final void zeroGrad(boolean setToNone) {
    try (Grad.Scope s = Grad.noGrad()) {
      java.util.List<Tensor> grads = new java.util.ArrayList<>();
      for (Tensor p : parameters()) {
        if (setToNone) p.setGrad(null);
        else if (p.grad() != null) grads.add(p.grad());
      }
      // in place: all together (one launch per 32 gradients on the GPU)
      io.frontier.tensor.Fused.zeroAll_(grads);
    }
  }

  /** Number of trainable scalars. */
  public final long numParameters() {
    long n = 0;
    for (Tensor p : parameters()) n += p.numel();
    return n;
  }

  /** Runs {@code body} without recording (inference). */
  public static <T> T noGrad(java.util.function.Supplier<T> body) {
    try (Grad.Scope s = Grad.noGrad()) {
      return body.get();
    }
  }
}
