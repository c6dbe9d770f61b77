// Global pooling's vector kernels: each (n, c) plane, or each channels-last image's channels,
// reduced whole. Maxima by PyTorch's rule; float averages sum in double in each plane's order
// and divide once, as the scalar kernel does; integer averages sum exactly in int32 lanes.
#pragma once

#include <algorithm>
#include <limits>
#include <type_traits>

#include "../walkers.h"

namespace poolnd {
namespace {

// Channels-last global max of one image: output[c] is the maximum of image[p * channels + c]
// over pixels p in order, PyTorch's rule. pixels >= 1.
template <typename Ops>
POOLND_NOINLINE void channels_last_global_max(int64_t pixels, int64_t channels, const typename Ops::Scalar* image,
                                              typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  int64_t c = 0;
  for (; c + width <= channels; c += width) {
    FastMaximum<Ops> fast(Ops::load(image + c));
    for (int64_t p = 1; p < pixels; ++p) fast.take(Ops::load(image + p * channels + c));
    if (fast.exact()) {
      Ops::store(output + c, fast.best);
      continue;
    }
    auto best = Ops::load(image + c);
    for (int64_t p = 1; p < pixels; ++p) {
      const auto value = Ops::load(image + p * channels + c);
      best = Ops::select(Ops::greater_or_nan(value, best), value, best);
    }
    Ops::store(output + c, best);
  }
  for (; c < channels; ++c) {
    T best = image[c];
    for (int64_t p = 1; p < pixels; ++p) {
      const T value = image[p * channels + c];
      if (value > best || value != value) best = value;
    }
    output[c] = best;
  }
}

// Integer channels-last global max of one image (see ChannelsLastGlobalKernel).
template <typename Ops>
POOLND_NOINLINE void channels_last_global_max_integer(int64_t pixels, int64_t channels,
                                                      const typename Ops::Scalar* image, typename Ops::Scalar* output) {
  integer_channels_max<Ops>(channels, pixels, [&](int64_t p) { return image + p * channels; }, output);
}

// A plane of at least one vector after its first: fold(vector) for each later block, the last
// one moved back to end at the plane's end (overlapping lanes are harmless to a maximum).
template <typename Ops, typename Fold>
inline void for_each_later_block(const typename Ops::Scalar* values, int64_t plane_size, Fold&& fold) {
  for (int64_t i = Ops::width; i < plane_size; i += Ops::width)
    fold(Ops::load(values + std::min(i, plane_size - Ops::width)));
}

// The greatest lane of a vector without NaN; the first of equal lanes.
template <typename Ops>
inline typename Ops::Scalar greatest_lane(const typename Ops::Vector& vector) {
  alignas(64) typename Ops::Scalar lanes[Ops::width];
  Ops::store(lanes, vector);
  typename Ops::Scalar best = lanes[0];
  for (int64_t k = 1; k < Ops::width; ++k) best = lanes[k] > best ? lanes[k] : best;
  return best;
}

// Channels-first float global max (see ChannelsFirstGlobalKernel): a plane's lanes keep running
// maxima of every width-th element, and their greatest is the plane's maximum in any order unless
// a tap is NaN (the last one wins) or the maximum is zero (of either sign: the first one wins);
// such a plane, and one shorter than a vector, is taken in order by the exact rule.
template <typename Ops>
POOLND_NOINLINE void channels_first_global_max(int64_t planes, int64_t plane_size, const typename Ops::Scalar* input,
                                               typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  for (int64_t p = 0; p < planes; ++p) {
    const T* values = input + p * plane_size;
    if (plane_size >= width) {
      FastMaximum<Ops> fast(Ops::load(values));
      for_each_later_block<Ops>(values, plane_size, [&](const auto& block) { fast.take(block); });
      const T best = greatest_lane<Ops>(fast.best);
      if (fast.exact() && best != T(0)) {
        output[p] = best;
        continue;
      }
    }
    T best = values[0];
    for (int64_t i = 1; i < plane_size; ++i) {
      best = ((values[i] > best) | (values[i] != values[i])) ? values[i] : best;  // no branch to mispredict
    }
    output[p] = best;
  }
}

// Integer channels-first global max: lane-wise maxima, the last block moved back, then the
// greatest lane. Equal integers are the same bytes, so any order is PyTorch's rule.
template <typename Ops>
POOLND_NOINLINE void channels_first_global_max_integer(int64_t planes, int64_t plane_size,
                                                       const typename Ops::Scalar* input,
                                                       typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  for (int64_t p = 0; p < planes; ++p) {
    const T* values = input + p * plane_size;
    if (plane_size >= width) {
      auto lanes = Ops::load(values);
      for_each_later_block<Ops>(values, plane_size, [&](const auto& block) { lanes = Ops::maximum(lanes, block); });
      output[p] = greatest_lane<Ops>(lanes);
    } else {
      output[p] = *std::max_element(values, values + plane_size);
    }
  }
}

// 8- and 16-bit integer global averages (Ops: IntegerSums, int32 lanes; the driver keeps every
// sum below 2^31): integer sums are exact in any order, then divided and rounded as the scalar
// kernel does.
template <typename Ops>
POOLND_NOINLINE void channels_first_global_avg_integer(int64_t planes, int64_t plane_size,
                                                       const typename Ops::Scalar* input,
                                                       typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  for (int64_t p = 0; p < planes; ++p) {
    const T* values = input + p * plane_size;
    auto lanes = Ops::zero();
    int64_t i = 0;
    for (; i + width <= plane_size; i += width) lanes = Ops::add(lanes, Ops::load(values + i));
    alignas(64) int32_t stored[width];
    Ops::store_sums(stored, lanes);
    int64_t sum = 0;
    for (int64_t k = 0; k < width; ++k) sum += stored[k];
    for (; i < plane_size; ++i) sum += values[i];
    output[p] = round_divide_clamped<T>(sum, plane_size);
  }
}

template <typename Ops>
POOLND_NOINLINE void channels_last_global_avg_integer(int64_t pixels, int64_t channels,
                                                      const typename Ops::Scalar* image, typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  int64_t c = 0;
  if (channels >= width) {
    for (; c < channels; c += width) {
      const int64_t at = std::min(c, channels - width);  // the last block moved back
      auto lanes = Ops::zero();
      for (int64_t p = 0; p < pixels; ++p) lanes = Ops::add(lanes, Ops::load(image + p * channels + at));
      alignas(64) int32_t stored[width];
      Ops::store_sums(stored, lanes);
      for (int64_t k = 0; k < width; ++k) output[at + k] = round_divide_clamped<T>(stored[k], pixels);
    }
  }
  for (; c < channels; ++c) {
    int64_t sum = 0;
    for (int64_t p = 0; p < pixels; ++p) sum += image[p * channels + c];
    output[c] = round_divide_clamped<T>(sum, pixels);
  }
}

// Channels-last global averages of one image (see ChannelsLastGlobalKernel): vectors run across
// channels, up to 64 channels' sums at a time over every pixel in order. Float32 sums widen each
// quad to double (Quads: the plane-quad operations); float64 sums stay in Ops' vectors.
template <typename Quads>
POOLND_NOINLINE void channels_last_global_avg_f32(int64_t pixels, int64_t channels, const float* image, float* output) {
  constexpr int64_t kQuadsAtOnce = 16;
  const auto count = static_cast<double>(pixels);
  int64_t c = 0;
  while (c + 4 <= channels) {
    const int64_t quads = std::min(kQuadsAtOnce, (channels - c) / 4);
    typename Quads::Sums sums[kQuadsAtOnce];
    for (int64_t q = 0; q < quads; ++q) sums[q] = Quads::zero();
    for (int64_t p = 0; p < pixels; ++p) {
      const float* pixel = image + p * channels + c;
      for (int64_t q = 0; q < quads; ++q) sums[q] = Quads::add(sums[q], Quads::load(pixel + 4 * q));
    }
    for (int64_t q = 0; q < quads; ++q) Quads::store_averages(output + c + 4 * q, sums[q], count);
    c += 4 * quads;
  }
  for (; c < channels; ++c) {
    double sum = 0;
    for (int64_t p = 0; p < pixels; ++p) sum += static_cast<double>(image[p * channels + c]);
    output[c] = static_cast<float>(sum / count);
  }
}

template <typename Ops>
POOLND_NOINLINE void channels_last_global_avg_f64(int64_t pixels, int64_t channels, const double* image,
                                                  double* output) {
  constexpr int64_t width = Ops::width;
  constexpr int64_t kVectorsAtOnce = 16;
  const auto count = static_cast<double>(pixels);
  const auto counts = Ops::splat(count);
  int64_t c = 0;
  while (c + width <= channels) {
    const int64_t vectors = std::min(kVectorsAtOnce, (channels - c) / width);
    typename Ops::Vector sums[kVectorsAtOnce];
    for (int64_t v = 0; v < vectors; ++v) sums[v] = Ops::zero();
    for (int64_t p = 0; p < pixels; ++p) {
      const double* pixel = image + p * channels + c;
      for (int64_t v = 0; v < vectors; ++v) sums[v] = Ops::add(sums[v], Ops::load(pixel + width * v));
    }
    for (int64_t v = 0; v < vectors; ++v) Ops::store(output + c + width * v, Ops::divide(sums[v], counts));
    c += width * vectors;
  }
  for (; c < channels; ++c) {
    double sum = 0;
    for (int64_t p = 0; p < pixels; ++p) sum += image[p * channels + c];
    output[c] = sum / count;
  }
}

// Channels-first float global average (see ChannelsFirstGlobalKernel). Quads is the ISA's
// plane-quad operations for T: 4x4 blocks are transposed so each step adds one element of four
// planes, in each plane's order, in double; four quads at a time keep four add chains in flight.
template <typename Quads, typename T = typename Quads::Element>
POOLND_NOINLINE void channels_first_global_avg(int64_t planes, int64_t plane_size, const T* input, T* output) {
  constexpr int kQuadsAtOnce = 4;
  const auto count = static_cast<double>(plane_size);
  int64_t p = 0;
  const auto sum_quads = [&](auto quads_constant) {
    constexpr int quads = decltype(quads_constant)::value;
    const T* base = input + p * plane_size;
    typename Quads::Sums sums[quads];
    for (int q = 0; q < quads; ++q) sums[q] = Quads::zero();
    int64_t i = 0;
    for (; i + 4 <= plane_size; i += 4) {
      for (int q = 0; q < quads; ++q) {
        const T* first = base + 4 * q * plane_size + i;
        auto a = Quads::load(first), b = Quads::load(first + plane_size);
        auto c = Quads::load(first + 2 * plane_size), d = Quads::load(first + 3 * plane_size);
        Quads::transpose(a, b, c, d);
        sums[q] = Quads::add(Quads::add(Quads::add(Quads::add(sums[q], a), b), c), d);
      }
    }
    for (; i < plane_size; ++i) {
      for (int q = 0; q < quads; ++q) {
        const T* first = base + 4 * q * plane_size + i;
        sums[q] = Quads::add(sums[q],
                             Quads::gather(first, first + plane_size, first + 2 * plane_size, first + 3 * plane_size));
      }
    }
    for (int q = 0; q < quads; ++q) Quads::store_averages(output + p + 4 * q, sums[q], count);
  };
  for (; p + 4 * kQuadsAtOnce <= planes; p += 4 * kQuadsAtOnce) sum_quads(std::integral_constant<int, kQuadsAtOnce>{});
  for (; p + 4 <= planes; p += 4) sum_quads(std::integral_constant<int, 1>{});
  for (; p < planes; ++p) {
    double sum = 0;
    for (int64_t i = 0; i < plane_size; ++i) sum += static_cast<double>(input[p * plane_size + i]);
    output[p] = static_cast<T>(sum / count);
  }
}

// The scalar reference the drivers fall back to.
template <PoolOperation operation, typename T, Layout layout>
constexpr PoolKernel global_scalar_kernel =
    operation == PoolOperation::global_max_pool ? &global_max_pool_scalar<T, layout>
                                                : &global_avg_pool_scalar<T, layout>;

// Channels-last global pooling: one image per work item.
template <typename T, PoolOperation operation, ChannelsLastGlobalKernel<T> microkernel>
void global_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item, KernelPath path) {
  constexpr PoolKernel scalar = global_scalar_kernel<operation, T, Layout::channels_last>;
  if (path == KernelPath::scalar) return scalar(request, first_item, end_item);
  const int64_t pixels = request.geometry.input_plane();
  const int64_t channels = request.geometry.channels;
  const T* input = static_cast<const T*>(request.input);
  T* output = static_cast<T*>(request.output);
  for (int64_t image = first_item; image < end_item; ++image) {
    microkernel(pixels, channels, input + image * pixels * channels, output + image * channels);
  }
}

// Channels-first global pooling: one plane per work item.
template <typename T, PoolOperation operation, ChannelsFirstGlobalKernel<T> microkernel>
void global_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item, KernelPath path) {
  constexpr PoolKernel scalar = global_scalar_kernel<operation, T, Layout::channels_first>;
  if (path == KernelPath::scalar) return scalar(request, first_item, end_item);
  const int64_t plane = request.geometry.input_plane();
  microkernel(end_item - first_item, plane, static_cast<const T*>(request.input) + first_item * plane,
              static_cast<T*>(request.output) + first_item);
}

