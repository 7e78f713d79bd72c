package io.frontier.cuda;

import static jcuda.driver.JCudaDriver.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;

/**
 * Copies between Java arrays and device memory through one pinned (page-locked) staging buffer,
 * in chunks of its size. Pinned memory lets the copy engine read host memory directly, and an
 * asynchronous host-to-device copy from it does not stall the stream: the call returns once the
 * Java array is in the staging buffer. An event guards the buffer against reuse before its last
 * copy finished. Device-to-host copies wait for the stream (the caller needs the values).
 */
final class HostTransfers {
  static final int STAGING_BYTES = 8 << 20;

  private final CudaContext ctx;
  private final Pointer staging = new Pointer();
  private final ByteBuffer buffer;
  private final CUevent lastUse = new CUevent();
  private boolean pending;

  HostTransfers(CudaContext ctx) {
    this.ctx = ctx;
    if (ctx.isDry()) {
      buffer = null; // a dry device copies nothing
      return;
    }
    ctx.makeCurrent();
    CudaContext.check(cuMemHostAlloc(staging, STAGING_BYTES, 0), "cuMemHostAlloc(" + STAGING_BYTES + ")");
    buffer = staging.getByteBuffer(0, STAGING_BYTES).order(ByteOrder.nativeOrder());
    CudaContext.check(cuEventCreate(lastUse, jcuda.driver.CUevent_flags.CU_EVENT_DISABLE_TIMING), "cuEventCreate");
  }

  synchronized void toDevice(Object array, int offset, CUdeviceptr dst, int count, int itemSize) {
    if (ctx.isDry()) return;
    ctx.makeCurrent();
    int perChunk = STAGING_BYTES / itemSize;
    for (int done = 0; done < count; ) {
      int n = Math.min(perChunk, count - done);
      awaitStaging();
      buffer.clear();
      put(array, offset + done, n);
      CudaContext.check(cuMemcpyHtoDAsync(dst.withByteOffset((long) done * itemSize), staging, (long) n * itemSize, ctx.stream()),
          "cuMemcpyHtoDAsync(" + (long) n * itemSize + " bytes)");
      CudaContext.check(cuEventRecord(lastUse, ctx.stream()), "cuEventRecord");
      pending = true;
      done += n;
    }
  }

  synchronized void toHost(CUdeviceptr src, Object array, int offset, int count, int itemSize) {
    if (ctx.isDry()) {
      zero(array, offset, count); // a dry device holds no values: reads give zeros
      return;
    }
    ctx.makeCurrent();
    int perChunk = STAGING_BYTES / itemSize;
    for (int done = 0; done < count; ) {
      int n = Math.min(perChunk, count - done);
      CudaContext.check(cuMemcpyDtoHAsync(staging, src.withByteOffset((long) done * itemSize), (long) n * itemSize, ctx.stream()),
          "cuMemcpyDtoHAsync(" + (long) n * itemSize + " bytes)");
      ctx.synchronize();
      pending = false;
      buffer.clear();
      get(array, offset + done, n);
      done += n;
    }
  }

  private void awaitStaging() {
    if (pending) {
      CudaContext.check(cuEventSynchronize(lastUse), "cuEventSynchronize (a queued kernel or copy failed)");
      pending = false;
    }
  }

  private static void zero(Object array, int off, int n) {
    if (array instanceof float[] a) java.util.Arrays.fill(a, off, off + n, 0f);
    else if (array instanceof double[] a) java.util.Arrays.fill(a, off, off + n, 0.0);
    else if (array instanceof long[] a) java.util.Arrays.fill(a, off, off + n, 0L);
    else if (array instanceof boolean[] a) java.util.Arrays.fill(a, off, off + n, false);
    else if (array instanceof int[] a) java.util.Arrays.fill(a, off, off + n, 0);
    else throw new IllegalArgumentException("unsupported host array " + array.getClass().getSimpleName());
  }

  private void put(Object array, int off, int n) {
    if (array instanceof float[] a) buffer.asFloatBuffer().put(a, off, n);
    else if (array instanceof double[] a) buffer.asDoubleBuffer().put(a, off, n);
    else if (array instanceof long[] a) buffer.asLongBuffer().put(a, off, n);
    else if (array instanceof boolean[] a) {
      for (int i = 0; i < n; i++) buffer.put(i, (byte) (a[off + i] ? 1 : 0));
    } else throw new IllegalArgumentException("unsupported host array " + array.getClass().getSimpleName());
  }

  private void get(Object array, int off, int n) {
    if (array instanceof float[] a) buffer.asFloatBuffer().get(a, off, n);
    else if (array instanceof double[] a) buffer.asDoubleBuffer().get(a, off, n);
    else if (array instanceof long[] a) buffer.asLongBuffer().get(a, off, n);
    else if (array instanceof boolean[] a) {
      for (int i = 0; i < n; i++) a[off + i] = buffer.get(i) != 0;
    } else throw new IllegalArgumentException("unsupported host array " + array.getClass().getSimpleName());
  }
}
