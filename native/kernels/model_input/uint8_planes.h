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

#include "../compiler.h"
#include "model_input.h"

namespace poolnd {
// Internal linkage: each ISA's unit compiles its own copy.
namespace {

template <typename Isa>
struct Uint8ToFloatPlanes {
  // Values whose 29 bits below float precision lie this close to the midpoint are redone.
  static constexpr int64_t kMargin = int64_t{1} << 16;

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
    // Per channel: the window rows' reduced columns, then the windows' sums (or maxima); and the
    // rows' maxima before they are split.
    const size_t column_bytes = static_cast<size_t>(channels * input_width) * sizeof(uint16_t);
    const size_t window_bytes = static_cast<size_t>(channels * output_width) * sizeof(uint16_t);
    const ModelInputScratch scratch(column_bytes + window_bytes + static_cast<size_t>(row_values));
    uint16_t* const columns = scratch.at<uint16_t>(0);
    uint16_t* const windows = scratch.at<uint16_t>(column_bytes);
    uint8_t* const row_maxima = scratch.at<uint8_t>(column_bytes + window_bytes);
    int64_t pixel = first_item;
    while (pixel < end_item) {
      const int64_t image = pixel / plane;
      const int64_t oh = (pixel % plane) / output_width;
      const int64_t first_ow = pixel % output_width;
      const int64_t count = std::min(output_width, first_ow + (end_item - pixel)) - first_ow;
      const int64_t span = count * kernel_width;  // input columns of these windows
      const uint8_t* rows =
          input + (image * g.input_size[1] + oh * g.stride[1]) * row_values + first_ow * kernel_width * channels;
      if constexpr (channels == 3 && kernel_width == 2 && !maximum) {
        // RGB halved, the common case: the ISA's own 2x2 sums straight into the window planes.
        if (kernel_height == 2) {
          uint16_t* window = windows;
          const int64_t readable = row_values - first_ow * kernel_width * channels;
          const int64_t done = Isa::RgbWindowSums::sum_2x2(rows, rows + row_values, count, readable, window,
                                                           window + output_width, window + 2 * output_width);
          rgb_2x2_tail(rows, row_values, done, count, window, output_width);
          for (int c = 0; c < channels; ++c) {
            convert(plan, c, window + c * output_width, count,
                    output + (image * channels + c) * plane + oh * output_width + first_ow);
          }
          pixel += count;
          continue;
        }
      }
      split_rows<channels, maximum>(rows, row_values, kernel_height, span, input_width, row_maxima, columns);
      for (int c = 0; c < channels; ++c) {
        const uint16_t* column = columns + c * input_width;
        const uint16_t* reduced = column;  // a window of one column is its column
        if constexpr (kernel_width > 1) {
          uint16_t* window = windows + c * output_width;
          for (int64_t o = 0; o < count; ++o) {
            uint16_t value = column[o * kernel_width];
            for (int j = 1; j < kernel_width; ++j) value = reduce<maximum>(value, column[o * kernel_width + j]);
            window[o] = value;
          }
          reduced = window;
        }
        convert(plan, c, reduced, count, output + (image * channels + c) * plane + oh * output_width + first_ow);
      }
      pixel += count;
    }
  }

  // Outputs [done, count) of the RGB 2x2 sums, one at a time.
  static void rgb_2x2_tail(const uint8_t* rows, int64_t row_values, int64_t done, int64_t count, uint16_t* planes,
                           int64_t stride) {
    for (int64_t o = done; o < count; ++o) {
      for (int c = 0; c < 3; ++c) {
        const int64_t at = o * 6 + c;
        planes[c * stride + o] =
            static_cast<uint16_t>(rows[at] + rows[at + 3] + rows[row_values + at] + rows[row_values + at + 3]);
      }
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

  static void convert(const ModelInputPlan& plan, int channel, const uint16_t* reduced, int64_t count, float* to) {
    using AffineToFloat = typename Isa::AffineToFloat;
    constexpr int width = AffineToFloat::width;
    const ModelInputPlan::Affine& affine = plan.affine[channel];
    const typename AffineToFloat::Constants constants =
        AffineToFloat::constants(affine.alpha, affine.beta, affine.smallest);
    // A block is converted by a loop that calls nothing (so its constants stay in registers), and
    // only when some lane of it was flagged (rarely) converted again chunk by chunk, lane masks
    // kept, to redo those lanes by the exact rule.
    constexpr int64_t kChunksPerBlock = 32;
    const int64_t chunks = count / width;
    for (int64_t chunk = 0; chunk < chunks; chunk += kChunksPerBlock) {
      const int64_t block_chunks = std::min(kChunksPerBlock, chunks - chunk);
      const int64_t at = chunk * width;
      if (convert_chunks(reduced + at, block_chunks, constants, to + at) == 0) continue;
      for (int64_t redo = at; redo < at + block_chunks * width; redo += width) {
        for (unsigned lanes = AffineToFloat::convert(reduced + redo, constants, kMargin, to + redo); lanes != 0;
             lanes &= lanes - 1) {
          const int64_t lane = redo + lowest_set_bit(lanes);
          to[lane] = exact_uint8_model_input(plan, reduced[lane], channel);
        }
      }
    }
    for (int64_t o = chunks * width; o < count; ++o) to[o] = exact_uint8_model_input(plan, reduced[o], channel);
  }

  // `chunks` chunks of the ISA's width converted; the union of their flagged lanes.
  POOLND_NOINLINE static unsigned convert_chunks(const uint16_t* values, int64_t chunks,
                                                 const typename Isa::AffineToFloat::Constants& constants, float* to) {
    using AffineToFloat = typename Isa::AffineToFloat;
    unsigned any = 0;
    for (int64_t chunk = 0; chunk < chunks; ++chunk) {
      any |= AffineToFloat::convert(values + chunk * AffineToFloat::width, constants, kMargin,
                                    to + chunk * AffineToFloat::width);
    }
    return any;
  }
};

}  // namespace
}  // namespace poolnd