// 8- and 16-bit integer global averages sum in int32 lanes: the vector kernels take a request
// while every plane's sum stays below 2^31 and (channels-first) the plane has at least
// smallest_plane elements. (Channels-first planes are summed one at a time, lanes along the
// plane; below about 96 elements the scalar kernel, eight planes at once, is faster.)
template <typename T>
inline bool suits_integer_global_average(const PoolRequest& request, int64_t smallest_plane) {
  const double largest =
      std::max(-static_cast<double>(std::numeric_limits<T>::min()), static_cast<double>(std::numeric_limits<T>::max()));
  const int64_t plane = request.geometry.input_plane();
  return static_cast<double>(plane) * largest < 2147483648.0 && plane >= smallest_plane;
}

constexpr int64_t kSmallestIntegerAveragePlane = 96;

// Which way a global kernel takes a request (see KernelPath).
inline KernelPath global_max_pool_channels_last_path(const PoolRequest&) { return KernelPath::images; }
inline KernelPath global_max_pool_channels_first_path(const PoolRequest&) { return KernelPath::planes; }

template <typename T>
inline KernelPath global_avg_pool_channels_last_path(const PoolRequest& request) {
  const bool vector = std::is_floating_point_v<T> || suits_integer_global_average<T>(request, 0);
  return vector ? KernelPath::images : KernelPath::scalar;
}

