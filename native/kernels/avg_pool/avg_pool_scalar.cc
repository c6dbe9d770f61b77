// Scalar reference average pooling, strided and adaptive (the rule: window_reductions.h).
#include "../pool_kernels.h"
#include "../window_reductions.h"

namespace poolnd {

template <typename T, typename Accumulator, Layout layout>
void avg_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  T* output = static_cast<T*>(request.output);
  for_each_window<T, layout>(request, first_item, end_item,
                             [&](int64_t at, const TapRange& depth, const TapRange& height, const TapRange& width,
                                 const T* values, int64_t value_stride) {
                               output[at] =
                                   window_average<T, Accumulator>(request, depth, height, width, values, value_stride);
                             });
}

#define POOLND_INSTANTIATE_AVG_POOL(name, js_name, element, accumulator) \
  POOLND_INSTANTIATE_BOTH_LAYOUTS(avg_pool_scalar, element, accumulator)
POOLND_FOR_EACH_DATA_TYPE(POOLND_INSTANTIATE_AVG_POOL)
#undef POOLND_INSTANTIATE_AVG_POOL

}  // namespace poolnd
