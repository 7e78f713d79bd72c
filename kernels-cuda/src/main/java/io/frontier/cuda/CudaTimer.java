package io.frontier.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;

import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;

/**
 * Times device work with a pair of CUDA events recorded on the backend's stream, as
 * {@code torch.cuda.Event(enable_timing=True)}: {@link #start()}, queue work, {@link #stopMillis()}.
 * The time is the stream's, between the two events, not the host's; a host fallback between them
 * counts, since the stop event is only queued once the host returns.
 *
 * <p>One timer serves one thread at a time. Close it to destroy the events.
 */
public final class CudaTimer implements AutoCloseable {
  private final CudaContext ctx;
  private final CUevent start = new CUevent();
  private final CUevent stop = new CUevent();
  private boolean started;
  private long hostStart;

  public CudaTimer(CudaBackend backend) {
    this.ctx = backend.context();
    if (ctx.isDry()) return; // the dry device has no events: its timers read the host clock
    ctx.makeCurrent();
    CudaContext.check(cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
    CudaContext.check(cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
  }

  /** Queues the start event behind the work already on the stream. */
  public void start() {
    started = true;
    hostStart = System.nanoTime();
    if (ctx.isDry()) return;
    ctx.makeCurrent();
    CudaContext.check(cuEventRecord(start, ctx.stream()), "cuEventRecord(start)");
  }

  /** Queues the stop event, waits for it and returns the stream time since {@link #start()} in milliseconds. */
  public float stopMillis() {
    if (!started) throw new IllegalStateException("CudaTimer.stopMillis() without start()");
    started = false;
    // the host time of the launches on the dry device, which runs none
    if (ctx.isDry()) return (float) ((System.nanoTime() - hostStart) / 1e6);
    ctx.makeCurrent();
    CudaContext.check(cuEventRecord(stop, ctx.stream()), "cuEventRecord(stop)");
    CudaContext.check(cuEventSynchronize(stop), "cuEventSynchronize (an earlier kernel failed)");
    float[] ms = {0};
    CudaContext.check(cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
    return ms[0];
  }

  @Override
  public void close() {
    if (ctx.isDry()) return;
    ctx.makeCurrent();
    cuEventDestroy(start);
    cuEventDestroy(stop);
  }
}
