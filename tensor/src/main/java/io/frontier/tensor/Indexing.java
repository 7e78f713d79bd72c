package io.frontier.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Indexing, joining and reordering ops: gather/scatter, cat/stack/split, sort/topk, tril, pad, ... */
final class Indexing {
  private Indexing() {}

  private static void requireIndex(String op, Tensor index) {
    if (index.dtype() != DType.INT64) {
      throw new IllegalArgumentException(op + ": expected an int64 index tensor, got " + index.dtype());
    }
  }

  private static void requireSameDevice(String op, Tensor a, Tensor b) {
    if (!a.device().equals(b.device())) {
      throw new IllegalArgumentException(op + ": expected all tensors on the same device, got " + a.device() + " and " + b.device());
    }
  }

  /** Checks {@code 0 <= index < size} on the host; on other devices the kernel checks. */
  private static void checkRange(String op, Tensor index, int size, int dim) {
    if (index.numel() == 0 || !index.device().isCpu()) return;
    long min = index.min().itemLong();
    long max = index.max().itemLong();
    if (min < 0 || max >= size) {
      throw new IndexOutOfBoundsException(
          op + ": index " + (min < 0 ? min : max) + " is out of bounds for dimension " + dim + " with size " + size);
    }
  }

  static Tensor gather(Tensor x, int dim, Tensor index) {
    requireIndex("gather", index);
    requireSameDevice("gather", x, index);
    int d = Shapes.wrapDim("gather", dim, x.dim());
    if (index.dim() != x.dim()) {
      throw new IllegalArgumentException("gather: index " + Shapes.str(index.shape) + " and input " + Shapes.str(x.shape) + " must have the same number of dimensions");
    }
    for (int i = 0; i < x.dim(); i++) {
      if (i != d && index.shape[i] > x.shape[i]) {
        throw new IllegalArgumentException(
            "gather: size of index " + Shapes.str(index.shape) + " must not exceed the input " + Shapes.str(x.shape) + " in dimension " + i);
      }
    }
    if (x.dim() == 0) return x.clone();
    checkRange("gather", index, x.shape[d], d);
    Tensor out = Creation.emptyOn(x, x.dtype(), index.shape.clone());
    if (out.numel() > 0) x.backend().gather(x, d, index, out);
    if (Grad.shouldRecord(x)) Grad.record("gather", out, new Tensor[] {x}, d, index);
    return out;
  }

  static Tensor scatter(Tensor self, int dim, Tensor index, Tensor src, boolean accumulate) {
    String op = accumulate ? "scatterAdd" : "scatter";
    requireIndex(op, index);
    requireSameDevice(op, self, index);
    requireSameDevice(op, self, src);
    if (src.dtype() != self.dtype()) {
      throw new IllegalArgumentException(op + ": expected self.dtype to be equal to src.dtype, got " + self.dtype() + " and " + src.dtype());
    }
    int d = Shapes.wrapDim(op, dim, self.dim());
    if (index.dim() != self.dim() || src.dim() != self.dim()) {
      throw new IllegalArgumentException(
          op + ": index " + Shapes.str(index.shape) + ", src " + Shapes.str(src.shape) + " and self " + Shapes.str(self.shape) + " must have the same number of dimensions");
    }
    for (int i = 0; i < self.dim(); i++) {
      if (index.shape[i] > src.shape[i] || (i != d && index.shape[i] > self.shape[i])) {
        throw new IllegalArgumentException(
            op + ": index " + Shapes.str(index.shape) + " must not be larger than src " + Shapes.str(src.shape) + " (in any dim) or self "
                + Shapes.str(self.shape) + " (apart from dim " + d + ")");
      }
    }
    Copies.checkWritable(op + "_", self);
    if (Grad.shouldRecord(self, src)) {
      return Grad.engine().inPlace(op + "_", self, s -> recordedOutOfPlace("scatter", s, src, () -> scatter(s.clone(), d, index, src, accumulate), d, index, accumulate));
    }
    if (self.dim() == 0) {
      if (index.numel() > 0) Copies.copyInto(self, accumulate ? self.add(src) : src);
      return self;
    }
    checkRange(op, index, self.shape[d], d);
    Tensor srcView = src;
    for (int i = 0; i < src.dim(); i++) srcView = Views.narrow(srcView, i, 0, index.shape[i]);
    srcView = Overlap.unaliased(self, srcView);
    if (index.numel() > 0) self.backend().scatter(self, d, index, srcView, accumulate);
    self.storage.bumpVersion();
    return self;
  }

