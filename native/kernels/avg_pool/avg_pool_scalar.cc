// Scalar reference average pooling, strided and adaptive, PyTorch's summation: real taps only,
// in row-major window order, in the accumulator type, then one division (adaptive floats: one
// per dim). A window without a real tap gives 0.
#include "../pool_kernels.h"
#include "../window.h"

namespace poolnd {
namespace {

inline int64_t window_divisor(const PoolRequest& request, const TapRange& depth, const TapRange& height,
                              const TapRange& width) {
  if (request.divisor_override > 0) return request.divisor_override;
  if (!request.count_include_pad) return depth.count() * height.count() * width.count();
  const WindowGeometry& g = request.geometry;
  return taps_inside_padded_input(g, 0, depth.start) * taps_inside_padded_input(g, 1, height.start) *
         taps_inside_padded_input(g, 2, width.start);
}

template <typename T, typename Accumulator>
inline T finish_average(Accumulator sum, int64_t divisor) {
  if constexpr (std::is_floating_point_v<T>) {
    return static_cast<T>(sum / static_cast<Accumulator>(divisor));
  } else {
    return round_divide_clamped<T>(sum, divisor);
  }
}

template <typename T, typename Accumulator>
inline T window_average(const PoolRequest& request, const TapRange& depth, const TapRange& height,
                        const TapRange& width, const T* values, int64_t value_stride) {
  if (depth.count() == 0 || height.count() == 0 || width.count() == 0) return T(0);
  Accumulator sum = 0;
  for_each_real_tap(request.geometry, depth, height, width,
                    [&](int64_t offset) { sum += static_cast<Accumulator>(values[offset * value_stride]); });
  if constexpr (std::is_floating_point_v<T>) {
    if (request.geometry.window_kind == WindowKind::adaptive) {
      // PyTorch's adaptive average divides by each dim's extent in turn, rounding each time.
      return sum / static_cast<Accumulator>(depth.count()) / static_cast<Accumulator>(height.count()) /
             static_cast<Accumulator>(width.count());
    }
  }
  return finish_average<T, Accumulator>(sum, window_divisor(request, depth, height, width));
}

}  // namespace

template <typename T, typename Accumulator>
void avg_pool_channels_first_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
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
      output[row * output_width + ow] =
          window_average<T, Accumulator>(request, depth, height, width, plane_input, 1);
    }
  }
}

template <typename T, typename Accumulator>
void avg_pool_channels_last_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
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
      output[pixel * channels + c] =
          window_average<T, Accumulator>(request, depth, height, width, image + c, channels);
    }
  }
}

#define POOLND_INSTANTIATE_AVG_POOL(name, element, accumulator)                                               \
  template void avg_pool_channels_first_scalar<element, accumulator>(const PoolRequest&, int64_t, int64_t); \
  template void avg_pool_channels_last_scalar<element, accumulator>(const PoolRequest&, int64_t, int64_t);
POOLND_FOR_EACH_DATA_TYPE(POOLND_INSTANTIATE_AVG_POOL)
#undef POOLND_INSTANTIATE_AVG_POOL

}  // namespace poolnd
