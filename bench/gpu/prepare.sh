#!/usr/bin/env bash
# Packs .gpu/ for the one GPU call (bench/gpu/device-run.sh), then trims what that run does not
# need, so that the working tree plus .gpu/ stays under the 64 MiB a device call carries (the
# kernel fatbins are read from the working tree's copy, see below):
#   - lib/frontier.jar and lib/original-frontier.jar: the shaded command-line jar (and the shade
#     plugin's leftover), second copies of every other jar in lib/;
#   - libJNvPTXCompiler (24 MB) inside jcuda-natives: Frontier loads its prebuilt fatbin through
#     the driver API (libJCudaDriver) and never compiles PTX through nvPTXCompiler;
#   - XChart's PDF export libraries (PDFBox, FontBox, Graphics2D; 4 MB).
# Usage: bench/gpu/prepare.sh   (from anywhere in the repository; FRONTIER_PACK overrides the
# pack script, default ../shared/gpu/pack beside the repository root)
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
pack=${FRONTIER_PACK:-$root/../shared/gpu/pack}
[ -f "$pack" ] || { echo "prepare: no pack script at $pack (set FRONTIER_PACK)"; exit 1; }

if [ -f .git ]; then
  # A git worktree: .git is a file, and pack appends to .git/info/exclude; hand it the real path.
  tmp=$(mktemp)
  sed "s#\.git/info/exclude#$(git rev-parse --git-path info/exclude)#g" "$pack" > "$tmp"
  bash "$tmp" || { rm -f "$tmp"; exit 1; }
  rm -f "$tmp"
else
  bash "$pack"
fi

rm -f .gpu/lib/frontier.jar .gpu/lib/original-frontier.jar
# Maven's test-jars of the modules (frontier-X-tests.jar) hold the same classes as pack's
# zz-tests-X.jar, made from target/test-classes.
for t in .gpu/lib/frontier-*-tests.jar; do
  [ -f "$t" ] || continue
  module=$(basename "$t" | sed -E 's/^frontier-(.*)-[0-9][^-]*(-SNAPSHOT)?-tests\.jar$/\1/')
  [ -f ".gpu/lib/zz-tests-$module.jar" ] && rm -f "$t"
done
# XChart's PDF export (PDFBox, FontBox, their Graphics2D bridge): nothing on the GPU machine draws
# a PDF, and the call carries at most 64 MiB.
rm -f .gpu/lib/pdfbox-*.jar .gpu/lib/fontbox-*.jar .gpu/lib/graphics2d-*.jar
for j in .gpu/lib/jcuda-natives-*.jar; do
  [ -f "$j" ] || continue
  zip -q -d "$j" 'lib/libJNvPTXCompiler-*' >/dev/null 2>&1 || true # exit 12: already gone
done

# The kernel fatbins (10 MB) travel with the working tree anyway (kernels-cuda/src/main/resources,
# committed): take them out of the kernels-cuda jar and point the jar's manifest Class-Path at that
# folder (relative to .gpu/lib), so that the call carries them once. Both the JUnit launcher's and
# the JVM's class loaders follow a jar's Class-Path; the check below reads them back through it.
kjar=$(ls .gpu/lib/frontier-kernels-cuda-*.jar 2>/dev/null | grep -v -- '-tests\.jar$' | head -1)
if [ -n "$kjar" ]; then
  zip -q -d "$kjar" 'io/frontier/cuda/*.fatbin' >/dev/null 2>&1 || true # exit 12: already gone
  mf=$(mktemp)
  printf 'Class-Path: ../../kernels-cuda/src/main/resources/\n' > "$mf"
  jar ufm "$kjar" "$mf" 2>/dev/null
  rm -f "$mf"
  # KernelManifestTest (run where it finds src/main/cuda) reads both fatbins as class-path
  # resources and checks their hashes
  if ! (cd kernels-cuda && bash ../.gpu/run alltests --include-classname 'io[.]frontier[.]cuda[.]KernelManifestTest') > .gpu/manifest-check.log 2>&1 \
      || ! grep -q "tests successful" .gpu/manifest-check.log || grep -q "0 tests successful" .gpu/manifest-check.log; then
    tail -30 .gpu/manifest-check.log
    echo "prepare: the fatbins are not found through $kjar's Class-Path; see .gpu/manifest-check.log"
    exit 1
  fi
fi

size=$(du -sm .gpu | cut -f1)
tree=$(git ls-files -z --cached --others --exclude-standard | du -cm --files0-from=- 2>/dev/null | tail -1 | cut -f1)
echo "prepare: .gpu/ is ${size} MiB after trimming ($(ls .gpu/lib | wc -l) jars); the working tree is about ${tree} MiB"
if [ $((size + tree)) -gt 60 ]; then
  echo "prepare: WARNING: .gpu/ and the working tree together are $((size + tree)) MiB; a device call carries at most 64"
fi
if [ "$size" -gt 60 ]; then
  echo "prepare: WARNING: .gpu/ is over 60 MiB; largest files:"
  find .gpu -type f -printf '%s %p\n' | sort -n | tail -8 | awk '{printf "  %6.1f MiB  %s\n", $1 / 1048576, $2}'
fi
echo 'prepare: next: run(command="bash bench/gpu/device-run.sh", carry=[".gpu"], timeout_s=540)'
