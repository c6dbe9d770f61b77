// AVX2 vector operations for the kernel templates. Included only by avx2_microkernels.cc and
// avx512_microkernels.cc, which CMake builds with -mavx2 -mfma (or more) and -ffp-contract=off:
// fused multiply-adds round differently from the scalar reference, so none is ever made.
#pragma once

#include <immintrin.h>

#include <cstdint>
#include <limits>
#include <type_traits>

#include "isa_roles.h"

namespace poolnd {
namespace {

struct Avx2Float32 {
  using Scalar = float;
  using Vector = __m256;
  using Mask = __m256;
  using IndexVector = __m256i;
  static constexpr int width = 8;
  static Vector load(const float* p) { return _mm256_loadu_ps(p); }
  // Lane k: p[offsets[k]].
  static Vector gather_lanes(const float* p, const int32_t* offsets) {
    return _mm256_i32gather_ps(p, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(offsets)), 4);
  }
  // Lane k: p[k * step] (step * 7 fits int32: the driver checks).
  static Vector gather(const float* p, int64_t step) {
    const __m256i lanes =
        _mm256_mullo_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(static_cast<int32_t>(step)));
    return _mm256_i32gather_ps(p, lanes, 4);
  }
  static void store(float* p, Vector v) { _mm256_storeu_ps(p, v); }
  static Vector zero() { return _mm256_setzero_ps(); }
  static Vector splat(float x) { return _mm256_set1_ps(x); }
  static Vector add(Vector a, Vector b) { return _mm256_add_ps(a, b); }
  static Vector divide(Vector a, Vector b) { return _mm256_div_ps(a, b); }
  static Mask greater_or_nan(Vector value, Vector best) {
    return _mm256_or_ps(_mm256_cmp_ps(value, best, _CMP_GT_OQ), _mm256_cmp_ps(value, value, _CMP_UNORD_Q));
  }
  static Vector select(Mask m, Vector if_true, Vector if_false) { return _mm256_blendv_ps(if_false, if_true, m); }
  // value > best ? value : best; a NaN value is not taken (nan_lanes finds it).
  static Vector maximum(Vector value, Vector best) { return _mm256_max_ps(value, best); }
  static Mask nan_lanes(Vector v) { return _mm256_cmp_ps(v, v, _CMP_UNORD_Q); }
  static Mask zero_lanes(Vector v) { return _mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_EQ_OQ); }
  static Mask mask_or(Mask a, Mask b) { return _mm256_or_ps(a, b); }
  static bool any(Mask m) { return _mm256_movemask_ps(m) != 0; }
  static IndexVector index_splat(int32_t x) { return _mm256_set1_epi32(x); }
  static IndexVector index_select(Mask m, IndexVector if_true, IndexVector if_false) {
    return _mm256_castps_si256(_mm256_blendv_ps(_mm256_castsi256_ps(if_false), _mm256_castsi256_ps(if_true), m));
  }
  static void index_store(int32_t* p, IndexVector v) { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v); }
  // Shuffles pick even/odd within each 128-bit half; the permute puts the halves in order.
  static void load_pairs(const float* p, Vector& even, Vector& odd) {
    const Vector a = _mm256_loadu_ps(p), b = _mm256_loadu_ps(p + 8);
    even = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0))),
                                                  _MM_SHUFFLE(3, 1, 2, 0)));
    odd = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1))),
                                                 _MM_SHUFFLE(3, 1, 2, 0)));
  }
  static IndexVector index_ramp(int32_t start, int32_t step) {
    return _mm256_add_epi32(_mm256_set1_epi32(start),
                            _mm256_mullo_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(step)));
  }
  // load_pairs without the cross-half permute: lanes in the order 0 1 4 5 2 3 6 7, which a
  // lane-wise reduction keeps; ordered() restores the order once at the end.
  static void load_pairs_unordered(const float* p, Vector& even, Vector& odd) {
    const Vector a = _mm256_loadu_ps(p), b = _mm256_loadu_ps(p + 8);
    even = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
    odd = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1));
  }
  static Vector ordered(Vector v) {
    return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(v), _MM_SHUFFLE(3, 1, 2, 0)));
  }
};

