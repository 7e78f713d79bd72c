package io.frontier.cuda;

/** The device has no memory left for a request, even after the cache was emptied. */
public final class CudaOutOfMemoryError extends RuntimeException {
  public CudaOutOfMemoryError(String message) {
    super(message);
  }
}
