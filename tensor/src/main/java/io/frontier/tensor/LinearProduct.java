package io.frontier.tensor;

import java.util.Arrays;

/**
 * {@code torch.nn.functional.linear}: {@code y = x W^T + b} for x {@code (..., in)}, W
 * {@code (out, in)} and an optional b {@code (out)}, as one backend call
 * ({@link io.frontier.tensor.backend.Backend#matmulBias}) so that a backend can add the bias in its
 * product's epilogue instead of a second pass over y. Recorded as one "linear" node: its
 * derivative (autograd's FusedDerivatives.LINEAR) gives dx = dy W, dW = dy^T x (over all leading
 * dims) and db = the sum of dy's rows.
 */
final class LinearProduct {
  private LinearProduct() {}

  static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    String op = "linear";
    if (x == null || weight == null) throw new IllegalArgumentException(op + ": " + (x == null ? "x" : "weight") + " is null");
    if (!x.dtype().isFloatingPoint()) throw new IllegalArgumentException(op + ": expected a float32 or float64 x, got " + x.dtype());
    if (x.dim() == 0) throw new IllegalArgumentException(op + ": expected x of at least one dim (..., in), got a scalar");
    if (weight.dim() != 2 || weight.size(1) != x.size(-1)) {
      throw new IllegalArgumentException(op + ": weight has shape " + Shapes.str(weight.shape) + ", expected (out, " + x.size(-1)
          + ") for x of shape " + Shapes.str(x.shape));
    }
    checkLike(op, "weight", weight, x);
    int in = weight.size(1), out = weight.size(0);
    if (bias != null) {
      if (bias.dim() != 1 || bias.size(0) != out) {
        throw new IllegalArgumentException(op + ": bias has shape " + Shapes.str(bias.shape) + ", expected (" + out + ",) for weight of shape "
            + Shapes.str(weight.shape));
      }
      checkLike(op, "bias", bias, x);
    }
    int rows = Shapes.numel(Arrays.copyOf(x.shape, x.dim() - 1));
    Tensor x2 = x.reshape(rows, in);
    Tensor y2 = Creation.emptyOn(x, x.dtype(), new int[] {rows, out});
    if (y2.numel() > 0) {
      Tensor a = Views.unsqueeze(x2, 0), b = Views.unsqueeze(Views.t(weight), 0), c = Views.unsqueeze(y2, 0);
      if (bias == null) x.backend().matmul(a, b, c);
      else x.backend().matmulBias(a, b, bias.contiguous(), c);
    }
    Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
    if (bias == null ? Grad.shouldRecord(x, weight) : Grad.shouldRecord(x, weight, bias)) Grad.record("linear", y2, inputs);
    int[] shape = Arrays.copyOf(x.shape, x.dim());
    shape[shape.length - 1] = out;
    return y2.reshape(shape);
  }

  private static void checkLike(String op, String name, Tensor t, Tensor x) {
    if (t.dtype() != x.dtype()) throw new IllegalArgumentException(op + ": " + name + " is " + t.dtype() + ", expected " + x.dtype());
    if (!t.device().equals(x.device())) {
      throw new IllegalArgumentException(op + ": expected all tensors on " + x.device() + ", " + name + " is on " + t.device());
    }
  }
}
