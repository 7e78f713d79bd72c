package io.frontier.tensor.io;

import io.frontier.tensor.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Loads one entry's bytes into a fresh Java array and wraps it as a CPU tensor, widening the types
 * Frontier lacks: F16 and BF16 to float32, I32/U32/I16/U16/I8/U8 to int64 (every value of each
 * fits exactly). The file is read in chunks of {@link #CHUNK_BYTES} through one reused buffer, so
 * loading needs the arrays and a megabyte, not a second copy of the file.
 */
final class TensorDecoder {
  /** A multiple of every item size, so no element straddles two chunks. */
  static final int CHUNK_BYTES = 1 << 20;

  private final Path file;
  private final FileChannel channel;
  private final long dataStart;
  private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);

  TensorDecoder(Path file, FileChannel channel, long dataStart) {
    this.file = file;
    this.channel = channel;
    this.dataStart = dataStart;
  }

  /**
   * Throws unless {@code e} can become a Frontier tensor: a dtype with a Frontier counterpart and
   * dims and element count within Java's array limit. Checked for every entry before any is read.
   */
  void checkLoadable(SafetensorsEntry e) throws SafetensorsFormatException {
    StoredDType type = StoredDType.byName(e.dtype());
    if (type.loadsAs == null) {
      throw new SafetensorsFormatException(file, "tensor '" + e.name() + "': dtype " + e.dtype()
          + " cannot be loaded as a Frontier tensor (loadable: " + StoredDType.loadableNames() + ")");
    }
    if (e.byteLength() / type.itemSize > Integer.MAX_VALUE) {
      throw new SafetensorsFormatException(file, "tensor '" + e.name() + "': shape " + HeaderParser.str(e.shape())
          + " has more than 2^31-1 elements, the most a Frontier tensor holds");
    }
  }

  /** The entry as a CPU tensor; call {@link #checkLoadable} first. */
  Tensor load(SafetensorsEntry e) throws IOException {
    StoredDType type = StoredDType.byName(e.dtype());
    int numel = (int) (e.byteLength() / type.itemSize);
    Object values = switch (type.loadsAs) {
      case FLOAT32 -> new float[numel];
      case FLOAT64 -> new double[numel];
      case INT64 -> new long[numel];
      case BOOL -> new boolean[numel];
    };
    long position = dataStart + e.begin();
    int done = 0;
    while (done < numel) {
      int count = Math.min(numel - done, CHUNK_BYTES / type.itemSize);
      fill(e, position, count * type.itemSize);
      decode(e, type, values, done, count);
      position += (long) count * type.itemSize;
      done += count;
    }
    long[] shape = e.shape();
    int[] dims = new int[shape.length];
    // Each dim is at most numel (or the tensor is empty), so it fits an int once numel does.
    for (int i = 0; i < shape.length; i++) dims[i] = (int) shape[i];
    return Tensor.wrap(values, dims);
  }

  private void fill(SafetensorsEntry e, long position, int bytes) throws IOException {
    chunk.clear().limit(bytes);
    while (chunk.hasRemaining()) {
      if (channel.read(chunk, position + chunk.position()) < 0) {
        throw new EOFException(file + ": file ended while reading tensor '" + e.name()
            + "' (it was validated at open; was it changed while being read?)");
      }
    }
    chunk.flip();
  }

  private void decode(SafetensorsEntry e, StoredDType type, Object values, int at, int count) throws SafetensorsFormatException {
    switch (type) {
      case F32 -> chunk.asFloatBuffer().get((float[]) values, at, count);
      case F64 -> chunk.asDoubleBuffer().get((double[]) values, at, count);
      case I64 -> chunk.asLongBuffer().get((long[]) values, at, count);
      case F16 -> {
        float[] out = (float[]) values;
        for (int i = 0; i < count; i++) out[at + i] = HalfFloats.f16ToFloat(chunk.getShort());
      }
      case BF16 -> {
        float[] out = (float[]) values;
        for (int i = 0; i < count; i++) out[at + i] = HalfFloats.bf16ToFloat(chunk.getShort());
      }
      case I32 -> { long[] out = (long[]) values; for (int i = 0; i < count; i++) out[at + i] = chunk.getInt(); }
      case U32 -> { long[] out = (long[]) values; for (int i = 0; i < count; i++) out[at + i] = Integer.toUnsignedLong(chunk.getInt()); }
      case I16 -> { long[] out = (long[]) values; for (int i = 0; i < count; i++) out[at + i] = chunk.getShort(); }
      case U16 -> { long[] out = (long[]) values; for (int i = 0; i < count; i++) out[at + i] = Short.toUnsignedLong(chunk.getShort()); }
      case I8 -> { long[] out = (long[]) values; for (int i = 0; i < count; i++) out[at + i] = chunk.get(); }
      case U8 -> { long[] out = (long[]) values; for (int i = 0; i < count; i++) out[at + i] = Byte.toUnsignedLong(chunk.get()); }
      case BOOL -> decodeBools(e, (boolean[]) values, at, count);
      default -> throw new AssertionError("checkLoadable admits no " + type);
    }
  }

  /** Only 0 and 1 are booleans; any other byte is corruption, not "true". */
  private void decodeBools(SafetensorsEntry e, boolean[] out, int at, int count) throws SafetensorsFormatException {
    for (int i = 0; i < count; i++) {
      byte b = chunk.get();
      if (b != 0 && b != 1) {
        throw new SafetensorsFormatException(file, "tensor '" + e.name() + "': BOOL element " + (at + i)
            + " is byte " + Byte.toUnsignedInt(b) + " (a bool must be 0 or 1)");
      }
      out[at + i] = b == 1;
    }
  }
}
