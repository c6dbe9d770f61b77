// One window reduced by the reference rules: the scalar kernels apply these to every window,
// and the vector drivers to the border windows their microkernels leave out.
#pragma once

#include <type_traits>

#include "window.h"

namespace poolnd {
// Internal linkage: vector translation units include this too, built with their ISA's flags.
namespace {

// Best value and its plane offset over one window; offset -1 when no tap is real. PyTorch's
// rule: a tap wins when it is greater than the best so far or is NaN, so ties keep the first
// tap and the last NaN wins.
template <typename T>
struct WindowMaximum {
  T value = lowest_value<T>();
  int64_t offset = -1;

  // Branch-free (bitwise ors, selects): which tap wins is data, and mispredicted jumps on it
  // cost more than the whole comparison.
  void consider(T candidate, int64_t candidate_offset) {
    const bool takes = (offset < 0) | (candidate > value) | is_nan(candidate);
    value = select_without_branch(takes, candidate, value);
    offset = select_without_branch(takes, candidate_offset, offset);
  }
};

template <typename T>
inline WindowMaximum<T> window_maximum(const WindowGeometry& g, const TapRange& depth, const TapRange& height,
                                       const TapRange& width, const T* values, int64_t value_stride) {
  WindowMaximum<T> best;
  for_each_real_tap(g, depth, height, width,
                    [&](int64_t offset) { best.consider(values[offset * value_stride], offset); });
  return best;
}

template <typename T, typename Accumulator>
inline T finish_average(Accumulator sum, int64_t divisor) {
  if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(sum / static_cast<Accumulator>(divisor));
  } else {
    return round_divide_clamped<T>(sum, divisor);
  }
}

// PyTorch's summation: real taps only, in row-major window order, in the accumulator type,
// then one division (adaptive floats: one per dim). A window without a real tap gives 0.
template <typename T, typename Accumulator>
inline T window_average(const PoolRequest& request, const TapRange& depth, const TapRange& height,
                        const TapRange& width, const T* values, int64_t value_stride) {
  if (depth.count() == 0 || height.count() == 0 || width.count() == 0) return T(0);
  Accumulator sum = 0;
  for_each_real_tap(request.geometry, depth, height, width,
                    [&](int64_t offset) { sum += static_cast<Accumulator>(values[offset * value_stride]); });
  if constexpr (std::is_floating_point_v<T>) {
    if (request.geometry.window_kind == WindowKind::adaptive) {
      // PyTorch's adaptive average divides by each dim's extent in turn, rounding each time.
      return sum / static_cast<Accumulator>(depth.count()) / static_cast<Accumulator>(height.count()) /
             static_cast<Accumulator>(width.count());
    }
  }
  return finish_average<T, Accumulator>(sum, average_divisor(request, depth, height, width));
}

}  // namespace
}  // namespace poolnd
