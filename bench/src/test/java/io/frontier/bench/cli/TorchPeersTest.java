package io.frontier.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TorchPeersTest {
  @Test
  void aPeerLineBecomesATorchRowWithTheMedianOfItsValues() throws IOException {
    Row r = TorchPeers.parse("{\"op\": \"matmul\", \"impl\": \"torch\", \"dtype\": \"float32\", \"shape\": [256, 256, 256],"
        + " \"threads\": 2, \"unit\": \"GFLOP/s\", \"values\": [120.0, 90.0, 130.0, 110.0]}");
    assertEquals("matmul", r.op());
    assertEquals("torch", r.impl());
    assertEquals("cpu", r.backend());
    assertEquals(List.of(256, 256, 256), r.shape());
    assertEquals(2, r.threads());
    assertEquals(115.0, r.value());
    assertEquals(90.0, r.min());
    assertEquals(130.0, r.max());
  }

  @Test
  void anIncompleteLineIsRejected() {
    assertThrows(IOException.class, () -> TorchPeers.parse("{\"op\": \"matmul\", \"values\": []}"));
    assertThrows(IOException.class, () -> TorchPeers.parse("[1, 2]"));
  }
}