  /** Runs an in-place op on a copy without recording, then records it as one op of (self, src). */
  private static Tensor recordedOutOfPlace(String op, Tensor self, Tensor src, java.util.function.Supplier<Tensor> run, Object... args) {
    Tensor out;
    try (Grad.Scope s = Grad.noGrad()) {
      out = run.get();
    }
    return Grad.record(op, out, new Tensor[] {self, src}, args);
  }

  static Tensor scatterValue(Tensor self, int dim, Tensor index, double value) {
    Tensor src = Creation.full(index.shape, value, self.dtype(), self.device());
    return scatter(self, dim, index, src, false);
  }

  static Tensor indexSelect(Tensor x, int dim, Tensor index) {
    requireIndex("indexSelect", index);
    requireSameDevice("indexSelect", x, index);
    if (index.dim() > 1) throw new IllegalArgumentException("indexSelect: index must be 0-d or 1-d, got shape " + Shapes.str(index.shape));
    if (x.dim() == 0) {
      Shapes.wrapDim("indexSelect", dim, 0);
      checkRange("indexSelect", index, 1, 0);
      return index.numel() == 0 ? Tensor.zeros(x.dtype(), x.device(), 0) : x.clone();
    }
    int d = Shapes.wrapDim("indexSelect", dim, x.dim());
    checkRange("indexSelect", index, x.shape[d], d);
    int[] shape = x.shape.clone();
    shape[d] = index.numel();
    Tensor out = Creation.emptyOn(x, x.dtype(), shape);
    Tensor flat = index.reshape(-1);
    if (out.numel() > 0) x.backend().indexSelect(x, d, flat, out);
    if (Grad.shouldRecord(x)) Grad.record("indexSelect", out, new Tensor[] {x}, d, flat);
    return out;
  }

  static Tensor indexAdd(Tensor self, int dim, Tensor index, Tensor src) {
    requireIndex("indexAdd", index);
    requireSameDevice("indexAdd", self, index);
    requireSameDevice("indexAdd", self, src);
    if (index.dim() > 1) throw new IllegalArgumentException("indexAdd: index must be 0-d or 1-d, got shape " + Shapes.str(index.shape));
    if (src.dtype() != self.dtype()) {
      throw new IllegalArgumentException("indexAdd: expected self and source of the same dtype, got " + self.dtype() + " and " + src.dtype());
    }
    int d = Shapes.wrapDim("indexAdd", dim, self.dim());
    int[] expected = self.shape.clone();
    if (self.dim() > 0) expected[d] = index.numel();
    if (!Arrays.equals(expected, src.shape) && !(self.dim() == 0 && src.numel() == index.numel())) {
      throw new IllegalArgumentException(
          "indexAdd: source shape " + Shapes.str(src.shape) + " must equal self shape " + Shapes.str(self.shape) + " with dim " + d + " of size " + index.numel());
    }
    Copies.checkWritable("indexAdd_", self);
    if (Grad.shouldRecord(self, src)) {
      return Grad.engine().inPlace("indexAdd_", self, s -> recordedOutOfPlace("indexAdd", s, src, () -> indexAdd(s.clone(), d, index, src), d, index.reshape(-1)));
    }
    if (self.dim() == 0) {
      checkRange("indexAdd", index, 1, 0);
      if (index.numel() > 0) Copies.copyInto(self, self.add(src.sum()));
      return self;
    }
    checkRange("indexAdd", index, self.shape[d], d);
    if (index.numel() > 0) self.backend().indexAdd(self, d, index.reshape(-1), Overlap.unaliased(self, src));
    self.storage.bumpVersion();
    return self;
  }

