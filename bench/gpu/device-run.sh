#!/usr/bin/env bash
# The one GPU call, prepared: on this machine run bench/gpu/prepare.sh, then
#   run(command="bash bench/gpu/device-run.sh", carry=[".gpu"], timeout_s=540)
# Each step has its own timeout. On an H100 (2026-11-28) a whole run took about 2 minutes (tests
# 42-62 s, memcheck 2 s, gpu-bench 20 s, GPT steps 26-41 s with PyTorch, 6 s a variant) plus about
# 40 s to start the machine; with the variants added since (three more matmul passes, 13 GPT
# variants, and LinalgBench last) about 6.5 minutes by that measure: one call, then give_back. To split it:
#   SKIP_BENCH=1 SKIP_GPT=1 SKIP_GPT_DIRECT=1 bash bench/gpu/device-run.sh     (tests, memcheck)
#   SKIP_TESTS=1 SKIP_SANITIZER=1 bash bench/gpu/device-run.sh                 (gpu-bench, GPT steps)
# Everything goes under $OUT (8 files at most, each capped below 16 MB, no subfolders), and a short
# summary is printed last, since the call returns only the last 12 000 characters of output:
#   1. nvidia-smi                                   -> nvidia-smi.txt
#   2. the GPU-tagged JUnit tests (bash .gpu/run test) -> gpu-tests.txt
#   3. compute-sanitizer memcheck over io.frontier.cuda.KernelSmoke (every kernel family once,
#      tiny tensors, compared with the CPU)          -> memcheck.txt
#   4. frontier gpu-bench (CUDA events, vs cuMemcpyDtoD and PyTorch) -> gpu-bench.txt/.json/.md
#   4b. the memory-bound rows again with frontier.cuda.ce.stream=true and ce.rowBackward=true
#       (appended to gpu-bench.txt)
#   4c. the products again with frontier.cuda.tf32x3.passes=true (3xTF32 in three passes over k,
#       against the default one-stage kernel) (appended to gpu-bench.txt)
#   4d. the products again with frontier.cuda.wgmma.registerA=true (3xTF32 with A split in
#       registers, gemm_wg_tf32x3_ra, against the packed A) (appended to gpu-bench.txt)
#   4e. the products again with frontier.cuda.wgmma.persistent=true (appended to gpu-bench.txt)
#   5. GptStepBench (FP32 and TF32 against PyTorch with its attention written out and with
#      scaled_dot_product_attention, and 3xTF32 against PyTorch's FP32; a kernel
#      profile of each), then its TF32 step
#      (and profile) again once per entry of
#      GPT_VARIANTS (default: frontier.cuda.wgmma.registerA=true: the weight gradients' g^T read
#      through registers by gemm_wg_tf32_ra instead of packed; frontier.cuda.reduce.packs=false: the bias
#      gradients' and split-K's sums on the generic reduce kernel instead of reduce_sum_f32_v4;
#      frontier.cuda.wgmma.persistent=true: the wgmma products on a persistent grid, alone and with registerA;
#      frontier.nn.fusedAttention=false: attention's probabilities formed
#      whole, as before attention.cu; gptstep.adamw=per-tensor: one AdamW launch per parameter, as
#      before fused_adamw_list; frontier.cuda.ce.rowBackward=true, wgmma.narrow=true: the 128 x 64
#      wgmma tile for attention's 64-column products, both together (a '+' joins properties),
#      gemm=auto: the mma.sync kernels that wgmma replaced on compute capability 9.0), and its
#      TF32X3 step with frontier.cuda.tf32x3.passes=true, with frontier.cuda.wgmma.registerA=true, and
#      with that and frontier.cuda.wgmma.persistent=true -> gpt-step.txt
#   5b. AttentionBench: causal attention alone, the fused kernels against the ops written out and
#      PyTorch (manual and scaled_dot_product_attention) (appended to gpt-step.txt)
#   5c. (after the GPT variants) LinalgBench: the Cholesky factor and an LU solve at n = 256 to 4096
#      and a batch of 256 64 x 64, float32 and float64, blocked (BlockedCholesky, BlockedLu) and one
#      block per matrix, against the CPU backend and torch.linalg (cuSOLVER) (appended to gpt-step.txt)
#   6. the summary                                   -> summary.txt and stdout
# Optional: RUN_MGDA=1 adds MGDA's JMH step benchmark on the CPU and CUDA -> mgda-bench.txt/.json.
# Environment overrides: TESTS_TIMEOUT (default 240 s), SANITIZER_TIMEOUT (80), BENCH_TIMEOUT
# (190), BENCH_ARGS (default "--budget 70,50"; add --quick for a run under a minute),
# GPT_VARIANTS (system properties, space-separated, one TF32 step each; most important first),
# SKIP_TESTS=1, SKIP_SANITIZER=1, SKIP_BENCH=1, SKIP_CE_VARIANTS=1, SKIP_X3_VARIANT=1, SKIP_REGISTER_A_VARIANT=1, SKIP_PERSISTENT_VARIANT=1, SKIP_GPT=1, SKIP_ATTENTION=1, SKIP_LINALG=1,
# SKIP_GPT_DIRECT=1.
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
[ -f .gpu/run ] || { echo "device-run: .gpu/run is missing: run bench/gpu/prepare.sh here and carry .gpu"; exit 1; }

