package io.frontier.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.tensor.DType;
import io.frontier.tensor.Device;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every launch site's arguments against its kernel's compiled parameters, without a GPU: on the dry
 * device ({@code -Dfrontier.cuda.dry=true}, set by the "dry-launch" surefire execution) each op
 * takes the path it takes on an H100, and Launcher refuses any launch whose Java arguments do not
 * fit kernels.signatures one for one (count, PTX type, struct size). No kernel runs and values are
 * not computed: KernelSmoke's value comparisons fail here by design, and only launch errors count.
 */
@Tag("dry")
class DryLaunchTest {

  private static CudaBackend dryBackend() {
    CudaBackend cuda = CudaBackend.loaded().orElseThrow(() -> new AssertionError("no CUDA backend: run with -Dfrontier.cuda.dry=true"));
    assertTrue(cuda.context().isDry(), "DryLaunchTest needs the dry device, got " + cuda.describe());
    return cuda;
  }

  /** Launch errors among a smoke run's problems (the rest are the dry device's zeros failing value checks). */
  private static List<String> launchErrors(List<String> problems) {
    List<String> errors = new ArrayList<>();
    for (String p : problems) if (p.contains("CudaKernelException")) errors.add(p);
    return errors;
  }

  @Test
  void everyKernelSmokeLaunchFitsItsKernel() {
    CudaBackend cuda = dryBackend();
    DryRun dry = cuda.context().dryRun();
    dry.clear();
    KernelSmoke smoke = new KernelSmoke(false);
    smoke.run(cuda);
    assertEquals(List.of(), launchErrors(smoke.problems), "launches whose arguments do not fit their kernels");
    Map<String, Integer> launched = dry.launches();
    // the kernels no GPU has run yet are among those checked
    for (String kernel : List.of("attn_fwd_f32_d64", "attn_bwd_delta_f32", "attn_bwd_dq_f32_d64", "attn_bwd_dkdv_f32_d64", "zero_list",
        "fused_adamw_list_f32", "gemm_wg_tf32x3", "gemm_wg_tf32x3_passes", "gemm_pack_tf32x3", "gemm_wg_tf32_n64", "fused_ce_stream_f32", "fused_ce_bwd_rows_f32",
        "gemm_wg_tf32_ra", "gemm_wg_tf32x3_ra", "gemm_wg_tf32x3_ra_t", "reduce_sum_f32_v4", "reduce_sum_f32_v4_split")) {
      assertTrue(launched.containsKey(kernel), kernel + " was not launched; launched: " + launched.keySet());
    }
    assertTrue(launched.size() >= 80, "only " + launched.size() + " kernels launched: " + launched.keySet());
  }

