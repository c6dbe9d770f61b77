// SSE2 vector operations for the kernel templates, the x86-64 baseline. Included only by
// sse2_microkernels.cc. SSE2 has no blend instruction: selection is (mask & a) | (~mask & b).
#pragma once

#include <emmintrin.h>

#include <cstdint>
#include <type_traits>

#include "isa_roles.h"

namespace poolnd {
namespace {

struct Sse2Float32 {
  using Scalar = float;
  using Vector = __m128;
  using Mask = __m128;
  using IndexVector = __m128i;
  static constexpr int width = 4;
  static Vector load(const float* p) { return _mm_loadu_ps(p); }
  // Lane k: p[offsets[k]].
  static Vector gather_lanes(const float* p, const int32_t* offsets) {
    return _mm_setr_ps(p[offsets[0]], p[offsets[1]], p[offsets[2]], p[offsets[3]]);
  }
  // Lane k: p[k * step].
  static Vector gather(const float* p, int64_t step) { return _mm_setr_ps(p[0], p[step], p[2 * step], p[3 * step]); }
  static void store(float* p, Vector v) { _mm_storeu_ps(p, v); }
  static Vector zero() { return _mm_setzero_ps(); }
  static Vector splat(float x) { return _mm_set1_ps(x); }
  static Vector add(Vector a, Vector b) { return _mm_add_ps(a, b); }
  static Vector divide(Vector a, Vector b) { return _mm_div_ps(a, b); }
  static Mask greater_or_nan(Vector value, Vector best) {
    return _mm_or_ps(_mm_cmpgt_ps(value, best), _mm_cmpunord_ps(value, value));
  }
  static Vector select(Mask m, Vector if_true, Vector if_false) {
    return _mm_or_ps(_mm_and_ps(m, if_true), _mm_andnot_ps(m, if_false));
  }
  // value > best ? value : best; a NaN value is not taken (nan_lanes finds it).
  static Vector maximum(Vector value, Vector best) { return _mm_max_ps(value, best); }
  static Mask nan_lanes(Vector v) { return _mm_cmpunord_ps(v, v); }
  static Mask zero_lanes(Vector v) { return _mm_cmpeq_ps(v, _mm_setzero_ps()); }
  static Mask mask_or(Mask a, Mask b) { return _mm_or_ps(a, b); }
  static bool any(Mask m) { return _mm_movemask_ps(m) != 0; }
  static IndexVector index_splat(int32_t x) { return _mm_set1_epi32(x); }
  static IndexVector index_select(Mask m, IndexVector if_true, IndexVector if_false) {
    const __m128i mask = _mm_castps_si128(m);
    return _mm_or_si128(_mm_and_si128(mask, if_true), _mm_andnot_si128(mask, if_false));
  }
  static void index_store(int32_t* p, IndexVector v) { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v); }
  static void load_pairs(const float* p, Vector& even, Vector& odd) {
    const Vector a = _mm_loadu_ps(p), b = _mm_loadu_ps(p + 4);
    even = _mm_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
    odd = _mm_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1));
  }
  static IndexVector index_ramp(int32_t start, int32_t step) {
    return _mm_setr_epi32(start, start + step, start + 2 * step, start + 3 * step);
  }
  // Pairs need no reordering at this width.
  static void load_pairs_unordered(const float* p, Vector& even, Vector& odd) { load_pairs(p, even, odd); }
  static Vector ordered(Vector v) { return v; }
};

struct Sse2Float64 {
  using Scalar = double;
  using Vector = __m128d;
  using Mask = __m128d;
  using IndexVector = __m128i;  // int32 lanes 0 and 1 hold the two doubles' indices
  static constexpr int width = 2;
  static Vector load(const double* p) { return _mm_loadu_pd(p); }
  // Lane k: p[offsets[k]].
  static Vector gather_lanes(const double* p, const int32_t* offsets) {
    return _mm_setr_pd(p[offsets[0]], p[offsets[1]]);
  }
  // Lane k: p[k * step].
  static Vector gather(const double* p, int64_t step) { return _mm_setr_pd(p[0], p[step]); }
  static void store(double* p, Vector v) { _mm_storeu_pd(p, v); }
  static Vector zero() { return _mm_setzero_pd(); }
  static Vector splat(double x) { return _mm_set1_pd(x); }
  static Vector add(Vector a, Vector b) { return _mm_add_pd(a, b); }
  static Vector divide(Vector a, Vector b) { return _mm_div_pd(a, b); }
  static Mask greater_or_nan(Vector value, Vector best) {
    return _mm_or_pd(_mm_cmpgt_pd(value, best), _mm_cmpunord_pd(value, value));
  }
  static Vector select(Mask m, Vector if_true, Vector if_false) {
    return _mm_or_pd(_mm_and_pd(m, if_true), _mm_andnot_pd(m, if_false));
  }
  static Vector maximum(Vector value, Vector best) { return _mm_max_pd(value, best); }
  static Mask nan_lanes(Vector v) { return _mm_cmpunord_pd(v, v); }
  static Mask zero_lanes(Vector v) { return _mm_cmpeq_pd(v, _mm_setzero_pd()); }
  static Mask mask_or(Mask a, Mask b) { return _mm_or_pd(a, b); }
  static bool any(Mask m) { return _mm_movemask_pd(m) != 0; }
  static IndexVector index_splat(int32_t x) { return _mm_set1_epi32(x); }
  static IndexVector index_select(Mask m, IndexVector if_true, IndexVector if_false) {
    const __m128i mask = _mm_shuffle_epi32(_mm_castpd_si128(m), _MM_SHUFFLE(3, 3, 2, 0));
    return _mm_or_si128(_mm_and_si128(mask, if_true), _mm_andnot_si128(mask, if_false));
  }
  static void index_store(int32_t* p, IndexVector v) { _mm_storel_epi64(reinterpret_cast<__m128i*>(p), v); }
  static void load_pairs(const double* p, Vector& even, Vector& odd) {
    const Vector a = _mm_loadu_pd(p), b = _mm_loadu_pd(p + 2);
    even = _mm_unpacklo_pd(a, b);
    odd = _mm_unpackhi_pd(a, b);
  }
  static IndexVector index_ramp(int32_t start, int32_t step) { return _mm_setr_epi32(start, start + step, 0, 0); }
  // Pairs need no reordering at this width.
  static void load_pairs_unordered(const double* p, Vector& even, Vector& odd) { load_pairs(p, even, odd); }
  static Vector ordered(Vector v) { return v; }
};