TESTS_TIMEOUT=${TESTS_TIMEOUT:-240}
SANITIZER_TIMEOUT=${SANITIZER_TIMEOUT:-80}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-190}
BENCH_ARGS=${BENCH_ARGS:---budget 70,50}
declare -A rc secs
order=() # step names in the order they ran, for the summary

# step NAME TIMEOUT LOGFILE COMMAND...: runs COMMAND under timeout, stdout and stderr to LOGFILE.
step() {
  local name=$1 limit=$2 log=$3
  shift 3
  echo "device-run: $name (timeout ${limit} s) ..."
  local t0=$SECONDS
  order+=("$name")
  timeout -k 10 "$limit" "$@" >"$log" 2>&1
  rc[$name]=$?
  secs[$name]=$((SECONDS - t0))
  [ "${rc[$name]}" = 124 ] || [ "${rc[$name]}" = 137 ] && echo "[device-run: $name stopped after $limit s]" >>"$log"
  echo "device-run: $name exit ${rc[$name]} in ${secs[$name]} s"
}

step nvidia-smi 30 "$OUT/nvidia-smi.txt" bash -c \
  'nvidia-smi; echo; nvidia-smi -q -d CLOCK,POWER,PERFORMANCE,ECC; echo; nvcc --version; compute-sanitizer --version; python3 -c "import torch; print(\"torch\", torch.__version__, \"cuda\", torch.version.cuda, torch.cuda.is_available())"'

# Unpack the Java runtime once, outside the timed steps.
bash .gpu/run java -version >/dev/null 2>&1

if [ -z "${SKIP_TESTS:-}" ]; then
  # Fresh device blocks are poisoned (0xFF) so an op that leaves output unwritten fails.
  step gpu-tests "$TESTS_TIMEOUT" "$OUT/gpu-tests.txt" env JAVA_TOOL_OPTIONS=-Dfrontier.cuda.poison=true bash .gpu/run test --disable-ansi-colors
fi

if [ -z "${SKIP_SANITIZER:-}" ]; then
  sanitizer=$(command -v compute-sanitizer || ls /usr/local/cuda*/bin/compute-sanitizer 2>/dev/null | head -1)
  if [ -n "$sanitizer" ]; then
    # C1 only: the JVM under the sanitizer is slow, and KernelSmoke is short.
    # packed mode sends even KernelSmoke's small products through the tensor-core pack kernels
    step memcheck "$SANITIZER_TIMEOUT" "$OUT/memcheck.txt" env JAVA_TOOL_OPTIONS="-Dfrontier.cuda.gemm=packed -Dfrontier.cuda.poison=true" "$sanitizer" --tool memcheck --target-processes all \
      --print-limit 30 --error-exitcode 9 bash .gpu/run java -XX:TieredStopAtLevel=1 io.frontier.cuda.KernelSmoke
  else
    echo "compute-sanitizer not found" >"$OUT/memcheck.txt"
    rc[memcheck]=127
    order+=(memcheck)
    secs[memcheck]=0
  fi
fi

if [ -z "${SKIP_BENCH:-}" ]; then
  # shellcheck disable=SC2086  # BENCH_ARGS is a list of options
  step gpu-bench "$BENCH_TIMEOUT" "$OUT/gpu-bench.txt" bash .gpu/run main io.frontier.bench.gpu.GpuBench --out "$OUT/gpu-bench" $BENCH_ARGS
fi

