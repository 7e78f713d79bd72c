#!/usr/bin/env bash
# Compiles every CUDA source under src/main/cuda into one fatbin and writes its manifest.
#
#   kernels-cuda/build-kernels.sh           rebuild the committed fatbin and manifest
#   kernels-cuda/build-kernels.sh --check   compile into a temporary folder only; fail on any
#                                           error or register spill (KernelBuildTest runs this)
#
# Machine code for sm_80 (A100), sm_86 (RTX 30xx/A10), sm_89 (L4/RTX 40xx) and sm_90 (H100/H200),
# plus compute_80 PTX that newer cards JIT-compile. Built with nvcc 13.0, so the binary needs an
# NVIDIA driver that supports CUDA 13.0: Linux driver 580 or newer.
#
# The sources in SM90A_SOURCES use sm_90a-only instructions (wgmma): they are compiled apart, for
# sm_90a alone, into frontier_kernels_sm90a.fatbin, which CudaContext loads on compute capability
# 9.0 only (H100, H200).
#
# Each *.cu file is one op family and a self-contained translation unit; they are compiled as one
# unit (an umbrella file that includes them all) so that a single module holds every kernel. Keep
# file-local helpers in a namespace named after the file so that the families do not collide.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/src/main/cuda"
res="$here/src/main/resources/io/frontier/cuda"
check=false
[[ "${1:-}" == "--check" ]] && check=true

NVCC="${NVCC:-nvcc}"
command -v "$NVCC" >/dev/null || { echo "build-kernels: nvcc not found" >&2; exit 2; }
GENCODE=(
  -gencode arch=compute_80,code=sm_80
  -gencode arch=compute_86,code=sm_86
  -gencode arch=compute_89,code=sm_89
  -gencode arch=compute_90,code=sm_90
  -gencode arch=compute_80,code=compute_80
)
FLAGS=(-std=c++17 -O3 -lineinfo -Xptxas -v,-warn-spills,-warn-lmem-usage --threads 0)
SM90A_SOURCES=(gemm_wgmma.cu)
SM90A_GENCODE=(-gencode arch=compute_90a,code=sm_90a)

# A fixed folder: with -lineinfo the compute_80 PTX names the umbrella file by its full path, so
# a random folder would make every build's fatbin differ (the same sources and checkout give the
# same bytes this way).
work="$here/target/build-kernels"
rm -rf "$work"
mkdir -p "$work"
umbrella="$work/frontier_kernels.cu"
: > "$umbrella"
for f in $(cd "$src" && ls *.cu | LC_ALL=C sort); do
  [[ " ${SM90A_SOURCES[*]} " == *" $f "* ]] && continue
  echo "#include \"$f\"" >> "$umbrella"
done
sm90a_umbrella="$work/frontier_kernels_sm90a.cu"
: > "$sm90a_umbrella"
for f in "${SM90A_SOURCES[@]}"; do echo "#include \"$f\"" >> "$sm90a_umbrella"; done

# compile <umbrella> <fatbin name> <gencode...>: appends ptxas's report to ptxas.log
compile() {
  local unit="$1" out="$2"
  shift 2
  if ! "$NVCC" "$@" "${FLAGS[@]}" -I"$src" -fatbin -o "$work/$out" "$unit" >> "$work/ptxas.log" 2>&1; then
    cat "$work/ptxas.log" >&2
    echo "build-kernels: nvcc failed on $out" >&2
    exit 1
  fi
}
: > "$work/ptxas.log"
compile "$umbrella" frontier_kernels.fatbin "${GENCODE[@]}"
compile "$sm90a_umbrella" frontier_kernels_sm90a.fatbin "${SM90A_GENCODE[@]}"
# ptxas prints "N bytes spill stores, M bytes spill loads" for every kernel; any non-zero is a spill.
spills="$(grep -E '[1-9][0-9]* bytes spill (stores|loads)' "$work/ptxas.log" || true)"
warnings="$(grep -iE 'warning' "$work/ptxas.log" || true)"
# e.g. C7515: wgmma serialized because other instructions write its accumulators mid-pipeline
perf="$(grep -E 'Potential Performance Loss' "$work/ptxas.log" || true)"
if [[ -n "$spills" || -n "$warnings" || -n "$perf" ]]; then
  grep -B2 -E '[1-9][0-9]* bytes spill|warning|Potential Performance Loss' "$work/ptxas.log" >&2 || true
  echo "build-kernels: register spills, warnings or serialized instructions (above)" >&2
  exit 1
fi
echo "build-kernels: $(grep -c 'Compiling entry function' "$work/ptxas.log") kernel compilations, no spills"

