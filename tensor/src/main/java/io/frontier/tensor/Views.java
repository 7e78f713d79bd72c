package io.frontier.tensor;

import java.util.Arrays;

/** View ops: new shape/strides/offset over the same storage, never a copy (except reshape's fallback). */
final class Views {
  private Views() {}

  private static Tensor make(Tensor base, int[] shape, int[] strides, int offset) {
    Tensor v = new Tensor(base.storage, shape, strides, offset);
    v.isView = true;
    return v;
  }

  /** Records view {@code v} of {@code t} for autograd as view op {@code name} with its arguments. */
  private static Tensor rec(Tensor v, Tensor t, String name, Object... args) {
    if (!Grad.shouldRecord(t)) return v;
    Object[] all = new Object[args.length + 1];
    all[0] = name;
    System.arraycopy(args, 0, all, 1, args.length);
    return Grad.record("view", v, new Tensor[] {t}, all);
  }

  static Tensor reshape(Tensor t, int[] shape) {
    int[] target = Shapes.inferSize("reshape", shape, t.numel());
    int[] strides = Shapes.viewStrides(t.shape, t.strides, target);
    if (strides != null) return rec(make(t, target, strides, t.offset), t, "reshape");
    Tensor c = Copies.clone(t);
    return rec(make(c, target, Shapes.contiguousStrides(target), 0), c, "reshape");
  }

  static Tensor view(Tensor t, int[] shape) {
    int[] target = Shapes.inferSize("view", shape, t.numel());
    int[] strides = Shapes.viewStrides(t.shape, t.strides, target);
    if (strides == null) {
      throw new IllegalArgumentException(
          "view: size " + Shapes.str(target) + " is not compatible with input of shape " + Shapes.str(t.shape)
              + " and strides " + Shapes.str(t.strides) + " (at least one dimension spans across two contiguous subspaces); use reshape");
    }
    return rec(make(t, target, strides, t.offset), t, "reshape");
  }

  static Tensor transpose(Tensor t, int dim0, int dim1) {
    int n = t.dim();
    if (n == 0) {
      Shapes.wrapDim("transpose", dim0, 0);
      Shapes.wrapDim("transpose", dim1, 0);
      return t;
    }
    int a = Shapes.wrapDim("transpose", dim0, n);
    int b = Shapes.wrapDim("transpose", dim1, n);
    int[] shape = t.shape.clone();
    int[] strides = t.strides.clone();
    shape[a] = t.shape[b];
    shape[b] = t.shape[a];
    strides[a] = t.strides[b];
    strides[b] = t.strides[a];
    return rec(make(t, shape, strides, t.offset), t, "transpose", a, b);
  }

  static Tensor t(Tensor t) {
    if (t.dim() > 2) throw new IllegalArgumentException("t: expects a tensor with <= 2 dimensions, got " + t.dim() + "-d " + Shapes.str(t.shape));
    return t.dim() < 2 ? t : transpose(t, 0, 1);
  }

  static Tensor permute(Tensor t, int[] dims) {
    int n = t.dim();
    if (dims.length != n) {
      throw new IllegalArgumentException("permute: number of dims " + dims.length + " does not match the tensor's " + n + " dims " + Shapes.str(t.shape));
    }
    boolean[] seen = new boolean[n];
    int[] shape = new int[n];
    int[] strides = new int[n];
    int[] wrapped = new int[n];
    for (int i = 0; i < n; i++) {
      int d = Shapes.wrapDim("permute", dims[i], n);
      if (seen[d]) throw new IllegalArgumentException("permute: dim " + d + " repeats in " + Arrays.toString(dims));
      seen[d] = true;
      wrapped[i] = d;
      shape[i] = t.shape[d];
      strides[i] = t.strides[d];
    }
    return rec(make(t, shape, strides, t.offset), t, "permute", (Object) wrapped);
  }

  static Tensor squeeze(Tensor t) {
    int count = 0;
    for (int s : t.shape) if (s != 1) count++;
    int[] shape = new int[count];
    int[] strides = new int[count];
    for (int i = 0, j = 0; i < t.dim(); i++) {
      if (t.shape[i] != 1) {
        shape[j] = t.shape[i];
        strides[j++] = t.strides[i];
      }
    }
    return rec(make(t, shape, strides, t.offset), t, "reshape");
  }

  static Tensor squeeze(Tensor t, int dim) {
    if (t.dim() == 0) {
      Shapes.wrapDim("squeeze", dim, 0);
      return t;
    }
    int d = Shapes.wrapDim("squeeze", dim, t.dim());
    if (t.shape[d] != 1) return rec(make(t, t.shape.clone(), t.strides.clone(), t.offset), t, "reshape");
    return rec(make(t, Shapes.removeDim(t.shape, d), Shapes.removeDim(t.strides, d), t.offset), t, "reshape");
  }

