#include "runtime.h"

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

int kernel_thread_count() { return 1; }

}  // namespace poolnd
