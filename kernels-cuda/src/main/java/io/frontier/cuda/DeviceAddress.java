package io.frontier.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * The raw device address a {@link CUdeviceptr} stands for (its native pointer plus its byte
 * offset), for kernels that take addresses inside a by-value struct ({@link AdamList}). JCuda keeps
 * both behind protected accessors; this subclass reaches them through the protected copy
 * constructor, with no reflection.
 */
final class DeviceAddress extends CUdeviceptr {
  private DeviceAddress(CUdeviceptr p) {
    super(p);
  }

  static long of(CUdeviceptr p) {
    DeviceAddress a = new DeviceAddress(p);
    return a.getNativePointer() + a.getByteOffset();
  }
}
