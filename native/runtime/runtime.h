// What the kernels run on: the SIMD level in use and the number of kernel threads.
#pragma once

namespace poolnd {

// Every SIMD level, the only list of them: (level, the level below it). In order of width on
// each architecture: scalar < sse2 < avx2 < avx512 on x64, scalar < neon on arm64. Only levels
// of the architecture built for are ever detected or used. A level runs its own kernels and,
// for what it has none of, the level below's (kernels/dispatch.cc).
#define POOLND_FOR_EACH_SIMD_LEVEL(X) \
  X(scalar, scalar)                   \
  X(sse2, scalar)                     \
  X(avx2, sse2)                       \
  X(avx512, avx2)                     \
  X(neon, scalar)

#define POOLND_ENUMERATOR(name, ...) name,
enum class SimdLevel { POOLND_FOR_EACH_SIMD_LEVEL(POOLND_ENUMERATOR) count };
#undef POOLND_ENUMERATOR

const char* simd_level_name(SimdLevel level);

// The level whose kernels `level` falls back to (scalar for scalar).
SimdLevel simd_level_below(SimdLevel level);

// The widest level this CPU and this build both support.
SimdLevel detected_simd_level();

// The level the kernels use: the detected one, or a lower one chosen by limit_simd_level.
SimdLevel active_simd_level();

// Whether kernels built for `level` can run here: it is scalar, or at most the detected level
// on this architecture.
bool simd_level_supported(SimdLevel level);

// Uses `level` from now on (POOLND_SIMD); false, changing nothing, when it is not supported.
bool limit_simd_level(SimdLevel level);

// Threads a call runs on, the calling thread included (see thread_pool.h).
int kernel_thread_count();
void set_kernel_thread_count(int count);
void set_default_kernel_thread_count(int count);

}  // namespace poolnd
