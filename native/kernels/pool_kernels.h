// Every pooling kernel has one signature: it computes work items [first_item, end_item) of a
// request. A work item is an output row of one (n, c) plane for channels-first layouts and an
// output pixel (all channels) for channels-last layouts; pool_work_items() counts them. Ranges
// never overlap in output, so any split of [0, pool_work_items) across threads is safe.
#pragma once

#include <cstdint>

#include "pool_request.h"

namespace poolnd {

using PoolKernel = void (*)(const PoolRequest& request, int64_t first_item, int64_t end_item);

inline int64_t pool_work_items(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  if (request.layout == Layout::channels_first) {
    return g.batch * g.channels * g.output_size[0] * g.output_size[1];
  }
  return g.batch * g.output_plane();
}

// The scalar reference kernels: plain loops in PyTorch's tap order that every vector
// variant must match exactly. T is the element type, Accumulator the sum type for averages.
template <typename T>
void max_pool_channels_first_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item);
template <typename T>
void max_pool_channels_last_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item);
template <typename T, typename Accumulator>
void avg_pool_channels_first_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item);
template <typename T, typename Accumulator>
void avg_pool_channels_last_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item);

}  // namespace poolnd
