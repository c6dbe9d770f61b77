// Float average pooling's vector kernels: sums from zero in the scalar reference's tap order,
// in T, then its divisions (one by the divisor; adaptive bins one per dim), so every lane
// rounds as the scalar kernel does. The building blocks, the drivers that walk a request
// through them, and the microkernel templates microkernels.inc instantiates.
#pragma once

#include "../adaptive_pool/adaptive_pool_vector.h"
#include "../walkers.h"

namespace poolnd {
namespace {

template <typename Ops>
POOLND_NOINLINE void channels_last_avg(int64_t channels, int64_t taps, const typename Ops::Scalar* const* tap_pixels,
                                       const typename Ops::Scalar* divisors, typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  int64_t c = 0;
  const auto first = Ops::splat(divisors[0]);
  const auto second = Ops::splat(divisors[1]);
  const auto third = Ops::splat(divisors[2]);
  for (; c + width <= channels; c += width) {
    auto sum = Ops::zero();
    for (int64_t k = 0; k < taps; ++k) sum = Ops::add(sum, Ops::load(tap_pixels[k] + c));
    Ops::store(output + c, Ops::divide(Ops::divide(Ops::divide(sum, first), second), third));
  }
  for (; c < channels; ++c) {
    T sum = 0;
    for (int64_t k = 0; k < taps; ++k) sum += tap_pixels[k][c];
    output[c] = sum / divisors[0] / divisors[1] / divisors[2];
  }
}

// Channels-last 2x2 windows of a few channels (see kFewestVectorChannels): a run of `pixels`
// output pixels from input rows row0 and row1, each ((((0 + a) + b) + c) + d) / divisor in window
// order, as the scalar kernel sums.
template <typename T, int64_t channels>
POOLND_NOINLINE void two_by_two_avg_pixels(int64_t pixels, const T* row0, const T* row1, T divisor, T* output) {
  for (int64_t p = 0; p < pixels; ++p) {
    const T* left0 = row0 + 2 * p * channels;
    const T* left1 = row1 + 2 * p * channels;
    for (int64_t c = 0; c < channels; ++c) {
      output[p * channels + c] = (((T(0) + left0[c]) + left0[channels + c]) + left1[c] + left1[channels + c]) / divisor;
    }
  }
}

// As two_by_two_max, for averages: ((((0 + a) + b) + c) + d) / divisor.
template <typename Ops>
void two_by_two_avg_row(int64_t outputs, const typename Ops::Scalar* row0, const typename Ops::Scalar* row1,
                        typename Ops::Scalar divisor, typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  const auto divisors = Ops::splat(divisor);
  int64_t i = 0;
  for (; i + width <= outputs; i += width) {
    typename Ops::Vector a, b, c, d;
    Ops::load_pairs_unordered(row0 + 2 * i, a, b);  // lane-wise to the store
    Ops::load_pairs_unordered(row1 + 2 * i, c, d);
    const auto sum = Ops::add(Ops::add(Ops::add(Ops::add(Ops::zero(), a), b), c), d);
    Ops::store(output + i, Ops::ordered(Ops::divide(sum, divisors)));
  }
  for (; i < outputs; ++i) {
    T sum = 0;
    sum += row0[2 * i];
    sum += row0[2 * i + 1];
    sum += row1[2 * i];
    sum += row1[2 * i + 1];
    output[i] = sum / divisor;
  }
}

// Rows of 2x2 windows (see TwoByTwoAvgKernel).
template <typename Ops>
POOLND_NOINLINE void two_by_two_avg(int64_t rows, int64_t outputs, const typename Ops::Scalar* top, int64_t width,
                                    typename Ops::Scalar divisor, typename Ops::Scalar* output) {
  for (int64_t r = 0; r < rows; ++r) {
    two_by_two_avg_row<Ops>(outputs, top + 2 * r * width, top + (2 * r + 1) * width, divisor, output + r * outputs);
  }
}

template <typename Ops, typename Shape>
void rows_avg_shaped(const WindowRows<typename Ops::Scalar>& window, const Shape& shape, int64_t outputs,
                     typename Ops::Scalar divisor, typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  const int64_t stride = shape.stride();
  const auto divisors = Ops::splat(divisor);
  const int64_t tail = for_each_row_block<Ops::width>(outputs, stride, [&](int64_t i, auto shifted_constant) {
    // Lane-wise to the store, so stride-2 lanes stay in Ops' pair order until then.
    auto sum = Ops::zero();
    for_each_row_tap<Ops, decltype(shifted_constant)::value, true>(
        window, shape, i, [&](typename Ops::Vector value, int64_t, int64_t) { sum = Ops::add(sum, value); });
    const auto average = Ops::divide(sum, divisors);
    Ops::store(output + i, shape.stride() == 2 ? Ops::ordered(average) : average);
  });
  for (int64_t i = tail; i < outputs; ++i) {
    T sum = 0;
    for (int64_t r = 0; r < window.count; ++r) {
      for (int64_t k = 0; k < shape.kernel_width(); ++k) sum += window.rows[r][i * stride + k * shape.dilation()];
    }
    output[i] = sum / divisor;
  }
}

// As rows_max_gathered, for averages: sums from zero in row-major window order, one division.
template <typename Ops>
void rows_avg_gathered(const WindowRows<typename Ops::Scalar>& window, int64_t outputs, typename Ops::Scalar divisor,
                       typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  const int64_t stride = window.stride;
  const auto divisors = Ops::splat(divisor);
  for_each_gathered_block<Ops>(outputs, [&](int64_t i, auto gather) {
    auto sum = Ops::zero();
    for (int64_t r = 0; r < window.count; ++r) {
      for (int64_t k = 0; k < window.kernel_width; ++k) {
        sum = Ops::add(sum, gather(window.rows[r] + i * stride + k * window.dilation, stride));
      }
    }
    alignas(64) T values[width];
    Ops::store(values, Ops::divide(sum, divisors));
    std::copy(values, values + std::min(width, outputs), output + i);
  });
}

template <typename Ops>
POOLND_NOINLINE void rows_avg(const WindowRows<typename Ops::Scalar>& window, int64_t outputs,
                              typename Ops::Scalar divisor, typename Ops::Scalar* output) {
  if (window.stride > 2) return rows_avg_gathered<Ops>(window, outputs, divisor, output);
  with_row_shape(window, [&](const auto& shape) { rows_avg_shaped<Ops>(window, shape, outputs, divisor, output); });
}

// Which way a float average kernel takes a request (see KernelPath).
inline KernelPath avg_pool_channels_last_float_path(const PoolRequest& request) {
  return is_two_by_two_stride_two(request.geometry) ? KernelPath::two_by_two : KernelPath::pixels;
}

inline KernelPath avg_pool_channels_first_float_path(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  if (g.window_kind == WindowKind::adaptive) {
    if (has_uniform_bins(g)) return KernelPath::uniform_bins;
    return suits_adaptive_rows(g) ? KernelPath::adaptive_rows : KernelPath::scalar;
  }
  if (is_two_by_two_stride_two(g)) return KernelPath::two_by_two;
  if (!suits_window_rows(g)) return KernelPath::scalar;
  return g.stride[2] > 2 ? KernelPath::gathered : KernelPath::rows;
}

// Float types only: integer averages need the exact division the scalar kernel does.
template <typename T, ChannelsLastAvgKernel<T> microkernel>
void avg_pool_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item, KernelPath path) {
  T* output = static_cast<T*>(request.output);
  const int64_t channels = request.geometry.channels;
  const bool adaptive = request.geometry.window_kind == WindowKind::adaptive;
  if (path == KernelPath::two_by_two) {
    const T divisors[3] = {static_cast<T>(two_by_two_divisor(request)), T(1), T(1)};
    for_each_two_by_two_run<T, &avg_pool_scalar<T, T, Layout::channels_last>>(
        request, first_item, end_item, [&](int64_t pixel, int64_t pixels, const T* row0, const T* row1) {
          if (channels < kFewestVectorChannels) {
            return with_few_channels(channels, [&](auto few) {
              two_by_two_avg_pixels<T, decltype(few)::value>(pixels, row0, row1, divisors[0],
                                                             output + pixel * channels);
            });
          }
          for (int64_t p = 0; p < pixels; ++p) {
            const T* const taps[4] = {row0 + 2 * p * channels, row0 + (2 * p + 1) * channels, row1 + 2 * p * channels,
                                      row1 + (2 * p + 1) * channels};
            microkernel(channels, 4, taps, divisors, output + (pixel + p) * channels);
          }
        });
    return;
  }
  for_each_channels_last_window<T>(
      request, first_item, end_item,
      [&](int64_t at, const TapRange& depth, const TapRange& height, const TapRange& width, const TapList<T>& taps) {
        if (taps.size() == 0) {
          for (int64_t c = 0; c < channels; ++c) output[at + c] = T(0);
          return;
        }
        // The scalar kernel's divisions: one by the divisor, or adaptive's one per dim.
        const T divisors[3] = {
            adaptive ? static_cast<T>(depth.count()) : static_cast<T>(average_divisor(request, depth, height, width)),
            adaptive ? static_cast<T>(height.count()) : T(1), adaptive ? static_cast<T>(width.count()) : T(1)};
        microkernel(channels, taps.size(), taps.pixels(), divisors, output + at);
      });
}

template <typename T, TwoByTwoAvgKernel<T> two_by_two, RowsAvgKernel<T> rows_kernel,
          AdaptiveRowsKernel<T> adaptive_rows>
void avg_pool_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item, KernelPath path) {
  constexpr PoolKernel scalar = &avg_pool_scalar<T, T, Layout::channels_first>;
  const WindowGeometry& g = request.geometry;
  T* output = static_cast<T*>(request.output);
  const int64_t outputs = g.output_size[2];
  if (path == KernelPath::scalar) return scalar(request, first_item, end_item);
  if (path == KernelPath::adaptive_rows) return for_each_adaptive_row<T, adaptive_rows>(request, first_item, end_item);
  if (path == KernelPath::uniform_bins) {
    // The bins' sums as strided windows (divided by 1, exactly), then PyTorch's adaptive
    // division by each dim's extent in turn.
    PoolRequest sums = uniform_bins_as_strided(request);
    sums.divisor_override = 1;
    avg_pool_channels_first_driver<T, two_by_two, rows_kernel, adaptive_rows>(sums, first_item, end_item,
                                                                              avg_pool_channels_first_float_path(sums));
    const WindowGeometry& bins = sums.geometry;
    const T depth = static_cast<T>(bins.kernel_size[0]), height = static_cast<T>(bins.kernel_size[1]);
    const T width = static_cast<T>(bins.kernel_size[2]);
    for (int64_t i = first_item * outputs; i < end_item * outputs; ++i) output[i] = output[i] / depth / height / width;
    return;
  }
  if (path == KernelPath::two_by_two) {
    const T divisor = static_cast<T>(two_by_two_divisor(request));
    for_each_two_by_two_row<T, scalar>(request, first_item, end_item,
                                       [&](int64_t at, int64_t rows, const T* top, int64_t) {
                                         two_by_two(rows, outputs, top, g.input_size[2], divisor, output + at);
                                       });
    return;
  }
  // Rows, or gathered rows: the rows kernel takes both.
  for_each_average_row_split<T, T, scalar>(
      request, first_item, end_item, output,
      [&](T* run_output, int64_t columns, int64_t divisor, const WindowRows<T>& window) {
        rows_kernel(window, columns, static_cast<T>(divisor), run_output);
      });
}

// The float average microkernels (microkernels.inc): Isa::Floats<T> is the ISA's vector of T.
template <typename Isa, typename T>
using AvgPoolChannelsLastFloat =
    DrivenKernel<&avg_pool_channels_last_float_path,
                 &avg_pool_channels_last_driver<T, &channels_last_avg<typename Isa::template Floats<T>>>>;

template <typename Isa, typename T, typename Ops = typename Isa::template Floats<T>>
using AvgPoolChannelsFirstFloat =
    DrivenKernel<&avg_pool_channels_first_float_path,
                 &avg_pool_channels_first_driver<T, &two_by_two_avg<Ops>, &rows_avg<Ops>, &adaptive_rows<Ops, true>>>;
}  // namespace
}  // namespace poolnd
