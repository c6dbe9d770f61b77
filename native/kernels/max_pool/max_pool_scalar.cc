// Scalar reference max pooling, strided and adaptive (the rule: window_reductions.h).
#include "../pool_kernels.h"
#include "../window_reductions.h"

namespace poolnd {

template <typename T, Layout layout>
void max_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  T* output = static_cast<T*>(request.output);
  for_each_window<T, layout>(request, first_item, end_item,
                             [&](int64_t at, const TapRange& depth, const TapRange& height, const TapRange& width,
                                 const T* values, int64_t value_stride) {
                               const WindowMaximum<T> best =
                                   window_maximum(request.geometry, depth, height, width, values, value_stride);
                               output[at] = best.value;
                               if (request.indices) request.indices[at] = static_cast<int32_t>(best.offset);
                             });
}

#define POOLND_INSTANTIATE_MAX_POOL(name, js_name, element, accumulator) \
  POOLND_INSTANTIATE_BOTH_LAYOUTS(max_pool_scalar, element)
POOLND_FOR_EACH_DATA_TYPE(POOLND_INSTANTIATE_MAX_POOL)
#undef POOLND_INSTANTIATE_MAX_POOL

}  // namespace poolnd
