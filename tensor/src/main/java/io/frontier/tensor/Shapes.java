package io.frontier.tensor;

import java.util.Arrays;

/** Shape and stride arithmetic shared by the frontend ops. Shapes are {@code int[]}, outermost first. */
final class Shapes {
  private Shapes() {}

  static final int[] SCALAR = new int[0];

  /** Number of elements; throws when it would not fit a Java array index. */
  static int numel(int[] shape) {
    long n = 1;
    for (int s : shape) {
      n *= s;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("shape " + str(shape) + " has more than 2^31-1 elements");
      }
    }
    return (int) n;
  }

  /** Row-major (C-contiguous) strides; size-0 and size-1 dims get PyTorch's strides. */
  static int[] contiguousStrides(int[] shape) {
    int[] strides = new int[shape.length];
    int s = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = s;
      s *= Math.max(shape[i], 1);
    }
    return strides;
  }

  static boolean isContiguous(int[] shape, int[] strides) {
    int expected = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] == 0) return true;
      if (shape[i] != 1) {
        if (strides[i] != expected) return false;
        expected *= shape[i];
      }
    }
    return true;
  }

  /** True when some element is reachable through two different indices (a stride-0 expanded dim). */
  static boolean hasInternalOverlap(int[] shape, int[] strides) {
    for (int i = 0; i < shape.length; i++) {
      if (strides[i] == 0 && shape[i] > 1) return true;
    }
    return false;
  }

  /** Wraps a possibly negative dim into [0, ndim). */
  static int wrapDim(String op, int dim, int ndim) {
    int n = Math.max(ndim, 1); // a 0-d tensor accepts dim 0 and -1, as in PyTorch
    if (dim < -n || dim >= n) {
      throw new IllegalArgumentException(
          op + ": dimension " + dim + " out of range for a " + ndim + "-d tensor (expected [" + (-n) + ", " + (n - 1) + "])");
    }
    return dim < 0 ? dim + n : dim;
  }

  /** Wraps dims and returns them sorted; duplicates are an error. An empty array means all dims. */
  static int[] wrapDims(String op, int[] dims, int ndim) {
    if (dims.length == 0) {
      int[] all = new int[ndim];
      for (int i = 0; i < ndim; i++) all[i] = i;
      return all;
    }
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) out[i] = wrapDim(op, dims[i], ndim);
    Arrays.sort(out);
    for (int i = 1; i < out.length; i++) {
      if (out[i] == out[i - 1]) {
        throw new IllegalArgumentException(op + ": dim " + out[i] + " appears more than once in " + Arrays.toString(dims));
      }
    }
    if (ndim == 0) return SCALAR; // dim 0/-1 of a 0-d tensor is the tensor itself
    return out;
  }

  /** NumPy broadcasting of two shapes. */
  static int[] broadcast(String op, int[] a, int[] b) {
    int n = Math.max(a.length, b.length);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int da = i < n - a.length ? 1 : a[i - (n - a.length)];
      int db = i < n - b.length ? 1 : b[i - (n - b.length)];
      if (da == db || db == 1) {
        out[i] = da;
      } else if (da == 1) {
        out[i] = db;
      } else {
        throw new IllegalArgumentException(
            op + ": shapes " + str(a) + " and " + str(b) + " cannot be broadcast (dim " + i + ": " + da + " vs " + db + ")");
      }
    }
    return out;
  }

  /** True when {@code from} broadcasts to exactly {@code to} (as {@code expand} allows). */
  static boolean broadcastsTo(int[] from, int[] to) {
    if (from.length > to.length) return false;
    int lead = to.length - from.length;
    for (int i = 0; i < from.length; i++) {
      if (from[i] != to[lead + i] && from[i] != 1) return false;
    }
    return true;
  }

  /**
   * Strides of a view with shape {@code newShape} onto the same memory as (shape, strides), or null
   * when no such view exists (PyTorch's {@code computeStride}).
   */
  static int[] viewStrides(int[] shape, int[] strides, int[] newShape) {
    int[] newStrides = new int[newShape.length];
    if (numel(shape) == 0) {
      return contiguousStrides(newShape);
    }
    int viewD = newShape.length - 1;
    long chunkBase = strides.length > 0 ? strides[strides.length - 1] : 1;
    long tensorNumel = 1;
    long viewNumel = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      tensorNumel *= shape[d];
      if (d == 0 || (shape[d - 1] != 1 && strides[d - 1] != tensorNumel * chunkBase)) {
        while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
          newStrides[viewD] = (int) (viewNumel * chunkBase);
          viewNumel *= newShape[viewD];
          viewD--;
        }
        if (viewNumel != tensorNumel) return null;
        if (d > 0) {
          chunkBase = strides[d - 1];
          tensorNumel = 1;
          viewNumel = 1;
        }
      }
    }
    if (viewD != -1) return null;
    return newStrides;
  }

  /** Resolves one -1 entry in a reshape target. */
  static int[] inferSize(String op, int[] target, int numel) {
    int[] out = target.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == -1) {
        if (infer >= 0) throw new IllegalArgumentException(op + ": only one dimension can be inferred (-1) in " + str(target));
        infer = i;
      } else if (out[i] < 0) {
        throw new IllegalArgumentException(op + ": invalid size " + out[i] + " in " + str(target));
      } else {
        known *= out[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || numel % known != 0) {
        throw new IllegalArgumentException(op + ": shape " + str(target) + " is invalid for input of size " + numel);
      }
      out[infer] = (int) (numel / known);
    } else if (known != numel) {
      throw new IllegalArgumentException(op + ": shape " + str(target) + " is invalid for input of size " + numel);
    }
    return out;
  }

  static void checkNonNegative(String op, int[] shape) {
    for (int s : shape) {
      if (s < 0) throw new IllegalArgumentException(op + ": negative dimension " + s + " in shape " + str(shape));
    }
  }

  /** PyTorch-style shape text: {@code (3, 4)}, {@code (5,)} and {@code ()}. */
  static String str(int[] shape) {
    if (shape.length == 1) return "(" + shape[0] + ",)";
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append(shape[i]);
    }
    return sb.append(')').toString();
  }

  static int[] removeDim(int[] shape, int dim) {
    int[] out = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) if (i != dim) out[j++] = shape[i];
    return out;
  }

  static int[] insertDim(int[] shape, int dim, int size) {
    int[] out = new int[shape.length + 1];
    for (int i = 0, j = 0; i < out.length; i++) out[i] = i == dim ? size : shape[j++];
    return out;
  }
}
