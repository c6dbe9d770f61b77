// Scalar reference max pooling. PyTorch's rule in every path: a tap wins when it is greater
// than the best so far or is NaN, so ties keep the first tap and the last NaN wins.
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

template <typename T>
void max_pool_channels_first_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const WindowGeometry& g = request.geometry;
  const T* input = static_cast<const T*>(request.input);
  T* output = static_cast<T*>(request.output);
  const int64_t output_width = g.output_size[2];
  for (int64_t row = first_item; row < end_item; ++row) {
    const OutputRow at = output_row(g, row);
    const TapRange depth = real_taps(g, 0, at.od);
    const TapRange height = real_taps(g, 1, at.oh);
    const T* plane_input = input + at.plane * g.input_plane();
    for (int64_t ow = 0; ow < output_width; ++ow) {
      const TapRange width = real_taps(g, 2, ow);
      WindowMaximum<T> best;
      for_each_real_tap(g, depth, height, width,
                        [&](int64_t offset) { best.consider(plane_input[offset], offset); });
      output[row * output_width + ow] = best.value;
      if (request.indices) request.indices[row * output_width + ow] = static_cast<int32_t>(best.offset);
    }
  }
}

template <typename T>
void max_pool_channels_last_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const WindowGeometry& g = request.geometry;
  const T* input = static_cast<const T*>(request.input);
  T* output = static_cast<T*>(request.output);
  const int64_t channels = g.channels;
  for (int64_t pixel = first_item; pixel < end_item; ++pixel) {
    const OutputPixel at = output_pixel(g, pixel);
    const TapRange depth = real_taps(g, 0, at.od);
    const TapRange height = real_taps(g, 1, at.oh);
    const TapRange width = real_taps(g, 2, at.ow);
    const T* image = input + at.n * g.input_plane() * channels;
    for (int64_t c = 0; c < channels; ++c) {
      WindowMaximum<T> best;
      for_each_real_tap(g, depth, height, width,
                        [&](int64_t offset) { best.consider(image[offset * channels + c], offset); });
      output[pixel * channels + c] = best.value;
      if (request.indices) request.indices[pixel * channels + c] = static_cast<int32_t>(best.offset);
    }
  }
}

#define POOLND_INSTANTIATE_MAX_POOL(name, element, accumulator)                                  \
  template void max_pool_channels_first_scalar<element>(const PoolRequest&, int64_t, int64_t); \
  template void max_pool_channels_last_scalar<element>(const PoolRequest&, int64_t, int64_t);
POOLND_FOR_EACH_DATA_TYPE(POOLND_INSTANTIATE_MAX_POOL)
#undef POOLND_INSTANTIATE_MAX_POOL

}  // namespace poolnd
