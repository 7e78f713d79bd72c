package io.frontier.tensor;

import io.frontier.tensor.backend.Backend;

/**
 * A flat buffer of elements of one dtype on one device. Tensors are views onto a storage.
 *
 * <p>The version counter is bumped by every in-place write through a tensor; autograd uses it to
 * detect that a tensor saved for backward was modified (PyTorch's in-place correctness check).
 */
public abstract class Storage {
  private final DType dtype;
  private final long numel;
  private int version;

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
}
