package io.frontier.bench.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes a forked benchmark JVM's output through, less the line "WARNING: Using incubator modules:
 * jdk.incubator.vector" that each fork prints at startup (no JVM flag turns it off). Bytes are held
 * back only while the current line could still be that warning.
 */
final class ForkOutputFilter extends OutputStream {
  private static final byte[] WARNING = "WARNING: Using incubator modules:".getBytes(StandardCharsets.US_ASCII);

  private enum State { LINE_START, PASS, DROP }

  private final OutputStream out;
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private State state = State.LINE_START;

  ForkOutputFilter(OutputStream out) {
    this.out = out;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    switch (state) {
      case PASS -> out.write(b);
      case DROP -> { }
      case LINE_START -> {
        held.write(b);
        int i = held.size() - 1;
        if (i >= WARNING.length || WARNING[i] != (byte) b) {
          held.writeTo(out);
          held.reset();
          state = State.PASS;
        } else if (held.size() == WARNING.length) {
          held.reset();
          state = State.DROP;
        }
      }
    }
    if (b == '\n' && state != State.LINE_START) state = State.LINE_START;
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    held.writeTo(out);
    held.reset();
    out.flush();
  }
}
