// What the kernels run on: the SIMD level in use and the number of kernel threads.
#pragma once

namespace poolnd {

enum class SimdLevel { scalar, sse2, avx2, avx512, neon };

const char* simd_level_name(SimdLevel level);

// Only the scalar reference kernels exist so far, so that is what runs on every CPU.
SimdLevel active_simd_level();

// Kernels run on the calling thread (or the async worker's thread) until the thread pool exists.
int kernel_thread_count();

}  // namespace poolnd