struct Avx2Float64 {
  using Scalar = double;
  using Vector = __m256d;
  using Mask = __m256d;
  using IndexVector = __m128i;  // four int32 lanes, one per double lane
  static constexpr int width = 4;
  static Vector load(const double* p) { return _mm256_loadu_pd(p); }
  // Lane k: p[offsets[k]] (the masked form, as gather).
  static Vector gather_lanes(const double* p, const int32_t* offsets) {
    const __m256d all = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
    return _mm256_mask_i32gather_pd(_mm256_setzero_pd(), p, _mm_loadu_si128(reinterpret_cast<const __m128i*>(offsets)),
                                    all, 8);
  }
  // Lane k: p[k * step] (step * 3 fits int32: the driver checks).
  static Vector gather(const double* p, int64_t step) {
    const __m128i lanes = _mm_mullo_epi32(_mm_setr_epi32(0, 1, 2, 3), _mm_set1_epi32(static_cast<int32_t>(step)));
    // The masked form: GCC 12 warns that the plain one's undefined source is uninitialized.
    const __m256d all = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
    return _mm256_mask_i32gather_pd(_mm256_setzero_pd(), p, lanes, all, 8);
  }
  static void store(double* p, Vector v) { _mm256_storeu_pd(p, v); }
  static Vector zero() { return _mm256_setzero_pd(); }
  static Vector splat(double x) { return _mm256_set1_pd(x); }
  static Vector add(Vector a, Vector b) { return _mm256_add_pd(a, b); }
  static Vector divide(Vector a, Vector b) { return _mm256_div_pd(a, b); }
  static Mask greater_or_nan(Vector value, Vector best) {
    return _mm256_or_pd(_mm256_cmp_pd(value, best, _CMP_GT_OQ), _mm256_cmp_pd(value, value, _CMP_UNORD_Q));
  }
  static Vector select(Mask m, Vector if_true, Vector if_false) { return _mm256_blendv_pd(if_false, if_true, m); }
  static Vector maximum(Vector value, Vector best) { return _mm256_max_pd(value, best); }
  static Mask nan_lanes(Vector v) { return _mm256_cmp_pd(v, v, _CMP_UNORD_Q); }
  static Mask zero_lanes(Vector v) { return _mm256_cmp_pd(v, _mm256_setzero_pd(), _CMP_EQ_OQ); }
  static Mask mask_or(Mask a, Mask b) { return _mm256_or_pd(a, b); }
  static bool any(Mask m) { return _mm256_movemask_pd(m) != 0; }
  static IndexVector index_splat(int32_t x) { return _mm_set1_epi32(x); }
  static IndexVector index_select(Mask m, IndexVector if_true, IndexVector if_false) {
    // Narrow the 64-bit lane masks to 32-bit ones: take the low half of each lane.
    const __m256 lanes = _mm256_castpd_ps(m);
    const __m128 narrow =
        _mm_shuffle_ps(_mm256_castps256_ps128(lanes), _mm256_extractf128_ps(lanes, 1), _MM_SHUFFLE(2, 0, 2, 0));
    return _mm_castps_si128(_mm_blendv_ps(_mm_castsi128_ps(if_false), _mm_castsi128_ps(if_true), narrow));
  }
  static void index_store(int32_t* p, IndexVector v) { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v); }
  static void load_pairs(const double* p, Vector& even, Vector& odd) {
    const Vector a = _mm256_loadu_pd(p), b = _mm256_loadu_pd(p + 4);
    even = _mm256_permute4x64_pd(_mm256_unpacklo_pd(a, b), _MM_SHUFFLE(3, 1, 2, 0));
    odd = _mm256_permute4x64_pd(_mm256_unpackhi_pd(a, b), _MM_SHUFFLE(3, 1, 2, 0));
  }
  static IndexVector index_ramp(int32_t start, int32_t step) {
    return _mm_setr_epi32(start, start + step, start + 2 * step, start + 3 * step);
  }
  // load_pairs without the cross-half permute: lanes in the order 0 2 1 3; ordered() restores it.
  static void load_pairs_unordered(const double* p, Vector& even, Vector& odd) {
    const Vector a = _mm256_loadu_pd(p), b = _mm256_loadu_pd(p + 4);
    even = _mm256_unpacklo_pd(a, b);
    odd = _mm256_unpackhi_pd(a, b);
  }
  static Vector ordered(Vector v) { return _mm256_permute4x64_pd(v, _MM_SHUFFLE(3, 1, 2, 0)); }
};

