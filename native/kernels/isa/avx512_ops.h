// AVX-512 (F) vector operations for the kernel templates. Included only by
// avx512_microkernels.cc, built with -mavx512f and dispatched only on CPUs that report
// AVX-512F, AVX2 and FMA (the level also runs the AVX2 kernels).
#pragma once

#include <immintrin.h>

#include <cstdint>
#include <type_traits>

#include "avx2_ops.h"
#include "isa_roles.h"

namespace poolnd {
namespace {

struct Avx512Float32 {
  using Scalar = float;
  using Vector = __m512;
  using Mask = __mmask16;
  using IndexVector = __m512i;
  static constexpr int width = 16;
  static Vector load(const float* p) { return _mm512_loadu_ps(p); }
  // Lane k: p[offsets[k]] (the masked form, as gather).
  static Vector gather_lanes(const float* p, const int32_t* offsets) {
    return _mm512_mask_i32gather_ps(_mm512_setzero_ps(), 0xFFFF, _mm512_loadu_si512(offsets), p, 4);
  }
  // Lane k: p[k * step] (step * 15 fits int32: the driver checks).
  static Vector gather(const float* p, int64_t step) {
    const __m512i lanes = _mm512_mullo_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                                             _mm512_set1_epi32(static_cast<int32_t>(step)));
    // The masked form: GCC 12 warns that the plain one's undefined source is uninitialized.
    return _mm512_mask_i32gather_ps(_mm512_setzero_ps(), 0xFFFF, lanes, p, 4);
  }
  static void store(float* p, Vector v) { _mm512_storeu_ps(p, v); }
  static Vector zero() { return _mm512_setzero_ps(); }
  static Vector splat(float x) { return _mm512_set1_ps(x); }
  static Vector add(Vector a, Vector b) { return _mm512_add_ps(a, b); }
  static Vector divide(Vector a, Vector b) { return _mm512_div_ps(a, b); }
  static Mask greater_or_nan(Vector value, Vector best) {
    return _mm512_cmp_ps_mask(value, best, _CMP_GT_OQ) | _mm512_cmp_ps_mask(value, value, _CMP_UNORD_Q);
  }
  static Vector select(Mask m, Vector if_true, Vector if_false) { return _mm512_mask_blend_ps(m, if_false, if_true); }
  // value > best ? value : best; a NaN value is not taken (nan_lanes finds it). One vmaxps, in
  // its masked form with every lane set: GCC 12's _mm512_max_ps warns of its own undefined source.
  static Vector maximum(Vector value, Vector best) { return _mm512_mask_max_ps(best, 0xFFFF, value, best); }
  static Mask nan_lanes(Vector v) { return _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q); }
  static Mask zero_lanes(Vector v) { return _mm512_cmp_ps_mask(v, _mm512_setzero_ps(), _CMP_EQ_OQ); }
  static Mask mask_or(Mask a, Mask b) { return static_cast<Mask>(a | b); }
  static bool any(Mask m) { return m != 0; }
  static IndexVector index_splat(int32_t x) { return _mm512_set1_epi32(x); }
  static IndexVector index_select(Mask m, IndexVector if_true, IndexVector if_false) {
    return _mm512_mask_blend_epi32(m, if_false, if_true);
  }
  static void index_store(int32_t* p, IndexVector v) { _mm512_storeu_si512(p, v); }
  static void load_pairs(const float* p, Vector& even, Vector& odd) {
    const Vector a = _mm512_loadu_ps(p), b = _mm512_loadu_ps(p + 16);
    const __m512i evens = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    even = _mm512_permutex2var_ps(a, evens, b);
    odd = _mm512_permutex2var_ps(a, _mm512_add_epi32(evens, _mm512_set1_epi32(1)), b);
  }
  static IndexVector index_ramp(int32_t start, int32_t step) {
    return _mm512_add_epi32(_mm512_set1_epi32(start),
                            _mm512_mullo_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                                               _mm512_set1_epi32(step)));
  }
  // Pairs need no reordering at this width.
  static void load_pairs_unordered(const float* p, Vector& even, Vector& odd) { load_pairs(p, even, odd); }
  static Vector ordered(Vector v) { return v; }
};

