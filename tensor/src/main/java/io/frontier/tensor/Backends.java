package io.frontier.tensor;

import io.frontier.tensor.backend.Backend;
import io.frontier.tensor.backend.BackendProvider;
import io.frontier.tensor.cpu.CpuBackend;
import io.frontier.tensor.cpu.VectorSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The registry of backends: the built-in CPU backend plus those found through
 * {@link ServiceLoader} ({@link BackendProvider}). Providers are loaded once, on first use; one
 * that cannot start is recorded with its reason and logged in one line.
 */
public final class Backends {

  /** What {@code ./frontier info} prints for one backend. */
  public record Status(String name, boolean available, String detail) {}

  private static volatile List<Loaded> loaded;

  private record Loaded(String name, Backend backend, String reason) {}

  private Backends() {}

  public static Backend cpu() {
    return CpuBackend.INSTANCE;
  }

  /** The backend for a device, or an exception that says why there is none. */
  static Backend forDevice(Device device) {
    if (device.isCpu()) return CpuBackend.INSTANCE;
    StringBuilder reasons = new StringBuilder();
    for (Loaded l : providers()) {
      if (l.backend != null && l.backend.deviceType() == device.type()) return l.backend;
      if (l.backend == null) reasons.append("; ").append(l.name).append(": ").append(l.reason);
    }
    throw new IllegalStateException(
        "no backend for device " + device + (reasons.length() == 0 ? " (no provider on the class path; add frontier-kernels-cuda)" : reasons.toString()));
  }

  /** True when some backend serves devices of this type. */
  public static boolean isAvailable(Device.Type type) {
    if (type == Device.Type.CPU) return true;
    for (Loaded l : providers()) if (l.backend != null && l.backend.deviceType() == type) return true;
    return false;
  }

  /** Every backend found, usable or not, with a one-line detail or reason. */
  public static List<Status> status() {
    List<Status> out = new ArrayList<>();
    out.add(new Status("cpu", true, "threads=" + io.frontier.tensor.cpu.Parallel.numThreads() + ", simd: " + VectorSupport.reason()));
    boolean cudaProvider = false;
    for (Loaded l : providers()) {
      out.add(new Status(l.name, l.backend != null, l.backend != null ? l.backend.describe() : l.reason));
      cudaProvider |= l.name.equals("cuda");
    }
    if (!cudaProvider) out.add(new Status("cuda", false, "no provider on the class path (add frontier-kernels-cuda)"));
    return out;
  }

  private static List<Loaded> providers() {
    List<Loaded> result = loaded;
    if (result != null) return result;
    synchronized (Backends.class) {
      if (loaded != null) return loaded;
      List<Loaded> found = new ArrayList<>();
      try {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
          Optional<Backend> b;
          try {
            b = p.load();
          } catch (RuntimeException | LinkageError e) {
            b = Optional.empty();
            found.add(new Loaded(p.name(), null, "failed to start: " + e));
            logUnavailable(p.name(), "failed to start: " + e);
            continue;
          }
          if (b.isPresent()) {
            found.add(new Loaded(p.name(), b.get(), null));
          } else {
            found.add(new Loaded(p.name(), null, p.unavailableReason()));
            logUnavailable(p.name(), p.unavailableReason());
          }
        }
      } catch (ServiceConfigurationError e) {
        found.add(new Loaded("provider", null, "service configuration error: " + e.getMessage()));
      }
      loaded = List.copyOf(found);
      return loaded;
    }
  }

  private static void logUnavailable(String name, String reason) {
    System.getLogger("io.frontier.tensor")
        .log(System.Logger.Level.INFO, "Frontier backend '" + name + "' unavailable, running on the CPU: " + reason);
  }
}