// Sixteen bytes, or eight uint16 lanes, at a time; the byte shuffles are SSSE3's, which every
// AVX2 CPU has (x86-64's SSE2 baseline does not).
struct Avx2Bytes {
  using Vector = __m128i;
  static constexpr int width = 16;
  static Vector load(const uint8_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
  static void store(uint8_t* p, Vector v) { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v); }
  static Vector maximum(Vector a, Vector b) { return _mm_max_epu8(a, b); }
  // Byte k of the result is byte index[k] of v; an index with its top bit set gives 0.
  static Vector shuffle(Vector v, Vector index) { return _mm_shuffle_epi8(v, index); }
  static Vector average_rounded_up(Vector a, Vector b) { return _mm_avg_epu8(a, b); }
  static Vector bit_and(Vector a, Vector b) { return _mm_and_si128(a, b); }
  static Vector bit_or(Vector a, Vector b) { return _mm_or_si128(a, b); }
  static Vector bit_xor(Vector a, Vector b) { return _mm_xor_si128(a, b); }
  static Vector subtract(Vector a, Vector b) { return _mm_sub_epi8(a, b); }
  static Vector splat(uint8_t x) { return _mm_set1_epi8(static_cast<char>(x)); }
  static Vector widen_low(Vector v) { return _mm_unpacklo_epi8(v, _mm_setzero_si128()); }
  static Vector widen_high(Vector v) { return _mm_unpackhi_epi8(v, _mm_setzero_si128()); }
  static Vector add_u16(Vector a, Vector b) { return _mm_add_epi16(a, b); }
  static Vector splat_u16(uint16_t x) { return _mm_set1_epi16(static_cast<int16_t>(x)); }
  static Vector shift_right_u16(Vector v, int bits) { return _mm_srl_epi16(v, _mm_cvtsi32_si128(bits)); }
  // Bytes from two vectors of uint16 lanes, saturated to 255.
  static Vector narrow_saturate(Vector low, Vector high) { return _mm_packus_epi16(low, high); }
};

// Gathers any 16 bytes of a 32-byte register into a 16-byte vector. vpshufb works within each
// 16-byte half: the table's low half picks the output bytes that come from bytes 0..15, its high
// half those from bytes 16..31, and the halves are then or-ed.
struct Avx2BytePack {
  using Table = __m256i;
  using Packed = __m128i;
  // sources[k]: the byte output byte k comes from, or 0xFF for a zero.
  static Table table(const uint8_t* sources) {
    alignas(32) uint8_t bytes[32];
    for (int k = 0; k < 16; ++k) {
      bytes[k] = sources[k] < 16 ? sources[k] : 0x80;
      bytes[16 + k] = sources[k] != 0xFF && sources[k] >= 16 ? static_cast<uint8_t>(sources[k] - 16) : 0x80;
    }
    return _mm256_load_si256(reinterpret_cast<const __m256i*>(bytes));
  }
  static Packed pack(__m256i v, Table table) {
    const __m256i picked = _mm256_shuffle_epi8(v, table);
    return _mm_or_si128(_mm256_castsi256_si128(picked), _mm256_extracti128_si256(picked, 1));
  }
  static void store(void* p, Packed v) { _mm_storeu_si128(static_cast<__m128i*>(p), v); }
};

// A register's bytes, for Avx2BytePack (the same register on x86).
inline __m256i as_bytes(__m256i v) { return v; }

