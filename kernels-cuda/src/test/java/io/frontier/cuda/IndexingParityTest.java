package io.frontier.cuda;

import static io.frontier.cuda.GpuTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.frontier.tensor.Backends;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * index.cu against the CPU backend: gather, scatter, scatter-add, indexSelect and indexAdd for
 * every dtype and dim, strided and expanded operands, duplicate indices (accumulation sums them
 * all), out-of-range indices (an IndexOutOfBoundsException at the next synchronisation, after
 * which the backend keeps working), poisoned outputs and the public API.
 */
@Tag("gpu")
class IndexingParityTest {
  static CudaBackend cuda;

  @BeforeAll
  static void start() {
    cuda = requireCuda();
  }

  /** Accumulation order differs on the device (atomics), so float sums agree to rounding. */
  private static double rtol(DType dt) {
    return dt == DType.FLOAT32 ? 1e-5 : dt == DType.FLOAT64 ? 1e-12 : 0;
  }

  /** Tens of float32 adds of values up to 10 may round differently by a few 1e-6 near zero sums. */
  private static double atol(DType dt) {
    return dt == DType.FLOAT32 ? 1e-4 : dt == DType.FLOAT64 ? 1e-12 : 0;
  }

  private static Tensor indices(Generator g, int size, int... shape) {
    return random(g, DType.INT64, 0, size, shape);
  }

  @Test
  void gatherEveryDtypeAndDimOnStridedViews() {
    Generator g = new Generator(1);
    for (DType dt : DType.values()) {
      Tensor x = random(g, dt, -100, 100, 7, 9, 11);
      Tensor xv = x.permute(2, 0, 1).contiguous(); // reference input of the view below
      Tensor dxv = x.to(CUDA).permute(2, 0, 1); // (11, 7, 9), non-contiguous
      for (int dim = 0; dim < 3; dim++) {
        int[] ishape = {11, 7, 9};
        ishape[dim] = 13;
        ishape[(dim + 1) % 3] -= 2; // smaller than the input in a non-indexed dim
        Tensor idx = indices(g, xv.size(dim), ishape);
        Tensor out = poisoned(dt, ishape);
        cuda.gather(dxv, dim, idx.to(CUDA), out);
        Tensor expected = Tensor.empty(dt, Device.CPU, ishape);
        Backends.cpu().gather(xv, dim, idx, expected);
        assertMatches("gather " + dt + " dim " + dim, expected, out, 0, 0);
        Tensor idxT = idx.transpose(0, 2).contiguous().to(CUDA).transpose(0, 2); // non-contiguous index
        assertMatches("gather api " + dt + " dim " + dim, xv.gather(dim, idx), dxv.gather(dim, idxT), 0, 0);
      }
      // takeAlongDim expands the index (stride 0) and the input
      Tensor col = indices(g, 9, 1, 4); // expanded to (7, 4) with stride 0
      assertMatches("takeAlongDim " + dt, x.select(2, 0).takeAlongDim(col, 1), x.to(CUDA).select(2, 0).takeAlongDim(col.to(CUDA), 1), 0, 0);
    }
  }

  @Test
  void largeGather() {
    Generator g = new Generator(2);
    Tensor x = random(g, DType.FLOAT32, -1, 1, 1000, 3000);
    Tensor idx = indices(g, 3000, 1000, 3000);
    assertMatches("3e6 gather", x.gather(1, idx), x.to(CUDA).gather(1, idx.to(CUDA)), 0, 0);
  }

  @Test
  void scatterWithDistinctTargetsMatchesExactly() {
    Generator g = new Generator(3);
    for (DType dt : DType.values()) {
      for (int dim = 0; dim < 2; dim++) {
        Tensor self = random(g, dt, -100, 100, 12, 10);
        // a permutation along dim, so no two sources write one element
        Tensor idx = Tensor.rand(g, DType.FLOAT64, 12, 10).argsort(dim, false);
        idx = dim == 0 ? idx.narrow(1, 0, 7) : idx.narrow(0, 0, 7); // smaller than self apart from dim
        Tensor src = random(g, dt, -100, 100, 12, 10);
        Tensor expected = self.clone();
        Backends.cpu().scatter(expected, dim, idx, src.narrow(1 - dim, 0, 7), false);
        Tensor out = self.to(CUDA);
        cuda.scatter(out, dim, idx.to(CUDA), src.to(CUDA).narrow(1 - dim, 0, 7), false);
        assertMatches("scatter " + dt + " dim " + dim, expected, out, 0, 0);
        assertMatches("scatter api " + dt, self.scatter(dim, idx, src), self.to(CUDA).scatter(dim, idx.to(CUDA), src.to(CUDA)), 0, 0);
      }
    }
    Tensor labels = indices(g, 10, 5, 3);
    assertMatches("oneHot", labels.oneHot(10), labels.to(CUDA).oneHot(10), 0, 0);
  }

