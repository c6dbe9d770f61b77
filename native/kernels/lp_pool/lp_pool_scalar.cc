// Scalar reference LP pooling: (sum of x^p over the window's real taps)^(1/p), summed in T in
// row-major window order. Powers follow PyTorch's pow: exponent 1 is the value, 2 is x * x and
// 0.5 is sqrt (each correctly rounded, where std::pow may be off by an ulp); any other exponent
// uses std::pow, so a negative sum with a fractional 1/p is NaN.
#include <cmath>

#include "../../runtime/glibc_symbols.h"
#include "../pool_kernels.h"
#include "../window.h"

POOLND_OLDEST_GLIBC_SYMBOL(pow);
POOLND_OLDEST_GLIBC_SYMBOL(powf);

namespace poolnd {
namespace {

// The special cases are recognised on the double exponent and the general case rounds it to T,
// both as PyTorch does for a scalar exponent.
template <typename T>
class Power {
 public:
  explicit Power(double exponent)
      : exponent_(static_cast<T>(exponent)),
        is_one_(exponent == 1.0),
        is_two_(exponent == 2.0),
        is_half_(exponent == 0.5) {}

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

}  // namespace

template <typename T, Layout layout>
void lp_pool_scalar(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const PowerPair<T> powers(request.norm_type);
  T* output = static_cast<T*>(request.output);
  for_each_window<T, layout>(request, first_item, end_item,
                             [&](int64_t at, const TapRange& depth, const TapRange& height, const TapRange& width,
                                 const T* values, int64_t value_stride) {
                               T sum = 0;
                               for_each_real_tap(request.geometry, depth, height, width, [&](int64_t offset) {
                                 sum += powers.power(values[offset * value_stride]);
                               });
                               output[at] = powers.root(sum);
                             });
}

POOLND_INSTANTIATE_BOTH_LAYOUTS(lp_pool_scalar, float)
POOLND_INSTANTIATE_BOTH_LAYOUTS(lp_pool_scalar, double)

}  // namespace poolnd
