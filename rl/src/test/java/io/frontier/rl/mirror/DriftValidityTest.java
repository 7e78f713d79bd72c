package io.frontier.rl.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.autograd.Autograd;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The three mirror-learning conditions, exactly, for every drift of the package; and the checker refuting bad ones. */
class DriftValidityTest {

  static void assertExactlyValid(Drift drift) {
    DriftValidity.Report r = DriftValidity.check(drift);
    assertEquals(0.0, r.maxValueAtOne(), drift + ": f(1, A)");
    assertEquals(0.0, r.maxSlopeAtOne(), drift + ": df/dr(1, A)");
    assertTrue(r.minValue() >= 0.0, drift + ": min f = " + r.minValue());
    assertEquals(241 * 81 * 5, r.points());
  }

  @Test
  void ppoClipDriftMeetsTheConditionsExactly() {
    assertExactlyValid(PpoClipDrift.of(0.2));
    assertExactlyValid(new PpoClipDrift(0.2, 0.28));
  }

  @Test
  void dpoDriftMeetsTheConditionsExactly() {
    assertExactlyValid(DpoDrift.DEFAULT);
    assertExactlyValid(new DpoDrift(0.5, 3.0));
  }

  @Test
  void clipScheduleDriftMeetsTheConditionsAtEveryProgress() {
    assertExactlyValid(new ClipScheduleDrift(0.1, 0.5));
    assertExactlyValid(new ClipScheduleDrift(0.3, -0.25));
  }

  @Test
  void lpoAndTaLpoDriftsMeetTheConditionsForRandomWeights() {
    Generator g = new Generator(3);
    for (boolean timeAware : new boolean[] {false, true}) {
      for (int i = 0; i < 2; i++) {
        // weights scaled ×5 so that the network's output is large and of both signs on the grid
        LpoDrift d = LpoDrift.random(g, LpoDrift.HIDDEN, timeAware, DType.FLOAT64, Device.CPU);
        LpoDrift big = new LpoDrift(d.hiddenWeight().mul(5.0), d.outputWeight().mul(5.0), timeAware, 0);
        assertExactlyValid(big);
        assertExactlyValid(big.withPpoInit(0.2));
        // and the drift is not trivially zero: the network does shape it away from r = 1
        Tensor r = Tensor.linspace(0.1, 4.0, 40, DType.FLOAT64).reshape(40, 1).expand(40, 9).contiguous();
        Tensor a = Tensor.linspace(-4.0, 4.0, 9, DType.FLOAT64).reshape(1, 9).expand(40, 9).contiguous();
        assertTrue(big.value(r, a, 0.5).max().item() > 0.1);
      }
    }
  }

  @Test
  void checkerRefutesDriftsThatBreakEachCondition() {
    // f = (r − 1)·A: zero at r = 1 but slope A there, and negative for half the grid
    DriftValidity.Report linear = DriftValidity.check((r, a, t) -> r.sub(1.0).mul(a));
    assertEquals(0.0, linear.maxValueAtOne());
    assertEquals(10.0, linear.maxSlopeAtOne(), 1e-12);
    assertTrue(linear.minValue() < 0);
    assertFalse(linear.valid(1e-9));
    // f = (r − 1)² + 0.1: flat at r = 1 but not zero there
    DriftValidity.Report offset = DriftValidity.check((r, a, t) -> r.sub(1.0).square().add(0.1));
    assertEquals(0.1, offset.maxValueAtOne(), 1e-15);
    assertEquals(0.0, offset.maxSlopeAtOne());
    assertFalse(offset.valid(1e-9));
    // f = −(r − 1)²·t: meets the first two, negative once t > 0
    DriftValidity.Report negative = DriftValidity.check((r, a, t) -> r.sub(1.0).square().mul(-t));
    assertEquals(0.0, negative.maxValueAtOne());
    assertEquals(0.0, negative.maxSlopeAtOne());
    assertTrue(negative.minValue() < 0);
    assertFalse(negative.valid(1e-9));
    // a drift that is NaN somewhere on the grid fails even though it is valid elsewhere
    DriftValidity.Report nan = DriftValidity.check((r, a, t) -> Tensor.where(r.gt(5.0), Tensor.fullLike(r, Double.NaN), r.sub(1.0).square()));
    assertTrue(Double.isNaN(nan.minValue()));
    assertFalse(nan.valid(1e-9));
  }

  @Test
  void validityHoldsInFloat32Too() {
    double[] ratios = {0.05, 0.5, 0.8, 0.9, 1.0, 1.1, 1.25, 2.0, 20.0};
    double[] advantages = {-4, -1, -0.1, 0, 0.1, 1, 4};
    double[] progress = {0, 0.5, 1};
    for (Drift d : new Drift[] {PpoClipDrift.of(0.2), DpoDrift.DEFAULT, new ClipScheduleDrift(0.1, 0.3),
        LpoDrift.random(new Generator(5), 16, true, DType.FLOAT32, Device.CPU)}) {
      DriftValidity.Report r = DriftValidity.check(d, ratios, advantages, progress, DType.FLOAT32, Device.CPU);
      assertEquals(0.0, r.maxValueAtOne(), d.toString());
      assertEquals(0.0, r.maxSlopeAtOne(), d.toString());
      assertTrue(r.minValue() >= 0, d.toString());
      assertEquals(DType.FLOAT32, d.value(Tensor.of(0.5f, 2f), Tensor.of(1f, -1f), 0.5).dtype());
    }
  }

