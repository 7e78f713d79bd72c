package io.frontier.tensor.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated safetensors header: every entry's dtype, shape and byte range, and the file's
 * metadata. Returned by {@link Safetensors#readHeader} without loading any tensor data.
 *
 * @param entries the tensors by name, in the order the header lists them
 * @param metadata the {@code "__metadata__"} strings, in header order; empty when absent
 * @param dataStart the file position of the data buffer ({@code 8 + header length})
 */
public record SafetensorsHeader(Map<String, SafetensorsEntry> entries, Map<String, String> metadata, long dataStart) {

  public SafetensorsHeader {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
