package io.frontier.autograd;

import io.frontier.tensor.Fused;
import io.frontier.tensor.Tensor;

/**
 * The fused training ops of {@link Fused}, whose backward formulas are their backward kernels
 * ({@link Fused#layerNormBackward} and its neighbours), so training runs the fused kernels both
 * ways. Only the main output is recorded; the saved statistics (mean, rstd, log-sum-exp) travel as
 * arguments and are not differentiable.
 */
enum FusedDerivatives implements Derivative {
  /** Inputs (x, [weight], [bias]); args (hasWeight, hasBias, mean, rstd). */
  LAYER_NORM {
    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      boolean hasWeight = (boolean) n.args[0];
      boolean hasBias = (boolean) n.args[1];
      int biasIndex = hasWeight ? 2 : 1;
      Tensor x = n.input(0);
      Tensor weight = hasWeight ? n.input(1) : null;
      Fused.NormGrads r = Fused.layerNormBackward(like(go[0], x), x, weight, (Tensor) n.args[2], (Tensor) n.args[3],
          hasBias && n.needsGrad(biasIndex));
      Tensor[] grads = new Tensor[n.next.length];
      grads[0] = n.needsGrad(0) ? r.gradX() : null;
      if (hasWeight && n.needsGrad(1)) grads[1] = r.gradWeight();
      if (hasBias) grads[biasIndex] = r.gradBias();
      return grads;
    }
  },

  /** Inputs (x, [weight]); args (hasWeight, rstd). */
  RMS_NORM {
    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      boolean hasWeight = (boolean) n.args[0];
      Tensor x = n.input(0);
      Tensor weight = hasWeight ? n.input(1) : null;
      Fused.NormGrads r = Fused.rmsNormBackward(like(go[0], x), x, weight, (Tensor) n.args[1]);
      Tensor[] grads = new Tensor[n.next.length];
      grads[0] = n.needsGrad(0) ? r.gradX() : null;
      if (hasWeight && n.needsGrad(1)) grads[1] = r.gradWeight();
      return grads;
    }
  },

  /** Causal attention probabilities y from (scores); args (scale, offset); the backward reads y only. */
  CAUSAL_SOFTMAX {
    @Override
    public boolean savesInputs(Object[] args) {
      return false;
    }

    @Override
    public boolean savesOutputs(Object[] args) {
      return true;
    }

    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      Tensor y = n.output(0);
      return new Tensor[] {Fused.softmaxBackward(like(go[0], y), y, (double) n.args[0])};
    }
  },

  /**
   * Scaled dot-product attention's output from (q, k, v); args (scale, offset, logSumExp, dropout stream). The
   * backward kernel recomputes the probabilities from q, k and the saved log-sum-exp.
   */
  ATTENTION {
    @Override
    public boolean savesOutputs(Object[] args) {
      return true;
    }

    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      Tensor q = n.input(0), k = n.input(1), v = n.input(2), out = n.output(0);
      Fused.AttentionGrads r = Fused.attentionBackward(like(go[0], out), q, k, v, out, (Tensor) n.args[2], (double) n.args[0],
          (int) n.args[1], (io.frontier.tensor.backend.DropoutStream) n.args[3]);
      return new Tensor[] {n.needsGrad(0) ? r.gradQ() : null, n.needsGrad(1) ? r.gradK() : null, n.needsGrad(2) ? r.gradV() : null};
    }
  },

  /**
   * A linear layer's output y2 (rows, out) from (x (..., in), weight (out, in), [bias (out)]):
   * dx = g W, dW = g^T x (x's leading dims flattened into rows), db = the column sums of g.
   */
  LINEAR {
    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      Tensor g = go[0];
      Tensor x = n.input(0), weight = n.input(1);
      Tensor[] grads = new Tensor[n.next.length];
      if (n.needsGrad(0)) grads[0] = g.mm(weight).reshape(x.shape());
      if (n.needsGrad(1)) grads[1] = g.t().mm(x.reshape(g.size(0), weight.size(1)));
      if (grads.length > 2 && n.needsGrad(2)) grads[2] = g.sum(0);
      return grads;
    }
  },

  /** Per-row losses from (logits); args (target, ignoreIndex, labelSmoothing, logSumExp). */
  CROSS_ENTROPY {
    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      Tensor logits = n.input(0);
      Tensor g = Fused.crossEntropyBackward(like(go[0], logits), logits, (Tensor) n.args[0], (long) n.args[1], (double) n.args[2],
          (Tensor) n.args[3]);
      return new Tensor[] {g};
    }
  };

  /** The incoming gradient in the dtype the backward kernels expect (the input's). */
  private static Tensor like(Tensor g, Tensor x) {
    return g.dtype() == x.dtype() ? g : g.to(x.dtype());
  }
}
