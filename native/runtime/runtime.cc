#include "runtime.h"

#include "thread_pool.h"

namespace poolnd {

const char* simd_level_name(SimdLevel level) {
  switch (level) {
    case SimdLevel::sse2: return "sse2";
    case SimdLevel::avx2: return "avx2";
    case SimdLevel::avx512: return "avx512";
    case SimdLevel::neon: return "neon";
    case SimdLevel::scalar: break;
  }
  return "scalar";
}

SimdLevel active_simd_level() { return SimdLevel::scalar; }

int kernel_thread_count() { return kernel_thread_pool().thread_count(); }

void set_kernel_thread_count(int count) { kernel_thread_pool().set_thread_count(count); }

void set_default_kernel_thread_count(int count) { kernel_thread_pool().set_default_thread_count(count); }

}  // namespace poolnd
