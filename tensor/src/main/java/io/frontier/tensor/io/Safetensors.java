package io.frontier.tensor.io;

import io.frontier.tensor.Tensor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format:
 * an 8-byte little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets"}} (plus an optional {@code "__metadata__"} object of
 * strings), then the little-endian row-major bytes of every tensor.
 *
 * <pre>{@code
 * Safetensors.write(path, Map.of("w", w, "b", b), Map.of("format", "pt"));
 * SafetensorsFile f = Safetensors.read(path);
 * Tensor w2 = f.tensor("w");
 * }</pre>
 *
 * <p><b>Writing.</b> Tensors of every Frontier dtype (float32 as F32, float64 as F64, int64 as
 * I64, bool as BOOL), on any device and in any layout. The header lists the tensors in the map's
 * iteration order (pass a {@link LinkedHashMap} to choose it) after the metadata, and is padded
 * with spaces to a multiple of 8 bytes. The data is laid out widest item size first, as the
 * reference writer does, so each tensor is aligned to its item size in the file. The write is
 * atomic: a temporary file in the same directory is forced to disk and renamed over {@code path};
 * if anything fails the temporary file is deleted and an existing file at {@code path} is untouched.
 *
 * <p><b>Reading.</b> The whole header is validated before any tensor is made: the header length
 * (at most 100 MB and inside the file), UTF-8, JSON syntax, a top-level object, no duplicate keys,
 * entries with exactly the fields dtype, shape and data_offsets, known dtype names, shapes of
 * non-negative integers, two non-negative data_offsets with begin &lt;= end spanning exactly
 * numel &times; itemsize bytes, ranges that tile the data buffer with no overlap or hole, a file
 * size equal to header plus buffer, and metadata of string values. Any violation throws
 * {@link SafetensorsFormatException} naming the file, the tensor and the problem; nothing
 * half-read is ever returned. BOOL bytes other than 0 and 1 are rejected when the tensor loads.
 *
 * <p>Types Frontier lacks are widened exactly on load: F16 and BF16 to float32; I32, U32, I16,
 * U16, I8 and U8 to int64. F32, F64, I64 and BOOL load as themselves. The remaining safetensors
 * types (U64, C64, F8_*) pass {@link #readHeader} but cannot be loaded; F4 and F6_* (sub-byte)
 * are rejected as unknown. Loaded tensors live on the CPU; move them with {@code to(device)}.
 */
public final class Safetensors {
  private Safetensors() {}

  /** Writes {@code tensors} with no metadata; see the class comment. */
  public static void write(Path path, Map<String, Tensor> tensors) throws IOException {
    write(path, tensors, Map.of());
  }

  /**
   * Writes {@code tensors} and {@code metadata} to {@code path} atomically, replacing any file
   * there.
   *
   * @throws IllegalArgumentException for a null name, tensor, metadata key or value, or a tensor
   *     named {@code "__metadata__"}
   */
  public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    SafetensorsWriter.write(path, tensors, metadata);
  }

  /** Every tensor in the file, loaded onto the CPU, with the file's metadata. */
  public static SafetensorsFile read(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      SafetensorsHeader header = HeaderParser.read(path, channel);
      TensorDecoder decoder = new TensorDecoder(path, channel, header.dataStart());
      // Refuse an unloadable tensor before allocating any array for the others.
      for (SafetensorsEntry e : header.entries().values()) decoder.checkLoadable(e);
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (SafetensorsEntry e : header.entries().values()) tensors.put(e.name(), decoder.load(e));
      return new SafetensorsFile(tensors, header.metadata());
    }
  }

  /** The validated header alone: names, dtypes, shapes and offsets, with no tensor data read. */
  public static SafetensorsHeader readHeader(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      return HeaderParser.read(path, channel);
    }
  }

  /**
   * The one tensor called {@code name}, reading only its bytes (after validating the whole header).
   *
   * @throws IllegalArgumentException when the file has no tensor of that name
   * @throws SafetensorsFormatException when the file is malformed or the tensor cannot be loaded
   */
  public static Tensor readTensor(Path path, String name) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      SafetensorsHeader header = HeaderParser.read(path, channel);
      SafetensorsEntry entry = header.entries().get(name);
      if (entry == null) {
        throw new IllegalArgumentException(
            "Safetensors.readTensor: " + path + " has no tensor named '" + name + "'; it has " + SafetensorsFile.listNames(header.entries().keySet()));
      }
      TensorDecoder decoder = new TensorDecoder(path, channel, header.dataStart());
      decoder.checkLoadable(entry);
      return decoder.load(entry);
    }
  }
}