  static Tensor unsqueeze(Tensor t, int dim) {
    int d = Shapes.wrapDim("unsqueeze", dim, t.dim() + 1);
    int stride = d < t.dim() ? t.shape[d] * t.strides[d] : 1;
    return rec(make(t, Shapes.insertDim(t.shape, d, 1), Shapes.insertDim(t.strides, d, stride), t.offset), t, "reshape");
  }

  static Tensor expand(Tensor t, int[] sizes) {
    int n = sizes.length;
    if (n < t.dim()) {
      throw new IllegalArgumentException(
          "expand: the number of sizes provided (" + n + ") must be greater or equal to the number of dimensions in the tensor (" + t.dim() + ")");
    }
    int[] shape = new int[n];
    int[] strides = new int[n];
    int lead = n - t.dim();
    for (int i = n - 1; i >= 0; i--) {
      int target = sizes[i];
      if (i < lead) {
        if (target < 0) throw new IllegalArgumentException("expand: -1 is not allowed in a leading, non-existing dimension (" + Arrays.toString(sizes) + ")");
        shape[i] = target;
        strides[i] = 0;
        continue;
      }
      int cur = t.shape[i - lead];
      if (target == -1) target = cur;
      if (cur == target) {
        shape[i] = cur;
        strides[i] = t.strides[i - lead];
      } else if (cur == 1) {
        if (target < 0) throw new IllegalArgumentException("expand: invalid size " + target);
        shape[i] = target;
        strides[i] = 0;
      } else {
        throw new IllegalArgumentException(
            "expand: the expanded size of the tensor (" + target + ") must match the existing size (" + cur + ") at non-singleton dimension "
                + i + ". Target sizes: " + Arrays.toString(sizes) + ". Tensor sizes: " + Shapes.str(t.shape));
      }
    }
    return rec(make(t, shape, strides, t.offset), t, "expand");
  }

  static Tensor narrow(Tensor t, int dim, int start, int length) {
    if (t.dim() == 0) throw new IllegalArgumentException("narrow: cannot be applied to a 0-dim tensor");
    int d = Shapes.wrapDim("narrow", dim, t.dim());
    int size = t.shape[d];
    if (start < -size || start > size) {
      throw new IllegalArgumentException("narrow: start " + start + " out of range for dim " + d + " of size " + size);
    }
    if (start < 0) start += size;
    if (length < 0 || start + length > size) {
      throw new IllegalArgumentException(
          "narrow: start (" + start + ") + length (" + length + ") exceeds dimension size (" + size + ") of dim " + d);
    }
    return rec(narrowUnrecorded(t, d, start, length), t, "slice", d, start, 1, length);
  }

  /**
   * The unrecorded view whose consecutive slices along {@code dim} are exactly {@code parts} (the
   * same storage, offsets and strides), or null when the parts are not such slices of one
   * non-overlapping view. The inverse of narrowing without a copy: for autograd's split backward,
   * whose parts' gradients a fused kernel may already have written as slices of one buffer.
   */
  static Tensor joined(java.util.List<Tensor> parts, int dim) {
    if (parts.isEmpty() || parts.get(0) == null) return null;
    Tensor first = parts.get(0);
    int n = first.dim();
    if (dim < 0 || dim >= n || first.shape[dim] == 0) return null;
    int[] shape = first.shape.clone();
    int[] strides = first.strides.clone();
    // the joined dim steps from one part's first slice to the next part's
    int step = first.strides[dim];
    if (parts.size() > 1 && parts.get(1) != null) {
      int gap = parts.get(1).offset - first.offset;
      if (gap <= 0 || gap % first.shape[dim] != 0) return null;
      step = gap / first.shape[dim];
    }
    strides[dim] = step;
    int start = 0;
    for (Tensor p : parts) {
      if (p == null || p.storage != first.storage || p.dim() != n || p.numel() == 0 || p.requiresGrad()) return null;
      if (p.offset != first.offset + start * step) return null;
      for (int k = 0; k < n; k++) {
        if (k != dim && p.shape[k] != shape[k]) return null;
        int expected = k == dim ? step : strides[k];
        if (p.shape[k] > 1 && p.strides[k] != expected) return null;
      }
      start += p.shape[dim];
    }
    shape[dim] = start;
    if (!isNonOverlapping(shape, strides)) return null;
    return make(first, shape, strides, first.offset);
  }

  /** True when no two indices of {@code shape} reach one element through non-negative {@code strides}. */
  static boolean isNonOverlapping(int[] shape, int[] strides) {
    Integer[] order = new Integer[shape.length];
    for (int d = 0; d < shape.length; d++) order[d] = d;
    java.util.Arrays.sort(order, (a, b) -> Integer.compare(strides[a], strides[b]));
    long reach = 0; // the largest offset the dims before this one reach
    for (int d : order) {
      if (shape[d] <= 1) continue;
      if (strides[d] <= reach) return false;
      reach += (long) strides[d] * (shape[d] - 1);
    }
    return true;
  }

