package io.frontier.cuda;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Storage;
import io.frontier.tensor.backend.Backend;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import jcuda.driver.CUdeviceptr;

/**
 * Device memory holding one storage's elements. The block goes back to the caching allocator when
 * the storage becomes unreachable (through a {@link Cleaner}), as PyTorch frees a tensor's block
 * when its last reference dies.
 */
public final class CudaStorage extends Storage {
  private static final Cleaner CLEANER = Cleaner.create();

  private final CudaBackend backend;
  private final CachingAllocator.Block<CUdeviceptr> block;
  private final AtomicBoolean released = new AtomicBoolean();

  CudaStorage(CudaBackend backend, DType dtype, long numel, CachingAllocator.Block<CUdeviceptr> block) {
    super(dtype, numel);
    this.backend = backend;
    this.block = block;
    CachingAllocator<CUdeviceptr> allocator = backend.context().allocator();
    AtomicBoolean done = released;
    CLEANER.register(this, () -> {
      if (done.compareAndSet(false, true)) allocator.release(block);
    });
  }

  /**
   * Returns the block to the allocator now instead of when the storage becomes unreachable. For
   * the backend's own temporaries, once every kernel that uses them is queued: the stream runs
   * those kernels before any later user of the block. A released storage refuses further use.
   */
  void releaseNow() {
    if (released.compareAndSet(false, true)) backend.context().allocator().release(block);
  }

  /** The device address of element 0. */
  public CUdeviceptr pointer() {
    return pointer(0);
  }

  /** The device address of element {@code elementOffset}. */
  public CUdeviceptr pointer(long elementOffset) {
    if (released.get()) throw new IllegalStateException("this CUDA storage was released and must not be used again");
    return elementOffset == 0 ? block.handle() : block.handle().withByteOffset(elementOffset * dtype().itemSize());
  }

  @Override
  public Device device() {
    return backend.device();
  }

  @Override
  public Backend backend() {
    return backend;
  }
}
