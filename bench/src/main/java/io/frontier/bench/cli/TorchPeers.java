package io.frontier.bench.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The PyTorch-CPU peer of {@code frontier bench --torch}: runs the bundled
 * {@code peers/torch_peers.py} with a Python that has torch, in the same session as the JMH runs,
 * and turns its JSON lines into rows with impl "torch". Optional: without Python or torch the
 * bench prints a note and goes on.
 */
public final class TorchPeers {
  private TorchPeers() {}

  static List<Row> run(String python, boolean quick, List<Integer> threads, List<String> benchmarks, PrintWriter err) {
    Path script = null;
    try {
      script = Files.createTempFile("frontier-torch-peers", ".py");
      try (InputStream in = TorchPeers.class.getResourceAsStream("/peers/torch_peers.py")) {
        if (in == null) throw new IOException("peers/torch_peers.py is missing from the jar");
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> cmd = new ArrayList<>(List.of(python, script.toString(),
          "--threads", threads.stream().map(String::valueOf).collect(Collectors.joining(",")),
          "--only", String.join(",", benchmarks)));
      if (quick) cmd.add("--quick");
      Process process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      List<Row> rows = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (!line.isBlank()) rows.add(parse(line));
        }
      }
      int code = process.waitFor();
      if (code != 0) err.println("note: torch peers exited with code " + code + " after " + rows.size() + " rows (is torch installed for " + python + "?)");
      return rows;
    } catch (IOException e) {
      err.println("note: torch peers skipped: " + e.getMessage());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      if (script != null) script.toFile().delete();
    }
  }

  /**
   * One line of torch_peers.py: {"op", "impl", "dtype", "shape", "threads", "unit", "values"}, and
   * optionally "backend" (default "cpu"; the CUDA peers of {@code frontier gpu-bench} write "cuda").
   */
  public static Row parse(String line) throws IOException {
    String op = null, dtype = null, unit = null, impl = "torch", backend = "cpu";
    List<Integer> shape = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    int threads = 0;
    try (JsonParser p = new JsonFactory().createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("torch peers: not a JSON object: " + line);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "op" -> op = p.getText();
          case "impl" -> impl = p.getText();
          case "backend" -> backend = p.getText();
          case "dtype" -> dtype = p.getText();
          case "unit" -> unit = p.getText();
          case "threads" -> threads = p.getIntValue();
          case "shape" -> { while (p.nextToken() != JsonToken.END_ARRAY) shape.add(p.getIntValue()); }
          case "values" -> { while (p.nextToken() != JsonToken.END_ARRAY) values.add(p.getDoubleValue()); }
          default -> { if (t.isStructStart()) p.skipChildren(); }
        }
      }
    }
    if (op == null || dtype == null || unit == null || values.isEmpty()) throw new IOException("torch peers: incomplete row: " + line);
    return Row.of(op, backend, impl, dtype, shape, threads, unit, values.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
