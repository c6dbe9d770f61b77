// What the kernels run on: the SIMD level in use and the number of kernel threads.
#pragma once

namespace poolnd {

// In order of width on each architecture: scalar < sse2 < avx2 < avx512 on x64, scalar < neon
// on arm64. Only levels of the architecture built for are ever detected or used.
enum class SimdLevel { scalar, sse2, avx2, avx512, neon, count };

const char* simd_level_name(SimdLevel level);

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
