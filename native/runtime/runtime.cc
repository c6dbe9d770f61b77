#include "runtime.h"

#include <atomic>

#if defined(_MSC_VER) && !defined(__clang__)
#include <immintrin.h>
#include <intrin.h>
#endif

#include "thread_pool.h"

namespace poolnd {
namespace {

#if defined(POOLND_ARCH_X64)
enum class CpuFeature { avx2, fma, avx512f };

#if defined(_MSC_VER) && !defined(__clang__)
// MSVC has no __builtin_cpu_supports: the CPUID bits, and XGETBV for the register state the OS saves.
bool cpu_supports(CpuFeature feature) {
  int leaf1[4], leaf7[4];
  __cpuid(leaf1, 1);
  __cpuidex(leaf7, 7, 0);
  const bool os_saves_avx = (leaf1[2] & (1 << 27)) != 0 && (_xgetbv(0) & 0x6) == 0x6;
  const bool os_saves_avx512 = os_saves_avx && (_xgetbv(0) & 0xE0) == 0xE0;
  switch (feature) {
    case CpuFeature::avx2: return os_saves_avx && (leaf7[1] & (1 << 5)) != 0;
    case CpuFeature::fma: return os_saves_avx && (leaf1[2] & (1 << 12)) != 0;
    case CpuFeature::avx512f: return os_saves_avx512 && (leaf7[1] & (1 << 16)) != 0;
  }
  return false;
}
#else
bool cpu_supports(CpuFeature feature) {
  switch (feature) {
    case CpuFeature::avx2: return __builtin_cpu_supports("avx2");
    case CpuFeature::fma: return __builtin_cpu_supports("fma");
    case CpuFeature::avx512f: return __builtin_cpu_supports("avx512f");
  }
  return false;
}
#endif
#endif

}  // namespace

const char* simd_level_name(SimdLevel level) {
  switch (level) {
#define POOLND_SIMD_LEVEL_NAME(name, below) \
  case SimdLevel::name: return #name;
    POOLND_FOR_EACH_SIMD_LEVEL(POOLND_SIMD_LEVEL_NAME)
#undef POOLND_SIMD_LEVEL_NAME
    case SimdLevel::count: break;
  }
  return "scalar";
}

SimdLevel simd_level_below(SimdLevel level) {
  switch (level) {
#define POOLND_SIMD_LEVEL_BELOW(name, below) \
  case SimdLevel::name: return SimdLevel::below;
    POOLND_FOR_EACH_SIMD_LEVEL(POOLND_SIMD_LEVEL_BELOW)
#undef POOLND_SIMD_LEVEL_BELOW
    case SimdLevel::count: break;
  }
  return SimdLevel::scalar;
}

SimdLevel detected_simd_level() {
#if defined(POOLND_ARCH_X64)
  // The AVX2 kernels are built with FMA enabled, so both must be there; the AVX-512 level also
  // runs the AVX2 kernels for what it has no kernel of its own.
  const bool has_avx2 = cpu_supports(CpuFeature::avx2) && cpu_supports(CpuFeature::fma);
#if defined(POOLND_HAVE_AVX512)
  if (has_avx2 && cpu_supports(CpuFeature::avx512f)) return SimdLevel::avx512;
#endif
  if (has_avx2) return SimdLevel::avx2;
  return SimdLevel::sse2;  // the x86-64 baseline
#elif defined(POOLND_ARCH_ARM64)
  return SimdLevel::neon;  // the armv8-a baseline
#else
  return SimdLevel::scalar;
#endif
}

bool simd_level_supported(SimdLevel level) {
  const SimdLevel detected = detected_simd_level();
  if (level == SimdLevel::scalar) return true;
  if (detected == SimdLevel::neon || level == SimdLevel::neon) return level == detected;
  return static_cast<int>(level) <= static_cast<int>(detected);
}

namespace {
std::atomic<SimdLevel>& active_level() {
  static std::atomic<SimdLevel> level{detected_simd_level()};
  return level;
}
}  // namespace

SimdLevel active_simd_level() { return active_level().load(std::memory_order_relaxed); }

bool limit_simd_level(SimdLevel level) {
  if (!simd_level_supported(level)) return false;
  active_level().store(level, std::memory_order_relaxed);
  return true;
}

int kernel_thread_count() { return kernel_thread_pool().thread_count(); }

void set_kernel_thread_count(int count) { kernel_thread_pool().set_thread_count(count); }

void set_default_kernel_thread_count(int count) { kernel_thread_pool().set_default_thread_count(count); }

}  // namespace poolnd