// Thirty-two byte lanes in one register, for the uint8 2x2 kernels' lane-wise steps.
struct Avx2ByteLanes32 {
  using Vector = __m256i;
  using Pack = Avx2BytePack;
  static constexpr int width = 32;
  static Vector load(const uint8_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static Vector maximum(Vector a, Vector b) { return _mm256_max_epu8(a, b); }
  static Vector average_rounded_up(Vector a, Vector b) { return _mm256_avg_epu8(a, b); }
  static Vector bit_and(Vector a, Vector b) { return _mm256_and_si256(a, b); }
  static Vector bit_or(Vector a, Vector b) { return _mm256_or_si256(a, b); }
  static Vector bit_xor(Vector a, Vector b) { return _mm256_xor_si256(a, b); }
  static Vector subtract(Vector a, Vector b) { return _mm256_sub_epi8(a, b); }
  static Vector splat(uint8_t x) { return _mm256_set1_epi8(static_cast<char>(x)); }
};

// Four float32 planes side by side, summed in double: a 4x4 block transposed so each quad holds
// one element of each plane, widened into four double lanes.
struct Avx2PlaneQuads {
  using Element = float;
  using Quad = __m128;
  using Sums = __m256d;
  static Quad load(const float* p) { return _mm_loadu_ps(p); }
  static Quad gather(const float* p0, const float* p1, const float* p2, const float* p3) {
    return _mm_setr_ps(*p0, *p1, *p2, *p3);
  }
  static void transpose(Quad& a, Quad& b, Quad& c, Quad& d) { _MM_TRANSPOSE4_PS(a, b, c, d); }
  static Sums zero() { return _mm256_setzero_pd(); }
  static Sums add(Sums s, Quad q) { return _mm256_add_pd(s, _mm256_cvtps_pd(q)); }
  // Each sum divided by count in double, then rounded to float32.
  static void store_averages(float* p, Sums s, double count) {
    _mm_storeu_ps(p, _mm256_cvtpd_ps(_mm256_div_pd(s, _mm256_set1_pd(count))));
  }
};

// Four float64 planes side by side: a 4x4 block transposed so each quad holds one element of
// each plane.
struct Avx2PlaneQuads64 {
  using Element = double;
  using Quad = __m256d;
  using Sums = __m256d;
  static Quad load(const double* p) { return _mm256_loadu_pd(p); }
  static Quad gather(const double* p0, const double* p1, const double* p2, const double* p3) {
    return _mm256_setr_pd(*p0, *p1, *p2, *p3);
  }
  static void transpose(Quad& a, Quad& b, Quad& c, Quad& d) {
    const __m256d ab_even = _mm256_unpacklo_pd(a, b), ab_odd = _mm256_unpackhi_pd(a, b);
    const __m256d cd_even = _mm256_unpacklo_pd(c, d), cd_odd = _mm256_unpackhi_pd(c, d);
    a = _mm256_permute2f128_pd(ab_even, cd_even, 0x20);
    b = _mm256_permute2f128_pd(ab_odd, cd_odd, 0x20);
    c = _mm256_permute2f128_pd(ab_even, cd_even, 0x31);
    d = _mm256_permute2f128_pd(ab_odd, cd_odd, 0x31);
  }
  static Sums zero() { return _mm256_setzero_pd(); }
  static Sums add(Sums s, Quad q) { return _mm256_add_pd(s, q); }
  static void store_averages(double* p, Sums s, double count) {
    _mm256_storeu_pd(p, _mm256_div_pd(s, _mm256_set1_pd(count)));
  }
};

// Integer lanes for the channels-last max kernels: a whole register of T. Integers have no NaN,
// and equal integers are the same bytes, so a plain maximum is PyTorch's rule.
template <typename T>
struct Avx2Integers;
#define POOLND_AVX2_INTEGERS(type, suffix)                                                                \
  template <>                                                                                             \
  struct Avx2Integers<type> {                                                                             \
    using Scalar = type;                                                                                  \
    using Vector = __m256i;                                                                               \
    static constexpr int width = 32 / sizeof(type);                                                       \
    static Vector load(const type* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); } \
    static void store(type* p, Vector v) { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v); }       \
    static Vector maximum(Vector a, Vector b) { return _mm256_max_##suffix(a, b); }                       \
    using Pack = Avx2BytePack;                                                                            \
  };
