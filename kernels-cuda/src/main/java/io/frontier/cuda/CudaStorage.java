package io.frontier.cuda;

import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Storage;
import io.frontier.tensor.backend.Backend;
import java.lang.ref.Cleaner;
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

  CudaStorage(CudaBackend backend, DType dtype, long numel, CachingAllocator.Block<CUdeviceptr> block) {
    super(dtype, numel);
    this.backend = backend;
    this.block = block;
    CachingAllocator<CUdeviceptr> allocator = backend.context().allocator();
    CLEANER.register(this, () -> allocator.release(block));
  }

  /** The device address of element 0. */
  public CUdeviceptr pointer() {
    return block.handle();
  }

  /** The device address of element {@code elementOffset}. */
  public CUdeviceptr pointer(long elementOffset) {
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