struct Avx512Float64 {
  using Scalar = double;
  using Vector = __m512d;
  using Mask = __mmask8;
  using IndexVector = __m512i;  // int64 lanes, narrowed to int32 as they are stored
  static constexpr int width = 8;
  static Vector load(const double* p) { return _mm512_loadu_pd(p); }
  // Lane k: p[offsets[k]] (the masked form, as gather).
  static Vector gather_lanes(const double* p, const int32_t* offsets) {
    return _mm512_mask_i32gather_pd(_mm512_setzero_pd(), 0xFF,
                                    _mm256_loadu_si256(reinterpret_cast<const __m256i*>(offsets)), p, 8);
  }
  // Lane k: p[k * step] (step * 7 fits int32: the driver checks).
  static Vector gather(const double* p, int64_t step) {
    const __m256i lanes =
        _mm256_mullo_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(static_cast<int32_t>(step)));
    return _mm512_mask_i32gather_pd(_mm512_setzero_pd(), 0xFF, lanes, p, 8);
  }
  static void store(double* p, Vector v) { _mm512_storeu_pd(p, v); }
  static Vector zero() { return _mm512_setzero_pd(); }
  static Vector splat(double x) { return _mm512_set1_pd(x); }
  static Vector add(Vector a, Vector b) { return _mm512_add_pd(a, b); }
  static Vector divide(Vector a, Vector b) { return _mm512_div_pd(a, b); }
  static Mask greater_or_nan(Vector value, Vector best) {
    return _mm512_cmp_pd_mask(value, best, _CMP_GT_OQ) | _mm512_cmp_pd_mask(value, value, _CMP_UNORD_Q);
  }
  static Vector select(Mask m, Vector if_true, Vector if_false) { return _mm512_mask_blend_pd(m, if_false, if_true); }
  static Vector maximum(Vector value, Vector best) { return _mm512_mask_max_pd(best, 0xFF, value, best); }
  static Mask nan_lanes(Vector v) { return _mm512_cmp_pd_mask(v, v, _CMP_UNORD_Q); }
  static Mask zero_lanes(Vector v) { return _mm512_cmp_pd_mask(v, _mm512_setzero_pd(), _CMP_EQ_OQ); }
  static Mask mask_or(Mask a, Mask b) { return static_cast<Mask>(a | b); }
  static bool any(Mask m) { return m != 0; }
  static IndexVector index_splat(int32_t x) { return _mm512_set1_epi64(x); }
  static IndexVector index_select(Mask m, IndexVector if_true, IndexVector if_false) {
    return _mm512_mask_blend_epi64(m, if_false, if_true);
  }
  static void index_store(int32_t* p, IndexVector v) { _mm512_mask_cvtepi64_storeu_epi32(p, 0xFF, v); }
  static void load_pairs(const double* p, Vector& even, Vector& odd) {
    const Vector a = _mm512_loadu_pd(p), b = _mm512_loadu_pd(p + 8);
    const __m512i evens = _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14);
    even = _mm512_permutex2var_pd(a, evens, b);
    odd = _mm512_permutex2var_pd(a, _mm512_add_epi64(evens, _mm512_set1_epi64(1)), b);
  }
  static IndexVector index_ramp(int32_t start, int32_t step) {
    return _mm512_add_epi64(_mm512_set1_epi64(start),
                            _mm512_mullox_epi64(_mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7), _mm512_set1_epi64(step)));
  }
  // Pairs need no reordering at this width.
  static void load_pairs_unordered(const double* p, Vector& even, Vector& odd) { load_pairs(p, even, odd); }
  static Vector ordered(Vector v) { return v; }
};

// The roles these operations fill for the kernel templates (isa_roles.h).
// AVX-512 sums four planes at once in double as AVX2 does: wider vectors gain nothing there.
// Model input's conversion (model_input/uint8_planes.h): eight 16-bit window values s to float32 through
// y' = fma(s, alpha, beta) in double; the returned bits are the lanes to recompute by the exact
// rule (the 29 bits below float precision within kMargin of the midpoint, |y'| < smallest, or
// |y'| >= 2^127).
struct Avx512AffineToFloat {
  static constexpr int width = 8;
  struct Constants {
    __m512d alpha, beta, smallest;
  };
  static Constants constants(double alpha, double beta, double smallest) {
    return {_mm512_set1_pd(alpha), _mm512_set1_pd(beta), _mm512_set1_pd(smallest)};
  }
  static unsigned convert(const uint16_t* values, const Constants& k, int64_t margin, float* out) {
    // The masked forms: GCC 12 warns of the plain ones' undefined sources.
    const __m256i wide = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(values)));
    const __m512d s = _mm512_mask_cvtepi32_pd(_mm512_setzero_pd(), 0xFF, wide);
    const __m512d y = _mm512_fmadd_pd(s, k.alpha, k.beta);
    _mm256_storeu_ps(out, _mm512_mask_cvtpd_ps(_mm256_setzero_ps(), 0xFF, y));
    const __m512i below = _mm512_and_si512(_mm512_castpd_si512(y), _mm512_set1_epi64((int64_t{1} << 29) - 1));
    const __mmask8 near_midpoint = _mm512_cmple_epu64_mask(
        _mm512_sub_epi64(below, _mm512_set1_epi64((int64_t{1} << 28) - margin)), _mm512_set1_epi64(2 * margin));
    const __m512d magnitude =
        _mm512_castsi512_pd(_mm512_and_si512(_mm512_castpd_si512(y), _mm512_set1_epi64(INT64_MAX)));
    const __mmask8 small = _mm512_cmp_pd_mask(magnitude, k.smallest, _CMP_NGE_UQ);
    const __mmask8 large = _mm512_cmp_pd_mask(magnitude, _mm512_set1_pd(0x1p127), _CMP_NLT_UQ);
    return static_cast<unsigned>(near_midpoint | small | large);
  }
};

struct Avx512Isa : FloatRoles<Avx512Float32, Avx512Float64, Avx2PlaneQuads, Avx2PlaneQuads64> {
  using AffineToFloat = Avx512AffineToFloat;
  using RgbWindowSums = Avx2RgbWindowSums;
};

}  // namespace
}  // namespace poolnd
