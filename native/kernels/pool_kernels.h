// Every pooling kernel has one signature: it computes work items [first_item, end_item) of a
// request. Windowed operations (max_pool, avg_pool, lp_pool, strided or adaptive) take an output row
// of one (n, c) plane as a work item for channels-first layouts and an output pixel (all
// channels) for channels-last layouts. Global pooling and max-unpooling take a whole (n, c)
// plane for channels-first and a whole image (all channels of one n) for channels-last.
// pool_work_items() counts them. Items never share output, so any split of
// [0, pool_work_items) across threads is safe.
#pragma once

#include <cstdint>

#include "pool_request.h"

namespace poolnd {

using PoolKernel = void (*)(const PoolRequest& request, int64_t first_item, int64_t end_item);

inline int64_t pool_work_items(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  const bool channels_first = request.layout == Layout::channels_first;
  switch (request.operation) {
    case PoolOperation::global_max_pool:
    case PoolOperation::global_avg_pool:
    case PoolOperation::max_unpool: return channels_first ? g.batch * g.channels : g.batch;
    default:
      return channels_first ? g.batch * g.channels * g.output_size[0] * g.output_size[1] : g.batch * g.output_plane();
  }
}

// The scalar reference kernels: plain loops in PyTorch's tap order that every vector
// variant must match exactly. T is the element type, Accumulator the sum type for averages.
// The windowed kernels share one loop per layout (for_each_window in window.h).
// Every one takes its layout as a template argument.
template <typename T, Layout layout>
void max_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item);
// Max pooling over fractional windows (request.window_starts); scalar only, on every SIMD level.
template <typename T, Layout layout>
void fractional_max_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item);
template <typename T, typename Accumulator, Layout layout>
void avg_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item);
template <typename T, Layout layout>
void lp_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item);
template <typename T, Layout layout>
void global_max_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item);
template <typename T, Layout layout>
void global_avg_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item);
template <typename T, Layout layout>
void max_unpool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item);

// A scalar kernel's two layouts, written as separate functions, as one kernel<T, layout>.
template <Layout layout, PoolKernel channels_first, PoolKernel channels_last>
inline void run_for_layout(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  (layout == Layout::channels_first ? channels_first : channels_last)(request, first_item, end_item);
}

// Instantiates kernel<element, layout> for both layouts (in the kernel's .cc file).
#define POOLND_INSTANTIATE_BOTH_LAYOUTS(kernel, ...)                                               \
  template void kernel<__VA_ARGS__, Layout::channels_first>(const PoolRequest&, int64_t, int64_t); \
  template void kernel<__VA_ARGS__, Layout::channels_last>(const PoolRequest&, int64_t, int64_t);

// Max-unpooling's indices are data, not arguments lib/ can check cheaply: the position of the
// first one outside the output plane, or -1 when all are inside. Runs before any write.
int64_t find_invalid_unpool_index(const PoolRequest& request);

}  // namespace poolnd
