package io.frontier.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeapPeersTest {
  /** Needs Debian's python3 with python3-deap (skipped otherwise); DEAP's values must agree with ours. */
  @Test
  void deapTimesTheSamePointsAndAgreesOnTheValue() throws Exception {
    Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "from deap.tools._hypervolume import hv").start();
    assumeTrue(probe.waitFor() == 0, "python3-deap is not installed for /usr/bin/python3");
    StringWriter err = new StringWriter();
    List<Row> rows = DeapPeers.run("/usr/bin/python3", true, new PrintWriter(err, true));
    assertEquals(DeapPeers.SIZES.length, rows.size(), err.toString());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals("deap", rows.get(i).impl());
      assertEquals("hypervolume-3d", rows.get(i).op());
      assertEquals(List.of(DeapPeers.SIZES[i], 3), rows.get(i).shape());
    }
    assertFalse(err.toString().contains("differs"), err.toString());
  }
}
