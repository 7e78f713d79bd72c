package io.frontier.tensor.backend;

import java.util.Optional;

/**
 * A service-provider entry (see {@link java.util.ServiceLoader}) through which a device backend
 * joins Frontier. The CUDA backend in {@code frontier-kernels-cuda} is one; the CPU backend is built
 * in.
 */
public interface BackendProvider {

  /** The backend's short name, such as {@code "cuda"}. */
  String name();

  /**
   * Tries to start the backend: load native libraries, find devices. Must not throw; returns the
   * backend, or an empty optional after which {@link #unavailableReason()} says why in one line.
   */
  Optional<Backend> load();

  /** Why {@link #load()} found the backend unusable ("libcuda.so.1 not found", ...). */
  String unavailableReason();
}
