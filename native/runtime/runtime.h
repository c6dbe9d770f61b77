// What the kernels run on: the SIMD level in use and the number of kernel threads.
#pragma once

namespace poolnd {

enum class SimdLevel { scalar, sse2, avx2, avx512, neon };

const char* simd_level_name(SimdLevel level);

// Only the scalar reference kernels exist so far, so that is what runs on every CPU.
SimdLevel active_simd_level();

// Threads a call runs on, the calling thread included (see thread_pool.h).
int kernel_thread_count();
void set_kernel_thread_count(int count);
void set_default_kernel_thread_count(int count);

}  // namespace poolnd
