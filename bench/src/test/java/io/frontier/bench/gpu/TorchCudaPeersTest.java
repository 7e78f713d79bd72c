package io.frontier.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.bench.cli.Row;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer's output protocol, and every way the peer can be missing, with stand-in "pythons". */
class TorchCudaPeersTest {
  @TempDir Path dir;
  private final StringWriter log = new StringWriter();

  @Test
  void metaNoteAndRowLinesAreTakenApart() throws IOException {
    List<Row> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, String> meta = new LinkedHashMap<>();
    TorchCudaPeers.accept("{\"meta\": {\"torch\": \"2.11.0+cu130\", \"cuda\": \"13.0\", \"device\": \"NVIDIA H100 80GB HBM3\"}}", rows, notes, meta);
    TorchCudaPeers.accept("{\"note\": \"torch: skipped matmul bf16 8192\"}", rows, notes, meta);
    TorchCudaPeers.accept("{\"op\": \"exp\", \"backend\": \"cuda\", \"impl\": \"torch\", \"dtype\": \"float32\", \"shape\": [16777216],"
        + " \"threads\": 1, \"unit\": \"GB/s\", \"values\": [3000.0, 2900.0, 3100.0]}", rows, notes, meta);

    assertEquals("2.11.0+cu130", meta.get("torch"));
    assertEquals("NVIDIA H100 80GB HBM3", meta.get("device"));
    assertEquals(List.of("torch: skipped matmul bf16 8192"), notes);
    Row r = rows.get(0);
    assertEquals("cuda", r.backend());
    assertEquals("torch", r.impl());
    assertEquals(3000.0, r.value());
    assertEquals(List.of(16777216), r.shape());
  }

  @Test
  void theScriptGetsThePlansSizesAndBudget() {
    List<String> args = TorchCudaPeers.arguments(GpuPlan.quick(), 50L << 20);
    assertEquals(List.of("--matmul-sizes", "1024,4096", "--memory-bytes", String.valueOf(256L << 20), "--l2-bytes", String.valueOf(50L << 20),
        "--budget", "15.000", "--per-case", "0.600", "--min-reps", "3", "--max-reps", "20", "--slow-call", "1.000"), args);
  }

  @Test
  void rowsOfAWorkingPeerAreKept() throws IOException {
    String python = fakePython("""
        echo '{"meta": {"torch": "2.11.0", "cuda": "13.0", "device": "H100"}}'
        echo '{"op": "matmul", "backend": "cuda", "impl": "torch", "dtype": "tf32", "shape": [1024, 1024, 1024], "threads": 1, "unit": "GFLOP/s", "values": [300000.0]}'
        """, 0);
    TorchCudaPeers.Result r = TorchCudaPeers.run(python, GpuPlan.quick(), 50L << 20, new PrintWriter(log, true));
    assertEquals(1, r.rows().size());
    assertEquals("tf32", r.rows().get(0).dtype());
    assertEquals("2.11.0", r.meta().get("torch"));
    assertEquals(List.of(), r.notes());
    assertTrue(log.toString().contains("matmul tf32 1024x1024x1024: 300000 GFLOP/s"), log.toString());
  }

  @Test
  void withoutTorchTheNoteSaysSo() throws IOException {
    TorchCudaPeers.Result r = TorchCudaPeers.run(fakePython("", 3), GpuPlan.quick(), 50L << 20, new PrintWriter(log, true));
    assertEquals(List.of(), r.rows());
    assertTrue(r.notes().get(0).contains("cannot import torch"), r.notes().toString());
  }

  @Test
  void withoutACudaDeviceForTorchTheNoteSaysSo() throws IOException {
    TorchCudaPeers.Result r = TorchCudaPeers.run(fakePython("", 4), GpuPlan.quick(), 50L << 20, new PrintWriter(log, true));
    assertTrue(r.notes().get(0).contains("torch sees no CUDA device"), r.notes().toString());
  }

  @Test
  void withoutPythonTheNoteSaysSo() {
    TorchCudaPeers.Result r = TorchCudaPeers.run(dir.resolve("no-such-python").toString(), GpuPlan.quick(), 50L << 20, new PrintWriter(log, true));
    assertEquals(List.of(), r.rows());
    assertTrue(r.notes().get(0).startsWith("torch: skipped: cannot run"), r.notes().toString());
  }

  @Test
  void theBundledScriptIsOnTheClassPath() {
    assertTrue(TorchCudaPeers.class.getResource("/peers/torch_cuda_peers.py") != null);
  }

  /** The script's MEMORY_OPS (name, bytes per element, buffers) are MemoryOp's, but the driver copy. */
  @Test
  void theScriptsMemoryOpsAreMemoryOps() throws IOException {
    String script;
    try (var in = TorchCudaPeers.class.getResourceAsStream("/peers/torch_cuda_peers.py")) {
      script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    var list = java.util.regex.Pattern.compile("MEMORY_OPS = \\[(.*?)\\]\\s", java.util.regex.Pattern.DOTALL).matcher(script);
    assertTrue(list.find(), "MEMORY_OPS in the script");
    var entry = java.util.regex.Pattern.compile("\\(\"(\\w+)\", (\\d+), (\\d+)\\)").matcher(list.group(1));
    List<String> script3 = new ArrayList<>();
    while (entry.find()) script3.add(entry.group(1) + " " + entry.group(2) + " " + entry.group(3));
    List<String> java3 = new ArrayList<>();
    for (MemoryOp op : MemoryOp.values()) {
      if (op != MemoryOp.MEMCPY_DTOD) java3.add(op.opName() + " " + (int) (op.bytesMoved(MemoryOp.VOCAB) / MemoryOp.VOCAB) + " " + op.buffers());
    }
    assertEquals(java3, script3);
  }

  /** An executable standing in for python: ignores its arguments, prints {@code body}'s output, exits with {@code code}. */
  private String fakePython(String body, int code) throws IOException {
    Path p = dir.resolve("python-" + code);
    Files.writeString(p, "#!/bin/sh\n" + body + "exit " + code + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p.toString();
  }
}
