package io.frontier.cuda;

import io.frontier.tensor.backend.Backend;
import io.frontier.tensor.backend.BackendProvider;
import java.util.Optional;

/**
 * Registers the CUDA backend with {@code io.frontier.tensor.Backends} through ServiceLoader. It
 * starts device 0; without libcuda.so.1, without a device, or when the kernel module does not load,
 * it reports why in one line and Frontier runs on the CPU. {@code -Dfrontier.cuda=false} turns it off;
 * {@code -Dfrontier.cuda.dry=true} starts a dry device instead ({@link CudaContext#dry()}: no
 * driver, nothing runs, every launch checked against the kernels' signatures).
 */
public final class CudaBackendProvider implements BackendProvider {
  private static volatile CudaBackend instance;
  private static volatile String reason = "not started";

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public synchronized Optional<Backend> load() {
    if (instance != null) return Optional.of(instance);
    if ("false".equals(System.getProperty("frontier.cuda"))) {
      reason = "disabled by -Dfrontier.cuda=false";
      return Optional.empty();
    }
    try {
      // a dry device runs nothing: for checking the launch sites without a GPU (DryLaunchTest)
      instance = new CudaBackend(Boolean.getBoolean("frontier.cuda.dry") ? CudaContext.dry() : new CudaContext(0));
      return Optional.of(instance);
    } catch (Throwable t) { // UnsatisfiedLinkError included: no driver means CPU, never a crash
      reason = FallbackReason.describe(t);
      return Optional.empty();
    }
  }

  @Override
  public String unavailableReason() {
    return reason;
  }

  static CudaBackend instance() {
    return instance;
  }
}
