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

// Fractional windows: each (n, c) plane has its own starts per dim (request.window_starts), every
// window kernel_size long and inside the input, so the work items are those of strided windows but
// the taps come from the plane's starts. The taps are walked directly (no padding, no dilation).
template <typename T>
inline WindowMaximum<T> fractional_window_maximum(const WindowGeometry& g, int64_t depth, int64_t height, int64_t width,
                                                  const T* values, int64_t value_stride) {
  WindowMaximum<T> best;
  for (int64_t id = depth; id < depth + g.kernel_size[0]; ++id) {
    for (int64_t ih = height; ih < height + g.kernel_size[1]; ++ih) {
      const int64_t row = (id * g.input_size[1] + ih) * g.input_size[2];
      for (int64_t iw = width; iw < width + g.kernel_size[2]; ++iw)
        best.consider(values[(row + iw) * value_stride], row + iw);
    }
  }
  return best;
}

template <typename T, Layout layout>
void fractional_max_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const WindowGeometry& g = request.geometry;
  const T* input = static_cast<const T*>(request.input);
  T* output = static_cast<T*>(request.output);
  const int64_t per_plane = g.output_size[0] + g.output_size[1] + g.output_size[2];
  // A plane's starts: depth's, then height's, then width's.
  const auto starts_of = [&](int64_t plane) { return request.window_starts + plane * per_plane; };
  const int64_t height_at = g.output_size[0];
  const int64_t width_at = g.output_size[0] + g.output_size[1];
  const auto store = [&](int64_t at, const WindowMaximum<T>& best) {
    output[at] = best.value;
    if (request.indices) request.indices[at] = static_cast<int32_t>(best.offset);
  };
  if constexpr (layout == Layout::channels_first) {
    OutputRow at = output_row(g, first_item);
    for (int64_t row = first_item; row < end_item; ++row, advance_output_row(g, at)) {
      const int32_t* starts = starts_of(at.plane);
      const T* plane_input = input + at.plane * g.input_plane();
      for (int64_t ow = 0; ow < g.output_size[2]; ++ow) {
        store(row * g.output_size[2] + ow, fractional_window_maximum(g, starts[at.od], starts[height_at + at.oh],
                                                                     starts[width_at + ow], plane_input, 1));
      }
    }
  } else {
    for (int64_t pixel = first_item; pixel < end_item; ++pixel) {
      const OutputPixel at = output_pixel(g, pixel);
      const T* pixels = input + at.n * g.input_plane() * g.channels;
      for (int64_t c = 0; c < g.channels; ++c) {
        const int32_t* starts = starts_of(at.n * g.channels + c);
        store(pixel * g.channels + c, fractional_window_maximum(g, starts[at.od], starts[height_at + at.oh],
                                                                starts[width_at + at.ow], pixels + c, g.channels));
      }
    }
  }
}

#define POOLND_INSTANTIATE_MAX_POOL(name, js_name, element, accumulator) \
  POOLND_INSTANTIATE_BOTH_LAYOUTS(max_pool_scalar, element)              \
  POOLND_INSTANTIATE_BOTH_LAYOUTS(fractional_max_pool_scalar, element)
POOLND_FOR_EACH_DATA_TYPE(POOLND_INSTANTIATE_MAX_POOL)
#undef POOLND_INSTANTIATE_MAX_POOL

}  // namespace poolnd
