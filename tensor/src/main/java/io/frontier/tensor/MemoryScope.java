package io.frontier.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic release of device memory for one block of work, typically a training step:
 *
 * <pre>{@code
 * for (int step = 0; step < steps; step++) {
 *   try (MemoryScope scope = MemoryScope.open()) {
 *     Tensor loss = GPT.loss(model.forward(x), y);
 *     loss.backward();
 *     optimizer.step();
 *     optimizer.zeroGrad();
 *     losses[step] = loss.item();
 *   }
 * }
 * }</pre>
 *
 * <p>Why: Java has no reference counts, so a device block is otherwise returned only after the
 * collector finds its storage unreachable, and a training step on the GPU would spend its time in
 * full collections (PyTorch frees each activation the moment its last reference dies). A scope
 * instead releases, on {@link #close()}, every device storage created on this thread while it was
 * the innermost open scope, unless the storage was marked {@linkplain Storage#persist()
 * persistent} by then. Marked where they are stored: a tensor's gradient ({@link
 * Tensor#setGrad}), optimizer state, module parameters and buffers, KV caches. Anything else that
 * must outlive the step is passed to {@link #keep}; using a released tensor afterwards throws an
 * {@link IllegalStateException} naming the cause, it never reads recycled memory.
 *
 * <p>Storages on the heap (the CPU backend) never join a scope: there the scope changes nothing.
 * Scopes nest; a storage joins only the innermost one. A scope is used by the thread that opened it
 * and must be closed in the reverse order of opening.
 */
public final class MemoryScope implements AutoCloseable {
  private static final ThreadLocal<MemoryScope> CURRENT = new ThreadLocal<>();

  private final MemoryScope parent;
  private final Thread owner;
  private final List<Storage> members = new ArrayList<>();
  private boolean closed;
  private long released;

  private MemoryScope(MemoryScope parent) {
    this.parent = parent;
    this.owner = Thread.currentThread();
  }

  /** Opens a scope on this thread, nested in the current one if there is one. */
  public static MemoryScope open() {
    MemoryScope scope = new MemoryScope(CURRENT.get());
    CURRENT.set(scope);
    return scope;
  }

  /** Marks {@code t}'s storage persistent, so no scope releases it; returns {@code t}. */
  public static <T extends Tensor> T keep(T t) {
    if (t == null) throw new IllegalArgumentException("MemoryScope.keep: tensor is null");
    t.storage().persist();
    return t;
  }

  static void track(Storage s) {
    MemoryScope scope = CURRENT.get();
    if (scope != null) scope.members.add(s);
  }

  /** The number of storages that joined this scope so far. */
  public int size() {
    return members.size();
  }

  /** The number of storages the close released (0 before closing). */
  public long released() {
    return released;
  }

  /**
   * Releases every member storage not marked persistent and makes the enclosing scope current.
   *
   * @throws IllegalStateException when called from another thread, or while a scope opened inside
   *     this one is still open
   */
  @Override
  public void close() {
    if (closed) return;
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("MemoryScope.close: opened on thread " + owner.getName() + ", closed on " + Thread.currentThread().getName());
    }
    if (CURRENT.get() != this) throw new IllegalStateException("MemoryScope.close: a scope opened inside this one is still open");
    closed = true;
    if (parent == null) CURRENT.remove();
    else CURRENT.set(parent);
    for (Storage s : members) {
      if (!s.persistent()) {
        s.release();
        released++;
      }
    }
    members.clear();
  }
}
