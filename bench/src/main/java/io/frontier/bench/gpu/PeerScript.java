package io.frontier.bench.gpu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one of the bundled PyTorch peer scripts ({@code /peers/*.py} in the jar) with a given Python
 * and returns what it printed, line by line. The scripts' exit codes 3 (no torch) and 4 (no CUDA
 * device) come back as one "skipped" line; any other failure as the output behind a "failed" line.
 */
final class PeerScript {
  private PeerScript() {}

  /** A GPU bench's command line: shapes, then {@code --python PATH} (default python3) for its peer script. */
  record Args(List<String> shapes, String python) {
    /** The arguments, with {@code defaultShapes} where none are given. */
    static Args parse(String[] args, List<String> defaultShapes) {
      List<String> shapes = new ArrayList<>();
      String python = "python3";
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--python") && i + 1 < args.length) python = args[++i];
        else shapes.add(args[i]);
      }
      return new Args(shapes.isEmpty() ? defaultShapes : shapes, python);
    }
  }

  static List<String> run(String python, String resource, List<String> args) {
    try {
      Path script = Files.createTempFile("frontier-peer", ".py");
      try (InputStream in = PeerScript.class.getResourceAsStream(resource)) {
        if (in == null) throw new IOException(resource + " is missing from the jar");
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
      cmd.addAll(args);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      List<String> lines = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) lines.add(line);
      }
      int code = p.waitFor();
      Files.deleteIfExists(script);
      if (code == 3) return List.of("skipped: " + python + " cannot import torch");
      if (code == 4) return List.of("skipped: torch sees no CUDA device");
      if (code != 0) lines.add(0, "failed (exit " + code + "):");
      return lines;
    } catch (IOException | InterruptedException e) {
      return List.of("skipped: " + e);
    }
  }
}