  static Tensor takeAlongDim(Tensor x, Tensor indices, int dim) {
    requireIndex("takeAlongDim", indices);
    if (x.dim() != indices.dim()) {
      throw new IllegalArgumentException(
          "takeAlongDim: input " + Shapes.str(x.shape) + " and indices " + Shapes.str(indices.shape) + " should have the same number of dimensions");
    }
    int d = Shapes.wrapDim("takeAlongDim", dim, x.dim());
    int[] xs = x.shape.clone();
    int[] is = indices.shape.clone();
    for (int i = 0; i < x.dim(); i++) {
      if (i == d) continue;
      int b = Shapes.broadcast("takeAlongDim", new int[] {x.shape[i]}, new int[] {indices.shape[i]})[0];
      xs[i] = b;
      is[i] = b;
    }
    return gather(Views.expand(x, xs), d, Views.expand(indices, is));
  }

  static Tensor oneHot(Tensor x, int numClasses) {
    requireIndex("oneHot", x);
    int classes = numClasses;
    if (classes == -1) classes = x.numel() == 0 ? 0 : (int) x.max().itemLong() + 1;
    if (classes < 0) throw new IllegalArgumentException("oneHot: numClasses must be -1 or non-negative, got " + numClasses);
    if (x.numel() > 0 && x.device().isCpu()) {
      long min = x.min().itemLong();
      long max = x.max().itemLong();
      if (min < 0) throw new IllegalArgumentException("oneHot: class values must be non-negative, got " + min);
      if (max >= classes) throw new IllegalArgumentException("oneHot: class value " + max + " is not below numClasses " + classes);
    }
    int[] shape = Arrays.copyOf(x.shape, x.dim() + 1);
    shape[x.dim()] = classes;
    Tensor out = Creation.full(shape, 0.0, DType.INT64, x.device());
    if (x.numel() == 0) return out;
    return scatterValue(out, -1, Views.unsqueeze(x, -1), 1.0);
  }

  static Tensor embedding(Tensor weight, Tensor indices) {
    requireIndex("embedding", indices);
    if (weight.dim() != 2) throw new IllegalArgumentException("embedding: weight must be 2-D (V, D), got " + Shapes.str(weight.shape));
    int[] shape = Arrays.copyOf(indices.shape, indices.dim() + 1);
    shape[indices.dim()] = weight.shape[1];
    return indexSelect(weight, 0, indices.reshape(-1)).view(shape);
  }

