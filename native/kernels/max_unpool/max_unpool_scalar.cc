// Scalar reference max-unpooling: each work item zeroes its output planes, then scatters its
// input in input order, so with duplicate indices the last one wins, for any split of items.
// find_invalid_unpool_index has checked every index before, but JavaScript may still write the
// indices while an async call runs, so each write also checks its own (a misuse must not
// become a write out of bounds).
#include <algorithm>

#include "../pool_kernels.h"

namespace poolnd {
namespace {

inline bool inside_plane(int64_t index, int64_t plane) { return index >= 0 && index < plane; }

template <typename T>
void unpool_planes(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const int64_t input_plane = request.geometry.input_plane();
  const int64_t output_plane = request.geometry.output_plane();
  const T* input = static_cast<const T*>(request.input);
  T* output = static_cast<T*>(request.output);
  for (int64_t plane = first_item; plane < end_item; ++plane) {
    T* destination = output + plane * output_plane;
    std::fill(destination, destination + output_plane, T(0));
    const T* values = input + plane * input_plane;
    const int32_t* indices = request.unpool_indices + plane * input_plane;
    for (int64_t i = 0; i < input_plane; ++i) {
      const int64_t index = indices[i];
      if (inside_plane(index, output_plane)) destination[index] = values[i];
    }
  }
}

template <typename T>
void unpool_images(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const int64_t input_plane = request.geometry.input_plane();
  const int64_t output_plane = request.geometry.output_plane();
  const int64_t channels = request.geometry.channels;
  const T* input = static_cast<const T*>(request.input);
  T* output = static_cast<T*>(request.output);
  for (int64_t image = first_item; image < end_item; ++image) {
    T* destination = output + image * output_plane * channels;
    std::fill(destination, destination + output_plane * channels, T(0));
    const int64_t first_input = image * input_plane * channels;
    for (int64_t i = 0; i < input_plane * channels; ++i) {
      const int64_t index = request.unpool_indices[first_input + i];
      if (inside_plane(index, output_plane)) destination[index * channels + i % channels] = input[first_input + i];
    }
  }
}

}  // namespace

template <typename T, Layout layout>
void max_unpool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  run_for_layout<layout, &unpool_planes<T>, &unpool_images<T>>(request, first_item, end_item);
}

int64_t find_invalid_unpool_index(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  const int64_t count = g.input_elements();
  const int64_t output_plane = g.output_plane();
  for (int64_t i = 0; i < count; ++i) {
    const int64_t index = request.unpool_indices[i];
    if (!inside_plane(index, output_plane)) return i;
  }
  return -1;
}

#define POOLND_INSTANTIATE_MAX_UNPOOL(name, js_name, element, accumulator) \
  POOLND_INSTANTIATE_BOTH_LAYOUTS(max_unpool_scalar, element)
POOLND_FOR_EACH_DATA_TYPE(POOLND_INSTANTIATE_MAX_UNPOOL)
#undef POOLND_INSTANTIATE_MAX_UNPOOL

}  // namespace poolnd
