package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.CUDA;
import static io.frontier.cuda.GpuTestSupport.requireCuda;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Grad;
import io.frontier.tensor.MemoryScope;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * GPT training steps inside a {@link MemoryScope}: every step's temporaries go back to the cache
 * when the scope closes, so bytes in use return to the same level after each step and the
 * allocator never asks the JVM for a collection, and the losses equal those of unscoped steps.
 */
@Tag("gpu")
class MemoryScopeOnCudaTest {
  private static final GPTConfig CFG = new GPTConfig(64, 32, 64, 4, 2, 0.0, true, false);

  @Test
  void scopedStepsGiveTheSameLossesAndKeepBytesInUseExactlyFlat() {
    CudaBackend cuda = requireCuda();
    double[] plain = train(false, 30, cuda, null);
    List<Long> inUse = new ArrayList<>();
    long collectionsBefore = cuda.memoryStats().collections();
    double[] scoped = train(true, 30, cuda, inUse);
    // the same computation; not bit for bit, since the embedding's backward adds with atomics in no fixed order
    for (int i = 0; i < plain.length; i++) assertEquals(plain[i], scoped[i], 1e-5 * Math.abs(plain[i]), "loss of step " + i);
    // from the second step on (the first creates the gradients and the AdamW state), each closed scope leaves the same bytes in use
    for (int i = 2; i < inUse.size(); i++) assertEquals(inUse.get(1), inUse.get(i), "bytes in use after step " + i + ": " + inUse);
    assertEquals(collectionsBefore, cuda.memoryStats().collections(), "scoped steps asked for a collection: " + cuda.memoryStats());
  }

  @Test
  void aTensorUsedAfterItsScopeClosedIsRefusedWithTheCause() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    requireCuda();
    Tensor inside;
    Tensor kept;
    try (MemoryScope scope = MemoryScope.open()) {
      inside = Tensor.ones(io.frontier.tensor.DType.FLOAT32, CUDA, 5).mul(2.0);
      kept = MemoryScope.keep(inside.add(1.0));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> inside.sum().item());
    assertTrue(e.getMessage().contains("MemoryScope"), e.getMessage());
    assertEquals(15.0, kept.sum().item());
  }

  /** Steps of AdamW on a fixed batch; records bytes in use after each step when scoped. */
  private static double[] train(boolean scoped, int steps, CudaBackend cuda, List<Long> inUse) {
    GPT model = new GPT(CFG, new Generator(3));
    model.to(CUDA);
    List<Tensor> params = model.parameters();
    List<Tensor[]> state = new ArrayList<>();
    for (Tensor p : params) state.add(new Tensor[] {Tensor.zerosLike(p), Tensor.zerosLike(p)});
    Generator g = new Generator(4);
    Tensor tokens = Tensor.randint(g, 0, CFG.vocab(), 4, CFG.context()).to(CUDA);
    Tensor targets = Tensor.randint(g, 0, CFG.vocab(), 4, CFG.context()).to(CUDA);
    double[] losses = new double[steps];
    for (int s = 0; s < steps; s++) {
      MemoryScope scope = scoped ? MemoryScope.open() : null;
      Tensor loss = GPT.loss(model.forward(tokens), targets);
      loss.backward();
      try (Grad.Scope ng = Grad.noGrad()) {
        for (int i = 0; i < params.size(); i++) {
          Tensor p = params.get(i);
          Fused.adamwStep_(p, p.grad(), state.get(i)[0], state.get(i)[1], 1e-3, 0.9, 0.95, 1e-8, 0.1, s + 1);
        }
      }
      // in place: dropped gradients would wait for the collector
      model.zeroGrad(false);
      losses[s] = loss.item();
      if (scope != null) {
        scope.close();
        inUse.add(cuda.memoryStats().bytesInUse());
      }
    }
    return losses;
  }
}
