// Scalar reference average pooling, strided and adaptive, PyTorch's summation: real taps only,
// in row-major window order, in the accumulator type, then one division (adaptive floats: one
// per dim). A window without a real tap gives 0.
#include "../pool_kernels.h"
#include "../window.h"

namespace poolnd {
namespace {

template <typename T, typename Accumulator>
inline T finish_average(Accumulator sum, int64_t divisor) {
  if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(sum / static_cast<Accumulator>(divisor));
  } else {
    return round_divide_clamped<T>(sum, divisor);
  }
}

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

template <typename T, typename Accumulator, Layout layout>
void avg_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  T* output = static_cast<T*>(request.output);
  for_each_window<T, layout>(request, first_item, end_item,
                             [&](int64_t at, const TapRange& depth, const TapRange& height, const TapRange& width,
                                 const T* values, int64_t value_stride) {
                               output[at] = window_average<T, Accumulator>(request, depth, height, width, values,
                                                                           value_stride);
                             });
}

#define POOLND_INSTANTIATE_AVG_POOL(name, element, accumulator)                                                         \
  template void avg_pool_scalar<element, accumulator, Layout::channels_first>(const PoolRequest&, int64_t, int64_t); \
  template void avg_pool_scalar<element, accumulator, Layout::channels_last>(const PoolRequest&, int64_t, int64_t);
POOLND_FOR_EACH_DATA_TYPE(POOLND_INSTANTIATE_AVG_POOL)
#undef POOLND_INSTANTIATE_AVG_POOL

}  // namespace poolnd
