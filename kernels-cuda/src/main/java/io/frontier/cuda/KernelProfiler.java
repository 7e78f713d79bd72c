package io.frontier.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;

/**
 * Device time per kernel, measured by a pair of CUDA events around every launch between
 * {@link #start()} and {@link #stop()} (what Nsight Systems' kernel summary gives, for machines
 * without it). The events cost the host a few microseconds per launch, so the wall time of a
 * profiled run is not the plain run's; the kernel times themselves are the device's.
 *
 * <p>Entries are keyed by kernel name and launch configuration, so one GEMM kernel at two shapes
 * gives two entries. One profiler per context; launches from one thread at a time.
 */
public final class KernelProfiler {

  /** One kernel at one launch configuration: launches and summed device time. */
  public record Entry(String kernel, String config, long launches, double millis) {}

  private final CudaContext ctx;
  private final List<CUevent> pool = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();
  private int used;
  private volatile boolean active;

  KernelProfiler(CudaContext ctx) {
    this.ctx = ctx;
  }

  /** Starts recording launches (forgetting any earlier recording). */
  public synchronized void start() {
    used = 0;
    keys.clear();
    active = true;
  }

  boolean active() {
    return active;
  }

  /** Queues the start event of a launch of {@code kernel} at {@code cfg}. */
  synchronized void before(String kernel, LaunchConfig cfg) {
    keys.add(kernel + "\t" + cfg);
    if (ctx.isDry()) return; // launches counted, no device time
    cuEventRecord(event(used++), ctx.stream());
  }

  /** Queues the end event of the launch {@link #before} opened. */
  synchronized void after() {
    if (ctx.isDry()) return;
    cuEventRecord(event(used++), ctx.stream());
  }

  /** Stops recording, waits for the device and returns the entries, most device time first. */
  public synchronized List<Entry> stop() {
    active = false;
    ctx.synchronize();
    Map<String, double[]> sums = new LinkedHashMap<>();
    float[] ms = {0};
    for (int i = 0; i < keys.size(); i++) {
      if (ctx.isDry()) ms[0] = 0;
      else CudaContext.check(cuEventElapsedTime(ms, pool.get(2 * i), pool.get(2 * i + 1)), "cuEventElapsedTime");
      double[] s = sums.computeIfAbsent(keys.get(i), k -> new double[2]);
      s[0]++;
      s[1] += ms[0];
    }
    List<Entry> out = new ArrayList<>();
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      String[] k = e.getKey().split("\t", 2);
      out.add(new Entry(k[0], k[1], (long) e.getValue()[0], e.getValue()[1]));
    }
    out.sort(Comparator.comparingDouble(Entry::millis).reversed());
    return out;
  }

  /** Destroys the pooled events. */
  public synchronized void close() {
    active = false;
    for (CUevent e : pool) cuEventDestroy(e);
    pool.clear();
  }

  private CUevent event(int i) {
    while (pool.size() <= i) {
      CUevent e = new CUevent();
      CudaContext.check(cuEventCreate(e, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
      pool.add(e);
    }
    return pool.get(i);
  }
}
