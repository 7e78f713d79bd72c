package io.frontier.tensor.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.frontier.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a safetensors file atomically: everything goes to a temporary file beside the target,
 * which is forced to disk and then renamed over it, so a reader (or a crash) sees the old file or
 * the new one, never a mixture. On any failure the temporary file is deleted and the target is
 * left as it was.
 */
final class SafetensorsWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private SafetensorsWriter() {}

  /** One tensor's place in the file. */
  private record Planned(String name, Tensor tensor, StoredDType type, long begin, long end) {}

  static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    checkArguments(tensors, metadata);
    List<Planned> plan = plan(tensors);
    byte[] header = header(plan, metadata);
    if (header.length > HeaderParser.MAX_HEADER_BYTES) {
      throw new IllegalArgumentException("Safetensors.write: the header would be " + header.length
          + " bytes, over the 100 MB limit readers enforce (too much metadata or too many tensors)");
    }
    List<Planned> byOffset = new ArrayList<>(plan);
    byOffset.sort(Comparator.comparingLong(Planned::begin));

    Path target = path.toAbsolutePath();
    Path temp = createTemp(target);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
        writeFully(channel, length);
        writeFully(channel, ByteBuffer.wrap(header));
        TensorEncoder encoder = new TensorEncoder(channel);
        for (Planned p : byOffset) encoder.write(p.tensor);
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (Throwable failure) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
    forceDirectory(target.getParent());
  }

  private static void checkArguments(Map<String, Tensor> tensors, Map<String, String> metadata) {
    if (tensors == null) throw new IllegalArgumentException("Safetensors.write: tensors must not be null");
    if (metadata == null) throw new IllegalArgumentException("Safetensors.write: metadata must not be null (pass an empty map)");
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      if (e.getKey() == null) throw new IllegalArgumentException("Safetensors.write: a tensor name is null");
      if (e.getKey().equals("__metadata__")) {
        throw new IllegalArgumentException("Safetensors.write: '__metadata__' is the header's metadata key and cannot name a tensor");
      }
      if (e.getValue() == null) throw new IllegalArgumentException("Safetensors.write: tensor '" + e.getKey() + "' is null");
    }
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException("Safetensors.write: metadata entry " + e.getKey() + "=" + e.getValue() + " has a null");
      }
    }
  }

  /**
   * Byte ranges in the data buffer. The header lists tensors in the map's order, but the data is
   * laid out widest item size first (stable within a size), as the reference writer does: with the
   * header padded to 8 bytes, every tensor then starts at a multiple of its item size in the file,
   * which memory-mapping readers need for zero-copy typed views. Readers take offsets from the
   * header, so the two orders need not agree.
   */
  private static List<Planned> plan(Map<String, Tensor> tensors) {
    List<Map.Entry<String, Tensor>> bySize = new ArrayList<>(tensors.entrySet());
    bySize.sort(Comparator.comparingInt((Map.Entry<String, Tensor> e) -> e.getValue().dtype().itemSize()).reversed());
    Map<String, long[]> ranges = new HashMap<>();
    long offset = 0;
    for (Map.Entry<String, Tensor> e : bySize) {
      long bytes = (long) e.getValue().numel() * e.getValue().dtype().itemSize();
      ranges.put(e.getKey(), new long[] {offset, offset + bytes});
      offset += bytes;
    }
    List<Planned> plan = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      long[] range = ranges.get(e.getKey());
      plan.add(new Planned(e.getKey(), e.getValue(), StoredDType.of(e.getValue().dtype()), range[0], range[1]));
    }
    return plan;
  }

  /** The JSON header, metadata first as the reference writes it, padded with spaces to 8 bytes. */
  private static byte[] header(List<Planned> plan, Map<String, String> metadata) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      if (!metadata.isEmpty()) {
        g.writeObjectFieldStart("__metadata__");
        for (Map.Entry<String, String> e : metadata.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
      }
      for (Planned p : plan) {
        g.writeObjectFieldStart(p.name);
        g.writeStringField("dtype", p.type.name());
        g.writeArrayFieldStart("shape");
        for (int d : p.tensor.shape()) g.writeNumber(d);
        g.writeEndArray();
        g.writeArrayFieldStart("data_offsets");
        g.writeNumber(p.begin);
        g.writeNumber(p.end);
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    while (out.size() % 8 != 0) out.write(' ');
    return out.toByteArray();
  }

  /**
   * A new file beside the target. Not {@code Files.createTempFile}: that makes the file readable
   * by its owner only, and the rename would carry those permissions to the target.
   */
  private static Path createTemp(Path target) throws IOException {
    String suffix = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    Path temp = target.resolveSibling("." + target.getFileName() + "." + suffix + ".tmp");
    return Files.createFile(temp);
  }

  private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) channel.write(bytes);
  }

  /**
   * Makes the rename itself durable. Best effort: opening a directory to force it works on Linux
   * and macOS but not on Windows, where renames are durable without it.
   */
  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // The file is already in place; a missed directory sync only weakens crash durability.
    }
  }
}
