// Scalar reference LP pooling: (sum of x^p over the window's real taps)^(1/p), summed in T in
// row-major window order. Powers follow PyTorch's pow: exponent 1 is the value, 2 is x * x and
// 0.5 is sqrt (each correctly rounded, where std::pow may be off by an ulp); any other exponent
// uses std::pow, so a negative sum with a fractional 1/p is NaN.
#include <cmath>

#include "../pool_kernels.h"
#include "../window.h"

namespace poolnd {
namespace {

// The special cases are recognised on the double exponent and the general case rounds it to T,
// both as PyTorch does for a scalar exponent.
template <typename T>
class Power {
 public:
  explicit Power(double exponent)
      : exponent_(static_cast<T>(exponent)), is_one_(exponent == 1.0), is_two_(exponent == 2.0), is_half_(exponent == 0.5) {}

  T operator()(T value) const {
    if (is_one_) return value;
    if (is_two_) return value * value;
    if (is_half_) return std::sqrt(value);
    return std::pow(value, exponent_);
  }

 private:
  T exponent_;
  bool is_one_;
  bool is_two_;
  bool is_half_;
};

template <typename T>
struct PowerPair {
  explicit PowerPair(double norm_type) : power(norm_type), root(1.0 / norm_type) {}
  Power<T> power;
  Power<T> root;
};

template <typename T>
inline T window_norm(const PowerPair<T>& powers, const WindowGeometry& g, const TapRange& depth,
                     const TapRange& height, const TapRange& width, const T* values, int64_t value_stride) {
  T sum = 0;
  for_each_real_tap(g, depth, height, width,
                    [&](int64_t offset) { sum += powers.power(values[offset * value_stride]); });
  return powers.root(sum);
}

}  // namespace

template <typename T>
void lp_pool_channels_first_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const WindowGeometry& g = request.geometry;
  const PowerPair<T> powers(request.norm_type);
  const T* input = static_cast<const T*>(request.input);
  T* output = static_cast<T*>(request.output);
  const int64_t output_width = g.output_size[2];
  for (int64_t row = first_item; row < end_item; ++row) {
    const OutputRow at = output_row(g, row);
    const TapRange depth = real_taps(g, 0, at.od);
    const TapRange height = real_taps(g, 1, at.oh);
    const T* plane_input = input + at.plane * g.input_plane();
    for (int64_t ow = 0; ow < output_width; ++ow) {
      output[row * output_width + ow] = window_norm(powers, g, depth, height, real_taps(g, 2, ow), plane_input, 1);
    }
  }
}

template <typename T>
void lp_pool_channels_last_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const WindowGeometry& g = request.geometry;
  const PowerPair<T> powers(request.norm_type);
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
      output[pixel * channels + c] = window_norm(powers, g, depth, height, width, image + c, channels);
    }
  }
}

template void lp_pool_channels_first_scalar<float>(const PoolRequest&, int64_t, int64_t);
template void lp_pool_channels_last_scalar<float>(const PoolRequest&, int64_t, int64_t);
template void lp_pool_channels_first_scalar<double>(const PoolRequest&, int64_t, int64_t);
template void lp_pool_channels_last_scalar<double>(const PoolRequest&, int64_t, int64_t);

}  // namespace poolnd
