package io.frontier.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.Linear;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Gradient clipping against torch.nn.utils.clip_grad_norm_ / clip_grad_value_ and the EMA against
 * torch's AveragedModel with an EMA avg_fn (golden/clip.json, golden/ema.json from
 * make_schedule_fixtures.py), within 1e-12 relative; the EMA's state dict resumes bit for bit.
 */
public class GoldenClipEmaTest {
  static final double RTOL = 1e-12;

  @TestFactory
  Stream<DynamicTest> clippingMatchesTorch() {
    return ScheduleFixtures.cases("clip.json").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
      List<?> before = (List<?>) c.get("grads");
      List<?> after = (List<?>) c.get("clipped");
      List<Tensor> params = new ArrayList<>();
      List<?> shapes = (List<?>) c.get("shapes");
      for (int i = 0; i < before.size(); i++) {
        int[] shape = ((List<?>) shapes.get(i)).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
        Tensor p = Tensor.zeros(DType.FLOAT64, shape).requiresGrad_(true);
        p.setGrad(ScheduleFixtures.tensor(before.get(i)));
        params.add(p);
      }
      double arg = ((Number) c.get("arg")).doubleValue();
      if (c.get("kind").equals("norm")) {
        Object nt = c.get("norm_type");
        double normType = nt.equals("inf") ? Double.POSITIVE_INFINITY : ((Number) nt).doubleValue();
        Tensor total = GradClip.clipGradNorm_(params, arg, normType, true);
        assertEquals(0, total.dim());
        ScheduleFixtures.assertClose(new double[] {((Number) c.get("total_norm")).doubleValue()}, new double[] {total.item()}, RTOL, "total norm");
      } else {
        GradClip.clipGradValue_(params, arg);
      }
      for (int i = 0; i < params.size(); i++) {
        Tensor expected = ScheduleFixtures.tensor(after.get(i));
        if (expected == null) {
          assertNull(params.get(i).grad());
        } else {
          ScheduleFixtures.assertClose(expected.toDoubleArray(), params.get(i).grad().toDoubleArray(), RTOL, "grad " + i);
        }
      }
    }));
  }

  @Test
  void clipGradNormOnANonFiniteNorm() {
    Tensor p = Tensor.zeros(DType.FLOAT64, 3).requiresGrad_(true);
    p.setGrad(Tensor.of(1.0, Double.POSITIVE_INFINITY, 2.0));
    var e = assertThrows(ArithmeticException.class, () -> GradClip.clipGradNorm_(List.of(p), 1.0, 2.0, true));
    assertTrue(e.getMessage().startsWith("the total norm of order 2.0 of the gradients is non-finite (Infinity)"), e.getMessage());
    assertArrayEquals(new double[] {1.0, Double.POSITIVE_INFINITY, 2.0}, p.grad().toDoubleArray(), "unchanged when it throws");
    // Without the check, torch scales by max / (inf + 1e-6) = 0: finite entries become 0, the infinite one NaN.
    assertEquals(Double.POSITIVE_INFINITY, GradClip.clipGradNorm_(List.of(p), 1.0).item());
    double[] g = p.grad().toDoubleArray();
    assertEquals(0.0, g[0]);
    assertTrue(Double.isNaN(g[1]));
  }

  @Test
  void clipWithoutGradients() {
    Tensor p = Tensor.zeros(DType.FLOAT64, 3).requiresGrad_(true);
    assertEquals(0.0, GradClip.clipGradNorm_(List.of(p), 1.0).item());
    GradClip.clipGradValue_(List.of(p), 1.0);
    assertNull(p.grad());
  }

  @Test
  void clipRejectsBadArguments() {
    List<Tensor> none = List.of();
    assertEquals("invalid maxNorm: -1.0 (must be >= 0)",
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm_(none, -1)).getMessage());
    assertEquals("invalid maxNorm: NaN (must be >= 0)",
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm_(none, Double.NaN)).getMessage());
    assertEquals("invalid normType: 0.0 (must be positive, or infinity)",
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm_(none, 1, 0, false)).getMessage());
    assertEquals("invalid clipValue: -0.5 (must be >= 0)",
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradValue_(none, -0.5)).getMessage());
  }

  static Linear model() {
    return new Linear(4, 3, true, new Generator(7), DType.FLOAT64);
  }

  static Map<String, Tensor> tensors(Object named) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) named).entrySet()) out.put((String) e.getKey(), ScheduleFixtures.tensor(e.getValue()));
    return out;
  }

  static Ema ema(Map<String, Object> c, Linear model) {
    double decay = ((Number) c.get("decay")).doubleValue();
    if (!c.containsKey("warmup_gamma")) return new Ema(model, decay);
    return new Ema(model, decay, ((Number) c.get("warmup_gamma")).doubleValue(), ((Number) c.get("warmup_power")).doubleValue());
  }

  @TestFactory
  Stream<DynamicTest> emaMatchesTorchAndResumesBitForBit() {
    return ScheduleFixtures.cases("ema.json").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
      List<?> snapshots = (List<?>) c.get("snapshots");
      List<?> averaged = (List<?>) c.get("averaged");
      Linear model = model();
      Ema ema = ema(c, model);
      int cut = 5;
      Map<String, Tensor> checkpoint = null;
      List<Map<String, double[]>> straight = new ArrayList<>();
      for (int t = 0; t < snapshots.size(); t++) {
        model.loadStateDict(tensors(snapshots.get(t)));
        ema.update();
        assertEquals(t + 1, ema.numAveraged());
        Map<String, Tensor> expected = tensors(averaged.get(t));
        Map<String, double[]> now = new LinkedHashMap<>();
        for (String k : expected.keySet()) {
          ScheduleFixtures.assertClose(expected.get(k).toDoubleArray(), ema.averaged().get(k).toDoubleArray(), RTOL, k + " after update " + (t + 1));
          now.put(k, ema.averaged().get(k).toDoubleArray());
        }
        straight.add(now);
        if (t + 1 == cut) checkpoint = ema.stateDict();
      }
      Linear model2 = model();
      Ema resumed = ema(c, model2);
      resumed.loadStateDict(checkpoint);
      assertEquals(cut, resumed.numAveraged());
      for (int t = cut; t < snapshots.size(); t++) {
        model2.loadStateDict(tensors(snapshots.get(t)));
        resumed.update();
        for (String k : straight.get(t).keySet()) assertArrayEquals(straight.get(t).get(k), resumed.averaged().get(k).toDoubleArray(), 0.0, k);
      }
      // copyTo puts the average into a model.
      Linear target = model();
      resumed.copyTo(target);
      assertArrayEquals(straight.get(snapshots.size() - 1).get("weight"), target.weight.get().toDoubleArray(), 0.0);
    }));
  }

  @Test
  void emaRejectsBadArguments() {
    assertEquals("invalid decay: 1.5 (must be in [0, 1])", assertThrows(IllegalArgumentException.class, () -> new Ema(model(), 1.5)).getMessage());
    assertEquals("invalid warmupGamma: 0.0 (must be positive and finite)",
        assertThrows(IllegalArgumentException.class, () -> new Ema(model(), 0.99, 0, 0.75)).getMessage());
    assertEquals("invalid warmupPower: -1.0 (must be positive and finite)",
        assertThrows(IllegalArgumentException.class, () -> new Ema(model(), 0.99, 1, -1)).getMessage());
    Ema ema = new Ema(model(), 0.9);
    Map<String, Tensor> sd = new LinkedHashMap<>(ema.stateDict());
    sd.put("module.weight", Tensor.zeros(DType.FLOAT64, 4, 3));
    assertEquals("Ema state dict: 'module.weight' has shape [4, 3], the parameter [3, 4]",
        assertThrows(IllegalArgumentException.class, () -> ema.loadStateDict(sd)).getMessage());
  }
}