template <typename T>
inline KernelPath global_avg_pool_channels_first_path(const PoolRequest& request) {
  const bool vector =
      std::is_floating_point_v<T> || suits_integer_global_average<T>(request, kSmallestIntegerAveragePlane);
  return vector ? KernelPath::planes : KernelPath::scalar;
}

// Each global block for T (Isa: see the microkernels below).
template <typename Isa, typename T>
constexpr ChannelsLastGlobalKernel<T> global_max_image_kernel() {
  if constexpr (std::is_floating_point_v<T>) return &channels_last_global_max<typename Isa::template Floats<T>>;
  else return &channels_last_global_max_integer<typename Isa::template Integers<T>>;
}

template <typename Isa, typename T>
constexpr ChannelsFirstGlobalKernel<T> global_max_planes_kernel() {
  if constexpr (std::is_floating_point_v<T>) return &channels_first_global_max<typename Isa::template Floats<T>>;
  else return &channels_first_global_max_integer<typename Isa::template Integers<T>>;
}

template <typename Isa, typename T>
constexpr ChannelsLastGlobalKernel<T> global_avg_image_kernel() {
  if constexpr (std::is_same_v<T, float>) return &channels_last_global_avg_f32<typename Isa::template PlaneQuads<T>>;
  else if constexpr (std::is_same_v<T, double>) return &channels_last_global_avg_f64<typename Isa::template Floats<T>>;
  else return &channels_last_global_avg_integer<typename Isa::template IntegerSums<T>>;
}

