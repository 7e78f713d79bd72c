package io.frontier.tensor;

import static io.frontier.tensor.TestTensors.assertClose;
import static io.frontier.tensor.TestTensors.assertShape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.tensor.TestTensors.Layout;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Indexing, joining and reordering ops against naive loops. */
@Tag("kernels")
class IndexingTest {
  private final Random rng = new Random(11);

  private Tensor randomIndex(int[] shape, int bound) {
    long[] v = new long[TestTensors.numel(shape)];
    for (int i = 0; i < v.length; i++) v[i] = rng.nextInt(bound);
    return Tensor.fromArray(v, shape);
  }

  @Test
  void gatherAndScatterAddMatchNaiveLoopsOnEveryDim() {
    int[] shape = {4, 5, 6};
    double[] x = TestTensors.randomValues(rng, 120, 1.0);
    for (Layout layout : Layout.values()) {
      Tensor t = TestTensors.tensor(x, shape, DType.FLOAT64, layout);
      for (int dim = 0; dim < 3; dim++) {
        int[] ishape = {3, 4, 5};
        Tensor index = randomIndex(ishape, shape[dim]);
        long[] iv = index.toLongArray();
        double[] expected = new double[60];
        for (int i = 0; i < 60; i++) {
          int[] idx = TestTensors.unravel(i, ishape);
          idx[dim] = (int) iv[i];
          expected[i] = x[TestTensors.ravel(idx, shape)];
        }
        assertClose(expected, t.gather(dim, index), 0, 0, "gather dim " + dim + " " + layout);
        double[] src = TestTensors.randomValues(rng, 60, 1.0);
        Tensor srcT = Tensor.fromArray(src, ishape);
        double[] added = x.clone();
        for (int i = 0; i < 60; i++) {
          int[] idx = TestTensors.unravel(i, ishape);
          idx[dim] = (int) iv[i];
          added[TestTensors.ravel(idx, shape)] += src[i];
        }
        assertClose(added, t.scatterAdd(dim, index, srcT), 1e-14, 1e-14, "scatterAdd dim " + dim + " " + layout);
        assertClose(x, t, 0, 0, "scatterAdd leaves its input alone");
      }
    }
  }

  @Test
  void scatterWithUniqueIndicesWritesEachTarget() {
    Tensor out = Tensor.zeros(3, 4).scatter(1, Tensor.of(new long[] {3, 0, 2}).reshape(3, 1), Tensor.of(1f, 2f, 3f).reshape(3, 1));
    assertClose(new double[] {0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 3, 0}, out, 0, 0, "scatter");
    Tensor filled = Tensor.zeros(2, 2).scatter(0, Tensor.of(new long[] {1, 0}).reshape(1, 2), 5.0);
    assertClose(new double[] {0, 5, 5, 0}, filled, 0, 0, "scatter of a value");
  }

