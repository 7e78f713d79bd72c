package io.frontier.bench.gpu;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.frontier.bench.cli.Results;
import io.frontier.bench.cli.Row;
import io.frontier.bench.cli.TorchPeers;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The PyTorch-CUDA peer of {@code frontier gpu-bench}: runs the bundled
 * {@code peers/torch_cuda_peers.py} with the plan's sizes and budget, after Frontier's cases, on
 * the same card, and turns its lines into rows (impl "torch"), notes and the torch versions.
 * Without Python, torch or a CUDA device for torch it returns a note saying so and no rows.
 */
final class TorchCudaPeers {
  /** Seconds allowed beyond the plan's budget for importing torch and starting CUDA. */
  static final int STARTUP_SECONDS = 90;

  record Result(List<Row> rows, List<String> notes, Map<String, String> meta) {}

  private TorchCudaPeers() {}

  /** The script's arguments for {@code plan} on a card with {@code l2Bytes} of L2 cache. */
  static List<String> arguments(GpuPlan plan, long l2Bytes) {
    return List.of(
        "--matmul-sizes", plan.matmulSizes().stream().map(String::valueOf).collect(Collectors.joining(",")),
        "--memory-bytes", plan.memoryBytes().stream().map(String::valueOf).collect(Collectors.joining(",")),
        "--l2-bytes", String.valueOf(l2Bytes),
        "--budget", fmt(plan.torchSeconds()),
        "--per-case", fmt(plan.perCaseSeconds()),
        "--min-reps", String.valueOf(plan.minReps()),
        "--max-reps", String.valueOf(plan.maxReps()),
        "--slow-call", fmt(plan.slowCallSeconds()));
  }

  static Result run(String python, GpuPlan plan, long l2Bytes, PrintWriter log) {
    List<Row> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, String> meta = new LinkedHashMap<>();
    Path script = null;
    try {
      script = Files.createTempFile("frontier-torch-cuda-peers", ".py");
      try (InputStream in = TorchCudaPeers.class.getResourceAsStream("/peers/torch_cuda_peers.py")) {
        if (in == null) throw new IOException("peers/torch_cuda_peers.py is missing from the class path");
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
      cmd.addAll(arguments(plan, l2Bytes));
      Process process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Thread watchdog = new Thread(() -> {
        try {
          if (!process.waitFor((long) plan.torchSeconds() + STARTUP_SECONDS, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
          process.destroyForcibly();
        }
      }, "torch-peers-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.isBlank()) continue;
          try {
            log.println("  torch: " + accept(line, rows, notes, meta));
          } catch (IOException e) {
            notes.add("torch: unreadable line: " + e.getMessage());
          }
          log.flush();
        }
      }
      int code = process.waitFor();
      switch (code) {
        case 0 -> { }
        case 3 -> notes.add("torch: skipped: " + python + " cannot import torch");
        case 4 -> notes.add("torch: skipped: torch sees no CUDA device (torch.cuda.is_available() is False)");
        default -> notes.add("torch: " + python + " exited with code " + code + " after " + rows.size() + " rows"
            + (code == 137 || code == 143 ? " (stopped after " + ((long) plan.torchSeconds() + STARTUP_SECONDS) + " s)" : ""));
      }
    } catch (IOException e) {
      notes.add("torch: skipped: cannot run " + python + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      notes.add("torch: interrupted");
    } finally {
      if (script != null) script.toFile().delete();
    }
    return new Result(rows, notes, meta);
  }

  /** Takes one output line, {"meta": {...}}, {"note": "..."} or a row; returns it in words for the log. */
  static String accept(String line, List<Row> rows, List<String> notes, Map<String, String> meta) throws IOException {
    switch (firstField(line)) {
      case "meta" -> {
        meta.putAll(flatObject(line));
        return "torch " + meta.get("torch") + " (CUDA " + meta.get("cuda") + ") on " + meta.get("device");
      }
      case "note" -> {
        String note = flatObject(line).get("note");
        notes.add(note);
        return note;
      }
      default -> {
        Row r = TorchPeers.parse(line);
        rows.add(r);
        return String.format(Locale.ROOT, "%s %s %s: %s %s", r.op(), r.dtype(), r.shapeText(), Results.fmt(r.value()), r.unit());
      }
    }
  }

  private static String firstField(String line) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME) throw new IOException("not a JSON object: " + line);
      return p.currentName();
    }
  }

  /** The scalar fields of an object and of the objects inside it, by name, as text. */
  private static Map<String, String> flatObject(String line) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (JsonParser p = new JsonFactory().createParser(line)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t.isScalarValue() && p.currentName() != null) out.put(p.currentName(), p.getText());
      }
    }
    return out;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
