package io.frontier.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import jcuda.Pointer;
import jcuda.driver.CUresult;

/**
 * Queues kernels on the context's stream. Arguments are given in the kernel's parameter order as
 * {@code CUdeviceptr}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code Byte}
 * or {@code int[]} (a by-value struct such as {@link StridedDesc}).
 *
 * <p>Launches are asynchronous; a kernel that faults is reported at the next synchronising call.
 * With {@code -Dfrontier.cuda.sync=true} every launch is followed by a stream synchronisation, so
 * the error names the kernel that caused it (CUDA_LAUNCH_BLOCKING's role).
 */
public final class Launcher {
  static final boolean SYNC_EACH_LAUNCH = Boolean.getBoolean("frontier.cuda.sync");

  private final CudaContext ctx;

  Launcher(CudaContext ctx) {
    this.ctx = ctx;
  }

  public void launch(String kernel, LaunchConfig cfg, Object... args) {
    // the driver copies each parameter's bytes whatever the argument's type: refuse a drifted list by name
    KernelSignatures signatures = KernelSignatures.committed();
    String mismatch = signatures.mismatch(kernel, args);
    if (mismatch == null) mismatch = signatures.tooManyThreads(kernel, cfg.blockX() * cfg.blockY());
    if (mismatch != null) throw new CudaKernelException("launching " + kernel + " " + cfg + ": " + mismatch);
    if (ctx.isDry()) {
      dryLaunch(kernel, cfg);
      return;
    }
    ctx.makeCurrent();
    Pointer[] params = new Pointer[args.length];
    for (int i = 0; i < args.length; i++) params[i] = CudaContext.argPointer(args[i]);
    KernelProfiler profiler = ctx.profiler();
    boolean profiled = profiler.active();
    if (profiled) profiler.before(kernel, cfg);
    int rc = cuLaunchKernel(ctx.function(kernel), cfg.gridX(), cfg.gridY(), cfg.gridZ(), cfg.blockX(), cfg.blockY(), 1,
        cfg.sharedBytes(), ctx.stream(), Pointer.to(params), null);
    if (profiled) profiler.after();
    if (rc != CUresult.CUDA_SUCCESS) {
      throw new CudaKernelException("launching " + kernel + " " + cfg + " failed: " + CUresult.stringFor(rc));
    }
    if (SYNC_EACH_LAUNCH) {
      rc = cuStreamSynchronize(ctx.stream());
      if (rc != CUresult.CUDA_SUCCESS) {
        throw new CudaKernelException("kernel " + kernel + " " + cfg + " failed: " + CUresult.stringFor(rc));
      }
    }
  }

  /**
   * A launch on the dry device: refused where the driver would refuse it (beyond the arguments and
   * launch bounds, already checked: more registers than an SM has, more dynamic shared memory than
   * the kernel's limit allows), else recorded, and
   * counted by an active profiler; nothing runs.
   */
  private void dryLaunch(String kernel, LaunchConfig cfg) {
    String registers = KernelSignatures.committed().tooManyRegisters(kernel, cfg.blockX() * cfg.blockY());
    if (registers != null) throw new CudaKernelException("launching " + kernel + " " + cfg + " failed: too many resources requested (dry device): " + registers);
    int limit = Math.min(ctx.dynamicSharedLimit(kernel), ctx.maxSharedPerBlockOptin());
    if (cfg.sharedBytes() > limit) {
      throw new CudaKernelException("launching " + kernel + " " + cfg + " failed: CUDA_ERROR_INVALID_VALUE (dry device): " + cfg.sharedBytes()
          + " bytes of dynamic shared memory above the kernel's limit of " + limit
          + (limit == CudaContext.DEFAULT_DYNAMIC_SHARED ? " (no setMaxDynamicShared before the launch)" : ""));
    }
    ctx.dryRun().record(kernel);
    KernelProfiler profiler = ctx.profiler();
    if (profiler.active()) {
      profiler.before(kernel, cfg);
      profiler.after();
    }
  }

  /** A grid-stride elementwise launch over {@code n} elements. */
  public void elementwise(String kernel, long n, Object... args) {
    launch(kernel, LaunchConfig.elementwise(n, ctx.multiprocessors()), args);
  }

  public CudaContext context() {
    return ctx;
  }
}
