package io.frontier.autograd;

import io.frontier.tensor.Tensor;

/** Indexing ops: the gradient goes back to the positions that were read, summed where repeated. */
enum IndexDerivatives implements Derivative {
  /** max/min along a dim with indices: args (dim, indices); the output keeps the dim. */
  INDEX_REDUCE {
    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      Tensor z = Tensor.zeros(go[0].dtype(), go[0].device(), n.inputShapes[0]);
      return new Tensor[] {z.scatter_((int) n.args[0], (Tensor) n.args[1], go[0])};
    }
  },
  /** args (dim, index). */
  GATHER {
    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      Tensor z = Tensor.zeros(go[0].dtype(), go[0].device(), n.inputShapes[0]);
      return new Tensor[] {z.scatterAdd_((int) n.args[0], (Tensor) n.args[1], go[0])};
    }
  },
  /** args (dim, flat index). */
  INDEX_SELECT {
    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      Tensor z = Tensor.zeros(go[0].dtype(), go[0].device(), n.inputShapes[0]);
      return new Tensor[] {z.indexAdd_((int) n.args[0], (Tensor) n.args[1], go[0])};
    }
  },
  /**
   * Constant padding: args (pad widths, last dim first, as {@code torch.nn.functional.pad}); the
   * gradient is the output's gradient with the widths negated (cropped where x was padded, padded
   * with zeros where x was cropped), as PyTorch's {@code constant_pad_nd} backward.
   */
  PAD {
    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      int[] pad = ((int[]) n.args[0]).clone();
      for (int i = 0; i < pad.length; i++) pad[i] = -pad[i];
      return new Tensor[] {go[0].pad(pad, 0.0)};
    }
  },
  /** Sorted values: args (dim, indices); a permutation, so scatter. */
  SORT {
    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      Tensor z = Tensor.zeros(go[0].dtype(), go[0].device(), n.inputShapes[0]);
      return new Tensor[] {z.scatter_((int) n.args[0], (Tensor) n.args[1], go[0])};
    }
  },
  /** Out-of-place scatter of (self, src): args (dim, index, accumulate). */
  SCATTER {
    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      int d = (int) n.args[0];
      Tensor index = (Tensor) n.args[1];
      boolean accumulate = (boolean) n.args[2];
      Tensor g = go[0];
      Tensor gSelf = n.needsGrad(0) ? (accumulate ? g : g.scatter(d, index, 0.0)) : null;
      Tensor gSrc = null;
      if (n.needsGrad(1)) {
        Tensor taken = g.gather(d, index);
        int[] srcShape = n.inputShapes[1];
        if (java.util.Arrays.equals(taken.shape(), srcShape)) {
          gSrc = taken;
        } else { // src larger than index: its other elements were not read
          gSrc = Tensor.zeros(g.dtype(), g.device(), srcShape);
          Tensor region = gSrc;
          for (int i = 0; i < srcShape.length; i++) region = region.narrow(i, 0, index.size(i));
          region.copy_(taken);
        }
      }
      return new Tensor[] {gSelf, gSrc};
    }
  },
  /** Out-of-place indexAdd of (self, src): args (dim, flat index). */
  INDEX_ADD {
    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      Tensor g = go[0];
      Tensor gSrc = n.needsGrad(1) ? g.indexSelect((int) n.args[0], (Tensor) n.args[1]) : null;
      return new Tensor[] {g, gSrc};
    }
  },
  /** cat along args[0]: each input gets its slice of the gradient. */
  CAT {
    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      int d = (int) n.args[0];
      Tensor[] grads = new Tensor[n.next.length];
      int pos = 0;
      for (int i = 0; i < grads.length; i++) {
        int len = n.inputShapes[i][d];
        if (n.needsGrad(i)) grads[i] = go[0].narrow(d, pos, len);
        pos += len;
      }
      return grads;
    }
  };

  @Override
  public boolean savesInputs(Object[] args) {
    return false;
  }
}
