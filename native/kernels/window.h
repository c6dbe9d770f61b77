// Window arithmetic shared by every pooling kernel: which taps of a window land on real input.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "compiler.h"
#include "pool_request.h"

namespace poolnd {
// Internal linkage: vector translation units include this too, built with their ISA's flags.
namespace {

// Taps j in [first, end) of one window along one dim lie inside the input, at
// input position start + j * dilation. Padding taps are the rest of [0, kernel).
// Adaptive windows have dilation 1 and no padding, so every tap in [0, count) is real.
struct TapRange {
  int64_t start;
  int64_t first;
  int64_t end;
  int64_t count() const { return end - first; }
};

inline int64_t ceil_div_positive(int64_t numerator, int64_t denominator) {
  return (numerator + denominator - 1) / denominator;
}

// (a * b + add) / divisor, the product and sum in 128 bits; the quotient fits 64 bits.
inline uint64_t multiply_add_divide(uint64_t a, uint64_t b, uint64_t add, uint64_t divisor) {
#if defined(__SIZEOF_INT128__)
  using Wide = unsigned __int128;
  return static_cast<uint64_t>((static_cast<Wide>(a) * b + add) / divisor);
#else  // MSVC on x64
  uint64_t high = 0;
  const uint64_t low = _umul128(a, b, &high);
  const uint64_t sum = low + add;
  high += sum < low ? 1 : 0;
  uint64_t remainder = 0;
  return _udiv128(high, sum, divisor, &remainder);
#endif
}

// An adaptive bin is never empty and never leaves the input. The products use 128 bits because
// i * in can pass 2^63 when both sizes are near 2^32.
// Out of line: its 128-bit divisions would stop real_taps, on every window's path, from inlining.
POOLND_NOINLINE inline TapRange adaptive_bin(const WindowGeometry& g, int dim, int64_t output_index) {
  const auto input = static_cast<uint64_t>(g.input_size[dim]);
  const auto output = static_cast<uint64_t>(g.output_size[dim]);
  const auto index = static_cast<uint64_t>(output_index);
  const auto start = static_cast<int64_t>(multiply_add_divide(index, input, 0, output));
  const auto end = static_cast<int64_t>(multiply_add_divide(index + 1, input, output - 1, output));
  return {start, 0, end - start};
}

// Whether every adaptive bin of a request has one size per dim (input sizes divide evenly).
inline bool has_uniform_bins(const WindowGeometry& g) {
  bool uniform = g.window_kind == WindowKind::adaptive;
  for (int dim = 0; dim < kSpatialDims; ++dim) uniform = uniform && g.input_size[dim] % g.output_size[dim] == 0;
  return uniform;
}

// Such a request's bins as strided windows, kernel = stride = input / output, without padding:
// the same taps in the same order. Every window counts its own taps.
inline PoolRequest uniform_bins_as_strided(const PoolRequest& request) {
  PoolRequest strided = request;
  WindowGeometry& g = strided.geometry;
  g.window_kind = WindowKind::strided;
  for (int dim = 0; dim < kSpatialDims; ++dim) {
    g.kernel_size[dim] = g.stride[dim] = g.input_size[dim] / g.output_size[dim];
    g.pad_begin[dim] = g.pad_end[dim] = 0;
    g.dilation[dim] = 1;
  }
  strided.count_include_pad = false;
  strided.divisor_override = 0;
  return strided;
}

POOLND_ALWAYS_INLINE inline TapRange real_taps(const WindowGeometry& g, int dim, int64_t output_index) {
  if (g.window_kind == WindowKind::adaptive) return adaptive_bin(g, dim, output_index);
  const int64_t start = output_index * g.stride[dim] - g.pad_begin[dim];
  const int64_t dilation = g.dilation[dim];
  const int64_t input = g.input_size[dim];
  if (dilation == 1) {  // the common case, without the divisions
    const int64_t first = std::max<int64_t>(0, -start);
    const int64_t end = std::min(g.kernel_size[dim], input - start);
    return {start, first, std::max(first, end)};
  }
  const int64_t first = start < 0 ? ceil_div_positive(-start, dilation) : 0;
  const int64_t past_input = input - start;
  int64_t end = past_input <= 0 ? 0 : std::min(g.kernel_size[dim], ceil_div_positive(past_input, dilation));
  return {start, first, std::max(first, end)};
}

// PyTorch's count_include_pad divisor along one dim: taps before input + pad_end, padding included.
inline int64_t taps_inside_padded_input(const WindowGeometry& g, int dim, int64_t start) {
  const int64_t limit = g.input_size[dim] + g.pad_end[dim] - start;
  if (limit <= 0) return 0;
  return std::min(g.kernel_size[dim], g.dilation[dim] == 1 ? limit : ceil_div_positive(limit, g.dilation[dim]));
}

// An average's divisor over a window with real taps: divisorOverride, the real taps, or
// PyTorch's count_include_pad count.
inline int64_t average_divisor(const PoolRequest& request, const TapRange& depth, const TapRange& height,
                               const TapRange& width) {
  if (request.divisor_override > 0) return request.divisor_override;
  if (!request.count_include_pad) return depth.count() * height.count() * width.count();
  const WindowGeometry& g = request.geometry;
  return taps_inside_padded_input(g, 0, depth.start) * taps_inside_padded_input(g, 1, height.start) *
         taps_inside_padded_input(g, 2, width.start);
}

// Work item coordinates. Channels-first: an output row (od, oh) of one (n, c) plane.
struct OutputRow {
  int64_t plane, od, oh;
};

inline OutputRow output_row(const WindowGeometry& g, int64_t row) {
  const int64_t rows_per_plane = g.output_size[0] * g.output_size[1];
  return {row / rows_per_plane, (row % rows_per_plane) / g.output_size[1], row % g.output_size[1]};
}

// The row after `at`, without output_row's divisions.
inline void advance_output_row(const WindowGeometry& g, OutputRow& at) {
  if (++at.oh < g.output_size[1]) return;
  at.oh = 0;
  if (++at.od < g.output_size[0]) return;
  at.od = 0;
  ++at.plane;
}

// Channels-last: an output pixel (od, oh, ow) of image n, all channels.
struct OutputPixel {
  int64_t n, od, oh, ow;
};

inline OutputPixel output_pixel(const WindowGeometry& g, int64_t pixel) {
  const int64_t within = pixel % g.output_plane();
  return {pixel / g.output_plane(), within / (g.output_size[1] * g.output_size[2]),
          (within / g.output_size[2]) % g.output_size[1], within % g.output_size[2]};
}

// Visits the window's real taps in row-major window order with their plane offsets.
template <typename Visit>
inline void for_each_real_tap(const WindowGeometry& g, const TapRange& depth, const TapRange& height,
                              const TapRange& width, Visit&& visit) {
  for (int64_t kd = depth.first; kd < depth.end; ++kd) {
    const int64_t id = depth.start + kd * g.dilation[0];
    for (int64_t kh = height.first; kh < height.end; ++kh) {
      const int64_t ih = height.start + kh * g.dilation[1];
      const int64_t row_offset = (id * g.input_size[1] + ih) * g.input_size[2];
      for (int64_t kw = width.first; kw < width.end; ++kw) {
        visit(row_offset + width.start + kw * g.dilation[2]);
      }
    }
  }
}

// Visits channels-last output pixels [first_item, end_item) in order: visit(pixel, image,
// depth, height, width) with the window's tap ranges. One output row at a time, so a row's depth
// and height taps are worked out once and no pixel's coordinates are divided out.
template <typename Visit>
inline void for_each_channels_last_pixel(const WindowGeometry& g, int64_t first_item, int64_t end_item, Visit&& visit) {
  const int64_t output_width = g.output_size[2];
  int64_t pixel = first_item;
  while (pixel < end_item) {
    const OutputPixel at = output_pixel(g, pixel);
    const TapRange depth = real_taps(g, 0, at.od);
    const TapRange height = real_taps(g, 1, at.oh);
    const int64_t row_end = std::min(end_item, pixel + output_width - at.ow);
    for (int64_t ow = at.ow; pixel < row_end; ++pixel, ++ow) visit(pixel, at.n, depth, height, real_taps(g, 2, ow));
  }
}

// Visits the windows of work items [first_item, end_item) of a windowed request (see
// pool_kernels.h) in output order: visit(output_offset, depth, height, width, values, value_stride),
// where a tap at plane offset o reads values[o * value_stride]. Channels-first items are output
// rows of one plane; channels-last items are output pixels, one window per channel.
template <typename T, Layout layout, typename Visit>
inline void for_each_window(const PoolRequest& request, int64_t first_item, int64_t end_item, Visit&& visit) {
  const WindowGeometry& g = request.geometry;
  const T* input = static_cast<const T*>(request.input);
  if constexpr (layout == Layout::channels_first) {
    const int64_t output_width = g.output_size[2];
    OutputRow at = output_row(g, first_item);
    for (int64_t row = first_item; row < end_item; ++row, advance_output_row(g, at)) {
      const TapRange depth = real_taps(g, 0, at.od);
      const TapRange height = real_taps(g, 1, at.oh);
      const T* plane_input = input + at.plane * g.input_plane();
      for (int64_t ow = 0; ow < output_width; ++ow) {
        visit(row * output_width + ow, depth, height, real_taps(g, 2, ow), plane_input, int64_t{1});
      }
    }
  } else {
    const int64_t channels = g.channels;
    for_each_channels_last_pixel(
        g, first_item, end_item,
        [&](int64_t pixel, int64_t image, const TapRange& depth, const TapRange& height, const TapRange& width) {
          const T* pixels = input + image * g.input_plane() * channels;
          for (int64_t c = 0; c < channels; ++c) {
            visit(pixel * channels + c, depth, height, width, pixels + c, channels);
          }
        });
  }
}

// The value padding stands for in max pooling: it never wins.
template <typename T>
constexpr T lowest_value() {
  if constexpr (std::is_floating_point_v<T>) {
    return -std::numeric_limits<T>::infinity();
  } else {
    return std::numeric_limits<T>::min();
  }
}

template <typename T>
inline bool is_nan(T value) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::isnan(value);
  } else {
    (void)value;
    return false;
  }
}

