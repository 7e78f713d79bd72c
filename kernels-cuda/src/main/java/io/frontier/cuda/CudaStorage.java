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
 * when its last reference dies, or earlier: when the {@link io.frontier.tensor.MemoryScope} it
 * joined at creation closes, or when the backend drops one of its own temporaries.
 */
public final class CudaStorage extends Storage {
  private static final Cleaner CLEANER = Cleaner.create();

  private final CudaBackend backend;
  private final CachingAllocator.Block<CUdeviceptr> block;
  private final AtomicBoolean released = new AtomicBoolean();
  private volatile String releasedBy;

  CudaStorage(CudaBackend backend, DType dtype, long numel, CachingAllocator.Block<CUdeviceptr> block) {
    super(dtype, numel);
    this.backend = backend;
    this.block = block;
    CachingAllocator<CUdeviceptr> allocator = backend.context().allocator();
    AtomicBoolean done = released;
    CLEANER.register(this, () -> {
      if (done.compareAndSet(false, true)) allocator.release(block);
    });
    joinMemoryScope();
  }

  /** Called by a closing MemoryScope: the stream runs every queued user of the block first. */
  @Override
  protected void release() {
    if (!released.get()) releasedBy = "when its MemoryScope closed (MemoryScope.keep a tensor that must outlive the scope)";
    releaseNow();
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
    if (released.get()) {
      String why = releasedBy != null ? releasedBy : "by the backend that made it as a temporary";
      throw new IllegalStateException("this CUDA storage of " + numel() + " " + dtype() + " elements was released " + why + " and must not be used again");
    }
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
