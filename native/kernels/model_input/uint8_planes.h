// The vector path of model input (model_input.h): uint8 channels-last 2-d windows with stride
// equal to the kernel width, to float32 channels-first, compiled by each ISA's unit with its own
// flags (microkernels.inc). Per output row: the window rows are split into channel planes and
// reduced in 16-bit lanes and each plane's windows reduced across their width (plain loops the
// compiler vectorises), then every value is converted by one fused multiply-add in double
// (Isa::AffineToFloat, in the ISA's operations header),
//   y' = fma(s, alpha[c], beta[c])  (alpha = scale / divisor / std, beta = -mean / std),
// and rounded to float32. The exact rule rounds (s / divisor * scale - mean) / std, each step in
// double, to float32; y' is within u(8|y'| + 6M) of that double value (u = 2^-53, M = |mean / std|,
// ModelInputPlan::fill_affine), under 2^15 units in y''s last place once |y'| >= M * 2^-12, so
// where no float32 rounding boundary lies that close, both round to the same float. Values that
// close to a boundary (their 29 bits below float precision within 2^16 of the midpoint), or
// smaller than M * 2^-12, or near float32's limits, are recomputed by the exact rule: about 3 in
// 10,000 for ImageNet's normalisation.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "model_input.h"

namespace poolnd {
// Internal linkage: each ISA's unit compiles its own copy.
namespace {

template <typename Isa>
struct Uint8ToFloatPlanes {
  static void run(const ModelInputPlan& plan, int64_t first_item, int64_t end_item) {
    const int64_t channels = plan.request.geometry.channels;
    const int64_t width = plan.request.geometry.kernel_size[2];
    const bool maximum = plan.request.operation == PoolOperation::max_pool;
    if (channels == 3) return by_width<3>(plan, first_item, end_item, width, maximum);
    by_width<4>(plan, first_item, end_item, width, maximum);
  }

  template <int channels>
  static void by_width(const ModelInputPlan& plan, int64_t first_item, int64_t end_item, int64_t width, bool maximum) {
    switch (width * 2 + (maximum ? 1 : 0)) {
      case 2: return rows<channels, 1, false>(plan, first_item, end_item);
      case 3: return rows<channels, 1, true>(plan, first_item, end_item);
      case 4: return rows<channels, 2, false>(plan, first_item, end_item);
      case 5: return rows<channels, 2, true>(plan, first_item, end_item);
      case 6: return rows<channels, 3, false>(plan, first_item, end_item);
      case 7: return rows<channels, 3, true>(plan, first_item, end_item);
      case 8: return rows<channels, 4, false>(plan, first_item, end_item);
      default: return rows<channels, 4, true>(plan, first_item, end_item);
    }
  }

  template <bool maximum>
  static uint16_t reduce(uint16_t a, uint16_t b) {
    if constexpr (maximum) {
      return std::max(a, b);
    } else {
      return static_cast<uint16_t>(a + b);
    }
  }

  // Work items are output pixels; a run of them within one output row at a time.
  template <int channels, int kernel_width, bool maximum>
  static void rows(const ModelInputPlan& plan, int64_t first_item, int64_t end_item) {
    const WindowGeometry& g = plan.request.geometry;
    const int64_t input_width = g.input_size[2];
    const int64_t output_width = g.output_size[2];
    const int64_t plane = g.output_size[1] * output_width;
    const int64_t kernel_height = g.kernel_size[1];
    const auto* input = static_cast<const uint8_t*>(plan.request.input);
    auto* output = static_cast<float*>(plan.request.output);
    const int64_t row_values = input_width * channels;
    // Per channel: the window rows' reduced columns, then the windows' sums (or maxima).
    std::vector<uint16_t> columns(static_cast<size_t>(channels * input_width));
    std::vector<uint8_t> row_maxima(maximum ? static_cast<size_t>(row_values) : 0);
    std::vector<int32_t> windows(static_cast<size_t>(channels * output_width));
    int64_t pixel = first_item;
    while (pixel < end_item) {
      const int64_t image = pixel / plane;
      const int64_t oh = (pixel % plane) / output_width;
      const int64_t first_ow = pixel % output_width;
      const int64_t count = std::min(output_width, first_ow + (end_item - pixel)) - first_ow;
      const int64_t span = count * kernel_width;  // input columns of these windows
      const uint8_t* rows =
          input + (image * g.input_size[1] + oh * g.stride[1]) * row_values + first_ow * kernel_width * channels;
      split_rows<channels, maximum>(rows, row_values, kernel_height, span, input_width, row_maxima.data(),
                                    columns.data());
      for (int c = 0; c < channels; ++c) {
        const uint16_t* column = columns.data() + c * input_width;
        int32_t* window = windows.data() + c * output_width;
        for (int64_t o = 0; o < count; ++o) {
          uint16_t value = column[o * kernel_width];
          for (int j = 1; j < kernel_width; ++j) value = reduce<maximum>(value, column[o * kernel_width + j]);
          window[o] = value;
        }
        convert(plan, c, window, count, output + (image * channels + c) * plane + oh * output_width + first_ow);
      }
      pixel += count;
    }
  }