// Four float32 planes side by side, summed in double: a 4x4 block transposed so each quad holds
// one element of each plane, widened into two double pairs.
struct Sse2PlaneQuads {
  using Element = float;
  using Quad = __m128;
  struct Sums {
    __m128d low, high;
  };
  static Quad load(const float* p) { return _mm_loadu_ps(p); }
  static Quad gather(const float* p0, const float* p1, const float* p2, const float* p3) {
    return _mm_setr_ps(*p0, *p1, *p2, *p3);
  }
  static void transpose(Quad& a, Quad& b, Quad& c, Quad& d) { _MM_TRANSPOSE4_PS(a, b, c, d); }
  static Sums zero() { return {_mm_setzero_pd(), _mm_setzero_pd()}; }
  static Sums add(Sums s, Quad q) {
    return {_mm_add_pd(s.low, _mm_cvtps_pd(q)), _mm_add_pd(s.high, _mm_cvtps_pd(_mm_movehl_ps(q, q)))};
  }
  // Each sum divided by count in double, then rounded to float32.
  static void store_averages(float* p, Sums s, double count) {
    const __m128d divisor = _mm_set1_pd(count);
    _mm_storeu_ps(p,
                  _mm_movelh_ps(_mm_cvtpd_ps(_mm_div_pd(s.low, divisor)), _mm_cvtpd_ps(_mm_div_pd(s.high, divisor))));
  }
};

// Four float64 planes side by side: a 4x4 block transposed so each quad holds one element of
// each plane, planes 0 and 1 in `low`, 2 and 3 in `high`.
struct Sse2PlaneQuads64 {
  using Element = double;
  struct Quad {
    __m128d low, high;
  };
  using Sums = Quad;
  static Quad load(const double* p) { return {_mm_loadu_pd(p), _mm_loadu_pd(p + 2)}; }
  static Quad gather(const double* p0, const double* p1, const double* p2, const double* p3) {
    return {_mm_setr_pd(*p0, *p1), _mm_setr_pd(*p2, *p3)};
  }
  static void transpose(Quad& a, Quad& b, Quad& c, Quad& d) {
    const Quad first{_mm_unpacklo_pd(a.low, b.low), _mm_unpacklo_pd(c.low, d.low)};
    const Quad second{_mm_unpackhi_pd(a.low, b.low), _mm_unpackhi_pd(c.low, d.low)};
    const Quad third{_mm_unpacklo_pd(a.high, b.high), _mm_unpacklo_pd(c.high, d.high)};
    const Quad fourth{_mm_unpackhi_pd(a.high, b.high), _mm_unpackhi_pd(c.high, d.high)};
    a = first, b = second, c = third, d = fourth;
  }
  static Sums zero() { return {_mm_setzero_pd(), _mm_setzero_pd()}; }
  static Sums add(Sums s, Quad q) { return {_mm_add_pd(s.low, q.low), _mm_add_pd(s.high, q.high)}; }
  static void store_averages(double* p, Sums s, double count) {
    const __m128d divisor = _mm_set1_pd(count);
    _mm_storeu_pd(p, _mm_div_pd(s.low, divisor));
    _mm_storeu_pd(p + 2, _mm_div_pd(s.high, divisor));
  }
};

// The roles these operations fill for the kernel templates (isa_roles.h).
struct Sse2Isa : FloatRoles<Sse2Float32, Sse2Float64, Sse2PlaneQuads, Sse2PlaneQuads64> {};

}  // namespace
}  // namespace poolnd
