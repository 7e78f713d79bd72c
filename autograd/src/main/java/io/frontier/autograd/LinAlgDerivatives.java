package io.frontier.autograd;

import io.frontier.tensor.LinAlg;
import io.frontier.tensor.Tensor;

/**
 * Dense linear algebra, recorded by {@link LinAlg} on contiguous batches {@code (B, m, n)} (the
 * reshapes and batch broadcasts around them are recorded as views). The formulas follow PyTorch's
 * {@code FunctionsManual.cpp}; every one is real-valued, so adjoints are transposes.
 */
enum LinAlgDerivatives implements Derivative {
  /**
   * {@code A = L L^T} (or {@code U^T U}, {@code L = U^T}), args (upper). With {@code P = L^T gL},
   * {@code gA = L^{-T} sym(Φ(P)) L^{-1}}, where Φ keeps the lower triangle and halves the diagonal and
   * sym(M) = (M + M^T) / 2: the gradient is symmetric (Iain Murray, arXiv 1602.07527), the convention
   * under which a function of a symmetric A that cholesky reads one triangle of gets its true gradient.
   */
  CHOLESKY {
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
      boolean upper = (boolean) n.args[0];
      Tensor l = upper ? n.output(0).mT() : n.output(0);
      Tensor gl = upper ? go[0].mT() : go[0];
      // tril(L^T gL) ignores gL's strict upper triangle: L^T triu(gL, 1) is strictly upper.
      Tensor p = l.mT().bmm(gl).tril();
      Tensor sym = p.add(p.tril(-1).mT()).mul(0.5); // diagonal halved, mirrored off the diagonal
      Tensor left = LinAlg.solveTriangular(l.mT(), sym, true, true, false);   // L^{-T} S
      Tensor ga = LinAlg.solveTriangular(l, left, false, false, false);       // (L^{-T} S) L^{-1}
      return new Tensor[] {ga};
    }
  },

  /**
   * Triangular solve, args (upper, left, unitriangular). Left, {@code X = A^{-1} B}:
   * {@code gB = A^{-T} G}, {@code gA = -gB X^T}; right, {@code X = B A^{-1}}: {@code gB = G A^{-T}},
   * {@code gA = -X^T gB}. gA keeps only the triangle the solve read (the strict one when unitriangular).
   */
  SOLVE_TRIANGULAR {
    @Override
    public boolean savesOutputs(Object[] args) {
      return true;
    }

    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      boolean upper = (boolean) n.args[0];
      boolean left = (boolean) n.args[1];
      boolean unit = (boolean) n.args[2];
      Tensor a = n.input(0);
      Tensor g = go[0];
      Tensor gb = LinAlg.solveTriangular(a.mT(), g, !upper, left, unit);
      Tensor ga = null;
      if (n.needsGrad(0)) {
        Tensor x = n.output(0);
        Tensor full = (left ? gb.bmm(x.mT()) : x.mT().bmm(gb)).neg();
        ga = upper ? full.triu(unit ? 1 : 0) : full.tril(unit ? -1 : 0);
      }
      return new Tensor[] {ga, n.needsGrad(1) ? gb : null};
    }
  },

  /** {@code X = A^{-1} B}: {@code gB = A^{-T} G}, {@code gA = -gB X^T}. */
  SOLVE {
    @Override
    public boolean savesOutputs(Object[] args) {
      return true;
    }

    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      Tensor gb = LinAlg.solve(n.input(0).mT(), go[0]);
      Tensor ga = n.needsGrad(0) ? gb.bmm(n.output(0).mT()).neg() : null;
      return new Tensor[] {ga, n.needsGrad(1) ? gb : null};
    }
  },

  /** {@code Y = A^{-1}}: {@code gA = -Y^T G Y^T}. */
  INV {
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
      Tensor yt = n.output(0).mT();
      return new Tensor[] {yt.bmm(go[0]).bmm(yt).neg()};
    }
  },

  /** log|det A| of shape (B, 1, 1): {@code gA = g A^{-T}} (the sign is not differentiable). */
  SLOGDET {
    @Override
    public Tensor[] backward(Node n, Tensor[] go) {
      return new Tensor[] {LinAlg.inv(n.input(0)).mT().mul(go[0])};
    }
  }
}
