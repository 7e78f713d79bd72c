package io.frontier.tensor.io;

import io.frontier.tensor.Device;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.cpu.CpuStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * Writes tensors' elements as little-endian row-major bytes through one reused chunk buffer. A
 * tensor already contiguous on the CPU is read straight from its backing array; anything else
 * (another device, a transposed or strided view) is first made a contiguous CPU copy.
 */
final class TensorEncoder {
  private final WritableByteChannel channel;
  private final ByteBuffer chunk = ByteBuffer.allocateDirect(TensorDecoder.CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);

  TensorEncoder(WritableByteChannel channel) {
    this.channel = channel;
  }

  void write(Tensor tensor) throws IOException {
    Tensor t = tensor.to(Device.CPU).contiguous();
    int numel = t.numel();
    if (numel == 0) return;
    Object array;
    int offset;
    if (t.storage() instanceof CpuStorage cpu) {
      array = cpu.data();
      offset = t.storageOffset();
    } else {
      array = hostCopy(t);
      offset = 0;
    }
    int itemSize = t.dtype().itemSize();
    int perChunk = TensorDecoder.CHUNK_BYTES / itemSize;
    for (int done = 0; done < numel; done += perChunk) {
      int count = Math.min(perChunk, numel - done);
      chunk.clear();
      encode(array, offset + done, count);
      chunk.flip();
      while (chunk.hasRemaining()) channel.write(chunk);
    }
  }

  private void encode(Object array, int from, int count) {
    if (array instanceof float[] a) {
      chunk.asFloatBuffer().put(a, from, count);
    } else if (array instanceof double[] a) {
      chunk.asDoubleBuffer().put(a, from, count);
    } else if (array instanceof long[] a) {
      chunk.asLongBuffer().put(a, from, count);
    } else {
      boolean[] a = (boolean[]) array;
      for (int i = 0; i < count; i++) chunk.put(i, (byte) (a[from + i] ? 1 : 0));
    }
    // The view puts above do not move the byte buffer's position; mark the bytes written.
    chunk.position(count * itemSize(array));
  }

  private static int itemSize(Object array) {
    return CpuStorage.dtypeOf(array).itemSize();
  }

  /** A CPU backend other than the built-in one: go through the public host-array copies. */
  private static Object hostCopy(Tensor t) {
    return switch (t.dtype()) {
      case FLOAT32 -> t.toFloatArray();
      case FLOAT64 -> t.toDoubleArray();
      case INT64 -> t.toLongArray();
      case BOOL -> t.toBooleanArray();
    };
  }
}