  @Test
  void dpoDriftMatchesLusFormulaByPlainLoopsInValueAndSlope() {
    double alpha = 2.0;
    double beta = 0.6;
    double[] r = {0.2, 0.7, 0.95, 1.0, 1.05, 1.6, 4.0};
    double[] a = {-3.0, -0.4, 0.0, 0.4, 3.0};
    double[] rr = new double[r.length * a.length];
    double[] aa = new double[rr.length];
    for (int i = 0; i < r.length; i++) for (int j = 0; j < a.length; j++) {
      rr[i * a.length + j] = r[i];
      aa[i * a.length + j] = a[j];
    }
    Tensor ratio = Tensor.of(rr).requiresGrad_(true);
    Tensor f = DpoDrift.DEFAULT.value(ratio, Tensor.of(aa), 0);
    double[] got = f.toDoubleArray();
    double[] slope = Autograd.grad(f.sum(), ratio)[0].toDoubleArray();
    for (int k = 0; k < rr.length; k++) {
      double x = aa[k] >= 0 ? (rr[k] - 1) * aa[k] : Math.log(rr[k]) * aa[k];
      double c = aa[k] >= 0 ? alpha : beta;
      double want = Math.max(0, x - c * Math.tanh(x / c));
      assertEquals(want, got[k], 1e-15, "r=" + rr[k] + " A=" + aa[k]);
      double dxdr = aa[k] >= 0 ? aa[k] : aa[k] / rr[k];
      double th = Math.tanh(x / c);
      double wantSlope = x - c * th > 0 ? (1 - (1 - th * th)) * dxdr : 0;
      assertEquals(wantSlope, slope[k], 1e-12, "slope at r=" + rr[k] + " A=" + aa[k]);
    }
  }

  @Test
  void ppoClipDriftIsTheExcessOfTheRatioBeyondTheClipTimesTheAdvantage() {
    Tensor f = PpoClipDrift.of(0.2).value(Tensor.of(1.5, 1.5, 0.5, 0.5, 1.1), Tensor.of(2.0, -2.0, 2.0, -2.0, 3.0), 0);
    // (1.5 − 1.2)·2 = 0.6; (1.5 − 1.2)·(−2) < 0 → 0; (0.5 − 0.8)·2 < 0 → 0; (0.5 − 0.8)·(−2) = 0.6; inside → 0
    double[] want = {0.6, 0, 0, 0.6, 0};
    double[] got = f.toDoubleArray();
    for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-15);
  }

  @Test
  void onlyTheTimeAwareDriftsDependOnProgress() {
    Tensor r = Tensor.of(0.5, 1.4, 2.5);
    Tensor a = Tensor.of(-1.0, 1.0, 2.0);
    LpoDrift ta = LpoDrift.random(new Generator(11), 32, true, DType.FLOAT64, Device.CPU);
    LpoDrift plain = LpoDrift.random(new Generator(11), 32, false, DType.FLOAT64, Device.CPU);
    ClipScheduleDrift schedule = new ClipScheduleDrift(0.1, 0.5);
    assertNotEquals(ta.value(r, a, 0).sum().item(), ta.value(r, a, 1).sum().item());
    assertNotEquals(schedule.value(r, a, 0).sum().item(), schedule.value(r, a, 1).sum().item());
    assertEquals(plain.value(r, a, 0).sum().item(), plain.value(r, a, 1).sum().item());
    assertEquals(0.6, schedule.clipRange(0), 1e-15);
    assertEquals(0.35, schedule.clipRange(0.5), 1e-15);
    assertEquals(0.1, schedule.clipRange(1), 1e-15);
    // at t = 0 the time features vanish, so TA-LPO is the LPO network restricted to its first 8 inputs
    LpoDrift first8 = new LpoDrift(ta.hiddenWeight().narrow(1, 0, 8).contiguous(), ta.outputWeight(), false, 0);
    assertEquals(first8.value(r, a, 0.3).sum().item(), first8.value(r, a, 0).sum().item());
    assertTrue(ta.value(r, a, 0).sub(first8.value(r, a, 0)).abs().max().item() < 1e-15);
  }

  @Test
  void constructorsNameWhatIsWrong() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClipScheduleDrift(0.2, -0.3)).getMessage().contains("eps(0) = "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new DpoDrift(0, 0.6)).getMessage().contains("alpha"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new PpoClipDrift(0.2, -1)).getMessage().contains("clipHigh"));
    Tensor w2 = Tensor.zeros(DType.FLOAT64, 1, 4);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new LpoDrift(Tensor.zeros(DType.FLOAT64, 4, 8), w2, true, 0)).getMessage()
        .contains("(H, 16) (time-aware)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClipScheduleDrift(0.1, 0.1).clipRange(1.5)).getMessage().contains("progress"));
  }
}
