package io.frontier.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A caching device allocator in the manner of PyTorch's: a freed block goes to a free list of its
 * size class instead of back to the driver, and the next request of that class reuses it without a
 * driver call (cuMemAlloc and cuMemFree synchronise the device and cost tens of microseconds).
 *
 * <p>Sizes are rounded up: to a multiple of 512 bytes below 1 MiB, to a multiple of 2 MiB above.
 * Reuse is exact per class, which suits training loops where the same shapes repeat every step.
 * All kernels run on one stream, so a block freed while a queued kernel still reads it is safe to
 * hand out again: the next user's kernels are queued after that one.
 *
 * <p>Thread-safe: blocks are released from the {@link java.lang.ref.Cleaner} thread when their
 * storage becomes unreachable, or at once when a {@link io.frontier.tensor.MemoryScope} closes. The
 * JVM's collector does not see device memory, so garbage tensors outside a scope can hold blocks
 * long after their last use. So once the bytes in use have grown by a budget (by default
 * {@link #GC_EVERY_BYTES}; the CUDA context uses an eighth of the card), or the blocks in use by
 * {@link #GC_EVERY_BLOCKS}, above their lowest level since the last collection, a cache miss asks
 * for a collection first (as JavaCPP does) and retries the cache. Garbage piles up to about that
 * budget between two collections; a program whose temporaries go back through a scope keeps its
 * use flat and never triggers one.
 */
public final class CachingAllocator<H> {

  static final long SMALL_LIMIT = 1L << 20;
  static final long SMALL_ROUND = 512;
  static final long LARGE_ROUND = 2L << 20;
  /** The default byte trigger; {@code -Dfrontier.cuda.gcEveryMiB} overrides it. */
  static final long GC_EVERY_BYTES = Long.getLong("frontier.cuda.gcEveryMiB", 256L) << 20;
  /** The growth in blocks that triggers a collection too: small tensors pile up by number, not bytes. */
  static final long GC_EVERY_BLOCKS = 65_536;

  /** One allocation handed out: the driver handle and its rounded size. */
  public static final class Block<H> {
    final H handle;
    final long bytes;
    boolean free;

    Block(H handle, long bytes) {
      this.handle = handle;
      this.bytes = bytes;
    }

    public H handle() {
      return handle;
    }

    public long bytes() {
      return bytes;
    }
  }

  /** A snapshot of the allocator's counters (bytes are rounded sizes). */
  public record Stats(long bytesInUse, long peakBytesInUse, long bytesCached, long driverAllocations, long cacheHits, long collections) {
    public long bytesReserved() {
      return bytesInUse + bytesCached;
    }
  }

  private final DeviceMemory<H> memory;
  private final long gcEveryBytes;
  private final Map<Long, ArrayDeque<Block<H>>> freeLists = new HashMap<>();
  private long bytesInUse;
  private long peakBytesInUse;
  private long bytesCached;
  private long driverAllocations;
  private long cacheHits;
  private long collections;
  private long blocksInUse;
  /** The lowest bytes and blocks in use since the last collection: growth above them may be garbage. */
  private long lowBytesInUse;
  private long lowBlocksInUse;

  public CachingAllocator(DeviceMemory<H> memory) {
    this(memory, GC_EVERY_BYTES);
  }

  /** @param gcEveryBytes growth of the bytes in use after which a cache miss first asks for a collection */
  public CachingAllocator(DeviceMemory<H> memory, long gcEveryBytes) {
    this.memory = memory;
    this.gcEveryBytes = Long.getLong("frontier.cuda.gcEveryMiB") != null ? GC_EVERY_BYTES : gcEveryBytes;
  }

  /** The size class of a request of {@code bytes}. */
  static long roundUp(long bytes) {
    long b = Math.max(bytes, 1);
    long unit = b < SMALL_LIMIT ? SMALL_ROUND : LARGE_ROUND;
    return (b + unit - 1) / unit * unit;
  }

  /**
   * A block of at least {@code bytes}. When the device is out of memory, the cache is emptied
   * and, failing that, unreachable storages are collected before a last try.
   *
   * @throws CudaOutOfMemoryError naming the request and the allocator's state
   */
  public Block<H> allocate(long bytes) {
    if (bytes < 0) throw new IllegalArgumentException("negative allocation: " + bytes + " bytes");
    long size = roundUp(bytes);
    synchronized (this) {
      Block<H> cached = takeCached(size);
      if (cached != null) return cached;
    }
    if (collectionDue()) {
      Block<H> recovered = collectAndRetry(size);
      if (recovered != null) return recovered;
    }
    synchronized (this) {
      Block<H> cached = takeCached(size);
      if (cached != null) return cached;
      H h = memory.allocate(size);
      if (h == null) {
        emptyCache();
        h = memory.allocate(size);
      }
      if (h != null) return handOut(new Block<>(h, size), true);
    }
    // Out of memory with an empty cache: storages that are unreachable but not yet cleaned hold
    // blocks. Collect them, outside the lock so that the Cleaner thread can give them back.
    System.gc();
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      Block<H> cached = takeCached(size);
      if (cached != null) return cached;
      emptyCache();
      H h = memory.allocate(size);
      if (h != null) return handOut(new Block<>(h, size), true);
      throw new CudaOutOfMemoryError("CUDA out of memory: tried to allocate " + bytes + " bytes (" + size
          + " rounded); " + stats());
    }
  }

  private synchronized boolean collectionDue() {
    return bytesInUse - lowBytesInUse >= gcEveryBytes || blocksInUse - lowBlocksInUse >= GC_EVERY_BLOCKS;
  }

  /** Runs the JVM's collector, then waits briefly for the Cleaner to hand back a block of this size. */
  private Block<H> collectAndRetry(long size) {
    synchronized (this) {
      lowBytesInUse = bytesInUse;
      lowBlocksInUse = blocksInUse;
      collections++;
    }
    System.gc();
    for (int i = 0; i < 20; i++) {
      synchronized (this) {
        Block<H> cached = takeCached(size);
        if (cached != null) return cached;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  /** Returns a block to its free list. Releasing a block twice is an error. */
  public synchronized void release(Block<H> block) {
    if (block.free) throw new IllegalStateException("block of " + block.bytes + " bytes released twice");
    block.free = true;
    bytesInUse -= block.bytes;
    blocksInUse--;
    lowBytesInUse = Math.min(lowBytesInUse, bytesInUse);
    lowBlocksInUse = Math.min(lowBlocksInUse, blocksInUse);
    bytesCached += block.bytes;
    freeLists.computeIfAbsent(block.bytes, k -> new ArrayDeque<>()).push(block);
  }

  /** Gives every cached block back to the driver (after the device has finished with them). */
  public synchronized void emptyCache() {
    if (bytesCached == 0) return;
    memory.synchronize();
    for (ArrayDeque<Block<H>> list : freeLists.values()) {
      for (Block<H> b : list) memory.free(b.handle);
    }
    freeLists.clear();
    bytesCached = 0;
  }

  public synchronized Stats stats() {
    return new Stats(bytesInUse, peakBytesInUse, bytesCached, driverAllocations, cacheHits, collections);
  }

  /** Restarts the peak at the current use, as {@code torch.cuda.reset_peak_memory_stats}. */
  public synchronized void resetPeak() {
    peakBytesInUse = bytesInUse;
  }

  private Block<H> takeCached(long size) {
    ArrayDeque<Block<H>> list = freeLists.get(size);
    if (list == null || list.isEmpty()) return null;
    Block<H> b = list.pop();
    bytesCached -= b.bytes;
    cacheHits++;
    return handOut(b, false);
  }

  private Block<H> handOut(Block<H> b, boolean fresh) {
    b.free = false;
    if (fresh) driverAllocations++;
    blocksInUse++;
    bytesInUse += b.bytes;
    peakBytesInUse = Math.max(peakBytesInUse, bytesInUse);
    return b;
  }
}
