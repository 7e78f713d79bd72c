package io.frontier.bench.gpu;

import io.frontier.cuda.CudaBackend;
import io.frontier.cuda.KernelProfiler;
import io.frontier.cuda.MatmulPrecision;
import io.frontier.nn.GPT;
import io.frontier.nn.GPTConfig;
import io.frontier.tensor.Device;
import io.frontier.tensor.Fused;
import io.frontier.tensor.Generator;
import io.frontier.tensor.Grad;
import io.frontier.tensor.MemoryScope;
import io.frontier.tensor.Tensor;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall time of one GPT training step on the GPU (forward, mean cross-entropy, backward, fused AdamW
 * on every parameter ({@code Fused.adamwStepAll_}: 24 tensors a launch), gradients cleared), against PyTorch eager running the same model on the same
 * card (peers/torch_gpt_step.py). Each timed step ends with a device synchronisation; the median of
 * the timed steps is reported, after three warm-up steps.
 *
 * <p>Two Frontier variants: "scoped" runs each step in a {@link MemoryScope} and zeroes gradients
 * in place, so every temporary's block goes back to the cache when the step ends; "collected"
 * leaves the blocks to the JVM's collector (a {@link java.lang.ref.Cleaner} per storage). Each row
 * also gives the JVM collections and their time during the timed steps.
 *
 * <p>Arguments: vocab context width heads layers batch steps (default: the 50257 256 512 8
 * 8 32 10) and the Python to run the peer with (default python3). System properties:
 * {@code gptstep.precisions} (default {@code HIGHEST,TF32,TF32X3}), {@code gptstep.torch} ({@code
 * false} skips the PyTorch peer), so that a second run with another {@code frontier.cuda.gemm}
 * measures only what that mode changes, and {@code gptstep.profile}: the precisions whose kernels
 * are profiled afterwards (default {@code TF32,HIGHEST,TF32X3}; empty for none). PyTorch runs at
 * "highest" and "tf32", each twice: with minGPT's attention written out ("manual", the model
 * before Frontier's fused attention) and with {@code F.scaled_dot_product_attention} ("sdpa",
 * PyTorch's fused kernels, the fair peer of {@code Fused.causalAttention}). TF32X3 (float32-accurate
 * products on the tensor cores) has PyTorch's "highest" steps as its peers, which has no such mode.
 */
public final class GptStepBench {
  /** {@code -Dgptstep.adamw=per-tensor}: one AdamW launch per parameter, as before the list step. */
  static final boolean PER_TENSOR_ADAMW = "per-tensor".equals(System.getProperty("gptstep.adamw"));

  private GptStepBench() {}

  public static void main(String[] args) throws Exception {
    int[] a = {50257, 256, 512, 8, 8, 32, 10};
    for (int i = 0; i < Math.min(args.length, 7); i++) a[i] = Integer.parseInt(args[i]);
    String python = args.length > 7 ? args[7] : "python3";
    CudaBackend cuda = CudaBackend.loaded().orElse(null);
    if (cuda == null) {
      System.out.println("gpt-step: skipped: no CUDA backend");
      return;
    }
    GPTConfig cfg = new GPTConfig(a[0], a[1], a[2], a[3], a[4], 0.0, true, false);
    System.out.println("gpt-step: vocab " + a[0] + ", context " + a[1] + ", width " + a[2] + ", heads " + a[3] + ", layers " + a[4]
        + ", batch " + a[5] + " on " + cuda.describe() + "; frontier.cuda.gemm=" + cuda.gemmMode()
        + ", frontier.cuda.splitk=" + System.getProperty("frontier.cuda.splitk", "true"));
    boolean withTorch = !"false".equals(System.getProperty("gptstep.torch"));
    for (MatmulPrecision p : precisions(System.getProperty("gptstep.precisions", "HIGHEST,TF32,TF32X3"))) {
      cuda.setMatmulPrecision(p);
      for (boolean scoped : new boolean[] {true, false}) {
        long[] gc0 = gcCountAndMillis();
        double[] ms = frontier(cfg, a[5], a[6], cuda, scoped);
        long[] gc1 = gcCountAndMillis();
        System.out.printf("gpt-step frontier %-7s %-9s median %.2f ms  (steps %s; JVM collections %d taking %d ms)%n", p,
            scoped ? "scoped" : "collected", median(ms), Arrays.toString(round(ms)), gc1[0] - gc0[0], gc1[1] - gc0[1]);
        System.out.println("gpt-step allocator " + cuda.memoryStats());
      }
      if (withTorch && p == MatmulPrecision.TF32X3) {
        System.out.println("gpt-step torch    (TF32X3's peer is PyTorch's float32 step, HIGHEST's line)");
      } else if (withTorch) {
        String precision = p == MatmulPrecision.TF32 ? "tf32" : "highest";
        System.out.println("gpt-step torch    " + torch(python, a, precision, "manual"));
        System.out.println("gpt-step torch    " + torch(python, a, precision, "sdpa"));
      }
    }
    // Where the time goes: device time per kernel over two scoped steps of each profiled precision.
    for (MatmulPrecision p : precisions(System.getProperty("gptstep.profile", "TF32,HIGHEST,TF32X3"))) {
      cuda.setMatmulPrecision(p);
      profile(cfg, a[5], cuda, 2, p);
    }
    cuda.setMatmulPrecision(MatmulPrecision.HIGHEST);
  }

  /** Precisions named in a comma-separated list (MatmulPrecision constants, any case). */
  static MatmulPrecision[] precisions(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(x -> !x.isEmpty())
        .map(x -> MatmulPrecision.valueOf(x.toUpperCase(java.util.Locale.ROOT))).toArray(MatmulPrecision[]::new);
  }