  /** The view {@code t[..., start:start + length, ...]} along dim {@code d} (checked), recorded by the caller. */
  static Tensor narrowUnrecorded(Tensor t, int d, int start, int length) {
    int[] shape = t.shape.clone();
    shape[d] = length;
    return make(t, shape, t.strides.clone(), t.offset + start * t.strides[d]);
  }

  static Tensor slice(Tensor t, int dim, int start, int end, int step) {
    if (t.dim() == 0) throw new IllegalArgumentException("slice: cannot be applied to a 0-dim tensor");
    if (step <= 0) throw new IllegalArgumentException("slice: step must be positive, got " + step);
    int d = Shapes.wrapDim("slice", dim, t.dim());
    int size = t.shape[d];
    // Python slice semantics: negative indices count from the end, out-of-range ones are clamped
    int s = start < 0 ? Math.max(start + size, 0) : Math.min(start, size);
    int e = end < 0 ? Math.max(end + size, 0) : Math.min(end, size);
    int len = e > s ? (e - s + step - 1) / step : 0;
    int[] shape = t.shape.clone();
    int[] strides = t.strides.clone();
    shape[d] = len;
    strides[d] = t.strides[d] * step;
    return rec(make(t, shape, strides, t.offset + (len > 0 ? s * t.strides[d] : 0)), t, "slice", d, s, step, len);
  }

  static Tensor select(Tensor t, int dim, int index) {
    if (t.dim() == 0) throw new IllegalArgumentException("select: cannot be applied to a 0-dim tensor");
    int d = Shapes.wrapDim("select", dim, t.dim());
    int size = t.shape[d];
    if (index < -size || index >= size) {
      throw new IllegalArgumentException("select: index " + index + " out of range for dim " + d + " of size " + size);
    }
    if (index < 0) index += size;
    return rec(make(t, Shapes.removeDim(t.shape, d), Shapes.removeDim(t.strides, d), t.offset + index * t.strides[d]), t, "select", d, index);
  }

  static Tensor flatten(Tensor t, int startDim, int endDim) {
    if (t.dim() == 0) return reshape(t, new int[] {1});
    int s = Shapes.wrapDim("flatten", startDim, t.dim());
    int e = Shapes.wrapDim("flatten", endDim, t.dim());
    if (s > e) throw new IllegalArgumentException("flatten: start_dim (" + s + ") cannot come after end_dim (" + e + ")");
    if (s == e) return t;
    int[] shape = new int[t.dim() - (e - s)];
    int k = 0;
    for (int i = 0; i < s; i++) shape[k++] = t.shape[i];
    long prod = 1;
    for (int i = s; i <= e; i++) prod *= t.shape[i];
    shape[k++] = (int) prod;
    for (int i = e + 1; i < t.dim(); i++) shape[k++] = t.shape[i];
    return reshape(t, shape);
  }

  static Tensor unflatten(Tensor t, int dim, int[] sizes) {
    int d = Shapes.wrapDim("unflatten", dim, t.dim());
    if (sizes.length == 0) throw new IllegalArgumentException("unflatten: sizes must be non-empty");
    int[] inferred = Shapes.inferSize("unflatten", sizes, t.shape[d]);
    int[] shape = new int[t.dim() - 1 + inferred.length];
    int k = 0;
    for (int i = 0; i < d; i++) shape[k++] = t.shape[i];
    for (int s : inferred) shape[k++] = s;
    for (int i = d + 1; i < t.dim(); i++) shape[k++] = t.shape[i];
    return view(t, shape);
  }

  static Tensor diagonal(Tensor t, int offset, int dim1, int dim2) {
    if (t.dim() < 2) throw new IllegalArgumentException("diagonal: expects a tensor with at least 2 dims, got " + Shapes.str(t.shape));
    int a = Shapes.wrapDim("diagonal", dim1, t.dim());
    int b = Shapes.wrapDim("diagonal", dim2, t.dim());
    if (a == b) throw new IllegalArgumentException("diagonal: dimensions cannot be identical " + dim1 + ", " + dim2);
    int start = t.offset;
    int len;
    if (offset >= 0) {
      len = Math.max(0, Math.min(t.shape[a], t.shape[b] - offset));
      if (len > 0) start += offset * t.strides[b];
    } else {
      len = Math.max(0, Math.min(t.shape[a] + offset, t.shape[b]));
      if (len > 0) start -= offset * t.strides[a];
    }
    int[] shape = new int[t.dim() - 1];
    int[] strides = new int[t.dim() - 1];
    int k = 0;
    for (int i = 0; i < t.dim(); i++) {
      if (i == a || i == b) continue;
      shape[k] = t.shape[i];
      strides[k++] = t.strides[i];
    }
    shape[k] = len;
    strides[k] = t.strides[a] + t.strides[b];
    return rec(make(t, shape, strides, start), t, "diagonal", offset, a, b);
  }
}
