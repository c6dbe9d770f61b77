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
