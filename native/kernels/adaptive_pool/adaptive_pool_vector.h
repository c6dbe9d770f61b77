// Channels-first adaptive pooling along rows, for the float max and average kernels: each
// output row's bins through one vector pass, the bins' starts and widths computed once a call.
#pragma once

#include "../walkers.h"

namespace poolnd {
namespace {

// Whether the adaptive rows take a request: they compare bin widths in T, exactly only while a
// row has at most 2^24 elements.
inline bool suits_adaptive_rows(const WindowGeometry& g) { return g.input_size[2] <= (int64_t{1} << 24); }

// Channels-first adaptive bins along one output row (see AdaptiveRowsKernel): lane k follows
// output i + k through each bin row's taps in order, gathered at the bins' own starts. A tap past
// a shorter bin's end repeats its last tap for a max (which never takes it: a NaN takes itself
// again, the same bits) and adds zero to a sum (never -0, so unchanged). Blocks as
// for_each_gathered_block: the last moved back, or one narrower block through memory.
template <typename Ops, bool average>
POOLND_NOINLINE void adaptive_rows(const typename Ops::Scalar* const* rows, int64_t row_count, const int32_t* starts,
                                   const int32_t* lengths, int64_t outputs, typename Ops::Scalar depth,
                                   typename Ops::Scalar height, typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  const auto block = [&](int64_t i, int64_t count) {
    alignas(64) int32_t first[width], last[width], offsets[width];
    alignas(64) T bin_widths[width];  // as the scalar kernel divides: the count in T
    int32_t shortest = lengths[i], longest = lengths[i];
    for (int64_t k = 0; k < width; ++k) {
      const int64_t j = i + std::min(k, count - 1);
      first[k] = starts[j];
      last[k] = starts[j] + lengths[j] - 1;
      bin_widths[k] = static_cast<T>(lengths[j]);
      shortest = std::min(shortest, lengths[j]);
      longest = std::max(longest, lengths[j]);
    }
    const auto widths = Ops::load(bin_widths);
    auto best = Ops::gather_lanes(rows[0], first);
    auto sum = Ops::zero();
    for (int64_t r = 0; r < row_count; ++r) {
      for (int32_t t = 0; t < longest; ++t) {
        typename Ops::Vector value;
        if (t < shortest) {
          value = Ops::gather_lanes(rows[r] + t, first);
        } else {
          for (int64_t k = 0; k < width; ++k) offsets[k] = std::min(first[k] + t, last[k]);
          value = Ops::gather_lanes(rows[r], offsets);
          if (average)
            value = Ops::select(Ops::greater_or_nan(widths, Ops::splat(static_cast<T>(t))), value, Ops::zero());
        }
        if (average) {
          sum = Ops::add(sum, value);
        } else if (r > 0 || t > 0) {
          best = Ops::select(Ops::greater_or_nan(value, best), value, best);
        }
      }
    }
    const auto result =
        average ? Ops::divide(Ops::divide(Ops::divide(sum, Ops::splat(depth)), Ops::splat(height)), widths) : best;
    alignas(64) T values[width];
    Ops::store(values, result);
    std::copy(values, values + count, output + i);
  };
  if (outputs < width) return block(0, outputs);
  for (int64_t i = 0; i < outputs; i += width) block(std::min(i, outputs - width), width);
}

// Channels-first adaptive output rows [first_item, end_item), floats: each row's bin rows through
// the adaptive rows microkernel, the bins along width computed once (see suits_adaptive_rows).
template <typename T, AdaptiveRowsKernel<T> microkernel>
void for_each_adaptive_row(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const WindowGeometry& g = request.geometry;
  const T* input = static_cast<const T*>(request.input);
  T* output = static_cast<T*>(request.output);
  const int64_t outputs = g.output_size[2];
  Scratch<int32_t> starts(outputs), lengths(outputs);
  for (int64_t ow = 0; ow < outputs; ++ow) {
    const TapRange bin = real_taps(g, 2, ow);
    starts.push_back(static_cast<int32_t>(bin.start));
    lengths.push_back(static_cast<int32_t>(bin.count()));
  }
  // A bin spans at most ceil(in / out) + 1 rows per dim.
  Scratch<const T*> rows((g.input_size[0] / g.output_size[0] + 2) * (g.input_size[1] / g.output_size[1] + 2));
  OutputRow at = output_row(g, first_item);
  for (int64_t row = first_item; row < end_item; ++row, advance_output_row(g, at)) {
    const TapRange depth = real_taps(g, 0, at.od);
    const TapRange height = real_taps(g, 1, at.oh);
    const T* plane = input + at.plane * g.input_plane();
    rows.clear();
    for (int64_t kd = 0; kd < depth.count(); ++kd) {
      for (int64_t kh = 0; kh < height.count(); ++kh) {
        rows.push_back(plane + ((depth.start + kd) * g.input_size[1] + height.start + kh) * g.input_size[2]);
      }
    }
    microkernel(rows.data(), rows.size(), starts.data(), lengths.data(), outputs, static_cast<T>(depth.count()),
                static_cast<T>(height.count()), output + row * outputs);
  }
}

}  // namespace
}  // namespace poolnd
