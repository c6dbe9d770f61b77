// What differs between the compilers the addon builds with: GCC and Clang everywhere, MSVC on
// Windows x64.
#pragma once

#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#define POOLND_NOINLINE __declspec(noinline)
#define POOLND_ALWAYS_INLINE __forceinline
#else
#define POOLND_NOINLINE __attribute__((noinline))
#define POOLND_ALWAYS_INLINE __attribute__((always_inline))
#endif

namespace poolnd {

// The index of the lowest set bit of a non-zero mask.
inline int lowest_set_bit(unsigned mask) {
#if defined(_MSC_VER) && !defined(__clang__)
  unsigned long index = 0;
  _BitScanForward(&index, mask);
  return static_cast<int>(index);
#else
  return __builtin_ctz(mask);
#endif
}

}  // namespace poolnd
