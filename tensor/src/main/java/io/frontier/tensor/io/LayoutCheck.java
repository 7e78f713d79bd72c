package io.frontier.tensor.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Checks that the tensors' byte ranges tile the data buffer exactly: sorted by offset, each starts
 * where the previous one ended, the first at 0 and the last at the end of the file. The reference
 * reader demands the same ("the byte buffer must be fully covered"), which rules out overlapping
 * tensors (two names for the same bytes), holes (bytes no one accounts for, a place to hide data)
 * and a file whose size does not match its header (truncated or with bytes appended).
 */
final class LayoutCheck {
  private LayoutCheck() {}

  static void check(Path file, Collection<SafetensorsEntry> entries, long dataLength) throws SafetensorsFormatException {
    List<SafetensorsEntry> byOffset = new ArrayList<>(entries);
    // Size-0 tensors sit anywhere inside or between the others; ordering by end too keeps one at
    // [b, b) ahead of a tensor starting at b, so it is never mistaken for an overlap.
    byOffset.sort(Comparator.comparingLong(SafetensorsEntry::begin).thenComparingLong(SafetensorsEntry::end));
    long covered = 0;
    SafetensorsEntry previous = null;
    for (SafetensorsEntry e : byOffset) {
      if (e.begin() > covered) {
        throw new SafetensorsFormatException(file, "hole in the data buffer: bytes [" + covered + ", " + e.begin()
            + ") belong to no tensor (" + (previous == null ? "before" : "between " + quote(previous) + " and")
            + " " + quote(e) + "); the buffer must be fully covered");
      }
      if (e.begin() < covered) {
        throw new SafetensorsFormatException(file, "tensors " + quote(previous) + " and " + quote(e) + " overlap");
      }
      covered = e.end();
      previous = e;
    }
    if (covered > dataLength) {
      throw new SafetensorsFormatException(file, "file is truncated: its tensors need a data buffer of " + covered
          + " bytes but the file has " + dataLength + " after the header");
    }
    if (covered < dataLength) {
      throw new SafetensorsFormatException(file, "file has " + (dataLength - covered)
          + " trailing bytes after the last tensor's data (the data buffer is " + dataLength
          + " bytes, the tensors cover " + covered + "); the buffer must be fully covered");
    }
  }

  private static String quote(SafetensorsEntry e) {
    return "'" + e.name() + "' [" + e.begin() + ", " + e.end() + ")";
  }
}
