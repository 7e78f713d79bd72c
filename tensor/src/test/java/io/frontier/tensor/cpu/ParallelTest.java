package io.frontier.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
  private final int before = Parallel.numThreads();

  @AfterEach
  void restore() {
    Parallel.setNumThreads(before);
  }

  @Test
  void everyIndexIsVisitedExactlyOnce() {
    for (int threads : new int[] {1, 2, 3, 4}) {
      Parallel.setNumThreads(threads);
      for (int n : new int[] {0, 1, 7, 1000, 100_003}) {
        AtomicLongArray hits = new AtomicLongArray(n);
        Parallel.forRange(n, 10, (s, e) -> { for (int i = s; i < e; i++) hits.incrementAndGet(i); });
        for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "threads " + threads + " n " + n + " index " + i);
      }
    }
  }

  @Test
  void aFailingChunkIsRethrownAfterTheOthersFinish() {
    Parallel.setNumThreads(3);
    AtomicLong done = new AtomicLong();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(300, 1, (s, end) -> {
      if (s > 0) throw new IllegalStateException("chunk at " + s);
      done.addAndGet(end - s);
    }));
    assertTrue(e.getMessage().startsWith("chunk at"), e.getMessage());
    assertEquals(100, done.get());
    AtomicLong after = new AtomicLong();
    Parallel.forRange(300, 1, (s, end) -> after.addAndGet(end - s));
    assertEquals(300, after.get(), "the pool keeps working after a failure");
  }

  @Test
  void whenSeveralChunksFailTheLowestChunksExceptionWins() {
    Parallel.setNumThreads(4);
    for (int rep = 0; rep < 200; rep++) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(400, 1, (s, end) -> {
        if (s >= 100) throw new IllegalStateException("chunk at " + s);
      }));
      assertEquals("chunk at 100", e.getMessage());
    }
  }

  @Test
  void nestedAndConcurrentCallsCompleteWithoutDeadlock() throws Exception {
    Parallel.setNumThreads(2);
    AtomicLong total = new AtomicLong();
    Parallel.forRange(64, 1, (s, e) -> {
      for (int i = s; i < e; i++) Parallel.forRange(100, 1, (a, b) -> total.addAndGet(b - a));
    });
    assertEquals(6400, total.get());
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      AtomicLong sum = new AtomicLong();
      Future<?>[] fs = new Future<?>[4];
      for (int c = 0; c < 4; c++) {
        fs[c] = callers.submit(() -> {
          for (int r = 0; r < 200; r++) Parallel.forRange(1000, 1, (a, b) -> sum.addAndGet(b - a));
        });
      }
      for (Future<?> f : fs) f.get();
      assertEquals(4L * 200 * 1000, sum.get());
    } finally {
      callers.shutdownNow();
    }
  }
}