  // The kernel_height rows of `span` pixels split into channel planes (`stride` apart) and reduced.
  // Sums: all rows of a column at once, into 16 bits. Maxima: the rows first, whole, in bytes (the
  // compiler vectorises that, and not a maximum taken while splitting), then split.
  template <int channels, bool maximum>
  static void split_rows(const uint8_t* rows, int64_t row_values, int64_t kernel_height, int64_t span, int64_t stride,
                         uint8_t* row_maxima, uint16_t* planes) {
    if constexpr (maximum) {
      const int64_t values = span * channels;
      std::memcpy(row_maxima, rows, static_cast<size_t>(values));
      for (int64_t row = 1; row < kernel_height; ++row) {
        const uint8_t* next = rows + row * row_values;
        for (int64_t x = 0; x < values; ++x) row_maxima[x] = std::max(row_maxima[x], next[x]);
      }
      return split_rows_of<channels, 1>(row_maxima, row_values, span, stride, planes);
    }
    switch (kernel_height) {
      case 1: return split_rows_of<channels, 1>(rows, row_values, span, stride, planes);
      case 2: return split_rows_of<channels, 2>(rows, row_values, span, stride, planes);
      case 3: return split_rows_of<channels, 3>(rows, row_values, span, stride, planes);
      default: return split_rows_of<channels, 4>(rows, row_values, span, stride, planes);
    }
  }

  template <int channels, int kernel_height>
  static void split_rows_of(const uint8_t* rows, int64_t row_values, int64_t span, int64_t stride, uint16_t* planes) {
    for (int64_t i = 0; i < span; ++i) {
      for (int c = 0; c < channels; ++c) {
        uint16_t sum = rows[i * channels + c];
        for (int row = 1; row < kernel_height; ++row)
          sum = static_cast<uint16_t>(sum + rows[row * row_values + i * channels + c]);
        planes[c * stride + i] = sum;
      }
    }
  }

  static void convert(const ModelInputPlan& plan, int channel, const int32_t* reduced, int64_t count, float* to) {
    using AffineToFloat = typename Isa::AffineToFloat;
    constexpr int width = AffineToFloat::width;
    constexpr int64_t kMargin = int64_t{1} << 16;
    const ModelInputPlan::Affine& affine = plan.affine[channel];
    const typename AffineToFloat::Constants constants =
        AffineToFloat::constants(affine.alpha, affine.beta, affine.smallest);
    // A block is converted, and only when some lane of it was flagged (rarely) converted again,
    // lane masks kept, to redo those lanes: the hot loop calls nothing and keeps its constants in
    // registers.
    constexpr int64_t block = 8 * width;
    int64_t o = 0;
    for (; o + width <= count; o += block) {
      const int64_t end = std::min(count - width + 1, o + block);
      unsigned any = 0;
      for (int64_t at = o; at < end; at += width)
        any |= AffineToFloat::convert(reduced + at, constants, kMargin, to + at);
      if (any == 0) continue;
      for (int64_t at = o; at < end; at += width) {
        for (unsigned lanes = AffineToFloat::convert(reduced + at, constants, kMargin, to + at); lanes != 0;
             lanes &= lanes - 1) {
          const int64_t lane = at + __builtin_ctz(lanes);
          to[lane] = exact_uint8_model_input(plan, reduced[lane], channel);
        }
      }
    }
    o = count - count % width;  // past the last whole chunk
    for (; o < count; ++o) to[o] = exact_uint8_model_input(plan, reduced[o], channel);
  }
};

}  // namespace
}  // namespace poolnd