# Every kernel's parameters, from the PTX of both units: one line a kernel, "name kind...", kinds
# u32 s32 f32 u64 s64 f64 u8 u16 (PTX's types) or bN (a struct of N bytes passed by value), then
# @N where __launch_bounds__ caps its blocks at N threads (PTX's .maxntid), then rN: the most
# registers a thread of it uses on any target (ptxas's report above).
# Launcher checks each launch's Java arguments against them (KernelSignatures), so an argument
# list that drifted from its kernel fails by name instead of corrupting the launch.
ptx() {
  if ! "$NVCC" -std=c++17 -O3 -I"$src" -ptx "$@" >> "$work/ptx.log" 2>&1; then
    cat "$work/ptx.log" >&2
    echo "build-kernels: nvcc -ptx failed" >&2
    exit 1
  fi
}
: > "$work/ptx.log"
ptx -arch=compute_80 -o "$work/frontier_kernels.ptx" "$umbrella"
ptx -arch=compute_90a -o "$work/frontier_kernels_sm90a.ptx" "$sm90a_umbrella"
{
  echo "# Frontier CUDA kernel parameters: written by kernels-cuda/build-kernels.sh from the PTX, do not edit."
  echo "# name, then each parameter: a PTX type, or bN for a struct of N bytes passed by value; @N: at most N threads a block;"
  echo "# rN: registers a thread (the most over the targets)."
  awk '
    FNR == NR {
      if ($0 ~ /Compiling entry function/) { match($0, /\x27[^\x27]+\x27/); entry = substr($0, RSTART + 1, RLENGTH - 2) }
      if (match($0, /Used [0-9]+ registers/)) { r = substr($0, RSTART + 5, RLENGTH - 15) + 0; if (r > regs[entry]) regs[entry] = r }
      next
    }
    /^\.visible \.entry / || /^\.entry / {
      name = $0; sub(/^.*\.entry /, "", name); sub(/\(.*/, "", name); sig = name
      if ($0 ~ /\(\)/) print sig; else inside = 1
      next
    }
    inside && /\.param/ {
      if ($0 ~ /\.b8/ && match($0, /\[[0-9]+\]/)) sig = sig " b" substr($0, RSTART + 1, RLENGTH - 2)
      else { kind = $2; sub(/^\./, "", kind); sig = sig " " kind }
      next
    }
    inside && /^\)/ { inside = 0; after = 1; next }
    after && /^\.maxntid/ { split($0, n, /[ ,]+/); sig = sig " @" (n[2] * n[3] * n[4]); next }
    after && /^\{/ { print sig (name in regs ? " r" regs[name] : ""); after = 0 }
  ' "$work/ptxas.log" "$work/frontier_kernels.ptx" "$work/frontier_kernels_sm90a.ptx" | LC_ALL=C sort
} > "$work/kernels.signatures"

if $check; then
  [[ -n "${PTXAS_LOG:-}" ]] && cp "$work/ptxas.log" "$PTXAS_LOG"
  if ! diff -u "$res/kernels.signatures" "$work/kernels.signatures" >&2; then
    echo "build-kernels: the committed kernels.signatures differs from the sources' (above); run build-kernels.sh" >&2
    exit 1
  fi
  exit 0
fi

mkdir -p "$res"
cp "$work/frontier_kernels.fatbin" "$res/frontier_kernels.fatbin"
cp "$work/frontier_kernels_sm90a.fatbin" "$res/frontier_kernels_sm90a.fatbin"
cp "$work/kernels.signatures" "$res/kernels.signatures"
grep -v 'Compile time' "$work/ptxas.log" > "$here/ptxas-report.txt"
{
  echo "# Frontier CUDA kernels: written by kernels-cuda/build-kernels.sh, do not edit."
  echo "# KernelManifestTest fails when a source's SHA-256 differs from its line here."
  echo "nvcc $("$NVCC" --version | grep -o 'V[0-9][0-9.]*' | head -1)"
  echo "min-driver 580 (CUDA 13.0)"
  echo "targets sm_80 sm_86 sm_89 sm_90 compute_80"
  echo "targets-sm90a sm_90a ${SM90A_SOURCES[*]}"
  echo "fatbin $(sha256sum "$res/frontier_kernels.fatbin" | cut -d' ' -f1) frontier_kernels.fatbin"
  echo "fatbin $(sha256sum "$res/frontier_kernels_sm90a.fatbin" | cut -d' ' -f1) frontier_kernels_sm90a.fatbin"
  echo "signatures $(sha256sum "$res/kernels.signatures" | cut -d' ' -f1) kernels.signatures"
  for f in $(cd "$src" && ls | LC_ALL=C sort); do
    echo "source $(sha256sum "$src/$f" | cut -d' ' -f1) $f"
  done
} > "$res/kernels.manifest"
echo "build-kernels: wrote $res/frontier_kernels.fatbin ($(stat -c %s "$res/frontier_kernels.fatbin") bytes)," \
  "frontier_kernels_sm90a.fatbin ($(stat -c %s "$res/frontier_kernels_sm90a.fatbin") bytes), kernels.signatures ($(grep -vc '^#' "$res/kernels.signatures") kernels) and kernels.manifest"
