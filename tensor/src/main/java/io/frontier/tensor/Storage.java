package io.frontier.tensor;

import io.frontier.tensor.backend.Backend;

/**
 * A flat buffer of elements of one dtype on one device. Tensors are views onto a storage.
 *
 * <p>The version counter is bumped by every in-place write through a tensor; autograd uses it to
 * detect that a tensor saved for backward was modified (PyTorch's in-place correctness check).
 *
 * <p>A storage that holds memory outside the Java heap (a device block) can be released before it
 * becomes unreachable: it joins the thread's open {@link MemoryScope} when created, and the scope
 * releases it on close unless it was marked {@linkplain #persist() persistent} by then.
 */
public abstract class Storage {
  private final DType dtype;
  private final long numel;
  private int version;
  private volatile boolean persistent;

  protected Storage(DType dtype, long numel) {
    this.dtype = dtype;
    this.numel = numel;
  }

  public final DType dtype() {
    return dtype;
  }

  /** Number of elements the buffer holds. */
  public final long numel() {
    return numel;
  }

  public abstract Device device();

  /** The backend that owns this storage and runs ops on it. */
  public abstract Backend backend();

  public final int version() {
    return version;
  }

  /** Records an in-place modification. */
  public final void bumpVersion() {
    version++;
  }

  /**
   * Exempts this storage from every {@link MemoryScope}: it lives until it becomes unreachable.
   * Gradients, optimizer state, parameters and module buffers are marked so where they are stored.
   */
  public final void persist() {
    persistent = true;
  }

  /** Whether {@link #persist()} was called. */
  public final boolean persistent() {
    return persistent;
  }

  /**
   * For storages with memory outside the Java heap, called once from the subclass's constructor:
   * joins the current thread's innermost open {@link MemoryScope}, if any.
   */
  protected final void joinMemoryScope() {
    MemoryScope.track(this);
  }

  /**
   * Gives the memory back now; every later use must fail with a clear exception. Called by a
   * closing {@link MemoryScope} for storages that joined it. Heap storages never join a scope.
   */
  protected void release() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be released early");
  }
}
