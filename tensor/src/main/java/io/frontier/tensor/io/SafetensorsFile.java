package io.frontier.tensor.io;

import io.frontier.tensor.Tensor;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The contents of a safetensors file, as {@link Safetensors#read} returns them.
 *
 * @param tensors CPU tensors by name, in the order the header lists them
 * @param metadata the {@code "__metadata__"} strings, in header order; empty when absent
 */
public record SafetensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {

  public SafetensorsFile {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** The tensor called {@code name}; throws naming the tensors there are when it is absent. */
  public Tensor tensor(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("SafetensorsFile: no tensor named '" + name + "'; it has " + listNames(tensors.keySet()));
    }
    return t;
  }

  /** Up to ten names for an error message; a checkpoint can hold thousands. */
  static String listNames(Collection<String> names) {
    StringJoiner s = new StringJoiner(", ", "[", "]");
    names.stream().limit(10).forEach(s::add);
    if (names.size() > 10) s.add("... " + names.size() + " tensors in all");
    return s.toString();
  }
}
