// Scalar reference global pooling: each (n, c) plane reduced to one value. Averages accumulate
// in double for both float types (float32 planes get the correctly rounded mean in practice)
// and exactly in int64 for integers, in plane order, then divide once.
#include <algorithm>
#include <limits>
#include <type_traits>
#include <vector>

#include "../pool_kernels.h"
#include "../window.h"

namespace poolnd {
namespace {

template <typename T>
using GlobalSum = std::conditional_t<std::is_floating_point_v<T>, double, int64_t>;

template <typename T>
inline T finish_global_average(GlobalSum<T> sum, int64_t count) {
  if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(sum / static_cast<double>(count));
  } else {
    return round_divide_clamped<T>(sum, count);
  }
}

// A NaN always takes over, as in max pooling.
template <typename T>
inline void keep_maximum(T& best, T candidate) {
  if (candidate > best || is_nan(candidate)) best = candidate;
}

// Channels-last images: each image's pixels folded, in pixel order, into one accumulator per channel.
template <typename T, typename Accumulator, typename Fold, typename Finish>
void reduce_channels_last(const PoolRequest& request, int64_t first_item, int64_t end_item, Accumulator initial,
                          Fold fold, Finish finish) {
  const int64_t plane = request.geometry.input_plane();
  const int64_t channels = request.geometry.channels;
  const T* input = static_cast<const T*>(request.input);
  T* output = static_cast<T*>(request.output);
  std::vector<Accumulator> accumulators(static_cast<size_t>(channels));
  for (int64_t image = first_item; image < end_item; ++image) {
    const T* pixels = input + image * plane * channels;
    std::fill(accumulators.begin(), accumulators.end(), initial);
    for (int64_t i = 0; i < plane; ++i) {
      for (int64_t c = 0; c < channels; ++c) fold(accumulators[c], pixels[i * channels + c]);
    }
    for (int64_t c = 0; c < channels; ++c) output[image * channels + c] = finish(accumulators[c]);
  }
}

template <typename T>
void global_max_planes(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const int64_t plane = request.geometry.input_plane();
  const T* input = static_cast<const T*>(request.input);
  T* output = static_cast<T*>(request.output);
  for (int64_t item = first_item; item < end_item; ++item) {
    const T* values = input + item * plane;
    T best = values[0];
    for (int64_t i = 1; i < plane; ++i) keep_maximum(best, values[i]);
    output[item] = best;
  }
}

template <typename T>
void global_avg_planes(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const int64_t plane = request.geometry.input_plane();
  const T* input = static_cast<const T*>(request.input);
  T* output = static_cast<T*>(request.output);
  int64_t item = first_item;
  // Eight planes at once: each plane's sum keeps its own order, and eight independent chains
  // hide the latency of a floating-point add that one chain would wait on.
  constexpr int64_t kPlanesAtOnce = 8;
  for (; item + kPlanesAtOnce <= end_item; item += kPlanesAtOnce) {
    const T* values = input + item * plane;
    GlobalSum<T> sums[kPlanesAtOnce] = {};
    for (int64_t i = 0; i < plane; ++i) {
      for (int64_t p = 0; p < kPlanesAtOnce; ++p) sums[p] += static_cast<GlobalSum<T>>(values[p * plane + i]);
    }
    for (int64_t p = 0; p < kPlanesAtOnce; ++p) output[item + p] = finish_global_average<T>(sums[p], plane);
  }
  for (; item < end_item; ++item) {
    const T* values = input + item * plane;
    GlobalSum<T> sum = 0;
    for (int64_t i = 0; i < plane; ++i) sum += static_cast<GlobalSum<T>>(values[i]);
    output[item] = finish_global_average<T>(sum, plane);
  }
}

template <typename T>
void global_max_images(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  // Starting below every value (or at -inf) keeps the first pixel's value, as a copy of it would.
  const T lowest =
      std::numeric_limits<T>::has_infinity ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::lowest();
  reduce_channels_last<T>(
      request, first_item, end_item, lowest, [](T& best, T value) { keep_maximum(best, value); },
      [](T best) { return best; });
}

template <typename T>
void global_avg_images(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const int64_t plane = request.geometry.input_plane();
  reduce_channels_last<T>(
      request, first_item, end_item, GlobalSum<T>(0),
      [](GlobalSum<T>& sum, T value) { sum += static_cast<GlobalSum<T>>(value); },
      [plane](GlobalSum<T> sum) { return finish_global_average<T>(sum, plane); });
}

}  // namespace

template <typename T, Layout layout>
void global_max_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  run_for_layout<layout, &global_max_planes<T>, &global_max_images<T>>(request, first_item, end_item);
}

template <typename T, Layout layout>
void global_avg_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  run_for_layout<layout, &global_avg_planes<T>, &global_avg_images<T>>(request, first_item, end_item);
}

#define POOLND_INSTANTIATE_GLOBAL_POOL(name, js_name, element, accumulator) \
  POOLND_INSTANTIATE_BOTH_LAYOUTS(global_max_pool_scalar, element)          \
  POOLND_INSTANTIATE_BOTH_LAYOUTS(global_avg_pool_scalar, element)
POOLND_FOR_EACH_DATA_TYPE(POOLND_INSTANTIATE_GLOBAL_POOL)
#undef POOLND_INSTANTIATE_GLOBAL_POOL

}  // namespace poolnd