if [ -z "${SKIP_BENCH:-}" ] && [ -z "${SKIP_CE_VARIANTS:-}" ]; then
  # The memory-bound rows again with the streamed cross-entropy forward and the row-wise backward
  # (off by default until measured), no PyTorch peer; the table is appended to gpu-bench.txt (8
  # files at most come back).
  step gpu-bench-ce-variants 60 /tmp/gpu-bench-ce-variants.txt env \
    JAVA_TOOL_OPTIONS="-Dfrontier.cuda.ce.stream=true -Dfrontier.cuda.ce.rowBackward=true" \
    bash .gpu/run main io.frontier.bench.gpu.GpuBench --only memory --no-torch --out /tmp/gpu-bench-ce-variants
  { echo; echo "==== frontier.cuda.ce.stream=true frontier.cuda.ce.rowBackward=true"; sed -n '/^memory-bound/,$p' /tmp/gpu-bench-ce-variants.txt; } >>"$OUT/gpu-bench.txt"
fi

if [ -z "${SKIP_BENCH:-}" ] && [ -z "${SKIP_X3_VARIANT:-}" ]; then
  # The products again with 3xTF32 in three passes over k (gemm_wg_tf32x3_passes, the kernel the
  # one-stage gemm_wg_tf32x3 replaced), no PyTorch peer; appended to gpu-bench.txt.
  step gpu-bench-x3-passes 60 /tmp/gpu-bench-x3-passes.txt env JAVA_TOOL_OPTIONS="-Dfrontier.cuda.tf32x3.passes=true" \
    bash .gpu/run main io.frontier.bench.gpu.GpuBench --only matmul --no-torch --out /tmp/gpu-bench-x3-passes
  { echo; echo "==== frontier.cuda.tf32x3.passes=true"; sed -n '/^matmul/,$p' /tmp/gpu-bench-x3-passes.txt; } >>"$OUT/gpu-bench.txt"
fi

if [ -z "${SKIP_BENCH:-}" ] && [ -z "${SKIP_REGISTER_A_VARIANT:-}" ]; then
  # The products again with A read through registers (frontier.cuda.wgmma.registerA=true: 3xTF32's
  # A split in registers, gemm_wg_tf32x3_ra, instead of packed), no PyTorch peer; appended to gpu-bench.txt.
  step gpu-bench-register-a 60 /tmp/gpu-bench-register-a.txt env JAVA_TOOL_OPTIONS="-Dfrontier.cuda.wgmma.registerA=true" \
    bash .gpu/run main io.frontier.bench.gpu.GpuBench --only matmul --no-torch --out /tmp/gpu-bench-register-a
  { echo; echo "==== frontier.cuda.wgmma.registerA=true"; sed -n '/^matmul/,$p' /tmp/gpu-bench-register-a.txt; } >>"$OUT/gpu-bench.txt"
fi

if [ -z "${SKIP_BENCH:-}" ] && [ -z "${SKIP_PERSISTENT_VARIANT:-}" ]; then
  # The products again on a persistent grid (frontier.cuda.wgmma.persistent=true: a wave of blocks
  # looping over the tiles, each loading its next tile while storing the last), no PyTorch peer;
  # appended to gpu-bench.txt.
  step gpu-bench-persistent 60 /tmp/gpu-bench-persistent.txt env JAVA_TOOL_OPTIONS="-Dfrontier.cuda.wgmma.persistent=true" \
    bash .gpu/run main io.frontier.bench.gpu.GpuBench --only matmul --no-torch --out /tmp/gpu-bench-persistent
  { echo; echo "==== frontier.cuda.wgmma.persistent=true"; sed -n '/^matmul/,$p' /tmp/gpu-bench-persistent.txt; } >>"$OUT/gpu-bench.txt"
fi

if [ -z "${SKIP_GPT:-}" ]; then
  # One GPT training step (width 512, 8 layers, context 256, batch 32, GPT-2 vocabulary) against PyTorch eager.
  step gpt-step "${GPT_TIMEOUT:-150}" "$OUT/gpt-step.txt" bash .gpu/run main io.frontier.bench.gpu.GptStepBench
fi

if [ -z "${SKIP_ATTENTION:-}" ]; then
  # Causal attention alone (fused kernels, the ops written out, PyTorch manual and SDPA); appended
  # to gpt-step.txt (8 files at most come back).
  step attention-bench "${ATTENTION_TIMEOUT:-90}" /tmp/attention-bench.txt bash .gpu/run main io.frontier.bench.gpu.AttentionBench
  { echo; echo "==== attention-bench ===="; cat /tmp/attention-bench.txt; } >>"$OUT/gpt-step.txt"
fi

