// Scalar reference max pooling, strided and adaptive. PyTorch's rule in every path: a tap wins
// when it is greater than the best so far or is NaN, so ties keep the first tap and the last
// NaN wins.
#include "../pool_kernels.h"
#include "../window.h"

namespace poolnd {
namespace {

// Best value and its plane offset over one window; offset -1 when no tap is real.
template <typename T>
struct WindowMaximum {
  T value = lowest_value<T>();
  int64_t offset = -1;

  void consider(T candidate, int64_t candidate_offset) {
    if (offset < 0 || candidate > value || is_nan(candidate)) {
      value = candidate;
      offset = candidate_offset;
    }
  }
};

}  // namespace

template <typename T, Layout layout>
void max_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  T* output = static_cast<T*>(request.output);
  for_each_window<T, layout>(request, first_item, end_item,
                             [&](int64_t at, const TapRange& depth, const TapRange& height, const TapRange& width,
                                 const T* values, int64_t value_stride) {
                               WindowMaximum<T> best;
                               for_each_real_tap(request.geometry, depth, height, width, [&](int64_t offset) {
                                 best.consider(values[offset * value_stride], offset);
                               });
                               output[at] = best.value;
                               if (request.indices) request.indices[at] = static_cast<int32_t>(best.offset);
                             });
}

#define POOLND_INSTANTIATE_MAX_POOL(name, element, accumulator)                                                   \
  template void max_pool_scalar<element, Layout::channels_first>(const PoolRequest&, int64_t, int64_t); \
  template void max_pool_scalar<element, Layout::channels_last>(const PoolRequest&, int64_t, int64_t);
POOLND_FOR_EACH_DATA_TYPE(POOLND_INSTANTIATE_MAX_POOL)
#undef POOLND_INSTANTIATE_MAX_POOL

}  // namespace poolnd