  @Test
  void indexSelectIndexAddAndEmbedding() {
    Tensor w = Tensor.arange(0.0, 12.0, 1.0).reshape(4, 3);
    Tensor idx = Tensor.of(3L, 0L, 3L);
    assertClose(new double[] {9, 10, 11, 0, 1, 2, 9, 10, 11}, w.indexSelect(0, idx), 0, 0, "rows");
    assertClose(new double[] {2, 0, 2, 5, 3, 5, 8, 6, 8, 11, 9, 11}, w.indexSelect(1, Tensor.of(2L, 0L, 2L)), 0, 0, "columns");
    assertClose(new double[] {2, 0, 2, 5, 3, 5, 8, 6, 8, 11, 9, 11}, w.t().indexSelect(0, Tensor.of(2L, 0L, 2L)).t(), 0, 0, "columns of a transpose");
    Tensor acc = Tensor.zeros(4, 3).indexAdd(0, idx, Tensor.ones(3, 3));
    assertClose(new double[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 2, 2, 2}, acc, 0, 0, "indexAdd with a repeated index");
    Tensor emb = Tensor.embedding(w, Tensor.of(new long[] {1, 2, 0, 1}).reshape(2, 2));
    assertShape(new int[] {2, 2, 3}, emb);
    assertClose(new double[] {3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5}, emb, 0, 0, "embedding");
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> w.indexSelect(0, Tensor.of(4L)));
    assertEquals("indexSelect: index 4 is out of bounds for dimension 0 with size 4", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> w.indexSelect(0, Tensor.of(1f)));
  }

  @Test
  void takeAlongDimAndOneHot() {
    Tensor x = Tensor.of(new double[][] {{10, 30, 20}, {60, 40, 50}});
    Tensor order = x.argsort(1, false);
    assertClose(new double[] {10, 20, 30, 40, 50, 60}, x.takeAlongDim(order, 1), 0, 0, "sorted via takeAlongDim");
    assertClose(new double[] {30, 60}, x.takeAlongDim(x.argmax(1, true), 1), 0, 0, "max via takeAlongDim");
    assertArrayEquals(new long[] {0, 1, 0, 1, 0, 0, 0, 0, 1}, Tensor.of(1L, 0L, 2L).oneHot(3).toLongArray());
    assertShape(new int[] {3, 3}, Tensor.of(1L, 0L, 2L).oneHot(-1));
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(3L).oneHot(3));
  }

  @Test
  void catStackSplitAndChunk() {
    Tensor a = Tensor.arange(0.0, 6.0, 1.0).reshape(2, 3);
    Tensor b = Tensor.of(new long[] {7, 8, 9}).reshape(1, 3);
    Tensor c = Tensor.cat(List.of(a, b), 0);
    assertEquals(DType.FLOAT32, c.dtype());
    assertClose(new double[] {0, 1, 2, 3, 4, 5, 7, 8, 9}, c, 0, 0, "cat dim 0");
    assertClose(new double[] {0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5}, Tensor.cat(List.of(a, a), 1), 0, 0, "cat dim 1");
    Tensor s = Tensor.stack(List.of(a, a.mul(2.0)), 1);
    assertShape(new int[] {2, 2, 3}, s);
    assertClose(new double[] {0, 1, 2, 0, 2, 4, 3, 4, 5, 6, 8, 10}, s, 0, 0, "stack");
    List<Tensor> parts = Tensor.arange(10).split(4, 0);
    assertEquals(3, parts.size());
    assertArrayEquals(new long[] {8, 9}, parts.get(2).toLongArray());
    assertEquals(List.of(2, 2, 2), Tensor.arange(6).chunk(4, 0).stream().map(t -> t.size(0)).toList());
    assertEquals(List.of(1, 4), Tensor.arange(5).split(new int[] {1, 4}, 0).stream().map(t -> t.size(0)).toList());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.cat(List.of(a, Tensor.zeros(2, 2)), 0));
    assertTrue(e.getMessage().startsWith("cat: sizes of tensors must match except in dimension 0"), e.getMessage());
  }

  @Test
  void sortIsStableAndMatchesAReferenceStableSort() {
    for (boolean descending : new boolean[] {false, true}) {
      for (Layout layout : Layout.values()) {
        int[] shape = {5, 203};
        double[] x = new double[TestTensors.numel(shape)];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextInt(7) - 3; // many ties
        x[3] = Double.NaN;
        x[250] = Double.NaN;
        x[5] = -0.0;
        Tensor t = TestTensors.tensor(x, shape, DType.FLOAT64, layout);
        ValuesIndices sorted = t.sort(1, descending);
        long[] idx = sorted.indices().toLongArray();
        double[] vals = sorted.values().toDoubleArray();
        for (int r = 0; r < shape[0]; r++) {
          final int row = r;
          Integer[] order = new Integer[shape[1]];
          for (int i = 0; i < order.length; i++) order[i] = i;
          Comparator<Integer> asc = (p, q) -> {
            double a = x[row * shape[1] + p];
            double b = x[row * shape[1] + q];
            if (Double.isNaN(a)) return Double.isNaN(b) ? 0 : 1;
            if (Double.isNaN(b)) return -1;
            return a < b ? -1 : a > b ? 1 : 0;
          };
          Arrays.sort(order, descending ? (p, q) -> asc.compare(q, p) : asc); // Arrays.sort on objects is stable
          for (int i = 0; i < order.length; i++) {
            assertEquals(order[i].longValue(), idx[r * shape[1] + i], "row " + r + " position " + i + " descending " + descending + " " + layout);
            assertEquals(x[r * shape[1] + order[i]], vals[r * shape[1] + i], 0.0);
          }
        }
      }
    }
  }

  @Test
  void topkReturnsTheLargestOrSmallestInOrder() {
    Tensor x = Tensor.of(5.0, 1.0, 9.0, 3.0, 7.0);
    ValuesIndices top = x.topk(2, 0, true);
    assertClose(new double[] {9, 7}, top.values(), 0, 0, "top 2");
    assertArrayEquals(new long[] {2, 4}, top.indices().toLongArray());
    assertClose(new double[] {1, 3, 5}, x.topk(3, 0, false).values(), 0, 0, "bottom 3");
    assertThrows(IllegalArgumentException.class, () -> x.topk(6, 0, true));
  }

  @Test
  void trilTriuRepeatFlipRollAndPad() {
    Tensor m = Tensor.arange(1.0, 10.0, 1.0).reshape(3, 3);
    assertClose(new double[] {1, 0, 0, 4, 5, 0, 7, 8, 9}, m.tril(), 0, 0, "tril");
    assertClose(new double[] {0, 2, 3, 0, 0, 6, 0, 0, 0}, m.triu(1), 0, 0, "triu(1)");
    assertClose(new double[] {1, 2, 0, 4, 5, 6, 7, 8, 9}, m.tril(1), 0, 0, "tril(1)");
    assertClose(new double[] {1, 2, 1, 2, 1, 2, 1, 2}, Tensor.of(1f, 2f).repeat(2, 2), 0, 0, "repeat");
    assertShape(new int[] {2, 4}, Tensor.of(1f, 2f).repeat(2, 2));
    assertClose(new double[] {9, 8, 7, 6, 5, 4, 3, 2, 1}, m.flip(0, 1), 0, 0, "flip both");
    assertClose(new double[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, m.flip(-1), 0, 0, "flip last");
    assertClose(new double[] {3, 1, 2, 6, 4, 5, 9, 7, 8}, m.roll(1, 1), 0, 0, "roll +1");
    assertClose(new double[] {4, 5, 6, 7, 8, 9, 1, 2, 3}, m.roll(-1, 0), 0, 0, "roll -1");
    Tensor p = Tensor.of(1f, 2f, 3f).pad(new int[] {2, 1}, -1);
    assertClose(new double[] {-1, -1, 1, 2, 3, -1}, p, 0, 0, "pad");
    assertClose(new double[] {2, 3, 0}, Tensor.of(1f, 2f, 3f).pad(new int[] {-1, 1}, 0), 0, 0, "pad with a crop");
    assertShape(new int[] {5, 5}, m.pad(new int[] {1, 1, 0, 2}, 0));
  }
}