template <typename Isa, typename T>
constexpr ChannelsFirstGlobalKernel<T> global_avg_planes_kernel() {
  if constexpr (std::is_floating_point_v<T>) return &channels_first_global_avg<typename Isa::template PlaneQuads<T>>;
  else return &channels_first_global_avg_integer<typename Isa::template IntegerSums<T>>;
}

// The global pooling microkernels (microkernels.inc), float and integer: Isa::Floats<T> and
// Isa::Integers<T> are the ISA's vectors of T, Isa::PlaneQuads<T> its four-planes-at-once sums
// in double, Isa::IntegerSums<T> its widened integer sums.
template <typename Isa, typename T>
using GlobalMaxPoolChannelsLast =
    DrivenKernel<&global_max_pool_channels_last_path,
                 &global_channels_last_driver<T, PoolOperation::global_max_pool, global_max_image_kernel<Isa, T>()>>;

template <typename Isa, typename T>
using GlobalMaxPoolChannelsFirst =
    DrivenKernel<&global_max_pool_channels_first_path,
                 &global_channels_first_driver<T, PoolOperation::global_max_pool, global_max_planes_kernel<Isa, T>()>>;

template <typename Isa, typename T>
using GlobalAvgPoolChannelsLast =
    DrivenKernel<&global_avg_pool_channels_last_path<T>,
                 &global_channels_last_driver<T, PoolOperation::global_avg_pool, global_avg_image_kernel<Isa, T>()>>;

template <typename Isa, typename T>
using GlobalAvgPoolChannelsFirst =
    DrivenKernel<&global_avg_pool_channels_first_path<T>,
                 &global_channels_first_driver<T, PoolOperation::global_avg_pool, global_avg_planes_kernel<Isa, T>()>>;
}  // namespace
}  // namespace poolnd