POOLND_AVX2_INTEGERS(int8_t, epi8)
POOLND_AVX2_INTEGERS(uint8_t, epu8)
POOLND_AVX2_INTEGERS(int16_t, epi16)
POOLND_AVX2_INTEGERS(uint16_t, epu16)
POOLND_AVX2_INTEGERS(int32_t, epi32)
POOLND_AVX2_INTEGERS(uint32_t, epu32)
#undef POOLND_AVX2_INTEGERS

// int32 lanes divided by `divisor` in float and rounded half away from zero (truncating the
// quotient plus copysign(0.5, quotient)): exact while |lane| and divisor < 2^23.
inline __m256i rounded_quotients_f32(__m256i sums, float divisor) {
  const __m256 quotient = _mm256_div_ps(_mm256_cvtepi32_ps(sums), _mm256_set1_ps(divisor));
  const __m256 signed_half = _mm256_or_ps(_mm256_and_ps(quotient, _mm256_set1_ps(-0.0f)), _mm256_set1_ps(0.5f));
  return _mm256_cvttps_epi32(_mm256_add_ps(quotient, signed_half));
}

// 8- and 16-bit integers widened to eight int32 lanes, for the integer average runs: sums in
// int32, each divided and rounded half away from zero, then narrowed to T with saturation. The
// quotient is exact enough: a correctly rounded one lies nearer the true quotient than any
// rounding boundary (at least 1 / (2 * divisor) away) while |sum| < 2^31 and divisor < 2^21 in
// double, and while |sum| and divisor < 2^23 in float, which 8-bit sums take.
template <typename T>
struct Avx2IntegerSums {
  static_assert(sizeof(T) <= 2, "8- and 16-bit integers");
  using Scalar = T;
  using Vector = __m256i;
  using Table = __m256i;
  static constexpr int width = 8;
  static Vector zero() { return _mm256_setzero_si256(); }
  static Vector add(Vector a, Vector b) { return _mm256_add_epi32(a, b); }
  // Reads exactly `width` elements.
  static Vector load(const T* p) {
    if constexpr (sizeof(T) == 1) {
      const __m128i bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
      return std::is_signed_v<T> ? _mm256_cvtepi8_epi32(bytes) : _mm256_cvtepu8_epi32(bytes);
    } else {
      const __m128i halves = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      return std::is_signed_v<T> ? _mm256_cvtepi16_epi32(halves) : _mm256_cvtepu16_epi32(halves);
    }
  }
  static void store_sums(int32_t* p, Vector v) { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v); }
  // lanes[k]: the lane result lane k comes from.
  static Table table(const int32_t* lanes) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(lanes)); }
  static Vector pack(Vector v, Table table) { return _mm256_permutevar8x32_epi32(v, table); }
  static Vector divide_rounded(Vector sums, double divisor) {
    if constexpr (sizeof(T) == 1) {
      // 8-bit sums stay below 2^23 (the driver checks), where float's quotient is as exact.
      return rounded_quotients_f32(sums, static_cast<float>(divisor));
    }
    const __m256d divisors = _mm256_set1_pd(divisor);
    const __m256d sign = _mm256_set1_pd(-0.0), half = _mm256_set1_pd(0.5);
    const auto halve = [&](__m128i part) {
      const __m256d quotient = _mm256_div_pd(_mm256_cvtepi32_pd(part), divisors);
      // Truncating quotient + copysign(0.5, quotient) rounds half away from zero.
      return _mm256_cvttpd_epi32(_mm256_add_pd(quotient, _mm256_or_pd(_mm256_and_pd(quotient, sign), half)));
    };
    const __m128i low = halve(_mm256_castsi256_si128(sums)), high = halve(_mm256_extracti128_si256(sums, 1));
    return _mm256_inserti128_si256(_mm256_castsi128_si256(low), high, 1);
  }
  // Writes exactly `width` elements, saturated to T.
  static void store(T* p, Vector v) {
    const __m128i low = _mm256_castsi256_si128(v), high = _mm256_extracti128_si256(v, 1);
    if constexpr (sizeof(T) == 1) {
      const __m128i words = _mm_packs_epi32(low, high);
      const __m128i bytes = std::is_signed_v<T> ? _mm_packs_epi16(words, words) : _mm_packus_epi16(words, words);
      _mm_storel_epi64(reinterpret_cast<__m128i*>(p), bytes);
    } else {
      const __m128i words = std::is_signed_v<T> ? _mm_packs_epi32(low, high) : _mm_packus_epi32(low, high);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(p), words);
    }
  }
};

