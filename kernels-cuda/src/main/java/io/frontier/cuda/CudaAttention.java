package io.frontier.cuda;

import static io.frontier.cuda.CudaTensors.ptr;
import static io.frontier.cuda.CudaTensors.scalarArg;
import static io.frontier.cuda.CudaTensors.suffix;
import static io.frontier.cuda.HostFallback.hostLike;
import static io.frontier.cuda.HostFallback.toHost;
import static io.frontier.cuda.HostFallback.writeBack;

import io.frontier.tensor.Backends;
import io.frontier.tensor.Tensor;
import io.frontier.tensor.backend.DropoutStream;

/**
 * Scaled dot-product attention on the GPU (attention.cu): the forward in one kernel, the backward
 * in three (the per-query delta, dq over query tiles, dk and dv over key tiles). Views arrive as
 * 4-D {@code (N0, N1, T, D)} tensors with a unit last stride; each goes to the kernels as its
 * pointer and its (N0, N1, T) strides, so heads are read and written where they lie. Head dims
 * above 128 (above 64 in float64), or tiles larger than the card's shared memory, run on the CPU
 * kernels through {@link HostFallback}.
 */
final class CudaAttention {

  private final Launcher launcher;

  CudaAttention(Launcher launcher) {
    this.launcher = launcher;
  }

  void forward(Tensor q, Tensor k, Tensor v, double scale, int offset, DropoutStream dropout, Tensor out, Tensor lse) {
    AttentionPlan plan = plan(q);
    if (plan == null) {
      Tensor hOut = hostLike(out), hLse = hostLike(lse);
      Backends.cpu().attention(toHost(q), toHost(k), toHost(v), scale, offset, dropout, hOut, hLse);
      writeBack(hOut, out);
      writeBack(hLse, lse);
      return;
    }
    String kernel = plan.kernel("fwd", suffix(q.dtype()));
    launcher.launch(kernel, grid(kernel, pairs(q), q.size(2), plan.forwardShared()), q.size(1), q.size(2), k.size(2), q.size(3), offset,
        scalarArg(q.dtype(), scale), scalarArg(q.dtype(), dropout.p()), scalarArg(q.dtype(), dropout.keepScale(q.dtype())), dropout.seed(),
        dropout.offset(), ptr(q), view(q), ptr(k), view(k), ptr(v), view(v), ptr(out), view(out), ptr(lse));
  }

  void backward(Tensor gradOut, Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, double scale, int offset, DropoutStream dropout,
      Tensor gradQ, Tensor gradK, Tensor gradV) {
    AttentionPlan plan = plan(q);
    if (plan == null) {
      Tensor hq = hostLike(gradQ), hk = hostLike(gradK), hv = hostLike(gradV);
      Backends.cpu().attentionBackward(toHost(gradOut), toHost(q), toHost(k), toHost(v), toHost(out), toHost(lse), scale, offset, dropout,
          hq, hk, hv);
      writeBack(hq, gradQ);
      writeBack(hk, gradK);
      writeBack(hv, gradV);
      return;
    }
    int n1 = q.size(1), tq = q.size(2), tk = k.size(2), d = q.size(3);
    long rows = (long) pairs(q) * tq;
    Tensor delta = Tensor.empty(q.dtype(), q.device(), (int) rows);
    String dtype = suffix(q.dtype());
    launcher.launch("attn_bwd_delta_" + dtype, AttentionPlan.deltaGrid(rows), n1, tq, d, ptr(gradOut), view(gradOut), ptr(out), view(out),
        ptr(delta), rows);
    Object s = scalarArg(q.dtype(), scale), p = scalarArg(q.dtype(), dropout.p()), keep = scalarArg(q.dtype(), dropout.keepScale(q.dtype()));
    String dq = plan.kernel("bwd_dq", dtype);
    launcher.launch(dq, grid(dq, pairs(q), tq, plan.dqShared()), n1, tq, tk, d, offset, s, p, keep, dropout.seed(), dropout.offset(), ptr(q),
        view(q), ptr(k), view(k), ptr(v), view(v), ptr(gradOut), view(gradOut), ptr(lse), ptr(delta), ptr(gradQ), view(gradQ));
    String dkdv = plan.kernel("bwd_dkdv", dtype);
    launcher.launch(dkdv, grid(dkdv, pairs(q), tk, plan.dkdvShared()), n1, tq, tk, d, offset, s, p, keep, dropout.seed(), dropout.offset(),
        ptr(q), view(q), ptr(k), view(k), ptr(v), view(v), ptr(gradOut), view(gradOut), ptr(lse), ptr(delta), ptr(gradK), view(gradK),
        ptr(gradV), view(gradV));
  }

  private AttentionPlan plan(Tensor q) {
    return AttentionPlan.of(q.size(3), q.dtype().itemSize(), launcher.context().maxSharedPerBlockOptin());
  }

  /** The grid, after raising the kernel's shared-memory limit once where its tiles need more than the default 48 KB. */
  private LaunchConfig grid(String kernel, int pairs, int rows, int sharedBytes) {
    if (sharedBytes > CudaContext.DEFAULT_DYNAMIC_SHARED) launcher.context().setMaxDynamicShared(kernel, launcher.context().maxSharedPerBlockOptin());
    return AttentionPlan.grid(pairs, rows, sharedBytes);
  }

  private static int pairs(Tensor t) {
    return t.size(0) * t.size(1);
  }

  /** attention.cu's View: element strides of dims N0, N1 and T. */
  static int[] view(Tensor t) {
    return new int[] {t.stride(0), t.stride(1), t.stride(2)};
  }
}
