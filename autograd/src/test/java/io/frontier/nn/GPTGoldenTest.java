package io.frontier.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Grad;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.io.Safetensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parity with PyTorch 1.13 for a small GPT (vocab 17, context 8, width 16, heads 2, layers 2,
 * dropout 0): the weights, batch and torch's logits, values, loss and every parameter gradient come
 * from {@code autograd/src/test/python/make_gpt_fixtures.py} (committed as
 * {@code golden/gpt_*.safetensors}), as do the weights after 10 plain SGD steps (lr 0.1). Compared
 * elementwise with {@code |a - b| <= rtol * max(|b|, floor * max|b|)}, the max over the tensor:
 * rtol 1e-5 and floor 1e-3 in float64 (elementwise relative for every entry above a thousandth of
 * the tensor's largest; observed worst ~1e-12), rtol 1e-4 and floor 1 in float32 (relative to the
 * tensor's largest entry, since float32 rounding of sums with cancellation leaves small entries
 * with large relative error; observed worst ~2e-6). A floor is needed even in float64: the
 * gradient of the key bias is exactly zero in theory (softmax ignores a shift shared by all keys),
 * so both sides hold rounding noise there.
 */
class GPTGoldenTest {
  static final int STEPS = 10;
  static final double LR = 0.1;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"tied_value, float64, 1e-5, 1e-3", "tied_value, float32, 1e-4, 1", "untied, float64, 1e-5, 1e-3", "untied, float32, 1e-4, 1"})
  void matchesPyTorch(String config, String dtypeName, double rtol, double floor) throws Exception {
    DType dtype = dtypeName.equals("float64") ? DType.FLOAT64 : DType.FLOAT32;
    Path file = Path.of(getClass().getResource("/golden/gpt_" + config + "_" + dtypeName + ".safetensors").toURI());
    Map<String, Tensor> f = Safetensors.read(file).tensors();
    boolean tied = config.startsWith("tied");
    GPT model = new GPT(new GPTConfig(17, 8, 16, 2, 2, 0.0, tied, tied), new Generator(0), dtype);
    model.loadStateDict(withPrefix(f, "param."));
    Tensor tokens = f.get("tokens");
    Tensor targets = f.get("targets");
    Tensor returns = f.get("returns");

    GPT.Output out = model.run(tokens, null);
    Tensor loss = GPT.loss(out.logits(), targets);
    Tensor objective = objective(out, loss, returns);
    close("logits", out.logits(), f.get("logits"), rtol, floor);
    if (tied) close("values", out.values(), f.get("values"), rtol, floor);
    close("loss", loss.reshape(1), f.get("loss"), rtol, floor);
    close("objective", objective.reshape(1), f.get("objective"), rtol, floor);
    objective.backward();
    Map<String, Tensor> grads = withPrefix(f, "grad.");
    assertEquals(grads.keySet(), model.namedParameters().keySet());
    for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
      assertNotNull(e.getValue().grad(), "no gradient for " + e.getKey());
      close("grad " + e.getKey(), e.getValue().grad(), grads.get(e.getKey()), rtol, floor);
    }

    double[] expectedObjectives = f.get("sgd_objective").toDoubleArray();
    model.zeroGrad();
    for (int step = 0; step < STEPS; step++) {
      GPT.Output o = model.run(tokens, null);
      Tensor obj = objective(o, GPT.loss(o.logits(), targets), returns);
      assertEquals(expectedObjectives[step], obj.item(), rtol * Math.abs(expectedObjectives[step]), "objective at step " + step);
      obj.backward();
      try (Grad.Scope s = Grad.noGrad()) {
        for (Tensor p : model.parameters()) p.sub_(p.grad().mul(LR));
      }
      model.zeroGrad();
    }
    Map<String, Tensor> after = withPrefix(f, "sgd.");
    for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
      close("after SGD " + e.getKey(), e.getValue(), after.get(e.getKey()), rtol, floor);
    }
  }

  /** CE, plus 0.5 mean((values - returns)^2) with a value head (as in the script). */
  static Tensor objective(GPT.Output out, Tensor loss, Tensor returns) {
    if (out.values() == null) return loss;
    return loss.add(out.values().sub(returns).square().mean().mul(0.5));
  }

  static Map<String, Tensor> withPrefix(Map<String, Tensor> all, String prefix) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : all.entrySet()) {
      if (e.getKey().startsWith(prefix)) out.put(e.getKey().substring(prefix.length()), e.getValue());
    }
    return out;
  }

  static void close(String what, Tensor actual, Tensor expected, double rtol, double floor) {
    assertNotNull(expected, "fixture lacks " + what);
    assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + " shape");
    assertEquals(expected.dtype(), actual.dtype(), what + " dtype");
    double[] a = actual.detach().toDoubleArray();
    double[] b = expected.toDoubleArray();
    double scale = 0;
    for (double x : b) scale = Math.max(scale, Math.abs(x));
    double worst = 0;
    int at = -1;
    for (int i = 0; i < a.length; i++) {
      double err = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), scale * floor);
      if (!(err <= worst)) {
        worst = err;
        at = i;
      }
    }
    final double w = worst;
    final int idx = at;
    assertTrue(w <= rtol, () -> what + ": relative error " + w + " at " + idx + " (" + a[idx] + " vs " + b[idx] + ")");
  }
}
