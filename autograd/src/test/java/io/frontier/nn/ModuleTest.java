package io.frontier.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.autograd.GradCheck;
import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.UnaryOp;
import io.frontier.tensor.io.SafetensorsFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleTest {

  static MLP mlp(long seed) {
    return new MLP(UnaryOp.RELU, new Generator(seed), 4, 8, 3);
  }

  @Test
  void parametersAreNamedWithDottedPathsInRegistrationOrder() {
    MLP m = mlp(1);
    assertEquals(List.of("net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias"), List.copyOf(m.namedParameters().keySet()));
    assertEquals(4 * 8 + 8 + 8 * 3 + 3, m.numParameters());
    assertTrue(m.parameters().stream().allMatch(p -> p.requiresGrad() && p.isLeaf()));
  }

  @Test
  void aCheckpointRoundTripIsExact(@TempDir Path dir) throws Exception {
    MLP a = mlp(1);
    MLP b = mlp(2);
    Path file = dir.resolve("mlp.safetensors");
    a.save(file);
    b.load(file);
    for (Map.Entry<String, Tensor> e : a.stateDict().entrySet()) {
      assertTrue(e.getValue().equal(b.stateDict().get(e.getKey())), e.getKey());
    }
    Tensor x = Tensor.randn(new Generator(3), 5, 4);
    assertTrue(a.forward(x).equal(b.forward(x)));
  }

  @Test
  void strictLoadingListsMissingUnexpectedAndMisShapedKeys() {
    MLP m = mlp(1);
    Map<String, Tensor> state = new java.util.LinkedHashMap<>(m.stateDict());
    state.remove("net.2.bias");
    state.put("net.9.weight", Tensor.zeros(1));
    state.put("net.0.bias", Tensor.zeros(7));
    Tensor before = m.stateDict().get("net.0.weight").clone();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(state));
    String msg = e.getMessage();
    assertTrue(msg.contains("missing keys [net.2.bias]") && msg.contains("unexpected keys [net.9.weight]")
        && msg.contains("net.0.bias: shape [7]"), msg);
    assertTrue(before.equal(m.stateDict().get("net.0.weight")), "a failed load must change nothing");
  }

  @Test
  void aCorruptedCheckpointIsRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.safetensors");
    mlp(1).save(file);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10)); // truncated
    assertThrows(SafetensorsFormatException.class, () -> mlp(2).load(file));
  }

  @Test
  void dropoutIsSeededScaledAndOffInEval() {
    Dropout d = new Dropout(0.25, new Generator(5));
    Tensor x = Tensor.ones(DType.FLOAT64, 100_000);
    Tensor y = d.forward(x);
    double kept = y.ne(0.0).to(DType.FLOAT64).mean().item();
    assertEquals(0.75, kept, 0.01);
    assertEquals(1.0, y.mean().item(), 0.02); // scaled by 1 / (1 - p)
    d.eval();
    assertTrue(d.forward(x).equal(x));
  }

  @Test
  void initialisersHaveTheirStatedScale() {
    Generator g = new Generator(7);
    Tensor w = Init.xavierUniform(g, 1.0, DType.FLOAT64, 300, 200);
    double a = Math.sqrt(6.0 / 500);
    assertTrue(w.abs().max().item() <= a);
    assertEquals(a * a / 3, w.var().item(), 0.05 * a * a / 3); // variance of U(-a, a)
    Tensor k = Init.kaimingNormal(g, 0, DType.FLOAT64, 400, 250);
    assertEquals(2.0 / 250, k.var().item(), 0.05 * 2.0 / 250);
    Tensor q = Init.orthogonal(g, 1.0, DType.FLOAT64, 6, 4);
    assertTrue(q.t().matmul(q).allclose(Tensor.eye(4, 4, DType.FLOAT64), 1e-12, 1e-12));
  }

  @Test
  void linearGradientsPassGradcheck() {
    Linear l = new Linear(3, 2, true, new Generator(4), DType.FLOAT64);
    Tensor x = Tensor.randn(new Generator(8), DType.FLOAT64, 5, 3).requiresGrad_(true);
    GradCheck.check(in -> l.forward(in[0]).tanh(), x);
    GradCheck.check(in -> in[0].matmul(in[1].t()).add(in[2]), x, l.weight.get(), l.bias.get());
  }

  @Test
  void zeroGradClearsEveryGradient() {
    MLP m = mlp(1);
    m.forward(Tensor.randn(new Generator(1), 2, 4)).sum().backward();
    assertTrue(m.parameters().stream().allMatch(p -> p.grad() != null));
    m.zeroGrad();
    assertTrue(m.parameters().stream().allMatch(p -> p.grad() == null));
    assertArrayEquals(new int[] {8, 4}, m.namedParameters().get("net.0.weight").shape());
  }

  @Test
  void zeroGradInPlaceKeepsTheGradientTensorsAndTheNextBackwardAccumulatesIntoThem() {
    MLP m = mlp(1);
    Tensor x = Tensor.randn(new Generator(1), 2, 4);
    m.forward(x).sum().backward();
    Tensor w = m.namedParameters().get("net.0.weight");
    Tensor first = w.grad().clone();
    Tensor gradTensor = w.grad();
    m.zeroGrad(false);
    assertTrue(w.grad() == gradTensor, "the same gradient tensor");
    assertEquals(0.0, gradTensor.abs().sum().item());
    m.forward(x).sum().backward();
    assertTrue(w.grad() == gradTensor, "accumulated in place");
    assertEquals(0.0, w.grad().sub(first).abs().max().item(), "the same gradient as the first backward");
  }
}