// 8-bit integers widened to sixteen int16 lanes, for 8-bit average runs whose sums fit int16:
// twice the lanes of Avx2IntegerSums. finish() divides as Avx2IntegerSums does (in float) and
// packs the chosen lanes' bytes into one 16-byte store.
template <typename T>
struct Avx2ByteSums16 {
  static_assert(sizeof(T) == 1, "8-bit integers");
  using Scalar = T;
  using Vector = __m256i;
  using Pack = Avx2BytePack;
  static constexpr int width = 16;
  static constexpr int packed = 16;  // output elements one store holds
  static Vector zero() { return _mm256_setzero_si256(); }
  static Vector add(Vector a, Vector b) { return _mm256_add_epi16(a, b); }
  // Reads exactly `width` elements.
  static Vector load(const T* p) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return std::is_signed_v<T> ? _mm256_cvtepi8_epi16(bytes) : _mm256_cvtepu8_epi16(bytes);
  }
  // lanes[k]: the lane output element k comes from, or -1 for none. After finish()'s in-lane
  // packs, lane L's byte sits at byte (L & 3) + 4 * ((L >> 3) & 1) + 16 * ((L >> 2) & 1).
  static Pack::Table table(const int32_t* lanes) {
    uint8_t sources[16];
    for (int k = 0; k < 16; ++k) {
      const int lane = lanes[k];
      sources[k] = lane < 0 ? 0xFF : static_cast<uint8_t>((lane & 3) + 4 * ((lane >> 3) & 1) + 16 * ((lane >> 2) & 1));
    }
    return Pack::table(sources);
  }
  static Pack::Packed finish(Vector sums, double divisor, Pack::Table table) {
    const auto divide = [divisor](__m128i words) {
      return rounded_quotients_f32(_mm256_cvtepi16_epi32(words), static_cast<float>(divisor));
    };
    const __m256i words =
        _mm256_packs_epi32(divide(_mm256_castsi256_si128(sums)), divide(_mm256_extracti128_si256(sums, 1)));
    const __m256i bytes = std::is_signed_v<T> ? _mm256_packs_epi16(words, words) : _mm256_packus_epi16(words, words);
    return Pack::pack(bytes, table);
  }
};

