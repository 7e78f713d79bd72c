package io.frontier.tensor.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CPU backend's thread pool: splits an index range over a fixed number of threads, the caller
 * taking the first chunk. A nested call (from inside a chunk) or a call while another thread holds
 * the pool runs serially on its caller, so kernels may nest freely without deadlock.
 *
 * <p>Workers spin for a short while after each chunk before they park. Waking a parked thread
 * costs tens of microseconds on a virtual machine, which would swamp the mid-sized ops (a 256^3
 * matrix product, a 1M-element add) that a second core should speed up; OpenMP runtimes spin for
 * the same reason.
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

  /** How long an idle worker spins before parking. */
  private static final long SPIN_NANOS = 200_000;

  private static volatile int numThreads = initialThreads();
  private static final ReentrantLock POOL_LOCK = new ReentrantLock();
  private static Worker[] workers = new Worker[0];

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
   * least {@code grain} elements each. When chunks throw, the exception of the lowest chunk (the
   * one the serial loop would have met first) is rethrown to the caller after every chunk finished.
   */
  public static void forRange(int n, int grain, RangeTask task) {
    int threads = numThreads;
    int chunks = (int) Math.min(threads, Math.max(1L, (long) n / Math.max(1, grain)));
    // nested calls (from a worker, or from the caller's own chunk) and calls while another thread
    // holds the pool run serially: the workers are busy
    if (chunks <= 1 || inWorker() || POOL_LOCK.isHeldByCurrentThread() || !POOL_LOCK.tryLock()) {
      if (n > 0) task.run(0, n);
      return;
    }
    try {
      Worker[] pool = workers(threads - 1);
      Job job = new Job(task, chunks, Thread.currentThread());
      long per = n / chunks;
      long rem = n % chunks;
      long start = per + (rem > 0 ? 1 : 0);
      int firstEnd = (int) start;
      for (int c = 1; c < chunks; c++) {
        long len = per + (c < rem ? 1 : 0);
        pool[c - 1].give(job, c, (int) start, (int) (start + len));
        start += len;
      }
      try {
        task.run(0, firstEnd);
      } catch (Throwable t) {
        job.fail(0, t);
      }
      job.awaitOthers();
      Throwable failure = job.firstFailure();
      if (failure instanceof RuntimeException re) throw re;
      if (failure instanceof Error err) throw err;
      if (failure != null) throw new IllegalStateException(failure);
    } finally {
      POOL_LOCK.unlock();
    }
  }

  /** The worker threads, (re)built under the pool lock when the thread count changed. */
  private static Worker[] workers(int count) {
    if (workers.length != count) {
      for (Worker w : workers) w.retire();
      Worker[] fresh = new Worker[count];
      for (int i = 0; i < count; i++) {
        fresh[i] = new Worker("frontier-cpu-" + (i + 1));
        fresh[i].start();
      }
      workers = fresh;
    }
    return workers;
  }

  /** One forRange call: the task, how many worker chunks are still running, each chunk's failure. */
  private static final class Job {
    final RangeTask task;
    final AtomicInteger pending;
    final Thread caller;
    final AtomicReferenceArray<Throwable> failures;

    Job(RangeTask task, int chunks, Thread caller) {
      this.task = task;
      this.pending = new AtomicInteger(chunks - 1); // the caller runs chunk 0 itself
      this.caller = caller;
      this.failures = new AtomicReferenceArray<>(chunks);
    }

    void fail(int chunk, Throwable t) {
      failures.set(chunk, t);
    }

    Throwable firstFailure() {
      for (int c = 0; c < failures.length(); c++) {
        Throwable t = failures.get(c);
        if (t != null) return t;
      }
      return null;
    }

    void chunkDone() {
      if (pending.decrementAndGet() == 0) LockSupport.unpark(caller);
    }

    void awaitOthers() {
      long spinUntil = System.nanoTime() + SPIN_NANOS;
      while (pending.get() > 0) {
        if (System.nanoTime() < spinUntil) Thread.onSpinWait();
        else LockSupport.parkNanos(this, 50_000);
      }
    }
  }

  private static final class Worker extends Thread {
    private volatile Job job;
    private int chunk;
    private int start;
    private int end;
    private volatile boolean parked;
    private volatile boolean retired;

    Worker(String name) {
      super(name);
      setDaemon(true);
    }

    /** Hands a chunk to this worker; called by the pool's owner only. */
    void give(Job j, int c, int s, int e) {
      chunk = c;
      start = s;
      end = e;
      job = j; // volatile write publishes start and end
      if (parked) LockSupport.unpark(this);
    }

    void retire() {
      retired = true;
      LockSupport.unpark(this);
    }

    @Override
    public void run() {
      long idleSince = System.nanoTime();
      while (!retired) {
        Job j = job;
        if (j != null) {
          job = null;
          try {
            j.task.run(start, end);
          } catch (Throwable t) {
            j.fail(chunk, t);
          }
          j.chunkDone();
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          parked = true;
          if (job == null && !retired) LockSupport.park(this);
          parked = false;
          idleSince = System.nanoTime();
        }
      }
    }
  }
}
