#!/usr/bin/env bash
# Builds the libFuzzer target (test/native/pool_fuzzer.cc) with AddressSanitizer and
# UndefinedBehaviorSanitizer in build-fuzz/ (kernels instrumented too) and runs it: random
# normalised requests through every SIMD level, split work items and run_pool on 1 to 3 threads,
# each against the scalar kernels. Installs nothing. Exits non-zero on a mismatch, a crash, a
# timeout or any sanitizer report; libFuzzer saves the input in build-fuzz/artifacts/.
#   scripts/fuzz.sh [runs]       1000000 runs by default; 20000 is a short CI run
#   CLANG=clang++-15 scripts/... another Clang (with its libFuzzer runtime)
# To see the request a saved input decodes to, and rerun it alone:
#   POOLND_FUZZ_PRINT_REQUESTS=1 build-fuzz/poolnd_pool_fuzzer build-fuzz/artifacts/crash-...
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1000000}
clang=${CLANG:-clang++-14}
build=$repo/build-fuzz
started=$SECONDS

[[ $runs =~ ^[0-9]+$ ]] || { echo "fuzz: the run count must be a number, not '$runs'" >&2; exit 2; }
if ! command -v "$clang" >/dev/null; then
  echo "fuzz: $clang not found; install Clang and its libFuzzer runtime (Debian: apt-get install clang-14 libclang-rt-14-dev) or set CLANG" >&2
  exit 1
fi
# Without the runtime the link fails much later with a less obvious message.
runtime=$("$clang" -print-resource-dir)/lib/linux/libclang_rt.fuzzer-$(uname -m).a
if [[ ! -f $runtime ]]; then
  echo "fuzz: $clang has no libFuzzer runtime ($runtime); Debian: apt-get install libclang-rt-14-dev" >&2
  exit 1
fi

# Only the fuzzer's target: the addon in the same CMakeLists needs cmake-js's headers.
cmake -S "$repo" -B "$build" -DCMAKE_CXX_COMPILER="$clang" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPOOLND_FUZZER=ON -DPOOLND_SANITIZE=address,undefined,fuzzer-no-link
cmake --build "$build" --target poolnd_pool_fuzzer -j"$(nproc)"

# The corpus stays between runs (it is never committed), so each run starts where the last ended.
mkdir -p "$build/corpus" "$build/artifacts"
export ASAN_OPTIONS=halt_on_error=1:print_stacktrace=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
log=$build/fuzz.log
# The decoder takes up to about 50 bytes of request fields and fills the arrays from the rest, read
# round and round. -len_control=0: lengths up to -max_len from the start, rather than libFuzzer
# growing them from a few bytes, at which every field but the first few takes its default.
if "$build/poolnd_pool_fuzzer" -runs="$runs" -max_len=1024 -len_control=0 -timeout=30 -print_final_stats=1 \
  -artifact_prefix="$build/artifacts/" "$build/corpus" 2>&1 | tee "$log"; then
  status=0
else
  status=${PIPESTATUS[0]}
fi

# Every sanitizer report halts the fuzzer, but look anyway: a report must never pass unnoticed.
if ((status == 0)) && grep -Eq 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: ' "$log"; then
  echo "fuzz: a sanitizer report appeared in the output (above)" >&2
  status=1
fi
if ((status != 0)); then
  echo "fuzz: failed (status $status) after $((SECONDS - started)) s; the input is in $build/artifacts/, the log in $log" >&2
  exit "$status"
fi
echo "fuzz: $runs runs without a difference, crash or sanitizer report in $((SECONDS - started)) s"
