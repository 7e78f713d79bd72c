package io.frontier.tensor;

import java.util.ServiceLoader;
import java.util.function.UnaryOperator;

/**
 * The bridge between tensor ops and the autograd engine of {@code frontier-autograd}, which
 * registers an {@link Engine} through {@link ServiceLoader}.
 *
 * <p>Every op that runs a kernel directly (the "core" of an op family: a unary or binary kernel,
 * a reduction, a matrix product, a view, a copy, a gather, a linear-algebra routine, a fused norm or
 * loss...) calls {@link #shouldRecord} and,
 * when it answers true, {@link #record} with its inputs, output and arguments. Ops composed from
 * others (mean, var, logsumexp, matmul's reshapes) record nothing themselves: their parts do, so
 * their gradients follow. The check costs a field read per input when no input requires grad.
 *
 * <p>Grad mode is per thread, as in PyTorch; {@link #noGrad()} turns it off for a scope.
 */
public final class Grad {

  /** Implemented by frontier-autograd; the methods are for its use only. */
  public interface Engine {
    /** Records that {@code outputs} were computed by {@code op} from {@code inputs}. */
    void record(String op, Tensor[] inputs, Tensor[] outputs, Object[] args);

    /** {@code backward} from roots with their seed gradients (null: ones for a scalar). */
    void backward(Tensor[] roots, Tensor[] seeds, boolean retainGraph);

    /**
     * Runs an in-place op on {@code self} under recording: {@code outOfPlace} computes the new
     * value (recorded) from a recorded copy of self's old value; the new value is then written into
     * self, whose history becomes the new value's.
     */
    Tensor inPlace(String op, Tensor self, UnaryOperator<Tensor> outOfPlace);

    /** Registers a hook on the gradient flowing into a tensor. */
    void registerHook(Tensor t, java.util.function.UnaryOperator<Tensor> hook);

    /** Keeps the gradient of a non-leaf tensor in its {@code grad()} after backward. */
    void retainGrad(Tensor t);
  }

  private static final ThreadLocal<boolean[]> DISABLED = ThreadLocal.withInitial(() -> new boolean[1]);
  private static volatile Engine engine;
  private static volatile String engineMissing;

  private Grad() {}

  /** True when grad mode is on for this thread. */
  public static boolean isEnabled() {
    return !DISABLED.get()[0];
  }

  /** Turns grad mode on or off for this thread; returns the previous mode. */
  public static boolean setEnabled(boolean enabled) {
    boolean[] flag = DISABLED.get();
    boolean previous = !flag[0];
    flag[0] = !enabled;
    return previous;
  }

  /** A scope without recording, for use with try-with-resources; restores the previous mode. */
  public static Scope noGrad() {
    return new Scope(setEnabled(false));
  }

  /** A scope with recording on (inside a {@link #noGrad()} scope, say). */
  public static Scope enableGrad() {
    return new Scope(setEnabled(true));
  }

  /** Restores the grad mode that was in force when the scope opened. */
  public static final class Scope implements AutoCloseable {
    private final boolean previous;

    private Scope(boolean previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      setEnabled(previous);
    }
  }

  /** True when an op on these inputs must be recorded: one requires grad and grad mode is on. */
  static boolean shouldRecord(Tensor a) {
    return a.requiresGrad() && isEnabled();
  }

  static boolean shouldRecord(Tensor a, Tensor b) {
    return (a.requiresGrad() || b.requiresGrad()) && isEnabled();
  }

  static boolean shouldRecord(Tensor a, Tensor b, Tensor c) {
    return (a.requiresGrad() || b.requiresGrad() || c.requiresGrad()) && isEnabled();
  }

  static boolean shouldRecord(Tensor[] inputs) {
    boolean any = false;
    for (Tensor t : inputs) any |= t.requiresGrad();
    return any && isEnabled();
  }

  /** Records a single-output op; returns the output for chaining. */
  static Tensor record(String op, Tensor output, Tensor[] inputs, Object... args) {
    engine().record(op, inputs, new Tensor[] {output}, args);
    return output;
  }

  static void recordMulti(String op, Tensor[] outputs, Tensor[] inputs, Object... args) {
    engine().record(op, inputs, outputs, args);
  }

  static Engine engine() {
    Engine e = engine;
    if (e != null) return e;
    synchronized (Grad.class) {
      if (engine == null && engineMissing == null) {
        for (Engine found : ServiceLoader.load(Engine.class)) {
          engine = found;
          break;
        }
        if (engine == null) engineMissing = "gradients need frontier-autograd on the class path";
      }
      if (engine == null) throw new IllegalStateException(engineMissing);
      return engine;
    }
  }

  // ---------------------------------------------------------------- for the engine

  /** Attaches the node that produced {@code t} (engine use only). */
  public static void setGradFn(Tensor t, GradFn fn, int outputIndex) {
    t.gradFn = fn;
    t.gradOutputIndex = outputIndex;
  }

  /** True for a tensor made by a view op, which shares its storage with another tensor. */
  public static boolean isView(Tensor t) {
    return t.isView;
  }

  /** Which output of its node the tensor is (engine use only). */
  public static int outputIndex(Tensor t) {
    return t.gradOutputIndex;
  }

  /** The engine's per-leaf slot (its gradient accumulator; engine use only). */
  public static Object leafSlot(Tensor t) {
    return t.leafSlot;
  }

  public static void setLeafSlot(Tensor t, Object slot) {
    t.leafSlot = slot;
  }

  /**
   * The view whose consecutive slices along {@code dim} are exactly {@code parts} (same storage,
   * offsets and strides), or null when they are not such slices of one non-overlapping view
   * (engine use only: a split's backward takes its parts' gradients as its input's gradient
   * without a copy when a kernel wrote them into one buffer).
   */
  public static Tensor joinedView(java.util.List<Tensor> parts, int dim) {
    return Views.joined(parts, dim);
  }

  /** Writes {@code value} into {@code self}'s elements without recording (engine use only). */
  public static void assignData(Tensor self, Tensor value) {
    try (Scope s = noGrad()) {
      Copies.copyInto(self, value);
    }
  }
}
