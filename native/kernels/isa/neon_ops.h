// NEON vector operations for the kernel templates (armv8-a baseline, no extra flags). Included
// only by neon_microkernels.cc.
#pragma once

#include <arm_neon.h>

#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "isa_roles.h"

namespace poolnd {
namespace {

struct NeonFloat32 {
  using Scalar = float;
  using Vector = float32x4_t;
  using Mask = uint32x4_t;
  using IndexVector = int32x4_t;
  static constexpr int width = 4;
  static Vector load(const float* p) { return vld1q_f32(p); }
  // Lane k: p[offsets[k]].
  static Vector gather_lanes(const float* p, const int32_t* offsets) {
    Vector v = vdupq_n_f32(p[offsets[0]]);
    v = vld1q_lane_f32(p + offsets[1], v, 1);
    v = vld1q_lane_f32(p + offsets[2], v, 2);
    return vld1q_lane_f32(p + offsets[3], v, 3);
  }
  // Lane k: p[k * step].
  static Vector gather(const float* p, int64_t step) {
    Vector v = vdupq_n_f32(p[0]);
    v = vld1q_lane_f32(p + step, v, 1);
    v = vld1q_lane_f32(p + 2 * step, v, 2);
    return vld1q_lane_f32(p + 3 * step, v, 3);
  }
  static void store(float* p, Vector v) { vst1q_f32(p, v); }
  static Vector zero() { return vdupq_n_f32(0.0f); }
  static Vector splat(float x) { return vdupq_n_f32(x); }
  static Vector add(Vector a, Vector b) { return vaddq_f32(a, b); }
  static Vector divide(Vector a, Vector b) { return vdivq_f32(a, b); }
  static Mask greater_or_nan(Vector value, Vector best) {
    return vorrq_u32(vcgtq_f32(value, best), vmvnq_u32(vceqq_f32(value, value)));
  }
  static Vector select(Mask m, Vector if_true, Vector if_false) { return vbslq_f32(m, if_true, if_false); }
  // value > best ? value : best; a NaN value is not taken (nan_lanes finds it). Not FMAX, which
  // prefers +0 to -0 whatever their order.
  static Vector maximum(Vector value, Vector best) { return vbslq_f32(vcgtq_f32(value, best), value, best); }
  static Mask nan_lanes(Vector v) { return vmvnq_u32(vceqq_f32(v, v)); }
  static Mask zero_lanes(Vector v) { return vceqzq_f32(v); }
  static Mask mask_or(Mask a, Mask b) { return vorrq_u32(a, b); }
  static bool any(Mask m) { return vmaxvq_u32(m) != 0; }
  static IndexVector index_splat(int32_t x) { return vdupq_n_s32(x); }
  static IndexVector index_select(Mask m, IndexVector if_true, IndexVector if_false) {
    return vbslq_s32(m, if_true, if_false);
  }
  static void index_store(int32_t* p, IndexVector v) { vst1q_s32(p, v); }
  static void load_pairs(const float* p, Vector& even, Vector& odd) {
    const float32x4x2_t pairs = vld2q_f32(p);
    even = pairs.val[0];
    odd = pairs.val[1];
  }
  static IndexVector index_ramp(int32_t start, int32_t step) {
    const int32_t lanes[4] = {start, start + step, start + 2 * step, start + 3 * step};
    return vld1q_s32(lanes);
  }
  // Pairs need no reordering at this width.
  static void load_pairs_unordered(const float* p, Vector& even, Vector& odd) { load_pairs(p, even, odd); }
  static Vector ordered(Vector v) { return v; }
};

struct NeonFloat64 {
  using Scalar = double;
  using Vector = float64x2_t;
  using Mask = uint64x2_t;
  using IndexVector = int32x2_t;
  static constexpr int width = 2;
  static Vector load(const double* p) { return vld1q_f64(p); }
  // Lane k: p[offsets[k]].
  static Vector gather_lanes(const double* p, const int32_t* offsets) {
    return vld1q_lane_f64(p + offsets[1], vdupq_n_f64(p[offsets[0]]), 1);
  }
  // Lane k: p[k * step].
  static Vector gather(const double* p, int64_t step) { return vld1q_lane_f64(p + step, vdupq_n_f64(p[0]), 1); }
  static void store(double* p, Vector v) { vst1q_f64(p, v); }
  static Vector zero() { return vdupq_n_f64(0.0); }
  static Vector splat(double x) { return vdupq_n_f64(x); }
  static Vector add(Vector a, Vector b) { return vaddq_f64(a, b); }
  static Vector divide(Vector a, Vector b) { return vdivq_f64(a, b); }
  static Mask greater_or_nan(Vector value, Vector best) {
    return vorrq_u64(vcgtq_f64(value, best), veorq_u64(vceqq_f64(value, value), vdupq_n_u64(~uint64_t{0})));
  }
  static Vector select(Mask m, Vector if_true, Vector if_false) { return vbslq_f64(m, if_true, if_false); }
  static Vector maximum(Vector value, Vector best) { return vbslq_f64(vcgtq_f64(value, best), value, best); }
  static Mask nan_lanes(Vector v) { return veorq_u64(vceqq_f64(v, v), vdupq_n_u64(~uint64_t{0})); }
  static Mask zero_lanes(Vector v) { return vceqzq_f64(v); }
  static Mask mask_or(Mask a, Mask b) { return vorrq_u64(a, b); }
  static bool any(Mask m) { return (vgetq_lane_u64(m, 0) | vgetq_lane_u64(m, 1)) != 0; }
  static IndexVector index_splat(int32_t x) { return vdup_n_s32(x); }
  static IndexVector index_select(Mask m, IndexVector if_true, IndexVector if_false) {
    return vbsl_s32(vmovn_u64(m), if_true, if_false);
  }
  static void index_store(int32_t* p, IndexVector v) { vst1_s32(p, v); }
  static void load_pairs(const double* p, Vector& even, Vector& odd) {
    const float64x2x2_t pairs = vld2q_f64(p);
    even = pairs.val[0];
    odd = pairs.val[1];
  }
  static IndexVector index_ramp(int32_t start, int32_t step) {
    const int32_t lanes[2] = {start, start + step};
    return vld1_s32(lanes);
  }
  // Pairs need no reordering at this width.
  static void load_pairs_unordered(const double* p, Vector& even, Vector& odd) { load_pairs(p, even, odd); }
  static Vector ordered(Vector v) { return v; }
};

// Sixteen bytes, or eight uint16 lanes, at a time.
struct NeonBytes {
  using Vector = uint8x16_t;
  static constexpr int width = 16;
  static Vector load(const uint8_t* p) { return vld1q_u8(p); }
  static void store(uint8_t* p, Vector v) { vst1q_u8(p, v); }
  static Vector maximum(Vector a, Vector b) { return vmaxq_u8(a, b); }
  // Byte k of the result is byte index[k] of v; an index past 15 gives 0.
  static Vector shuffle(Vector v, Vector index) { return vqtbl1q_u8(v, index); }
  static Vector average_rounded_up(Vector a, Vector b) { return vrhaddq_u8(a, b); }
  static Vector bit_and(Vector a, Vector b) { return vandq_u8(a, b); }
  static Vector bit_or(Vector a, Vector b) { return vorrq_u8(a, b); }
  static Vector bit_xor(Vector a, Vector b) { return veorq_u8(a, b); }
  static Vector subtract(Vector a, Vector b) { return vsubq_u8(a, b); }
  static Vector splat(uint8_t x) { return vdupq_n_u8(x); }
  static Vector widen_low(Vector v) { return vreinterpretq_u8_u16(vmovl_u8(vget_low_u8(v))); }
  static Vector widen_high(Vector v) { return vreinterpretq_u8_u16(vmovl_u8(vget_high_u8(v))); }
  static Vector add_u16(Vector a, Vector b) {
    return vreinterpretq_u8_u16(vaddq_u16(vreinterpretq_u16_u8(a), vreinterpretq_u16_u8(b)));
  }
  static Vector splat_u16(uint16_t x) { return vreinterpretq_u8_u16(vdupq_n_u16(x)); }
  static Vector shift_right_u16(Vector v, int bits) {
    return vreinterpretq_u8_u16(vshlq_u16(vreinterpretq_u16_u8(v), vdupq_n_s16(static_cast<int16_t>(-bits))));
  }
  // Bytes from two vectors of uint16 lanes, saturated to 255.
  static Vector narrow_saturate(Vector low, Vector high) {
    return vcombine_u8(vqmovn_u16(vreinterpretq_u16_u8(low)), vqmovn_u16(vreinterpretq_u16_u8(high)));
  }
};

// Gathers any 16 bytes of a 32-byte register pair (or of one register, past 15 giving 0) with a
// table lookup.
struct NeonBytePack {
  using Table = uint8x16_t;
  using Packed = uint8x16_t;
  // sources[k]: the byte output byte k comes from, or 0xFF for a zero.
  static Table table(const uint8_t* sources) { return vld1q_u8(sources); }
  static Packed pack(uint8x16x2_t v, Table table) { return vqtbl2q_u8(v, table); }
  static Packed pack(uint8x16_t v, Table table) { return vqtbl1q_u8(v, table); }
  static void store(void* p, Packed v) { vst1q_u8(static_cast<uint8_t*>(p), v); }
};

// Thirty-two byte lanes in a register pair, for the uint8 2x2 kernels' lane-wise steps.
struct NeonByteLanes32 {
  using Vector = uint8x16x2_t;
  using Pack = NeonBytePack;
  static constexpr int width = 32;
  template <typename Operation>
  static Vector each(Vector a, Vector b, Operation operation) {
    return {{operation(a.val[0], b.val[0]), operation(a.val[1], b.val[1])}};
  }
  static Vector load(const uint8_t* p) { return {{vld1q_u8(p), vld1q_u8(p + 16)}}; }
  static Vector maximum(Vector a, Vector b) {
    return each(a, b, [](uint8x16_t x, uint8x16_t y) { return vmaxq_u8(x, y); });
  }
  static Vector average_rounded_up(Vector a, Vector b) {
    return each(a, b, [](uint8x16_t x, uint8x16_t y) { return vrhaddq_u8(x, y); });
  }
  static Vector bit_and(Vector a, Vector b) {
    return each(a, b, [](uint8x16_t x, uint8x16_t y) { return vandq_u8(x, y); });
  }
  static Vector bit_or(Vector a, Vector b) {
    return each(a, b, [](uint8x16_t x, uint8x16_t y) { return vorrq_u8(x, y); });
  }
  static Vector bit_xor(Vector a, Vector b) {
    return each(a, b, [](uint8x16_t x, uint8x16_t y) { return veorq_u8(x, y); });
  }
  static Vector subtract(Vector a, Vector b) {
    return each(a, b, [](uint8x16_t x, uint8x16_t y) { return vsubq_u8(x, y); });
  }
  static Vector splat(uint8_t x) { return {{vdupq_n_u8(x), vdupq_n_u8(x)}}; }
};

// Four float32 planes side by side, summed in double: a 4x4 block transposed so each quad holds
// one element of each plane, widened into two double pairs.
struct NeonPlaneQuads {
  using Element = float;
  using Quad = float32x4_t;
  struct Sums {
    float64x2_t low, high;
  };
  static Quad load(const float* p) { return vld1q_f32(p); }
  static Quad gather(const float* p0, const float* p1, const float* p2, const float* p3) {
    const float lanes[4] = {*p0, *p1, *p2, *p3};
    return vld1q_f32(lanes);
  }
  static void transpose(Quad& a, Quad& b, Quad& c, Quad& d) {
    const float32x4x2_t ab = vtrnq_f32(a, b), cd = vtrnq_f32(c, d);
    a = vcombine_f32(vget_low_f32(ab.val[0]), vget_low_f32(cd.val[0]));
    b = vcombine_f32(vget_low_f32(ab.val[1]), vget_low_f32(cd.val[1]));
    c = vcombine_f32(vget_high_f32(ab.val[0]), vget_high_f32(cd.val[0]));
    d = vcombine_f32(vget_high_f32(ab.val[1]), vget_high_f32(cd.val[1]));
  }
  static Sums zero() { return {vdupq_n_f64(0.0), vdupq_n_f64(0.0)}; }
  static Sums add(Sums s, Quad q) {
    return {vaddq_f64(s.low, vcvt_f64_f32(vget_low_f32(q))), vaddq_f64(s.high, vcvt_high_f64_f32(q))};
  }
  // Each sum divided by count in double, then rounded to float32.
  static void store_averages(float* p, Sums s, double count) {
    const float64x2_t divisor = vdupq_n_f64(count);
    vst1q_f32(p, vcombine_f32(vcvt_f32_f64(vdivq_f64(s.low, divisor)), vcvt_f32_f64(vdivq_f64(s.high, divisor))));
  }
};

// Integer lanes for the channels-last max kernels: a whole register of T. Integers have no NaN,
// and equal integers are the same bytes, so a plain maximum is PyTorch's rule.
// A register's bytes, for NeonBytePack.
inline uint8x16_t as_bytes(uint8x16_t v) { return v; }
inline uint8x16_t as_bytes(int8x16_t v) { return vreinterpretq_u8_s8(v); }
inline uint8x16_t as_bytes(int16x8_t v) { return vreinterpretq_u8_s16(v); }
inline uint8x16_t as_bytes(uint16x8_t v) { return vreinterpretq_u8_u16(v); }
inline uint8x16_t as_bytes(int32x4_t v) { return vreinterpretq_u8_s32(v); }
inline uint8x16_t as_bytes(uint32x4_t v) { return vreinterpretq_u8_u32(v); }

template <typename T>
struct NeonIntegers;
#define POOLND_NEON_INTEGERS(type, vector, suffix)                             \
  template <>                                                                  \
  struct NeonIntegers<type> {                                                  \
    using Scalar = type;                                                       \
    using Vector = vector;                                                     \
    static constexpr int width = 16 / sizeof(type);                            \
    static Vector load(const type* p) { return vld1q_##suffix(p); }            \
    static void store(type* p, Vector v) { vst1q_##suffix(p, v); }             \
    static Vector maximum(Vector a, Vector b) { return vmaxq_##suffix(a, b); } \
    using Pack = NeonBytePack;                                                 \
  };
POOLND_NEON_INTEGERS(int8_t, int8x16_t, s8)
POOLND_NEON_INTEGERS(uint8_t, uint8x16_t, u8)
POOLND_NEON_INTEGERS(int16_t, int16x8_t, s16)
POOLND_NEON_INTEGERS(uint16_t, uint16x8_t, u16)
POOLND_NEON_INTEGERS(int32_t, int32x4_t, s32)
POOLND_NEON_INTEGERS(uint32_t, uint32x4_t, u32)
#undef POOLND_NEON_INTEGERS

// int32 lanes divided by `divisor` in float and rounded half away from zero (truncating the
// quotient plus copysign(0.5, quotient)): exact while |lane| and divisor < 2^23.
inline int32x4_t rounded_quotients_f32(int32x4_t sums, float divisor) {
  const float32x4_t quotient = vdivq_f32(vcvtq_f32_s32(sums), vdupq_n_f32(divisor));
  const float32x4_t signed_half = vbslq_f32(vdupq_n_u32(0x80000000u), quotient, vdupq_n_f32(0.5f));
  return vcvtq_s32_f32(vaddq_f32(quotient, signed_half));
}

// 8- and 16-bit integers widened to four int32 lanes, for the integer average runs (see
// Avx2IntegerSums: the same arithmetic, two doubles at a time).
template <typename T>
struct NeonIntegerSums {
  static_assert(sizeof(T) <= 2, "8- and 16-bit integers");
  using Scalar = T;
  using Vector = int32x4_t;
  using Table = uint8x16_t;
  static constexpr int width = 4;
  static Vector zero() { return vdupq_n_s32(0); }
  static Vector add(Vector a, Vector b) { return vaddq_s32(a, b); }
  // Reads exactly `width` elements.
  static Vector load(const T* p) {
    if constexpr (sizeof(T) == 1) {
      uint32_t bits;
      std::memcpy(&bits, p, sizeof bits);
      const uint8x8_t bytes = vcreate_u8(bits);
      if constexpr (std::is_signed_v<T>) return vmovl_s16(vget_low_s16(vmovl_s8(vreinterpret_s8_u8(bytes))));
      else return vreinterpretq_s32_u32(vmovl_u16(vget_low_u16(vmovl_u8(bytes))));
    } else if constexpr (std::is_signed_v<T>) {
      return vmovl_s16(vld1_s16(p));
    } else {
      return vreinterpretq_s32_u32(vmovl_u16(vld1_u16(p)));
    }
  }
  static void store_sums(int32_t* p, Vector v) { vst1q_s32(p, v); }
  // lanes[k]: the lane result lane k comes from.
  static Table table(const int32_t* lanes) {
    uint8_t bytes[16];
    for (int b = 0; b < 16; ++b) bytes[b] = static_cast<uint8_t>(lanes[b / 4] * 4 + b % 4);
    return vld1q_u8(bytes);
  }
  static Vector pack(Vector v, Table table) { return vreinterpretq_s32_u8(vqtbl1q_u8(vreinterpretq_u8_s32(v), table)); }
  static Vector divide_rounded(Vector sums, double divisor) {
    if constexpr (sizeof(T) == 1) {
      // 8-bit sums stay below 2^23 (the driver checks), where float's quotient is as exact.
      return rounded_quotients_f32(sums, static_cast<float>(divisor));
    }
    const float64x2_t divisors = vdupq_n_f64(divisor);
    const uint64x2_t sign = vdupq_n_u64(0x8000000000000000ull);
    const auto halve = [&](int32x2_t part) {
      const float64x2_t quotient = vdivq_f64(vcvtq_f64_s64(vmovl_s32(part)), divisors);
      // Truncating quotient + copysign(0.5, quotient) rounds half away from zero.
      return vmovn_s64(vcvtq_s64_f64(vaddq_f64(quotient, vbslq_f64(sign, quotient, vdupq_n_f64(0.5)))));
    };
    return vcombine_s32(halve(vget_low_s32(sums)), halve(vget_high_s32(sums)));
  }
  // Writes exactly `width` elements, saturated to T.
  static void store(T* p, Vector v) {
    if constexpr (sizeof(T) == 1) {
      const uint8x8_t bytes = std::is_signed_v<T>
                                  ? vreinterpret_u8_s8(vqmovn_s16(vcombine_s16(vqmovn_s32(v), vqmovn_s32(v))))
                                  : vqmovn_u16(vcombine_u16(vqmovun_s32(v), vqmovun_s32(v)));
      const uint32_t bits = vget_lane_u32(vreinterpret_u32_u8(bytes), 0);
      std::memcpy(p, &bits, sizeof bits);
    } else if constexpr (std::is_signed_v<T>) {
      vst1_s16(p, vqmovn_s32(v));
    } else {
      vst1_u16(p, vqmovun_s32(v));
    }
  }
};

// 8-bit integers widened to eight int16 lanes, for 8-bit average runs whose sums fit int16 (see
// Avx2ByteSums16): twice the lanes of NeonIntegerSums, packed into one 8-byte store.
struct NeonBytePack8 {
  using Table = uint8x8_t;
  using Packed = uint8x8_t;
  static void store(void* p, Packed v) { vst1_u8(static_cast<uint8_t*>(p), v); }
};

template <typename T>
struct NeonByteSums16 {
  static_assert(sizeof(T) == 1, "8-bit integers");
  using Scalar = T;
  using Vector = int16x8_t;
  using Pack = NeonBytePack8;
  static constexpr int width = 8;
  static constexpr int packed = 8;  // output elements one store holds
  static Vector zero() { return vdupq_n_s16(0); }
  static Vector add(Vector a, Vector b) { return vaddq_s16(a, b); }
  // Reads exactly `width` elements.
  static Vector load(const T* p) {
    if constexpr (std::is_signed_v<T>) return vmovl_s8(vld1_s8(p));
    else return vreinterpretq_s16_u16(vmovl_u8(vld1_u8(p)));
  }
  // lanes[k]: the lane output element k comes from, or -1 for none (index 0xFF gives 0).
  static Pack::Table table(const int32_t* lanes) {
    uint8_t sources[8];
    for (int k = 0; k < 8; ++k) sources[k] = lanes[k] < 0 ? 0xFF : static_cast<uint8_t>(lanes[k]);
    return vld1_u8(sources);
  }
  static Pack::Packed finish(Vector sums, double divisor, Pack::Table table) {
    const auto divide = [divisor](int16x4_t words) {
      return vqmovn_s32(rounded_quotients_f32(vmovl_s16(words), static_cast<float>(divisor)));
    };
    const int16x8_t words = vcombine_s16(divide(vget_low_s16(sums)), divide(vget_high_s16(sums)));
    const uint8x8_t bytes = std::is_signed_v<T> ? vreinterpret_u8_s8(vqmovn_s16(words)) : vqmovun_s16(words);
    return vtbl1_u8(bytes, table);
  }
};

// 32-bit integers widened to two int64 lanes, for the integer average runs (see
// Avx2IntegerSums64). After divide_rounded() the lanes hold T's values.
template <typename T>
struct NeonIntegerSums64 {
  static_assert(sizeof(T) == 4, "32-bit integers");
  using Scalar = T;
  using Vector = int64x2_t;
  using Table = uint8x16_t;
  static constexpr int width = 2;
  static Vector zero() { return vdupq_n_s64(0); }
  static Vector add(Vector a, Vector b) { return vaddq_s64(a, b); }
  // Reads exactly `width` elements.
  static Vector load(const T* p) {
    if constexpr (std::is_signed_v<T>) return vmovl_s32(vld1_s32(p));
    else return vreinterpretq_s64_u64(vmovl_u32(vld1_u32(p)));
  }
  // lanes[k]: the lane result lane k comes from.
  static Table table(const int32_t* lanes) {
    uint8_t bytes[16];
    for (int b = 0; b < 16; ++b) bytes[b] = static_cast<uint8_t>(lanes[b / 8] * 8 + b % 8);
    return vld1q_u8(bytes);
  }
  static Vector pack(Vector v, Table table) { return vreinterpretq_s64_u8(vqtbl1q_u8(vreinterpretq_u8_s64(v), table)); }
  static Vector divide_rounded(Vector sums, double divisor) {
    const float64x2_t quotient = vdivq_f64(vcvtq_f64_s64(sums), vdupq_n_f64(divisor));
    const float64x2_t signed_half = vbslq_f64(vdupq_n_u64(0x8000000000000000ull), quotient, vdupq_n_f64(0.5));
    float64x2_t rounded = vrndq_f64(vaddq_f64(quotient, signed_half));  // toward zero
    rounded = vminq_f64(vmaxq_f64(rounded, vdupq_n_f64(static_cast<double>(std::numeric_limits<T>::min()))),
                        vdupq_n_f64(static_cast<double>(std::numeric_limits<T>::max())));
    return vcvtq_s64_f64(rounded);
  }
  // Writes exactly `width` elements.
  static void store(T* p, Vector v) {
    if constexpr (std::is_signed_v<T>) vst1_s32(p, vmovn_s64(v));
    else vst1_u32(p, vmovn_u64(vreinterpretq_u64_s64(v)));
  }
};

// Four float64 planes side by side: a 4x4 block transposed so each quad holds one element of
// each plane, planes 0 and 1 in `low`, 2 and 3 in `high`.
struct NeonPlaneQuads64 {
  using Element = double;
  struct Quad {
    float64x2_t low, high;
  };
  using Sums = Quad;
  static Quad load(const double* p) { return {vld1q_f64(p), vld1q_f64(p + 2)}; }
  static Quad gather(const double* p0, const double* p1, const double* p2, const double* p3) {
    return {vcombine_f64(vld1_f64(p0), vld1_f64(p1)), vcombine_f64(vld1_f64(p2), vld1_f64(p3))};
  }
  static void transpose(Quad& a, Quad& b, Quad& c, Quad& d) {
    const Quad first{vzip1q_f64(a.low, b.low), vzip1q_f64(c.low, d.low)};
    const Quad second{vzip2q_f64(a.low, b.low), vzip2q_f64(c.low, d.low)};
    const Quad third{vzip1q_f64(a.high, b.high), vzip1q_f64(c.high, d.high)};
    const Quad fourth{vzip2q_f64(a.high, b.high), vzip2q_f64(c.high, d.high)};
    a = first, b = second, c = third, d = fourth;
  }
  static Sums zero() { return {vdupq_n_f64(0.0), vdupq_n_f64(0.0)}; }
  static Sums add(Sums s, Quad q) { return {vaddq_f64(s.low, q.low), vaddq_f64(s.high, q.high)}; }
  static void store_averages(double* p, Sums s, double count) {
    const float64x2_t divisor = vdupq_n_f64(count);
    vst1q_f64(p, vdivq_f64(s.low, divisor));
    vst1q_f64(p + 2, vdivq_f64(s.high, divisor));
  }
};

// Model input's conversion (model_input/uint8_planes.h): four 16-bit window values s to float32 through
// y' = fma(s, alpha, beta) in double, two lanes at a time; the returned bits are the lanes to
// recompute by the exact rule (the 29 bits below float precision within margin of the midpoint,
// |y'| < smallest, or |y'| >= 2^127).
struct NeonAffineToFloat {
  static constexpr int width = 4;
  struct Constants {
    float64x2_t alpha, beta, smallest;
  };
  static Constants constants(double alpha, double beta, double smallest) {
    return {vdupq_n_f64(alpha), vdupq_n_f64(beta), vdupq_n_f64(smallest)};
  }
  static uint64x2_t flagged(float64x2_t y, const Constants& k, int64_t margin) {
    const uint64x2_t below = vandq_u64(vreinterpretq_u64_f64(y), vdupq_n_u64((uint64_t{1} << 29) - 1));
    const uint64x2_t offset = vsubq_u64(below, vdupq_n_u64((uint64_t{1} << 28) - static_cast<uint64_t>(margin)));
    const uint64x2_t near_midpoint = vcleq_u64(offset, vdupq_n_u64(2 * static_cast<uint64_t>(margin)));
    const float64x2_t magnitude = vabsq_f64(y);
    const uint64x2_t in_range = vandq_u64(vcgeq_f64(magnitude, k.smallest), vcltq_f64(magnitude, vdupq_n_f64(0x1p127)));
    return vorrq_u64(near_midpoint, veorq_u64(in_range, vdupq_n_u64(~uint64_t{0})));
  }
  static unsigned convert(const uint16_t* values, const Constants& k, int64_t margin, float* out) {
    const int32x4_t s = vreinterpretq_s32_u32(vmovl_u16(vld1_u16(values)));
    const float64x2_t low = vfmaq_f64(k.beta, vcvtq_f64_s64(vmovl_s32(vget_low_s32(s))), k.alpha);
    const float64x2_t high = vfmaq_f64(k.beta, vcvtq_f64_s64(vmovl_s32(vget_high_s32(s))), k.alpha);
    vst1q_f32(out, vcombine_f32(vcvt_f32_f64(low), vcvt_f32_f64(high)));
    const uint64x2_t a = flagged(low, k, margin), b = flagged(high, k, margin);
    return static_cast<unsigned>((vgetq_lane_u64(a, 0) & 1) | (vgetq_lane_u64(a, 1) & 2) | (vgetq_lane_u64(b, 0) & 4) |
                                 (vgetq_lane_u64(b, 1) & 8));
  }
};

// Model input's RGB 2x2 windows (model_input/uint8_planes.h): the sums of 2x2 blocks of two rows
// of RGB pixels, 8 outputs at a time, written as three planes: vld3 splits the channels and a
// pairwise widening add sums each channel's neighbours. Returns the outputs done (a multiple of 8).
struct NeonRgbWindowSums {
  static int64_t sum_2x2(const uint8_t* row0, const uint8_t* row1, int64_t outputs, int64_t readable, uint16_t* red,
                         uint16_t* green, uint16_t* blue) {
    int64_t done = 0;
    for (; done + 8 <= outputs && (done + 8) * 6 <= readable; done += 8) {
      const uint8x16x3_t top = vld3q_u8(row0 + done * 6);
      const uint8x16x3_t bottom = vld3q_u8(row1 + done * 6);
      vst1q_u16(red + done, vaddq_u16(vpaddlq_u8(top.val[0]), vpaddlq_u8(bottom.val[0])));
      vst1q_u16(green + done, vaddq_u16(vpaddlq_u8(top.val[1]), vpaddlq_u8(bottom.val[1])));
      vst1q_u16(blue + done, vaddq_u16(vpaddlq_u8(top.val[2]), vpaddlq_u8(bottom.val[2])));
    }
    return done;
  }
};

// The roles these operations fill for the kernel templates (isa_roles.h).
struct NeonIsa
    : FloatRoles<NeonFloat32, NeonFloat64, NeonPlaneQuads, NeonPlaneQuads64>,
      IntegerRoles<NeonIntegers, NeonIntegerSums, NeonIntegerSums64, NeonByteSums16, NeonBytes, NeonByteLanes32> {
  using AffineToFloat = NeonAffineToFloat;
  using RgbWindowSums = NeonRgbWindowSums;
};

}  // namespace
}  // namespace poolnd
