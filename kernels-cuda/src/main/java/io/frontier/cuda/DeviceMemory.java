package io.frontier.cuda;

/**
 * Raw device memory as the caching allocator sees it. The real implementation calls cuMemAlloc and
 * cuMemFree; tests plug in a fake to check the allocator's bookkeeping without a GPU.
 *
 * @param <H> the handle of one allocation
 */
public interface DeviceMemory<H> {

  /** Allocates {@code bytes}; returns null when the device is out of memory. */
  H allocate(long bytes);

  void free(H handle);

  /** Waits for all queued device work, so that freed memory is no longer read by a kernel. */
  void synchronize();
}
