package io.frontier.tensor.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The CPU backend's thread pool: splits an index range over a fixed number of threads, the caller
 * taking the first chunk. A call from inside a worker runs serially, so kernels may nest freely
 * without deadlock.
 *
 * <p>The thread count defaults to the number of available processors; the system property
 * {@code frontier.threads} or {@link #setNumThreads(int)} change it (as {@code torch.set_num_threads}).
 */
public final class Parallel {

  /** A chunk of work over the half-open range [start, end). */
  @FunctionalInterface
  public interface RangeTask {
    void run(int start, int end);
  }

  private static volatile int numThreads = initialThreads();
  private static ExecutorService pool;
  private static int poolSize = -1;

  private Parallel() {}

  private static int initialThreads() {
    String prop = System.getProperty("frontier.threads");
    if (prop != null) {
      try {
        int n = Integer.parseInt(prop.trim());
        if (n >= 1) return n;
      } catch (NumberFormatException ignored) {
        // fall through to the default
      }
    }
    return Runtime.getRuntime().availableProcessors();
  }

  public static int numThreads() {
    return numThreads;
  }

  /** Sets the number of threads CPU kernels use (1 = single-threaded). */
  public static void setNumThreads(int n) {
    if (n < 1) throw new IllegalArgumentException("setNumThreads: expected n >= 1, got " + n);
    numThreads = n;
  }

  /** True on one of the pool's worker threads. */
  public static boolean inWorker() {
    return Thread.currentThread() instanceof Worker;
  }

  /**
   * Runs {@code task} over [0, n), split into at most {@link #numThreads()} contiguous chunks of at
   * least {@code grain} elements each. Exceptions thrown by any chunk are rethrown to the caller.
   */
  public static void forRange(int n, int grain, RangeTask task) {
    int threads = numThreads;
    int chunks = (int) Math.min(threads, Math.max(1L, (long) n / Math.max(1, grain)));
    if (chunks <= 1 || inWorker()) {
      if (n > 0) task.run(0, n);
      return;
    }
    ExecutorService executor = executor(threads - 1);
    @SuppressWarnings("unchecked")
    Future<?>[] futures = new Future<?>[chunks - 1];
    long per = n / chunks;
    long rem = n % chunks;
    long firstEnd = per + (rem > 0 ? 1 : 0);
    long start = firstEnd;
    for (int c = 1; c < chunks; c++) {
      long len = per + (c < rem ? 1 : 0);
      final int s = (int) start;
      final int e = (int) (start + len);
      futures[c - 1] = executor.submit(() -> task.run(s, e));
      start += len;
    }
    Throwable failure = null;
    try {
      task.run(0, (int) firstEnd);
    } catch (Throwable t) {
      failure = t;
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        if (failure == null) failure = e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failure == null) failure = e;
      }
    }
    if (failure instanceof RuntimeException re) throw re;
    if (failure instanceof Error err) throw err;
    if (failure != null) throw new IllegalStateException(failure);
  }

  private static synchronized ExecutorService executor(int workers) {
    if (pool == null || poolSize != workers) {
      if (pool != null) pool.shutdown();
      pool = Executors.newFixedThreadPool(Math.max(1, workers), new WorkerFactory());
      poolSize = workers;
    }
    return pool;
  }

  private static final class Worker extends Thread {
    Worker(Runnable r, String name) {
      super(r, name);
      setDaemon(true);
    }
  }

  private static final class WorkerFactory implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      return new Worker(r, "frontier-cpu-" + count.incrementAndGet());
    }
  }
}