// c ? if_true : if_false without a jump, for data-dependent choices a branch predictor cannot
// learn (which tap wins a max). Compilers turn a plain ?: on such data into a jump.
template <typename T>
inline T select_without_branch(bool c, T if_true, T if_false) {
  using Bits = std::conditional_t<
      sizeof(T) == 8, uint64_t,
      std::conditional_t<sizeof(T) == 4, uint32_t, std::conditional_t<sizeof(T) == 2, uint16_t, uint8_t>>>;
  Bits a, b;
  std::memcpy(&a, &if_true, sizeof(T));
  std::memcpy(&b, &if_false, sizeof(T));
  const Bits mask = static_cast<Bits>(0) - static_cast<Bits>(c);
  const Bits chosen = static_cast<Bits>((a & mask) | (b & static_cast<Bits>(~mask)));
  T result;
  std::memcpy(&result, &chosen, sizeof(T));
  return result;
}

// Integer averages: exact quotient rounded to nearest, ties away from zero, clamped to T.
template <typename T>
inline T round_divide_clamped(int64_t sum, int64_t divisor) {
  int64_t quotient = sum / divisor;
  const int64_t remainder = sum % divisor;
  const int64_t magnitude = remainder < 0 ? -remainder : remainder;
  if (magnitude >= divisor - magnitude) quotient += sum < 0 ? -1 : 1;
  quotient = std::max<int64_t>(quotient, std::numeric_limits<T>::min());
  quotient = std::min<int64_t>(quotient, std::numeric_limits<T>::max());
  return static_cast<T>(quotient);
}

}  // namespace
}  // namespace poolnd