  /** A GPT's training step at each matmul precision: its forward, backward, list AdamW and gradient zeroing. */
  @Test
  void aGptTrainingStepsLaunchesFitTheirKernels() {
    CudaBackend cuda = dryBackend();
    DryRun dry = cuda.context().dryRun();
    Device device = Device.cuda(0);
    GPT model = new GPT(new GPTConfig(64, 32, 64, 4, 2, 0.1, true, true), new Generator(1));
    model.to(device);
    Generator g = new Generator(2);
    Tensor tokens = Tensor.randint(g, 0, 64, 4, 32).to(device);
    Tensor targets = Tensor.randint(g, 0, 64, 4, 32).to(device);
    for (MatmulPrecision precision : MatmulPrecision.values()) {
      dry.clear();
      cuda.setMatmulPrecision(precision);
      try {
        List<Tensor> params = model.parameters();
        GPT.loss(model.forward(tokens), targets).backward();
        List<Tensor> withGrad = new ArrayList<>(), grads = new ArrayList<>(), m = new ArrayList<>(), v = new ArrayList<>();
        for (Tensor p : params) {
          if (p.grad() == null) continue;
          withGrad.add(p);
          grads.add(p.grad());
          m.add(Tensor.zerosLike(p));
          v.add(Tensor.zerosLike(p));
        }
        Fused.adamwStepAll_(withGrad, grads, m, v, 1e-3, 0.9, 0.999, 1e-8, 0.01, 1, false);
        Fused.zeroAll_(grads);
      } finally {
        cuda.setMatmulPrecision(MatmulPrecision.HIGHEST);
      }
      Map<String, Integer> launched = dry.launches();
      assertTrue(launched.containsKey("attn_bwd_dkdv_f32_d64") && launched.containsKey("fused_adamw_list_f32"),
          precision + ": the step's attention and AdamW were launched: " + launched.keySet());
    }
  }
  /**
   * Sizes past KernelSmoke's tiny ones take kernels of their own: split reductions (part, then
   * fin), the 128-wide SIMT tiles, long softmax rows, the norms' backward. On the dry device no
   * memory is touched, so large shapes cost nothing.
   */
  @Test
  void largeShapesLaunchesFitTheirKernels() {
    CudaBackend cuda = dryBackend();
    DryRun dry = cuda.context().dryRun();
    dry.clear();
    Device device = Device.cuda(0);
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT64}) {
      Tensor big = Tensor.zeros(dtype, device, 1 << 22);
      big.sum();
      big.amax(new int[] {0}, false);
      big.amin(new int[] {0}, false);
      big.prod(0, false);
      big.reshape(1 << 11, 1 << 11).sum(0); // float32: in 16-byte packs (reduce_sum_f32_v4_split)
      big.reshape(1 << 11, 1 << 11).narrow(1, 1, 2046).sum(0); // an offset of 1: the generic split reduction
      big.reshape(1 << 11, 1 << 11).cumsum(1);
    }
    Tensor bools = Tensor.zeros(DType.BOOL, device, 1 << 22);
    bools.any();
    bools.all();
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Tensor a = Tensor.zeros(dtype, device, 2048, 2048); // 256 tiles of 128 x 128: the wide SIMT kernels
      a.matmul(a);
      a.mT().matmul(a);
      a.matmul(a.mT());
      a.mT().matmul(a.mT());
      a.reshape(4, 1 << 20).softmax(1);
      a.logSoftmax(0);
      Tensor x = Tensor.zeros(dtype, device, 512, 768).requiresGrad_(true);
      Tensor w = Tensor.zeros(dtype, device, 768).requiresGrad_(true), b = Tensor.zeros(dtype, device, 768).requiresGrad_(true);
      Fused.layerNorm(x, w, b, 1e-5).out().sum().backward();
    }
    Map<String, Integer> launched = dry.launches();
    for (String kernel : List.of("reduce_sum_f32_part", "reduce_sum_f32_v4_split", "reduce_sum_f32_fin", "gemm_sgemm128_nn",
        "fused_norm_wgrad_f32")) {
      assertTrue(launched.containsKey(kernel), kernel + " was not launched; launched: " + launched.keySet());
    }
  }
  /** Arguments that fit a kernel's signature one for one (zeros), for launching it directly. */
  private static Object[] fitting(String kernel) {
    String[] kinds = KernelSignatures.committed().of(kernel);
    Object[] args = new Object[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      args[i] = switch (kinds[i]) {
        case "u32", "s32" -> 0;
        case "f32" -> 0f;
        case "u64", "s64" -> 0L;
        case "f64" -> 0.0;
        case "u8" -> (byte) 0;
        default -> new int[(int) (KernelSignatures.bytes(kinds[i]) / 4)];
      };
    }
    return args;
  }

  /** Launches the driver would refuse are refused: arguments that do not fit, shared memory past the kernel's limit, blocks past its launch bounds. */
  @Test
  void theDryDeviceRefusesWhatTheDriverWould() {
    CudaBackend cuda = dryBackend();
    Launcher launcher = new Launcher(cuda.context());
    Object[] args = fitting("fill_f32");
    launcher.launch("fill_f32", new LaunchConfig(1, 1, 1, 256, 1, 0), args);
    CudaKernelException shared = org.junit.jupiter.api.Assertions.assertThrows(CudaKernelException.class,
        () -> launcher.launch("fill_f32", new LaunchConfig(1, 1, 1, 256, 1, 64 << 10), args));
    assertTrue(shared.getMessage().contains("above the kernel's limit of 49152 (no setMaxDynamicShared"), shared.getMessage());
    // past the opt-in limit even when set
    cuda.context().setMaxDynamicShared("attn_fwd_f32_d128", cuda.context().maxSharedPerBlockOptin());
    Object[] attention = fitting("attn_fwd_f32_d128");
    launcher.launch("attn_fwd_f32_d128", new LaunchConfig(1, 1, 1, 128, 1, 100 << 10), attention);
    assertThrows(() -> launcher.launch("attn_fwd_f32_d128", new LaunchConfig(1, 1, 1, 128, 1, cuda.context().maxSharedPerBlockOptin() + 16),
        attention), "above the kernel's limit of 232448");
    Object[] oneShort = java.util.Arrays.copyOf(args, args.length - 1);
    assertThrows(() -> launcher.launch("fill_f32", new LaunchConfig(1, 1, 1, 256, 1, 0), oneShort), "fill_f32 takes " + args.length + " arguments");
    assertThrows(() -> launcher.launch("no_such_kernel", new LaunchConfig(1, 1, 1, 32, 1, 0)), "has no signature");
    // attention.cu's kernels are compiled for blocks of 128 threads (__launch_bounds__)
    assertThrows(() -> launcher.launch("attn_fwd_f32_d128", new LaunchConfig(1, 1, 1, 256, 1, 0), attention), "allow at most 128");
    // fused_ce_bwd_rows_f64 has no launch bounds and 70 registers a thread: 1024 threads (72 x 1024) do not fit an SM
    assertThrows(() -> launcher.launch("fused_ce_bwd_rows_f64", new LaunchConfig(1, 1, 1, 1024, 1, 0), fitting("fused_ce_bwd_rows_f64")),
        "too many resources requested");
  }

  private static void assertThrows(org.junit.jupiter.api.function.Executable launch, String fragment) {
    CudaKernelException e = org.junit.jupiter.api.Assertions.assertThrows(CudaKernelException.class, launch);
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }
}
