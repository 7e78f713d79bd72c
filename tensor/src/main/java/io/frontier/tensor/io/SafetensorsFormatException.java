package io.frontier.tensor.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors file that is malformed, or well-formed but holding something Frontier cannot load
 * (dtype {@code U64}, more than 2^31-1 elements). The message starts with the file and names the
 * tensor and the problem: {@code model.safetensors: tensor 'w': data_offsets [0, 8) hold 8 bytes
 * but dtype F32 and shape (3) need 12}.
 */
public final class SafetensorsFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  SafetensorsFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }

  SafetensorsFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