  static Tensor cat(List<Tensor> tensors, int dim) {
    if (tensors.isEmpty()) throw new IllegalArgumentException("cat: expected a non-empty list of tensors");
    // PyTorch skips legacy empty 1-D tensors of shape (0,) when the others have more dims, but
    // still counts their dtypes in the result type
    DType dtype = tensors.get(0).dtype();
    List<Tensor> parts = new ArrayList<>();
    for (Tensor t : tensors) {
      dtype = DType.promote(dtype, t.dtype());
      if (!(t.dim() == 1 && t.shape[0] == 0)) parts.add(t);
    }
    if (parts.isEmpty()) parts.add(tensors.get(0));
    Tensor first = parts.get(0);
    if (first.dim() == 0) throw new IllegalArgumentException("cat: zero-dimensional tensor (at position 0) cannot be concatenated");
    int d = Shapes.wrapDim("cat", dim, first.dim());
    int total = 0;
    for (int i = 0; i < parts.size(); i++) {
      Tensor t = parts.get(i);
      if (!t.device().equals(first.device())) {
        throw new IllegalArgumentException("cat: expected all tensors on the same device, got " + first.device() + " and " + t.device() + " at position " + i);
      }
      if (t.dim() != first.dim()) {
        throw new IllegalArgumentException(
            "cat: tensors must have the same number of dimensions: got " + first.dim() + " and " + t.dim() + " at position " + i);
      }
      for (int k = 0; k < t.dim(); k++) {
        if (k != d && t.shape[k] != first.shape[k]) {
          throw new IllegalArgumentException(
              "cat: sizes of tensors must match except in dimension " + d + ". Expected size " + first.shape[k] + " but got size " + t.shape[k]
                  + " for tensor number " + i + " in the list (shapes " + Shapes.str(first.shape) + " and " + Shapes.str(t.shape) + ")");
        }
      }
      total += t.shape[d];
    }
    int[] shape = first.shape.clone();
    shape[d] = total;
    Tensor out = Creation.emptyOn(first, dtype, shape);
    int pos = 0;
    for (Tensor t : parts) {
      int len = t.shape[d];
      if (len > 0 && t.numel() > 0) first.backend().copy(t, Views.narrow(out, d, pos, len));
      pos += len;
    }
    Tensor[] inputs = parts.toArray(new Tensor[0]);
    if (dtype.isFloatingPoint() && Grad.shouldRecord(inputs)) Grad.record("cat", out, inputs, d);
    return out;
  }

