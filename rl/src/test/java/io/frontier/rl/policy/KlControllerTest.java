package io.frontier.rl.policy;

import static io.frontier.rl.policy.TestSupport.throwsNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KlControllerTest {
  @Test
  void adaptiveCoefficientFollowsZieglersClippedProportionalRule() {
    AdaptiveKlController c = new AdaptiveKlController(0.2, 1.0, 10);
    // KL 0.5: error 0.5/1 - 1 = -0.5, clipped to -0.2; mult 1 - 0.2·1/10 = 0.98 -> 0.196
    c.update(0.5, 1);
    assertEquals(0.196, c.coefficient(), 1e-15);
    // KL 1.1: error 0.1; mult 1 + 0.1·5/10 = 1.05 -> 0.2058
    c.update(1.1, 5);
    assertEquals(0.2058, c.coefficient(), 1e-15);
    // KL 3.0: error 2.0, clipped to 0.2; mult 1 + 0.2·10/10 = 1.2 -> 0.24696
    c.update(3.0, 10);
    assertEquals(0.24696, c.coefficient(), 1e-15);
    // KL on target: error 0, unchanged
    c.update(1.0, 10);
    assertEquals(0.24696, c.coefficient(), 1e-15);
    // a negative k1 estimate: error -2, clipped to -0.2; mult 1 - 0.2·2/10 = 0.96 -> 0.2370816
    c.update(-1.0, 2);
    assertEquals(0.2370816, c.coefficient(), 1e-15);
  }

  @Test
  void fixedCoefficientIgnoresObservations() {
    FixedKlController c = new FixedKlController(0.05);
    c.update(100.0, 1000);
    assertEquals(0.05, c.coefficient());
  }

  @Test
  void badSettingsAndObservationsAreNamed() {
    throwsNaming(() -> new AdaptiveKlController(0.2, 0.0, 10), "AdaptiveKlController", "target", "0.0");
    throwsNaming(() -> new AdaptiveKlController(0.2, 6.0, -1), "horizon", "-1.0");
    throwsNaming(() -> new AdaptiveKlController(-0.1, 6.0, 10), "initialCoefficient", "-0.1");
    throwsNaming(() -> new FixedKlController(Double.NaN), "FixedKlController", "NaN");
    throwsNaming(() -> new AdaptiveKlController(0.2, 6.0, 10).update(Double.NaN, 1), "update", "observedKl", "NaN");
    throwsNaming(() -> new AdaptiveKlController(0.2, 6.0, 10).update(1.0, -3), "nSteps", "-3");
  }
}
