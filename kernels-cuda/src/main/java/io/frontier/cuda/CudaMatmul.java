package io.frontier.cuda;

import io.frontier.tensor.Tensor;

/**
 * Batched matrix products (gemm.cu): {@code out[b] = a[b] @ b[b]} for 3-D views (B, M, K),
 * (B, K, N), (B, M, N). Row- and column-major operands are read in place, batch strides may be 0;
 * an operand of any other layout is made contiguous first, and an output of any other layout is
 * computed into a dense temporary and copied in. {@link GemmPlan} holds the decisions.
 */
final class CudaMatmul {
  private final Launcher launcher;
  private final CudaBackend backend;

  CudaMatmul(Launcher launcher, CudaBackend backend) {
    this.launcher = launcher;
    this.backend = backend;
  }

  void matmul(Tensor a, Tensor b, Tensor out) {
    Tensor ra = GemmPlan.operandLayout(view(a)) != null ? a : a.contiguous();
    Tensor rb = GemmPlan.operandLayout(view(b)) != null ? b : b.contiguous();
    Tensor dst = GemmPlan.outputUsable(view(out)) ? out : Tensor.empty(out.dtype(), out.device(), out.shape());
    GemmPlan p = GemmPlan.of(out.dtype(), backend.matmulPrecision(), launcher.context().multiprocessors(), out.size(0),
        view(ra), view(rb), view(dst));
    Tensor first = p.swapped() ? rb : ra;
    Tensor second = p.swapped() ? ra : rb;
    launcher.launch(p.kernel(), p.launch(), p.m(), p.n(), p.k(), p.batch(),
        CudaTensors.ptr(first), p.a().ld(), p.a().batchStride(),
        CudaTensors.ptr(second), p.b().ld(), p.b().batchStride(),
        CudaTensors.ptr(dst), p.c().ld(), p.c().batchStride(),
        flag(p.a().vec()), flag(p.b().vec()), flag(p.c().vec()));
    if (dst != out) backend.copy(dst, out);
  }

  private static GemmPlan.View view(Tensor t) {
    int[] s = t.strides();
    return new GemmPlan.View(t.size(1), t.size(2), s[1], s[2], s[0], t.storageOffset());
  }

  private static int flag(boolean b) {
    return b ? 1 : 0;
  }
}
