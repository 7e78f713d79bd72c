package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The allocator's bookkeeping against a fake device with a fixed capacity. */
class CachingAllocatorTest {

  /** Device memory of a fixed capacity; handles are allocation numbers. */
  static final class FakeDevice implements DeviceMemory<Long> {
    final long capacity;
    long used;
    long next;
    int syncs;
    final Set<Long> live = new HashSet<>();
    final java.util.Map<Long, Long> sizes = new java.util.HashMap<>();

    FakeDevice(long capacity) {
      this.capacity = capacity;
    }

    @Override
    public Long allocate(long bytes) {
      if (used + bytes > capacity) return null;
      used += bytes;
      long h = next++;
      live.add(h);
      sizes.put(h, bytes);
      return h;
    }

    @Override
    public void free(Long handle) {
      if (!live.remove(handle)) throw new AssertionError("double free of " + handle);
      used -= sizes.remove(handle);
    }

    @Override
    public void synchronize() {
      syncs++;
    }
  }

  @Test
  void roundsSmallRequestsTo512BytesAndLargeOnesTo2MiB() {
    assertEquals(512, CachingAllocator.roundUp(1));
    assertEquals(512, CachingAllocator.roundUp(0));
    assertEquals(1024, CachingAllocator.roundUp(513));
    assertEquals(2L << 20, CachingAllocator.roundUp((1L << 20) + 1));
    assertEquals(4L << 20, CachingAllocator.roundUp((2L << 20) + 1));
  }

  @Test
  void aReleasedBlockIsReusedWithoutADriverCall() {
    FakeDevice dev = new FakeDevice(1L << 30);
    CachingAllocator<Long> a = new CachingAllocator<>(dev);
    CachingAllocator.Block<Long> b1 = a.allocate(4000);
    a.release(b1);
    CachingAllocator.Block<Long> b2 = a.allocate(3900); // same 4096-byte class
    assertSame(b1, b2);
    CachingAllocator.Stats s = a.stats();
    assertEquals(1, s.driverAllocations());
    assertEquals(1, s.cacheHits());
    assertEquals(4096, s.bytesInUse());
    assertEquals(0, s.bytesCached());
  }

  @Test
  void bytesInUseStayFlatOverManySteps() {
    FakeDevice dev = new FakeDevice(1L << 30);
    CachingAllocator<Long> a = new CachingAllocator<>(dev);
    long afterFirst = -1;
    for (int step = 0; step < 100_000; step++) {
      List<CachingAllocator.Block<Long>> live = new ArrayList<>();
      for (long size : new long[] {100, 4096, 3 << 20, 777}) live.add(a.allocate(size));
      for (CachingAllocator.Block<Long> b : live) a.release(b);
      if (step == 0) afterFirst = a.stats().bytesReserved();
    }
    CachingAllocator.Stats s = a.stats();
    assertEquals(0, s.bytesInUse());
    assertEquals(afterFirst, s.bytesReserved());
    assertEquals(4, s.driverAllocations());
    assertEquals(512 + 4096 + (4L << 20) + 1024, s.peakBytesInUse());
  }

  @Test
  void outOfMemoryEmptiesTheCacheThenRetries() {
    FakeDevice dev = new FakeDevice(10L << 20);
    CachingAllocator<Long> a = new CachingAllocator<>(dev);
    a.release(a.allocate(6L << 20));
    assertEquals(6L << 20, a.stats().bytesCached());
    CachingAllocator.Block<Long> big = a.allocate(8L << 20); // fits only once the cached 6 MiB are freed
    assertEquals(8L << 20, big.bytes());
    assertEquals(0, a.stats().bytesCached());
    assertTrue(dev.syncs >= 1, "the device must be idle before cached blocks are freed");
  }

  @Test
  void aRequestLargerThanTheDeviceFailsWithTheState() {
    CachingAllocator<Long> a = new CachingAllocator<>(new FakeDevice(1L << 20));
    CudaOutOfMemoryError e = assertThrows(CudaOutOfMemoryError.class, () -> a.allocate(5L << 20));
    assertTrue(e.getMessage().contains("tried to allocate 5242880 bytes"), e.getMessage());
  }

  @Test
  void doubleReleaseIsRefusedAndEmptyCacheGivesEverythingBack() {
    FakeDevice dev = new FakeDevice(1L << 30);
    CachingAllocator<Long> a = new CachingAllocator<>(dev);
    CachingAllocator.Block<Long> b = a.allocate(100);
    a.release(b);
    assertThrows(IllegalStateException.class, () -> a.release(b));
    a.emptyCache();
    assertEquals(0, dev.used);
    assertEquals(0, a.stats().bytesReserved());
  }

  @Test
  void memoryReturnedAsItIsUsedTriggersNoCollectionAfterTheFirstStep() {
    CachingAllocator<Long> a = new CachingAllocator<>(new FakeDevice(1L << 30), 8L << 20);
    long afterFirstStep = 0;
    // a training loop whose 16 MiB of temporaries all go back each step (as a closed MemoryScope returns them)
    for (int step = 0; step < 1000; step++) {
      List<CachingAllocator.Block<Long>> temporaries = new ArrayList<>();
      for (int i = 0; i < 8; i++) temporaries.add(a.allocate(2L << 20));
      for (CachingAllocator.Block<Long> b : temporaries) a.release(b);
      if (step == 0) afterFirstStep = a.stats().collections();
    }
    assertEquals(1, afterFirstStep, "the first step grows past the 8 MiB budget on a cache miss");
    assertEquals(afterFirstStep, a.stats().collections(), "later steps are served from the cache");
    assertEquals(8, a.stats().driverAllocations());
  }

  @Test
  void growthOfTheBytesInUseAboveTheirLowestLevelTriggersACollection() {
    CachingAllocator<Long> a = new CachingAllocator<>(new FakeDevice(1L << 30), 8L << 20);
    List<CachingAllocator.Block<Long>> held = new ArrayList<>();
    // 3 blocks of 2 MiB: 6 MiB of growth, below the 8 MiB budget
    for (int i = 0; i < 3; i++) held.add(a.allocate(2L << 20));
    assertEquals(0, a.stats().collections());
    // the 4th reaches the budget: the next cache miss collects first
    held.add(a.allocate(2L << 20));
    held.add(a.allocate(2L << 20));
    assertEquals(1, a.stats().collections());
    // releases lower the mark; growth is counted from the lowest level again
    for (CachingAllocator.Block<Long> b : held) a.release(b);
    held.clear();
    for (int i = 0; i < 5; i++) held.add(a.allocate(2L << 20));
    assertEquals(1, a.stats().collections(), "5 cached blocks reused: no cache miss, no collection");
    held.add(a.allocate(2L << 20));
    assertEquals(2, a.stats().collections(), "a miss with 10 MiB of growth over a low of 0 collects");
  }
}