// 32-bit integers widened to four int64 lanes, for the integer average runs (see
// Avx2IntegerSums): sums in int64 (the driver keeps them below 2^51, where the int64-to-double
// trick below is exact), divided in double, rounded half away from zero and clamped to T. After
// divide_rounded() the low four int32 lanes hold T's values.
template <typename T>
struct Avx2IntegerSums64 {
  static_assert(sizeof(T) == 4, "32-bit integers");
  using Scalar = T;
  using Vector = __m256i;
  using Table = __m256i;
  static constexpr int width = 4;
  static Vector zero() { return _mm256_setzero_si256(); }
  static Vector add(Vector a, Vector b) { return _mm256_add_epi64(a, b); }
  // Reads exactly `width` elements.
  static Vector load(const T* p) {
    const __m128i values = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return std::is_signed_v<T> ? _mm256_cvtepi32_epi64(values) : _mm256_cvtepu32_epi64(values);
  }
  // lanes[k]: the lane result lane k comes from.
  static Table table(const int32_t* lanes) {
    return _mm256_setr_epi32(2 * lanes[0], 2 * lanes[0] + 1, 2 * lanes[1], 2 * lanes[1] + 1, 2 * lanes[2],
                             2 * lanes[2] + 1, 2 * lanes[3], 2 * lanes[3] + 1);
  }
  static Vector pack(Vector v, Table table) { return _mm256_permutevar8x32_epi32(v, table); }
  static Vector divide_rounded(Vector sums, double divisor) {
    // |sum| < 2^51: adding 2^52 + 2^51 puts it in the mantissa of a double of that exponent.
    const __m256d magic = _mm256_set1_pd(6755399441055744.0);
    const __m256d exact = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_add_epi64(sums, _mm256_castpd_si256(magic))), magic);
    const __m256d quotient = _mm256_div_pd(exact, _mm256_set1_pd(divisor));
    const __m256d signed_half = _mm256_or_pd(_mm256_and_pd(quotient, _mm256_set1_pd(-0.0)), _mm256_set1_pd(0.5));
    __m256d rounded = _mm256_round_pd(_mm256_add_pd(quotient, signed_half), _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    rounded = _mm256_min_pd(_mm256_max_pd(rounded, _mm256_set1_pd(static_cast<double>(std::numeric_limits<T>::min()))),
                            _mm256_set1_pd(static_cast<double>(std::numeric_limits<T>::max())));
    __m128i values;
    if constexpr (std::is_signed_v<T>) {
      values = _mm256_cvttpd_epi32(rounded);
    } else {
      // Through int32: shifted down by 2^31 and back by flipping the top bit.
      values = _mm_xor_si128(_mm256_cvttpd_epi32(_mm256_sub_pd(rounded, _mm256_set1_pd(2147483648.0))),
                             _mm_set1_epi32(static_cast<int32_t>(0x80000000u)));
    }
    return _mm256_castsi128_si256(values);
  }
  // Writes exactly `width` elements.
  static void store(T* p, Vector v) { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), _mm256_castsi256_si128(v)); }
};

// The roles these operations fill for the kernel templates (isa_roles.h).
// Model input's conversion (model_input/uint8_planes.h): four 16-bit window values s to float32 through
// y' = fma(s, alpha, beta) in double; the returned bits are the lanes to recompute by the exact
// rule (the 29 bits below float precision within margin of the midpoint, |y'| < smallest, or
// |y'| >= 2^127).
struct Avx2AffineToFloat {
  static constexpr int width = 4;
  struct Constants {
    __m256d alpha, beta, smallest;
  };
  static Constants constants(double alpha, double beta, double smallest) {
    return {_mm256_set1_pd(alpha), _mm256_set1_pd(beta), _mm256_set1_pd(smallest)};
  }
  static unsigned convert(const uint16_t* values, const Constants& k, int64_t margin, float* out) {
    const __m128i wide = _mm_cvtepu16_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(values)));
    const __m256d y = _mm256_fmadd_pd(_mm256_cvtepi32_pd(wide), k.alpha, k.beta);
    _mm_storeu_ps(out, _mm256_cvtpd_ps(y));
    const __m256i below = _mm256_and_si256(_mm256_castpd_si256(y), _mm256_set1_epi64x((int64_t{1} << 29) - 1));
    // Signed compares: the difference lies in [-2^28, 2^29).
    const __m256i offset = _mm256_sub_epi64(below, _mm256_set1_epi64x((int64_t{1} << 28) - margin));
    const __m256i outside = _mm256_or_si256(_mm256_cmpgt_epi64(offset, _mm256_set1_epi64x(2 * margin)),
                                            _mm256_cmpgt_epi64(_mm256_setzero_si256(), offset));
    const __m256d magnitude = _mm256_andnot_pd(_mm256_set1_pd(-0.0), y);
    const __m256d small = _mm256_cmp_pd(magnitude, k.smallest, _CMP_NGE_UQ);
    const __m256d large = _mm256_cmp_pd(magnitude, _mm256_set1_pd(0x1p127), _CMP_NLT_UQ);
    const __m256d near_midpoint = _mm256_castsi256_pd(_mm256_xor_si256(outside, _mm256_set1_epi64x(-1)));
    return static_cast<unsigned>(_mm256_movemask_pd(_mm256_or_pd(near_midpoint, _mm256_or_pd(small, large))));
  }
};