if [ -z "${SKIP_GPT_DIRECT:-}" ]; then
  # The TF32 step again under each variant (wgmma product kernels, direct pack-free kernels, no
  # split-K), no PyTorch peer (it ran above); appended to gpt-step.txt (8 files at most come back).
  # A variant is one property, or several joined by '+' (set together).
  for variant in ${GPT_VARIANTS:-frontier.cuda.wgmma.registerA=true frontier.cuda.wgmma.persistent=true frontier.cuda.wgmma.registerA=true+frontier.cuda.wgmma.persistent=true frontier.cuda.reduce.packs=false frontier.nn.fusedAttention=false gptstep.adamw=per-tensor frontier.cuda.ce.rowBackward=true frontier.cuda.wgmma.narrow=true frontier.cuda.ce.rowBackward=true+frontier.cuda.wgmma.narrow=true frontier.cuda.gemm=auto}; do
    props="-D${variant//+/ -D}"
    step "gpt-${variant//frontier.cuda./}" "${GPT_DIRECT_TIMEOUT:-90}" "$OUT/gpt-direct.txt" env \
      JAVA_TOOL_OPTIONS="$props -Dgptstep.precisions=TF32 -Dgptstep.torch=false -Dgptstep.profile=TF32" \
      bash .gpu/run main io.frontier.bench.gpu.GptStepBench
    { echo; echo "==== $variant ===="; cat "$OUT/gpt-direct.txt"; } >>"$OUT/gpt-step.txt"
  done
  # the float32-accurate step with 3xTF32 in three passes over k (the kernel gemm_wg_tf32x3 replaced)
  step gpt-tf32x3-passes "${GPT_DIRECT_TIMEOUT:-90}" "$OUT/gpt-direct.txt" env \
    JAVA_TOOL_OPTIONS="-Dfrontier.cuda.tf32x3.passes=true -Dgptstep.precisions=TF32X3 -Dgptstep.torch=false -Dgptstep.profile=TF32X3" \
    bash .gpu/run main io.frontier.bench.gpu.GptStepBench
  { echo; echo "==== frontier.cuda.tf32x3.passes=true (TF32X3) ===="; cat "$OUT/gpt-direct.txt"; } >>"$OUT/gpt-step.txt"
  # the float32-accurate step with every A read through registers (no pack of A at all)
  step gpt-tf32x3-register-a "${GPT_DIRECT_TIMEOUT:-90}" "$OUT/gpt-direct.txt" env \
    JAVA_TOOL_OPTIONS="-Dfrontier.cuda.wgmma.registerA=true -Dgptstep.precisions=TF32X3 -Dgptstep.torch=false -Dgptstep.profile=TF32X3" \
    bash .gpu/run main io.frontier.bench.gpu.GptStepBench
  { echo; echo "==== frontier.cuda.wgmma.registerA=true (TF32X3) ===="; cat "$OUT/gpt-direct.txt"; } >>"$OUT/gpt-step.txt"
  # ... and on the persistent grid as well
  step gpt-tf32x3-register-a-persistent "${GPT_DIRECT_TIMEOUT:-90}" "$OUT/gpt-direct.txt" env \
    JAVA_TOOL_OPTIONS="-Dfrontier.cuda.wgmma.registerA=true -Dfrontier.cuda.wgmma.persistent=true -Dgptstep.precisions=TF32X3 -Dgptstep.torch=false -Dgptstep.profile=TF32X3" \
    bash .gpu/run main io.frontier.bench.gpu.GptStepBench
  { echo; echo "==== frontier.cuda.wgmma.registerA=true frontier.cuda.wgmma.persistent=true (TF32X3) ===="; cat "$OUT/gpt-direct.txt"; } >>"$OUT/gpt-step.txt"
  rm -f "$OUT/gpt-direct.txt"
fi

if [ -z "${SKIP_LINALG:-}" ]; then
  # Cholesky and LU: blocked from which order? (CudaLinalg's BLOCKED_CHOLESKY_FROM and BLOCKED_LU_FROM are estimates.)
  step linalg-bench "${LINALG_TIMEOUT:-100}" /tmp/linalg-bench.txt bash .gpu/run main io.frontier.bench.gpu.LinalgBench
  { echo; echo "==== linalg-bench ===="; cat /tmp/linalg-bench.txt; } >>"$OUT/gpt-step.txt"
fi

if [ -n "${RUN_MGDA:-}" ]; then
  # MGDA's full step (K objectives x 1M shared float32 parameters) on the CPU and on CUDA, JMH in-process.
  step mgda-bench "${MGDA_TIMEOUT:-150}" "$OUT/mgda-bench.txt" bash .gpu/run main org.openjdk.jmh.Main MgdaBenchmark \
    -p device=cpu,cuda -f 0 -wi 3 -w 1s -i 5 -r 1s -rf json -rff "$OUT/mgda-bench.json"
