#include "dispatch.h"

#include <algorithm>
#include <cassert>

#include "../runtime/thread_pool.h"

namespace poolnd {
namespace {

// Indexed by DataType, in the order of POOLND_FOR_EACH_DATA_TYPE; null where an operation does
// not support a type (lib/ never sends such a request).
struct KernelsByType {
  PoolKernel by_type[static_cast<int>(DataType::count)];
};

#define POOLND_MAX_FIRST(name, element, accumulator) &max_pool_scalar<element, Layout::channels_first>,
#define POOLND_MAX_LAST(name, element, accumulator) &max_pool_scalar<element, Layout::channels_last>,
#define POOLND_AVG_FIRST(name, element, accumulator) &avg_pool_scalar<element, accumulator, Layout::channels_first>,
#define POOLND_AVG_LAST(name, element, accumulator) &avg_pool_scalar<element, accumulator, Layout::channels_last>,
#define POOLND_GLOBAL_MAX_FIRST(name, element, accumulator) &global_max_channels_first_scalar<element>,
#define POOLND_GLOBAL_MAX_LAST(name, element, accumulator) &global_max_channels_last_scalar<element>,
#define POOLND_GLOBAL_AVG_FIRST(name, element, accumulator) &global_average_channels_first_scalar<element>,
#define POOLND_GLOBAL_AVG_LAST(name, element, accumulator) &global_average_channels_last_scalar<element>,
#define POOLND_UNPOOL_FIRST(name, element, accumulator) &max_unpool_channels_first_scalar<element>,
#define POOLND_UNPOOL_LAST(name, element, accumulator) &max_unpool_channels_last_scalar<element>,

// LP pooling exists for the float types only, the first two entries of the type list.
static_assert(static_cast<int>(DataType::float32) == 0 && static_cast<int>(DataType::float64) == 1);

// [operation][layout], in the order of PoolOperation and Layout.
const KernelsByType scalar_kernels[static_cast<int>(PoolOperation::count)][static_cast<int>(Layout::count)] = {
    {{{POOLND_FOR_EACH_DATA_TYPE(POOLND_MAX_FIRST)}}, {{POOLND_FOR_EACH_DATA_TYPE(POOLND_MAX_LAST)}}},
    {{{POOLND_FOR_EACH_DATA_TYPE(POOLND_AVG_FIRST)}}, {{POOLND_FOR_EACH_DATA_TYPE(POOLND_AVG_LAST)}}},
    {{{&lp_pool_scalar<float, Layout::channels_first>, &lp_pool_scalar<double, Layout::channels_first>}},
     {{&lp_pool_scalar<float, Layout::channels_last>, &lp_pool_scalar<double, Layout::channels_last>}}},
    {{{POOLND_FOR_EACH_DATA_TYPE(POOLND_GLOBAL_MAX_FIRST)}}, {{POOLND_FOR_EACH_DATA_TYPE(POOLND_GLOBAL_MAX_LAST)}}},
    {{{POOLND_FOR_EACH_DATA_TYPE(POOLND_GLOBAL_AVG_FIRST)}}, {{POOLND_FOR_EACH_DATA_TYPE(POOLND_GLOBAL_AVG_LAST)}}},
    {{{POOLND_FOR_EACH_DATA_TYPE(POOLND_UNPOOL_FIRST)}}, {{POOLND_FOR_EACH_DATA_TYPE(POOLND_UNPOOL_LAST)}}},
};

#undef POOLND_MAX_FIRST
#undef POOLND_MAX_LAST
#undef POOLND_AVG_FIRST
#undef POOLND_AVG_LAST
#undef POOLND_GLOBAL_MAX_FIRST
#undef POOLND_GLOBAL_MAX_LAST
#undef POOLND_GLOBAL_AVG_FIRST
#undef POOLND_GLOBAL_AVG_LAST
#undef POOLND_UNPOOL_FIRST
#undef POOLND_UNPOOL_LAST

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

namespace {

// Rough element visits per work item: what a thread must have to do before waking another pays.
int64_t work_per_item(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  const int64_t items = pool_work_items(request);
  if (items == 0) return 0;
  switch (request.operation) {
    case PoolOperation::global_max:
    case PoolOperation::global_average:
      return g.input_elements() / items;
    case PoolOperation::max_unpool:
      return (g.input_elements() + g.output_elements()) / items;
    default: {
      const int64_t window = g.window_kind == WindowKind::adaptive
                                 ? (g.input_plane() + g.output_plane() - 1) / g.output_plane() + 1
                                 : g.kernel_size[0] * g.kernel_size[1] * g.kernel_size[2];
      return std::max<int64_t>(1, g.output_elements() / items * window);
    }
  }
}

// About 20 µs of scalar work: below it, waking a thread costs more than it saves.
constexpr int64_t kMinimumWorkPerChunk = 32 * 1024;

}  // namespace

int64_t run_pool(const PoolRequest& request) {
  if (request.operation == PoolOperation::max_unpool) {
    const int64_t invalid = find_invalid_unpool_index(request);
    if (invalid >= 0) return invalid;
  }
  const int64_t items = pool_work_items(request);
  const PoolKernel kernel = select_pool_kernel(request);
  assert(kernel != nullptr);
  const int64_t per_item = std::max<int64_t>(1, work_per_item(request));
  const int64_t grain = (kMinimumWorkPerChunk + per_item - 1) / per_item;
  auto body = [&](int64_t begin, int64_t end) { kernel(request, begin, end); };
  kernel_thread_pool().parallel_for(items, grain, RangeBody(body));
  return -1;
}

}  // namespace poolnd