  static Tensor stack(List<Tensor> tensors, int dim) {
    if (tensors.isEmpty()) throw new IllegalArgumentException("stack: expected a non-empty list of tensors");
    int[] shape = tensors.get(0).shape;
    int d = Shapes.wrapDim("stack", dim, shape.length + 1);
    List<Tensor> expanded = new ArrayList<>();
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      if (!Arrays.equals(t.shape, shape)) {
        throw new IllegalArgumentException(
            "stack: expects each tensor to be equal size, but got " + Shapes.str(shape) + " at entry 0 and " + Shapes.str(t.shape) + " at entry " + i);
      }
      expanded.add(Views.unsqueeze(t, d));
    }
    return cat(expanded, d);
  }

  static List<Tensor> split(Tensor x, int splitSize, int dim) {
    if (x.dim() == 0) throw new IllegalArgumentException("split: cannot split a 0-dim tensor");
    if (splitSize < 0) throw new IllegalArgumentException("split: split size must be non-negative, got " + splitSize);
    int d = Shapes.wrapDim("split", dim, x.dim());
    int size = x.shape[d];
    List<Tensor> out = new ArrayList<>();
    if (splitSize == 0) {
      if (size != 0) throw new IllegalArgumentException("split: split size 0 only splits a dimension of size 0, got " + size);
      out.add(x);
      return out;
    }
    List<Integer> sizes = new ArrayList<>();
    for (int start = 0; start < size || (size == 0 && sizes.isEmpty()); start += splitSize) {
      sizes.add(Math.min(splitSize, size - start));
      if (size == 0) break;
    }
    return splitViews(x, d, sizes.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Views of x along dim d of the given sizes, recorded for autograd as one op: its backward writes
   * the parts' gradients into one gradient of x (zeros only where a part has none), where a
   * recorded slice per part gave each part a zero-filled gradient of x's whole shape to be summed
   * (a GPT layer's q, k, v: three fills and two additions of the (B, T, 3C) gradient).
   */
  private static List<Tensor> splitViews(Tensor x, int d, int[] sizes) {
    Tensor[] parts = new Tensor[sizes.length];
    int start = 0;
    for (int i = 0; i < sizes.length; i++) {
      parts[i] = Views.narrowUnrecorded(x, d, start, sizes[i]);
      start += sizes[i];
    }
    if (Grad.shouldRecord(x)) Grad.recordMulti("split", parts, new Tensor[] {x}, d, sizes.clone());
    return new ArrayList<>(List.of(parts));
  }

  static List<Tensor> split(Tensor x, int[] sizes, int dim) {
    if (x.dim() == 0) throw new IllegalArgumentException("split: cannot split a 0-dim tensor");
    int d = Shapes.wrapDim("split", dim, x.dim());
    long sum = 0;
    for (int s : sizes) {
      if (s < 0) throw new IllegalArgumentException("split: sizes must be non-negative, got " + Arrays.toString(sizes));
      sum += s;
    }
    if (sum != x.shape[d]) {
      throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " sum to " + sum + " but dim " + d + " has size " + x.shape[d]);
    }
    return splitViews(x, d, sizes);
  }

  static List<Tensor> chunk(Tensor x, int chunks, int dim) {
    if (chunks <= 0) throw new IllegalArgumentException("chunk: number of chunks must be positive, got " + chunks);
    if (x.dim() == 0) throw new IllegalArgumentException("chunk: cannot chunk a 0-dim tensor");
    int d = Shapes.wrapDim("chunk", dim, x.dim());
    int size = x.shape[d];
    int splitSize = (size + chunks - 1) / chunks;
    if (splitSize == 0 && size == 0) {
      List<Tensor> out = new ArrayList<>();
      for (int i = 0; i < chunks; i++) out.add(Views.narrow(x, d, 0, 0));
      return out;
    }
    return split(x, splitSize, d);
  }

  static ValuesIndices sort(Tensor x, int dim, boolean descending) {
    if (x.dim() == 0) {
      Shapes.wrapDim("sort", dim, 0);
      return new ValuesIndices(x.clone(), Tensor.zeros(DType.INT64, x.device()));
    }
    int d = Shapes.wrapDim("sort", dim, x.dim());
    Tensor values = Creation.emptyOn(x, x.dtype(), x.shape.clone());
    Tensor indices = Creation.emptyOn(x, DType.INT64, x.shape.clone());
    if (x.numel() > 0) x.backend().sort(x, d, descending, values, indices);
    if (x.dtype().isFloatingPoint() && Grad.shouldRecord(x)) Grad.record("sort", values, new Tensor[] {x}, d, indices);
    return new ValuesIndices(values, indices);
  }

  static ValuesIndices topk(Tensor x, int k, int dim, boolean largest) {
    int d = Shapes.wrapDim("topk", dim, x.dim());
    int size = x.dim() == 0 ? 1 : x.shape[d];
    if (k < 0 || k > size) throw new IllegalArgumentException("topk: k (" + k + ") out of range for dimension " + d + " of size " + size);
    ValuesIndices sorted = sort(x, d, largest);
    if (x.dim() == 0) return sorted;
    return new ValuesIndices(Views.narrow(sorted.values(), d, 0, k).contiguous(), Views.narrow(sorted.indices(), d, 0, k).contiguous());
  }

  /** tril/triu: keeps elements with {@code col - row <= diagonal} (lower) or {@code >= diagonal} (upper). */
  static Tensor triangle(Tensor x, int diagonal, boolean upper) {
    String op = upper ? "triu" : "tril";
    if (x.dim() < 2) throw new IllegalArgumentException(op + ": input tensor must have at least 2 dimensions, got " + Shapes.str(x.shape));
    int rows = x.shape[x.dim() - 2];
    int cols = x.shape[x.dim() - 1];
    Tensor r = Tensor.arange(rows).unsqueeze(1);
    Tensor c = Tensor.arange(cols).unsqueeze(0);
    Tensor diff = c.sub(r);
    Tensor keep = upper ? diff.ge((double) diagonal) : diff.le((double) diagonal);
    Tensor zero = Creation.full(Shapes.SCALAR, 0.0, x.dtype(), Device.CPU);
    return Elementwise.where(keep.to(x.device()), x, zero);
  }

  static Tensor repeat(Tensor x, int[] repeats) {
    if (repeats.length < x.dim()) {
      throw new IllegalArgumentException(
          "repeat: number of repeat dims (" + repeats.length + ") can not be smaller than the number of tensor dims (" + x.dim() + ")");
    }
    int n = repeats.length;
    int[] padded = new int[n];
    Arrays.fill(padded, 1);
    System.arraycopy(x.shape, 0, padded, n - x.dim(), x.dim());
    int[] interleaved = new int[2 * n];
    int[] expanded = new int[2 * n];
    int[] result = new int[n];
    for (int i = 0; i < n; i++) {
      if (repeats[i] < 0) throw new IllegalArgumentException("repeat: repeats must be non-negative, got " + Arrays.toString(repeats));
      interleaved[2 * i] = 1;
      interleaved[2 * i + 1] = padded[i];
      expanded[2 * i] = repeats[i];
      expanded[2 * i + 1] = padded[i];
      result[i] = repeats[i] * padded[i];
    }
    Tensor v = x.reshape(interleaved);
    return Views.expand(v, expanded).contiguous().reshape(result);
  }

  static Tensor flip(Tensor x, int[] dims) {
    int[] d = Shapes.wrapDims("flip", dims, x.dim());
    if (dims.length == 0) return x.clone();
    Tensor r = x;
    for (int dim : d) {
      int size = x.shape[dim];
      Tensor reversed = Tensor.arange(size - 1, -1, -1).to(x.device());
      r = indexSelect(r, dim, reversed);
    }
    return r == x ? x.clone() : r;
  }

  static Tensor roll(Tensor x, int[] shifts, int[] dims) {
    if (shifts.length != dims.length) {
      throw new IllegalArgumentException("roll: shifts and dims must align, got " + shifts.length + " shifts and " + dims.length + " dims");
    }
    Tensor r = x;
    for (int i = 0; i < dims.length; i++) {
      int d = Shapes.wrapDim("roll", dims[i], x.dim());
      int size = x.shape[d];
      if (size == 0) continue;
      int s = Math.floorMod(shifts[i], size);
      if (s == 0) continue;
      r = cat(List.of(Views.narrow(r, d, size - s, s), Views.narrow(r, d, 0, size - s)), d);
    }
    return r == x ? x.clone() : r;
  }

  static Tensor pad(Tensor x, int[] pad, double value) {
    if (pad.length % 2 != 0 || pad.length / 2 > x.dim()) {
      throw new IllegalArgumentException(
          "pad: padding length must be even and at most twice the number of dims (" + x.dim() + "), got " + pad.length);
    }
    int[] shape = x.shape.clone();
    Tensor src = x;
    int[] dstStart = new int[x.dim()];
    for (int i = 0; i < pad.length / 2; i++) {
      int d = x.dim() - 1 - i;
      int before = pad[2 * i];
      int after = pad[2 * i + 1];
      int newSize = x.shape[d] + before + after;
      if (newSize < 0) {
        throw new IllegalArgumentException("pad: dim " + d + " of size " + x.shape[d] + " padded by (" + before + ", " + after + ") would be negative");
      }
      shape[d] = newSize;
      int cropBefore = Math.max(0, -before);
      int cropAfter = Math.max(0, -after);
      int keep = Math.max(0, x.shape[d] - cropBefore - cropAfter);
      src = Views.narrow(src, d, Math.min(cropBefore, x.shape[d]), keep);
      dstStart[d] = Math.max(0, before);
    }
    Tensor out = Creation.full(shape, value, x.dtype(), x.device());
    Tensor window = out;
    for (int d = 0; d < x.dim(); d++) window = Views.narrow(window, d, dstStart[d], src.shape[d]);
    if (src.numel() > 0) x.backend().copy(src, window);
    if (x.dtype().isFloatingPoint() && Grad.shouldRecord(x)) Grad.record("pad", out, new Tensor[] {x}, (Object) pad.clone());
    return out;
  }
}