fi

# No file may come back at 16 MB or more.
for f in "$OUT"/*; do
  [ -f "$f" ] && [ "$(stat -c %s "$f")" -ge 15000000 ] && truncate -s 15000000 "$f" && echo "[truncated at 15 MB]" >>"$f"
done

summary() {
  echo "================ device-run summary ================"
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm,power.limit --format=csv,noheader 2>/dev/null
  grep -m1 "^torch " "$OUT/nvidia-smi.txt"
  for s in "${order[@]}"; do
    printf '  %-20s exit %-3s %4s s\n' "$s" "${rc[$s]}" "${secs[$s]}"
  done

  if [ -f "$OUT/gpu-tests.txt" ]; then
    echo "---- GPU tests (gpu-tests.txt)"
    grep -E '^\[ +[0-9]+ (tests|containers) (successful|failed|aborted|skipped) +\]' "$OUT/gpu-tests.txt"
    # failed tests and containers with the first lines of their messages
    { grep -n -A3 '✘' "$OUT/gpu-tests.txt" | cut -c1-200; grep -m3 'stopped after' "$OUT/gpu-tests.txt"; } | head -c 3500
  fi

  if [ -f "$OUT/memcheck.txt" ]; then
    echo "---- compute-sanitizer memcheck over KernelSmoke (memcheck.txt)"
    { grep -E 'ERROR SUMMARY|^KernelSmoke|^FAIL|stopped after|not found' "$OUT/memcheck.txt" | cut -c1-200 | head -30
      grep -m12 -E '^========= (Invalid|Program hit|Malformed|Misaligned|Out-of-range|Address|  *at .*frontier|  *in )' "$OUT/memcheck.txt" | cut -c1-200
    } | head -c 2500
  fi

  if [ -f "$OUT/gpu-bench.txt" ]; then
    echo "---- gpu-bench (gpu-bench.txt, .json, .md)"
    if grep -q '^card: ' "$OUT/gpu-bench.txt"; then
      sed -n '/^card: /,/^wrote /p' "$OUT/gpu-bench.txt" | cut -c1-200 | head -110
      sed -n '/^==== frontier.cuda.ce/,$p' "$OUT/gpu-bench.txt" | grep -E '^====|cross_entropy|memcpy' | head -10
    elif grep -q '^gpu-bench: skipped' "$OUT/gpu-bench.txt"; then
      grep '^gpu-bench: skipped' "$OUT/gpu-bench.txt"
    else
      echo "(no final table; the last lines of the log, and the partial results saved so far)"
      tail -25 "$OUT/gpu-bench.txt" | cut -c1-200
      [ -f "$OUT/gpu-bench.md" ] && sed -n '/^## matmul/,/^## all rows/p' "$OUT/gpu-bench.md" | head -60
    fi
  fi
  if [ -f "$OUT/gpt-step.txt" ]; then
    echo "---- gpt-step (gpt-step.txt): every step's medians, each variant's under its ==== line"
    grep -E '^(gpt-step (frontier|torch)|==== )' "$OUT/gpt-step.txt" | sed -E 's/ +\(steps .*//; s/^gpt-step //' | cut -c1-110 | head -70
    echo "---- gpt-step: the default run's profiles and attention-bench"
    sed -n '1,/^==== /p' "$OUT/gpt-step.txt" | grep -E '^gpt-profile [A-Z0-9]+ (per step|kernel)' | cut -c13-110 | head -36
    sed -n '/^==== attention-bench/,/^==== [a-z]/p' "$OUT/gpt-step.txt" | grep -vE '^==== [a-z]' | cut -c1-160 | head -20
    grep -E '^linalg-bench' "$OUT/gpt-step.txt" | sed -E 's/^linalg-bench //; s/ +/ /g' | cut -c1-90 | head -48
    grep -m3 -E 'Exception|Error' "$OUT/gpt-step.txt" | cut -c1-300
  fi
  if [ -f "$OUT/mgda-bench.txt" ]; then
    echo "---- mgda-bench (mgda-bench.txt, .json)"
    grep -E '^MgdaBenchmark|^Benchmark|Exception' "$OUT/mgda-bench.txt" | cut -c1-160 | head -12
  fi
  echo "files: $(cd "$OUT" && ls | tr '\n' ' ')"
}
summary | head -c 11500 | tee "$OUT/summary.txt"
