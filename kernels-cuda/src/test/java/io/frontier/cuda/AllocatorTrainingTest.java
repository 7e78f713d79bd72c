package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.CUDA;
import static io.frontier.cuda.GpuTestSupport.requireCuda;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.DType;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 10^5 training steps of a small model on the GPU leave the allocator's bytes in use flat: every
 * temporary's block comes back once its tensor is unreachable, and the cache serves the next step.
 * The model is least-squares regression with its gradient written out (2 X^T (X w - y) / n), so the
 * test needs no autograd; its loss must fall, so the steps are real work.
 */
@Tag("gpu")
class AllocatorTrainingTest {

  @Test
  void bytesInUseStayFlatOverOneHundredThousandSteps() throws InterruptedException {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    CudaBackend cuda = requireCuda();
    Generator g = new Generator(5);
    Tensor x = Tensor.randn(g, DType.FLOAT32, CUDA, 64, 32);
    Tensor trueW = Tensor.randn(g, DType.FLOAT32, CUDA, 32, 1);
    Tensor y = x.matmul(trueW);
    Tensor w = Tensor.zeros(DType.FLOAT32, CUDA, 32, 1);
    double lr = 0.05;
    double firstLoss = Double.NaN;
    long inUseAfterWarmup = -1;
    for (int step = 0; step < 100_000; step++) {
      Tensor err = x.matmul(w).sub(y);
      Tensor grad = x.transpose(0, 1).matmul(err).mul(2.0 / 64);
      w.sub_(grad.mul(lr));
      if (step == 0) firstLoss = err.square().mean().item();
      if (step == 1000) inUseAfterWarmup = settledBytesInUse(cuda);
    }
    double lastLoss = x.matmul(w).sub(y).square().mean().item();
    long inUseAtEnd = settledBytesInUse(cuda);
    CachingAllocator.Stats s = cuda.memoryStats();
    assertTrue(lastLoss < 1e-6 * firstLoss, "the regression did not converge: " + firstLoss + " -> " + lastLoss);
    assertTrue(inUseAtEnd <= inUseAfterWarmup, "bytes in use grew between step 1000 (" + inUseAfterWarmup + ") and step 100000: " + s);
    // Garbage tensors hold blocks until a collection (every 256 MiB handed out): the cache stays near that.
    assertTrue(s.bytesReserved() < (1L << 30), "the cache grew past 1 GiB for a model of a few KiB: " + s);
    long requests = s.cacheHits() + s.driverAllocations();
    assertTrue(s.driverAllocations() < requests / 4, "the cache served too few of " + requests + " requests: " + s);
    System.out.println("AllocatorTrainingTest: " + s);
  }

  /** Bytes in use once unreachable tensors have been collected and their blocks returned. */
  private static long settledBytesInUse(CudaBackend cuda) throws InterruptedException {
    long previous = -1;
    for (int i = 0; i < 20; i++) {
      System.gc();
      Thread.sleep(50);
      long now = cuda.memoryStats().bytesInUse();
      if (now == previous) return now;
      previous = now;
    }
    return previous;
  }
}