  @Test
  void scatterAddSumsEveryDuplicate() {
    Generator g = new Generator(4);
    for (DType dt : DType.values()) {
      for (int dim = 0; dim < 3; dim++) {
        Tensor self = random(g, dt, -10, 10, 4, 5, 6);
        int[] ishape = {4, 5, 6};
        ishape[dim] = 40; // many sources per target
        Tensor idx = indices(g, self.size(dim), ishape);
        Tensor src = random(g, dt, -1, 1, 40, 40, 40).narrow(0, 0, ishape[0]).narrow(1, 0, ishape[1]).narrow(2, 0, ishape[2]);
        Tensor expected = self.clone();
        Backends.cpu().scatter(expected, dim, idx, src, true);
        // a non-contiguous output: the transposed storage of a (6, 5, 4) tensor
        Tensor out = self.permute(2, 1, 0).contiguous().to(CUDA).permute(2, 1, 0);
        cuda.scatter(out, dim, idx.to(CUDA), src.to(CUDA), true);
        assertMatches("scatterAdd " + dt + " dim " + dim, expected, out, rtol(dt), atol(dt));
      }
    }
    // one target for everything: 1e5 atomic adds on one address
    Tensor src = Tensor.ones(DType.INT64, Device.CPU, 100_000);
    Tensor zero = Tensor.zeros(DType.INT64, Device.CPU, 3);
    Tensor idx = Tensor.zeros(DType.INT64, Device.CPU, 100_000).add(1L);
    assertMatches("scatterAdd api", zero.scatterAdd(0, idx, src), zero.to(CUDA).scatterAdd(0, idx.to(CUDA), src.to(CUDA)), 0, 0);
  }

  @Test
  void indexSelectEveryDtypeAndDimAndTheEmbeddingLookup() {
    Generator g = new Generator(5);
    for (DType dt : DType.values()) {
      Tensor x = random(g, dt, -100, 100, 6, 7, 8);
      Tensor dx = x.to(CUDA).transpose(0, 2); // (8, 7, 6)
      Tensor xt = x.transpose(0, 2).contiguous();
      for (int dim = 0; dim < 3; dim++) {
        Tensor idx22 = indices(g, xt.size(dim), 22);
        Tensor idx = idx22.slice(0, 0, 22, 2); // a strided 1-D index with repeats
        Tensor didx = idx22.to(CUDA).slice(0, 0, 22, 2);
        int[] shape = xt.shape().clone();
        shape[dim] = 11;
        Tensor out = poisoned(dt, shape);
        cuda.indexSelect(dx, dim, didx, out);
        Tensor expected = Tensor.empty(dt, Device.CPU, shape);
        Backends.cpu().indexSelect(xt, dim, idx.contiguous(), expected);
        assertMatches("indexSelect " + dt + " dim " + dim, expected, out, 0, 0);
        assertMatches("indexSelect api " + dt, xt.indexSelect(dim, idx), dx.indexSelect(dim, didx), 0, 0);
      }
    }
    Tensor weight = random(g, DType.FLOAT32, -1, 1, 5000, 300);
    Tensor tokens = indices(g, 5000, 64, 200);
    assertMatches("embedding", Tensor.embedding(weight, tokens), Tensor.embedding(weight.to(CUDA), tokens.to(CUDA)), 0, 0);
  }

  @Test
  void indexAddSumsEveryDuplicate() {
    Generator g = new Generator(6);
    for (DType dt : DType.values()) {
      for (int dim = 0; dim < 3; dim++) {
        Tensor self = random(g, dt, -10, 10, 5, 6, 7);
        Tensor idx = indices(g, self.size(dim), 30); // 30 sources into at most 7 targets
        int[] sshape = {5, 6, 7};
        sshape[dim] = 30;
        Tensor src = random(g, dt, -1, 1, sshape);
        Tensor expected = self.clone();
        Backends.cpu().indexAdd(expected, dim, idx, src);
        Tensor out = self.to(CUDA);
        Tensor srcT = src.transpose(0, 2).contiguous().to(CUDA).transpose(0, 2); // non-contiguous source
        cuda.indexAdd(out, dim, idx.to(CUDA), srcT);
        assertMatches("indexAdd " + dt + " dim " + dim, expected, out, rtol(dt), atol(dt));
        assertMatches("indexAdd api " + dt, self.indexAdd(dim, idx, src), self.to(CUDA).indexAdd(dim, idx.to(CUDA), src.to(CUDA)), rtol(dt),
            atol(dt));
      }
    }
  }

  @Test
  void outOfRangeIndicesThrowAtTheNextSyncAndTheBackendKeepsWorking() {
    GpuTestSupport.requireRealDevice(); // values or device-side errors only a running kernel gives
    Tensor x = Tensor.arange(0, 12, 1, DType.FLOAT32).reshape(3, 4);
    Tensor dx = x.to(CUDA);
    Tensor bad = Tensor.of(0L, 5L, 1L).reshape(3, 1);
    Tensor neg = Tensor.of(0L, -1L, 2L);
    assertThrows(IndexOutOfBoundsException.class, () -> dx.gather(1, bad.to(CUDA)).to(Device.CPU));
    assertThrows(IndexOutOfBoundsException.class, () -> dx.indexSelect(0, neg.to(CUDA)).to(Device.CPU));
    assertThrows(IndexOutOfBoundsException.class, () -> dx.clone().scatter_(1, bad.to(CUDA), dx).to(Device.CPU));
    assertThrows(IndexOutOfBoundsException.class, () -> dx.clone().scatterAdd_(0, Tensor.of(3L).reshape(1, 1).to(CUDA), dx).to(Device.CPU));
    assertThrows(IndexOutOfBoundsException.class, () -> dx.clone().indexAdd_(0, neg.to(CUDA), dx).to(Device.CPU));
    assertThrows(IndexOutOfBoundsException.class, () -> {
      dx.indexSelect(1, Tensor.of(4L).to(CUDA));
      cuda.synchronize();
    });
    Tensor ok = Tensor.of(2L, 0L, 1L).reshape(3, 1);
    assertMatches("after errors", x.gather(1, ok), dx.gather(1, ok.to(CUDA)), 0, 0);
    assertMatches("after errors, indexSelect", x.indexSelect(0, Tensor.of(2L, 2L)), dx.indexSelect(0, Tensor.of(2L, 2L).to(CUDA)), 0, 0);
  }
}
