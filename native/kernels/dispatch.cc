#include "dispatch.h"

#include <cassert>

namespace poolnd {
namespace {

// Indexed by DataType, in the order of POOLND_FOR_EACH_DATA_TYPE.
struct KernelsByType {
  PoolKernel by_type[static_cast<int>(DataType::count)];
};

#define POOLND_MAX_FIRST(name, element, accumulator) &max_pool_channels_first_scalar<element>,
#define POOLND_MAX_LAST(name, element, accumulator) &max_pool_channels_last_scalar<element>,
#define POOLND_AVG_FIRST(name, element, accumulator) &avg_pool_channels_first_scalar<element, accumulator>,
#define POOLND_AVG_LAST(name, element, accumulator) &avg_pool_channels_last_scalar<element, accumulator>,

// [operation][layout]
const KernelsByType scalar_kernels[static_cast<int>(PoolOperation::count)][static_cast<int>(Layout::count)] = {
    {{{POOLND_FOR_EACH_DATA_TYPE(POOLND_MAX_FIRST)}}, {{POOLND_FOR_EACH_DATA_TYPE(POOLND_MAX_LAST)}}},
    {{{POOLND_FOR_EACH_DATA_TYPE(POOLND_AVG_FIRST)}}, {{POOLND_FOR_EACH_DATA_TYPE(POOLND_AVG_LAST)}}},
};

#undef POOLND_MAX_FIRST
#undef POOLND_MAX_LAST
#undef POOLND_AVG_FIRST
#undef POOLND_AVG_LAST

}  // namespace

PoolKernel select_pool_kernel(const PoolRequest& request) {
  const auto operation = static_cast<int>(request.operation);
  const auto layout = static_cast<int>(request.layout);
  const auto type = static_cast<int>(request.data_type);
  assert(operation >= 0 && operation < static_cast<int>(PoolOperation::count));
  assert(layout >= 0 && layout < static_cast<int>(Layout::count));
  assert(type >= 0 && type < static_cast<int>(DataType::count));
  return scalar_kernels[operation][layout].by_type[type];
}

void run_pool(const PoolRequest& request) {
  const int64_t items = pool_work_items(request);
  if (items > 0) select_pool_kernel(request)(request, 0, items);
}

}  // namespace poolnd