  /** Prints device time per kernel (and launch configuration) over {@code steps} scoped steps after two warm-up steps. */
  static void profile(GPTConfig cfg, int batch, CudaBackend cuda, int steps, MatmulPrecision precision) {
    KernelProfiler profiler = cuda.context().profiler();
    Runnable[] step = {null};
    run(cfg, batch, 2, cuda, true, r -> step[0] = r); // builds the model and warms it up
    long t0 = System.nanoTime();
    profiler.start();
    for (int i = 0; i < steps; i++) step[0].run();
    List<KernelProfiler.Entry> entries = profiler.stop();
    double wall = (System.nanoTime() - t0) / 1e6 / steps;
    double device = entries.stream().mapToDouble(KernelProfiler.Entry::millis).sum() / steps;
    long launches = entries.stream().mapToLong(KernelProfiler.Entry::launches).sum() / steps;
    String tag = "gpt-profile " + precision;
    System.out.printf("%s per step: %d launches, kernels %.2f ms of device time, wall %.2f ms (profiled; events add host time)%n",
        tag, launches, device, wall);
    Map<String, double[]> byKernel = new LinkedHashMap<>();
    for (KernelProfiler.Entry e : entries) {
      double[] v = byKernel.computeIfAbsent(e.kernel(), k -> new double[2]);
      v[0] += e.launches();
      v[1] += e.millis();
    }
    // most device time first, then most launches (all a dry device has: its kernels take no time)
    byKernel.entrySet().stream()
        .sorted((x, y) -> x.getValue()[1] != y.getValue()[1] ? Double.compare(y.getValue()[1], x.getValue()[1])
            : Double.compare(y.getValue()[0], x.getValue()[0]))
        .limit(25)
        .forEach(e -> System.out.printf("%s kernel %-28s %6.0f launches %8.2f ms/step %5.1f%%%n", tag, e.getKey(), e.getValue()[0] / steps,
            e.getValue()[1] / steps, device > 0 ? 100 * e.getValue()[1] / steps / device : 0.0));
    entries.stream().limit(25).forEach(e -> System.out.printf("%s launch %-28s %-40s %5d x %8.3f ms%n", tag, e.kernel(), e.config(),
        e.launches() / steps, e.millis() / e.launches()));
  }

  static double[] frontier(GPTConfig cfg, int batch, int steps, CudaBackend cuda, boolean scoped) {
    return run(cfg, batch, steps, cuda, scoped, r -> {});
  }

  /** Times {@code steps} steps after three warm-up ones; hands the step to {@code stepSink} for further use. */
  static double[] run(GPTConfig cfg, int batch, int steps, CudaBackend cuda, boolean scoped, java.util.function.Consumer<Runnable> stepSink) {
    Device dev = Device.cuda(0);
    GPT model = new GPT(cfg, new Generator(0));
    model.to(dev);
    List<Tensor> params = model.parameters();
    List<Tensor[]> state = new ArrayList<>();
    for (Tensor p : params) state.add(new Tensor[] {Tensor.zerosLike(p), Tensor.zerosLike(p)});
    Generator g = new Generator(1);
    Tensor tokens = Tensor.randint(g, 0, cfg.vocab(), batch, cfg.context()).to(dev);
    Tensor targets = Tensor.randint(g, 0, cfg.vocab(), batch, cfg.context()).to(dev);
    double[] times = new double[steps];
    long[] step = {0};
    Runnable trainStep = () -> {
      MemoryScope scope = scoped ? MemoryScope.open() : null;
      Tensor loss = GPT.loss(model.forward(tokens), targets);
      loss.backward();
      step[0]++;
      try (Grad.Scope s = Grad.noGrad()) {
        if (PER_TENSOR_ADAMW) {
          for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Fused.adamwStep_(p, p.grad(), state.get(i)[0], state.get(i)[1], 3e-4, 0.9, 0.95, 1e-8, 0.1, step[0]);
          }
        } else {
          Fused.adamwStepAll_(params, params.stream().map(Tensor::grad).toList(), state.stream().map(m -> m[0]).toList(),
              state.stream().map(m -> m[1]).toList(), 3e-4, 0.9, 0.95, 1e-8, 0.1, step[0], false);
        }
      }
      model.zeroGrad(!scoped);
      if (scope != null) scope.close();
    };
    stepSink.accept(trainStep);
    for (int i = 0; i < 3; i++) trainStep.run();
    cuda.synchronize();
    for (int i = 0; i < steps; i++) {
      long t0 = System.nanoTime();
      trainStep.run();
      cuda.synchronize();
      times[i] = (System.nanoTime() - t0) / 1e6;
    }
    return times;
  }

  static String torch(String python, int[] a, String precision, String attention) {
    try {
      Path script = Files.createTempFile("frontier-gpt-step", ".py");
      try (InputStream in = GptStepBench.class.getResourceAsStream("/peers/torch_gpt_step.py")) {
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
      for (int i = 0; i < 7; i++) cmd.add(Integer.toString(a[i]));
      cmd.add(precision);
      cmd.add(attention);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      StringBuilder out = new StringBuilder();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) out.append(line).append('\n');
      }
      int code = p.waitFor();
      if (code == 3) return "skipped: " + python + " cannot import torch";
      if (code == 4) return "skipped: torch sees no CUDA device";
      String text = out.toString().trim();
      return code == 0 ? text.substring(text.lastIndexOf('\n') + 1) : "failed (exit " + code + "): " + text;
    } catch (Exception e) {
      return "skipped: " + e;
    }
  }

  /** Collections of every JVM collector so far, and their accumulated time in ms. */
  static long[] gcCountAndMillis() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, b.getCollectionCount());
      millis += Math.max(0, b.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double[] round(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) r[i] = Math.round(v[i] * 10) / 10.0;
    return r;
  }
}