// Model input's RGB 2x2 windows (model_input/uint8_planes.h): the sums of 2x2 blocks of two rows
// of RGB pixels, 16 outputs at a time, written as three planes. Each 128-bit lane takes 12 bytes
// (two output pixels' four input pixels), pairs each channel's two pixels with one byte shuffle
// and sums them with one multiply-add by ones; four such vectors are then regrouped by channel.
// Returns the outputs done (a multiple of 16): the loads of a group reach 4 bytes past its last
// pixel, so groups stop where that would pass `readable` bytes.
struct Avx2RgbWindowSums {
  // 16 bytes from each address, low lane first (_mm256_loadu2_m128i, which GCC before 10 lacks).
  static __m256i two_lanes(const uint8_t* low, const uint8_t* high) {
    return _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(low))),
                                   _mm_loadu_si128(reinterpret_cast<const __m128i*>(high)), 1);
  }

  static int64_t sum_2x2(const uint8_t* row0, const uint8_t* row1, int64_t outputs, int64_t readable, uint16_t* red,
                         uint16_t* green, uint16_t* blue) {
    // Per lane, bytes r0 r1 | r2 r3 | g0 g1 | g2 g3 | b0 b1 | b2 b3 of pixels 0..3 (12 bytes).
    const __m256i pairs =
        _mm256_broadcastsi128_si256(_mm_setr_epi8(0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11, -1, -1, -1, -1));
    const __m256i ones = _mm256_set1_epi8(1);
    // Word order of a sums vector (R01 G01 B01 - | R23 G23 B23 -) to (R01 R23 G01 G23 B01 B23 - -).
    const __m256i by_channel = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    int64_t done = 0;
    for (; done + 16 <= outputs && (done + 16) * 6 + 4 <= readable; done += 16) {
      __m256i grouped[4];
      for (int k = 0; k < 4; ++k) {
        const int64_t at = (done + 4 * k) * 6;
        const __m256i top = two_lanes(row0 + at, row0 + at + 12);
        const __m256i bottom = two_lanes(row1 + at, row1 + at + 12);
        const __m256i sums = _mm256_add_epi16(_mm256_maddubs_epi16(_mm256_shuffle_epi8(top, pairs), ones),
                                              _mm256_maddubs_epi16(_mm256_shuffle_epi8(bottom, pairs), ones));
        grouped[k] = _mm256_permutevar8x32_epi32(sums, by_channel);
      }
      const __m256i low0 = _mm256_unpacklo_epi64(grouped[0], grouped[1]);   // R 0-7 | B 0-7
      const __m256i low1 = _mm256_unpacklo_epi64(grouped[2], grouped[3]);   // R 8-15 | B 8-15
      const __m256i high0 = _mm256_unpackhi_epi64(grouped[0], grouped[1]);  // G 0-7 | -
      const __m256i high1 = _mm256_unpackhi_epi64(grouped[2], grouped[3]);  // G 8-15 | -
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(red + done), _mm256_permute2x128_si256(low0, low1, 0x20));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(blue + done), _mm256_permute2x128_si256(low0, low1, 0x31));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(green + done), _mm256_permute2x128_si256(high0, high1, 0x20));
    }
    return done;
  }
};

struct Avx2Isa
    : FloatRoles<Avx2Float32, Avx2Float64, Avx2PlaneQuads, Avx2PlaneQuads64>,
      IntegerRoles<Avx2Integers, Avx2IntegerSums, Avx2IntegerSums64, Avx2ByteSums16, Avx2Bytes, Avx2ByteLanes32> {
  using AffineToFloat = Avx2AffineToFloat;
  using RgbWindowSums = Avx2RgbWindowSums;
};

}  // namespace
}  // namespace poolnd
