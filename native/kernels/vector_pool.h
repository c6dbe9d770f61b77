// Microkernel bodies shared by the ISA files. Only ISA files include this, after defining the
// vector operations their kernels are built from (see max_pool_avx2.cc for the list); the
// anonymous namespace keeps every instantiation private to its file, so code built for one
// ISA is never linked into another's place. Each body is the scalar reference's rule applied
// lane by lane, and its scalar tail is that rule as written.
#pragma once

#include <algorithm>
#include <limits>
#include <cstdint>
#include <type_traits>

#include "microkernels.h"
#include "window.h"
#include "window_reductions.h"

namespace poolnd {
namespace {

// The maximum of a block's taps without indices: Ops::maximum is PyTorch's rule for every tap
// but a NaN one, which it drops; `nan` records such taps, for which the caller reruns the block
// by the exact rule. A NaN is rare, and the exact rule costs a longer chain per tap.
template <typename Ops>
struct FastMaximum {
  typename Ops::Vector best;
  typename Ops::Mask nan;
  explicit FastMaximum(typename Ops::Vector first) : best(first), nan(Ops::nan_lanes(first)) {}
  void take(typename Ops::Vector value) {
    best = Ops::maximum(value, best);
    nan = Ops::mask_or(nan, Ops::nan_lanes(value));
  }
  bool exact() const { return !Ops::any(nan); }
};

template <typename Ops>
void channels_last_max(int64_t channels, int64_t taps, const typename Ops::Scalar* const* tap_pixels,
                       const int64_t* tap_offsets, typename Ops::Scalar* output, int32_t* indices) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  int64_t c = 0;
  if (indices != nullptr) {
    for (; c + width <= channels; c += width) {
      auto best = Ops::load(tap_pixels[0] + c);
      auto best_index = Ops::index_splat(static_cast<int32_t>(tap_offsets[0]));
      for (int64_t k = 1; k < taps; ++k) {
        const auto value = Ops::load(tap_pixels[k] + c);
        const auto takes = Ops::greater_or_nan(value, best);
        best = Ops::select(takes, value, best);
        best_index = Ops::index_select(takes, Ops::index_splat(static_cast<int32_t>(tap_offsets[k])), best_index);
      }
      Ops::store(output + c, best);
      Ops::index_store(indices + c, best_index);
    }
  } else {
    for (; c + width <= channels; c += width) {
      FastMaximum<Ops> fast(Ops::load(tap_pixels[0] + c));
      for (int64_t k = 1; k < taps; ++k) fast.take(Ops::load(tap_pixels[k] + c));
      if (fast.exact()) {
        Ops::store(output + c, fast.best);
        continue;
      }
      auto best = Ops::load(tap_pixels[0] + c);
      for (int64_t k = 1; k < taps; ++k) {
        const auto value = Ops::load(tap_pixels[k] + c);
        best = Ops::select(Ops::greater_or_nan(value, best), value, best);
      }
      Ops::store(output + c, best);
    }
  }
  for (; c < channels; ++c) {
    T best = tap_pixels[0][c];
    int64_t best_offset = tap_offsets[0];
    for (int64_t k = 1; k < taps; ++k) {
      const T value = tap_pixels[k][c];
      if (value > best || value != value) {
        best = value;
        best_offset = tap_offsets[k];
      }
    }
    output[c] = best;
    if (indices != nullptr) indices[c] = static_cast<int32_t>(best_offset);
  }
}

template <typename Ops>
void channels_last_average(int64_t channels, int64_t taps, const typename Ops::Scalar* const* tap_pixels,
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

// Channels-last global max of one image: output[c] is the maximum of image[p * channels + c]
// over pixels p in order, PyTorch's rule. pixels >= 1.
template <typename Ops>
void channels_last_global_max(int64_t pixels, int64_t channels, const typename Ops::Scalar* image,
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

// Integer max across channels of `taps` pixels, tap(k) giving the k-th pixel's first channel.
// Vectors run across channels, the last block moved back to overlap the one before (outputs are
// a pure function of the input); fewer channels than a vector go lane by lane.
template <typename Ops, typename Tap>
inline void integer_channels_max(int64_t channels, int64_t taps, Tap&& tap, typename Ops::Scalar* output) {
  constexpr int64_t width = Ops::width;
  if (channels < width) {
    for (int64_t c = 0; c < channels; ++c) {
      auto best = tap(0)[c];
      for (int64_t k = 1; k < taps; ++k) best = std::max(best, tap(k)[c]);
      output[c] = best;
    }
    return;
  }
  for (int64_t c = 0; c < channels; c += width) {
    const int64_t at = std::min(c, channels - width);
    auto best = Ops::load(tap(0) + at);
    for (int64_t k = 1; k < taps; ++k) best = Ops::maximum(best, Ops::load(tap(k) + at));
    Ops::store(output + at, best);
  }
}

// Integer channels-last max over one output pixel (see ChannelsLastIntegerMaxKernel).
template <typename Ops>
void channels_last_max_integer(int64_t channels, int64_t taps, const typename Ops::Scalar* const* tap_pixels,
                               typename Ops::Scalar* output) {
  integer_channels_max<Ops>(channels, taps, [&](int64_t k) { return tap_pixels[k]; }, output);
}

// Integer channels-last global max of one image (see ChannelsLastGlobalMaxKernel).
template <typename Ops>
void channels_last_global_max_integer(int64_t pixels, int64_t channels, const typename Ops::Scalar* image,
                                      typename Ops::Scalar* output) {
  integer_channels_max<Ops>(channels, pixels, [&](int64_t p) { return image + p * channels; }, output);
}

// Integer max along a run of output pixels whose windows lie inside the rows (see
// RunMaxIntegerKernel), lane-wise: a vector loaded at a pixel's tap holds in lane k the tap of
// the window whose first tap is lane k, for every channel of every pixel it covers. Over all
// taps, the lanes that start a window (k mod pixel_step < channels) hold whole windows, and one
// shuffle packs them into output (with stride 1, every lane does, in order).
template <typename Ops>
void run_max_integer(const typename Ops::Scalar* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable,
                     int64_t pixels, int64_t channels, int64_t pixel_step, int64_t tap_step,
                     typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  constexpr int64_t packed = 16 / static_cast<int64_t>(sizeof(T));  // elements in one packed store
  const int64_t length = pixels * channels;
  const int64_t last_tap = (kernel_width - 1) * tap_step;
  const auto windows = [&](int64_t base) {
    auto best = Ops::load(rows[0] + base);
    for (int64_t r = 0; r < row_count; ++r) {
      for (int64_t k = r == 0 ? 1 : 0; k < kernel_width; ++k) best = Ops::maximum(best, Ops::load(rows[r] + base + k * tap_step));
    }
    return best;
  };
  int64_t done = 0;  // output elements, whole pixels
  if (pixel_step == channels) {
    for (; done + width <= length && done + last_tap + width <= readable; done += width) Ops::store(output + done, windows(done));
  } else if (channels <= packed && channels <= width) {
    const int64_t step_pixels = std::min((width - channels) / pixel_step + 1, packed / channels);
    uint8_t sources[16];
    for (int64_t b = 0; b < 16; ++b) {
      const int64_t element = b / static_cast<int64_t>(sizeof(T));
      const int64_t lane = (element / channels) * pixel_step + element % channels;
      sources[b] = element < step_pixels * channels ? static_cast<uint8_t>(lane * sizeof(T) + b % sizeof(T)) : 0xFF;
    }
    const auto table = Ops::Pack::table(sources);
    for (int64_t p = 0; p * channels + packed <= length && p * pixel_step + last_tap + width <= readable; p += step_pixels) {
      Ops::Pack::store(output + p * channels, Ops::Pack::pack(as_bytes(windows(p * pixel_step)), table));
      done = (p + step_pixels) * channels;
    }
  }
  for (int64_t j = done; j < length; ++j) {
    const int64_t base = (j / channels) * pixel_step + j % channels;
    T best = rows[0][base];
    for (int64_t r = 0; r < row_count; ++r) {
      for (int64_t k = 0; k < kernel_width; ++k) best = std::max(best, rows[r][base + k * tap_step]);
    }
    output[j] = best;
  }
}

// Integer average over a run of output pixels whose windows lie inside the rows (see
// RunAverageIntegerKernel): lane-wise sums as run_max_integer's maxima, packed into output
// order before the division. With more channels than lanes, each pixel's channels go in blocks,
// the last moved back to overlap the one before.
template <typename Ops>
void run_average_integer(const typename Ops::Scalar* const* rows, int64_t row_count, int64_t kernel_width,
                         int64_t readable, int64_t pixels, int64_t channels, int64_t pixel_step, int64_t tap_step,
                         int64_t divisor, typename Ops::Scalar* output) {
  constexpr int64_t width = Ops::width;
  const int64_t length = pixels * channels;
  const int64_t last_tap = (kernel_width - 1) * tap_step;
  const auto divisors = static_cast<double>(divisor);
  const auto sums = [&](int64_t base) {
    auto sum = Ops::zero();
    for (int64_t r = 0; r < row_count; ++r) {
      for (int64_t k = 0; k < kernel_width; ++k) sum = Ops::add(sum, Ops::load(rows[r] + base + k * tap_step));
    }
    return sum;
  };
  int64_t done = 0;  // output elements, whole pixels
  if (pixel_step == channels) {
    for (; done + width <= length && done + last_tap + width <= readable; done += width) {
      Ops::store(output + done, Ops::divide_rounded(sums(done), divisors));
    }
  } else if (channels < width) {
    const int64_t step_pixels = std::min((width - channels) / pixel_step + 1, width / channels);
    int32_t lanes[width];
    for (int64_t e = 0; e < width; ++e) {
      lanes[e] = e < step_pixels * channels ? static_cast<int32_t>((e / channels) * pixel_step + e % channels) : 0;
    }
    const auto table = Ops::table(lanes);
    for (int64_t p = 0; p * channels + width <= length && p * pixel_step + last_tap + width <= readable; p += step_pixels) {
      Ops::store(output + p * channels, Ops::divide_rounded(Ops::pack(sums(p * pixel_step), table), divisors));
      done = (p + step_pixels) * channels;
    }
  } else {
    for (int64_t p = 0; p < pixels; ++p) {
      for (int64_t c = 0; c < channels; c += width) {
        const int64_t at = std::min(c, channels - width);
        Ops::store(output + p * channels + at, Ops::divide_rounded(sums(p * pixel_step + at), divisors));
      }
    }
    done = length;
  }
  for (int64_t j = done; j < length; ++j) {
    const int64_t base = (j / channels) * pixel_step + j % channels;
    int64_t sum = 0;
    for (int64_t r = 0; r < row_count; ++r) {
      for (int64_t k = 0; k < kernel_width; ++k) sum += rows[r][base + k * tap_step];
    }
    output[j] = round_divide_clamped<typename Ops::Scalar>(sum, divisor);
  }
}

// As run_average_integer, for 8-bit types whose window sums fit int16 lanes and whose pixels fit
// one packed store (Ops: ByteSums16): twice the lanes.
template <typename Ops>
void run_average_bytes(const typename Ops::Scalar* const* rows, int64_t row_count, int64_t kernel_width,
                       int64_t readable, int64_t pixels, int64_t channels, int64_t pixel_step, int64_t tap_step,
                       int64_t divisor, typename Ops::Scalar* output) {
  constexpr int64_t width = Ops::width;
  constexpr int64_t packed = Ops::packed;
  const int64_t length = pixels * channels;
  const int64_t last_tap = (kernel_width - 1) * tap_step;
  const auto divisors = static_cast<double>(divisor);
  // With stride 1 every lane starts a window, in output order.
  const int64_t step_pixels = pixel_step == channels ? std::min(width, packed) / channels
                                                     : std::min((width - channels) / pixel_step + 1, packed / channels);
  int32_t lanes[packed];
  for (int64_t e = 0; e < packed; ++e) {
    lanes[e] = e < step_pixels * channels ? static_cast<int32_t>((e / channels) * pixel_step + e % channels) : -1;
  }
  const auto table = Ops::table(lanes);
  int64_t done = 0;
  for (int64_t p = 0; p * channels + packed <= length && p * pixel_step + last_tap + width <= readable; p += step_pixels) {
    auto sum = Ops::zero();
    for (int64_t r = 0; r < row_count; ++r) {
      for (int64_t k = 0; k < kernel_width; ++k) sum = Ops::add(sum, Ops::load(rows[r] + p * pixel_step + k * tap_step));
    }
    Ops::Pack::store(output + p * channels, Ops::finish(sum, divisors, table));
    done = (p + step_pixels) * channels;
  }
  for (int64_t j = done; j < length; ++j) {
    const int64_t base = (j / channels) * pixel_step + j % channels;
    int64_t sum = 0;
    for (int64_t r = 0; r < row_count; ++r) {
      for (int64_t k = 0; k < kernel_width; ++k) sum += rows[r][base + k * tap_step];
    }
    output[j] = round_divide_clamped<typename Ops::Scalar>(sum, divisor);
  }
}

// 8-bit average runs: int16 lanes while the sums and pixels fit them, else int32 lanes.
template <typename Sums16, typename Sums32>
void run_average_8bit(const typename Sums32::Scalar* const* rows, int64_t row_count, int64_t kernel_width,
                      int64_t readable, int64_t pixels, int64_t channels, int64_t pixel_step, int64_t tap_step,
                      int64_t divisor, typename Sums32::Scalar* output) {
  using T = typename Sums32::Scalar;
  const int64_t largest = std::max(-static_cast<int64_t>(std::numeric_limits<T>::min()),
                                   static_cast<int64_t>(std::numeric_limits<T>::max()));
  if (row_count * kernel_width * largest <= 32767 && channels <= Sums16::packed) {
    return run_average_bytes<Sums16>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step,
                                     divisor, output);
  }
  run_average_integer<Sums32>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step, divisor,
                              output);
}

// Channels-first float global max (see ChannelsFirstGlobalKernel): a plane's lanes keep running
// maxima of every width-th element, and their greatest is the plane's maximum in any order unless
// a tap is NaN (the last one wins) or the maximum is zero (of either sign: the first one wins);
// such a plane, and one shorter than a vector, is taken in order by the exact rule.
template <typename Ops>
void channels_first_global_max(int64_t planes, int64_t plane_size, const typename Ops::Scalar* input,
                               typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  for (int64_t p = 0; p < planes; ++p) {
    const T* values = input + p * plane_size;
    if (plane_size >= width) {
      FastMaximum<Ops> fast(Ops::load(values));
      int64_t i = width;
      for (; i + width <= plane_size; i += width) fast.take(Ops::load(values + i));
      if (i < plane_size) fast.take(Ops::load(values + plane_size - width));  // the last block moved back
      alignas(64) T lanes[width];
      Ops::store(lanes, fast.best);
      T best = lanes[0];
      for (int64_t k = 1; k < width; ++k) best = lanes[k] > best ? lanes[k] : best;
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
void channels_first_global_max_integer(int64_t planes, int64_t plane_size, const typename Ops::Scalar* input,
                                       typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  for (int64_t p = 0; p < planes; ++p) {
    const T* values = input + p * plane_size;
    T best = values[0];
    if (plane_size >= width) {
      auto lanes = Ops::load(values);
      for (int64_t i = width; i < plane_size; i += width) lanes = Ops::maximum(lanes, Ops::load(values + std::min(i, plane_size - width)));
      alignas(64) T stored[width];
      Ops::store(stored, lanes);
      for (int64_t k = 0; k < width; ++k) best = std::max(best, stored[k]);
    } else {
      for (int64_t i = 1; i < plane_size; ++i) best = std::max(best, values[i]);
    }
    output[p] = best;
  }
}

// 8- and 16-bit integer global averages (Ops: IntegerSums, int32 lanes; the driver keeps every
// sum below 2^31): integer sums are exact in any order, then divided and rounded as the scalar
// kernel does.
template <typename Ops>
void channels_first_global_average_integer(int64_t planes, int64_t plane_size, const typename Ops::Scalar* input,
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
void channels_last_global_average_integer(int64_t pixels, int64_t channels, const typename Ops::Scalar* image,
                                          typename Ops::Scalar* output) {
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
void channels_last_global_average_f32(int64_t pixels, int64_t channels, const float* image, float* output) {
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
void channels_last_global_average_f64(int64_t pixels, int64_t channels, const double* image, double* output) {
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

// Channels-first float global average (see ChannelsFirstGlobalAverageKernel). Quads is the ISA's
// plane-quad operations for T: 4x4 blocks are transposed so each step adds one element of four
// planes, in each plane's order, in double; four quads at a time keep four add chains in flight.
template <typename Quads, typename T = typename Quads::Element>
void channels_first_global_average(int64_t planes, int64_t plane_size, const T* input, T* output) {
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
        sums[q] = Quads::add(sums[q], Quads::gather(first, first + plane_size, first + 2 * plane_size, first + 3 * plane_size));
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

// Channels-first 2x2 windows with stride 2 over two input rows, full windows only: output i
// covers row0[2i], row0[2i + 1], row1[2i], row1[2i + 1], in that (row-major window) order.
template <typename Ops>
void two_by_two_max_row(int64_t outputs, const typename Ops::Scalar* row0, const typename Ops::Scalar* row1,
                        int64_t row0_offset, int64_t row1_offset, typename Ops::Scalar* output, int32_t* indices) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  const auto block = [&](int64_t i) {
    typename Ops::Vector taps[4];
    if (indices == nullptr) {
      // Without indices every step is lane-wise, so lanes stay in Ops' pair order until the store.
      Ops::load_pairs_unordered(row0 + 2 * i, taps[0], taps[1]);
      Ops::load_pairs_unordered(row1 + 2 * i, taps[2], taps[3]);
      FastMaximum<Ops> fast(taps[0]);
      for (int k = 1; k < 4; ++k) fast.take(taps[k]);
      auto best = fast.best;
      if (!fast.exact()) {
        best = taps[0];
        for (int k = 1; k < 4; ++k) best = Ops::select(Ops::greater_or_nan(taps[k], best), taps[k], best);
      }
      Ops::store(output + i, Ops::ordered(best));
      return;
    }
    Ops::load_pairs(row0 + 2 * i, taps[0], taps[1]);
    Ops::load_pairs(row1 + 2 * i, taps[2], taps[3]);
    auto best = taps[0];
    const int64_t offsets[4] = {row0_offset + 2 * i, row0_offset + 2 * i + 1, row1_offset + 2 * i, row1_offset + 2 * i + 1};
    auto best_index = Ops::index_ramp(static_cast<int32_t>(offsets[0]), 2);
    for (int k = 1; k < 4; ++k) {
      const auto takes = Ops::greater_or_nan(taps[k], best);
      best = Ops::select(takes, taps[k], best);
      best_index = Ops::index_select(takes, Ops::index_ramp(static_cast<int32_t>(offsets[k]), 2), best_index);
    }
    Ops::index_store(indices + i, best_index);
    Ops::store(output + i, best);
  };
  if (outputs >= width) {
    // The last block moves back to end at the last output (rewriting some with the same values)
    // rather than leave a scalar tail, whose data-dependent branches mispredict on real data: a
    // 56-output row as 3 blocks of 16 and 8 scalar outputs was slower than 7 blocks of 8.
    for (int64_t i = 0; i < outputs; i += width) block(std::min(i, outputs - width));
    return;
  }
  for (int64_t i = 0; i < outputs; ++i) {
    const T values[4] = {row0[2 * i], row0[2 * i + 1], row1[2 * i], row1[2 * i + 1]};
    const int64_t offsets[4] = {row0_offset + 2 * i, row0_offset + 2 * i + 1, row1_offset + 2 * i, row1_offset + 2 * i + 1};
    int best = 0;
    for (int k = 1; k < 4; ++k) {
      if (values[k] > values[best] || values[k] != values[k]) best = k;
    }
    output[i] = values[best];
    if (indices != nullptr) indices[i] = static_cast<int32_t>(offsets[best]);
  }
}

// Rows of 2x2 windows (see TwoByTwoMaxKernel).
template <typename Ops>
void two_by_two_max(int64_t rows, int64_t outputs, const typename Ops::Scalar* top, int64_t width, int64_t top_offset,
                    typename Ops::Scalar* output, int32_t* indices) {
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t offset = top_offset + 2 * r * width;
    two_by_two_max_row<Ops>(outputs, top + 2 * r * width, top + (2 * r + 1) * width, offset, offset + width,
                            output + r * outputs, indices != nullptr ? indices + r * outputs : nullptr);
  }
}

// As two_by_two_max, for averages: ((((0 + a) + b) + c) + d) / divisor.
template <typename Ops>
void two_by_two_average_row(int64_t outputs, const typename Ops::Scalar* row0, const typename Ops::Scalar* row1,
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

// Rows of 2x2 windows (see TwoByTwoAverageKernel).
template <typename Ops>
void two_by_two_average(int64_t rows, int64_t outputs, const typename Ops::Scalar* top, int64_t width,
                        typename Ops::Scalar divisor, typename Ops::Scalar* output) {
  for (int64_t r = 0; r < rows; ++r) {
    two_by_two_average_row<Ops>(outputs, top + 2 * r * width, top + (2 * r + 1) * width, divisor, output + r * outputs);
  }
}


template <typename Ops, bool unordered>
inline void load_pairs(const typename Ops::Scalar* p, typename Ops::Vector& even, typename Ops::Vector& odd) {
  if constexpr (unordered) {
    Ops::load_pairs_unordered(p, even, odd);
  } else {
    Ops::load_pairs(p, even, odd);
  }
}

// A window row's shape (kernel width, dilation, stride). The common ones are compile-time
// constants, so their tap loops unroll; kKernelWidth 0 reads the shape from the request.
template <int64_t kKernelWidth, int64_t kStride>
class RowShape {
 public:
  template <typename T>
  explicit RowShape(const WindowRows<T>& window)
      : kernel_width_(window.kernel_width), dilation_(window.dilation), stride_(window.stride) {}
  int64_t kernel_width() const { return kKernelWidth > 0 ? kKernelWidth : kernel_width_; }
  int64_t dilation() const { return kKernelWidth > 0 ? 1 : dilation_; }
  int64_t stride() const { return kKernelWidth > 0 ? kStride : stride_; }

 private:
  int64_t kernel_width_, dilation_, stride_;
};

// Calls body(RowShape) with the constant shape that matches the window, else the general one.
template <typename T, typename Body>
inline void with_row_shape(const WindowRows<T>& window, Body&& body) {
  const auto is = [&](int64_t kernel_width, int64_t stride) {
    return window.dilation == 1 && window.kernel_width == kernel_width && window.stride == stride;
  };
  if (is(3, 2)) return body(RowShape<3, 2>(window));
  if (is(2, 2)) return body(RowShape<2, 2>(window));
  if (is(3, 1)) return body(RowShape<3, 1>(window));
  if (is(5, 1)) return body(RowShape<5, 1>(window));
  body(RowShape<0, 0>(window));
}

// Tap k of outputs [i, i + width) in one window row. Stride 2 takes the even lanes of pairs; a
// shifted block starts its pairs one element earlier and takes the odd lanes, so its loads end
// at its last tap.
// Unordered stride-2 taps come from Ops::load_pairs_unordered, lanes in Ops' own order.
template <typename Ops, typename Shape, bool shifted, bool unordered = false>
inline typename Ops::Vector row_tap(const Shape& shape, const typename Ops::Scalar* row, int64_t i, int64_t k) {
  if (shape.stride() == 1) return Ops::load(row + i + k * shape.dilation());
  typename Ops::Vector even, odd;
  load_pairs<Ops, unordered>(row + 2 * i + k * shape.dilation() - (shifted ? 1 : 0), even, odd);
  return shifted ? odd : even;
}

// Visits the taps of outputs [i, i + width) in window order: visit(vector, r, k) for tap k of
// real row r. Stride 2 without dilation, unshifted, takes the odd lanes of a pair as the next
// tap, so each pair load serves two taps.
template <typename Ops, bool shifted, bool unordered = false, typename Shape, typename Visit>
inline void for_each_row_tap(const WindowRows<typename Ops::Scalar>& window, const Shape& shape, int64_t i,
                             Visit&& visit) {
  for (int64_t r = 0; r < window.count; ++r) {
    const typename Ops::Scalar* row = window.rows[r];
    if (shape.stride() == 2 && shape.dilation() == 1 && !shifted) {
      for (int64_t k = 0; k < shape.kernel_width(); k += 2) {
        typename Ops::Vector even, odd;
        load_pairs<Ops, unordered>(row + 2 * i + k, even, odd);
        visit(even, r, k);
        if (k + 1 < shape.kernel_width()) visit(odd, r, k + 1);
      }
    } else {
      for (int64_t k = 0; k < shape.kernel_width(); ++k) {
        visit(row_tap<Ops, Shape, shifted, unordered>(shape, row, i, k), r, k);
      }
    }
  }
}

// Runs block(i, shifted) over vector blocks [i, i + width) covering outputs [0, outputs), the
// last block moved back to overlap the one before rather than leave a scalar tail (outputs are a
// pure function of the input, which lib/ never lets them overlap). An unshifted stride-2 block
// reads one element past its last tap, which lies in the row only while another output follows;
// so the last block is shifted, and needs a block before it to read from. `shifted` is a
// std::bool_constant. Returns where the scalar tail starts.
template <int64_t width, typename Block>
inline int64_t for_each_row_block(int64_t outputs, int64_t stride, Block&& block) {
  if (stride == 1) {
    if (outputs < width) return 0;
    for (int64_t i = 0; i < outputs; i += width) block(std::min(i, outputs - width), std::false_type{});
    return outputs;
  }
  if (outputs <= width) return 0;
  const int64_t last = outputs - width;
  for (int64_t i = 0; i < last; i += width) block(i, std::false_type{});
  block(last, std::true_type{});
  return outputs;
}

template <typename Ops, typename Shape>
void rows_max_shaped(const WindowRows<typename Ops::Scalar>& window, const Shape& shape, int64_t outputs,
                     typename Ops::Scalar* output, int32_t* indices) {
  using T = typename Ops::Scalar;
  using Vector = typename Ops::Vector;
  const int64_t stride = shape.stride();
  const int64_t tail = for_each_row_block<Ops::width>(outputs, stride, [&](int64_t i, auto shifted_constant) {
    constexpr bool shifted = decltype(shifted_constant)::value;
    // Tap (0, 0) starts the maximum and is visited again: it cannot replace itself.
    if (indices == nullptr) {
      // Stride-2 lanes stay in Ops' pair order until the store: a lane-wise maximum does not mind.
      FastMaximum<Ops> fast(row_tap<Ops, Shape, shifted, true>(shape, window.rows[0], i, 0));
      for_each_row_tap<Ops, shifted, true>(window, shape, i, [&](Vector value, int64_t, int64_t) { fast.take(value); });
      if (fast.exact()) return Ops::store(output + i, shape.stride() == 2 ? Ops::ordered(fast.best) : fast.best);
    }
    const Vector first = row_tap<Ops, Shape, shifted>(shape, window.rows[0], i, 0);
    Vector best = first;
    if (indices != nullptr) {
      auto best_index = Ops::index_ramp(static_cast<int32_t>(window.offsets[0] + i * stride), static_cast<int32_t>(stride));
      for_each_row_tap<Ops, shifted>(window, shape, i, [&](Vector value, int64_t r, int64_t k) {
        const auto takes = Ops::greater_or_nan(value, best);
        best = Ops::select(takes, value, best);
        const int64_t first_offset = window.offsets[r] + i * stride + k * shape.dilation();
        best_index = Ops::index_select(takes, Ops::index_ramp(static_cast<int32_t>(first_offset), static_cast<int32_t>(stride)), best_index);
      });
      Ops::index_store(indices + i, best_index);
    } else {
      for_each_row_tap<Ops, shifted>(window, shape, i, [&](Vector value, int64_t, int64_t) {
        best = Ops::select(Ops::greater_or_nan(value, best), value, best);
      });
    }
    Ops::store(output + i, best);
  });
  for (int64_t i = tail; i < outputs; ++i) {
    T best = window.rows[0][i * stride];
    int64_t best_offset = window.offsets[0] + i * stride;
    for (int64_t r = 0; r < window.count; ++r) {
      for (int64_t k = r == 0 ? 1 : 0; k < shape.kernel_width(); ++k) {
        const T value = window.rows[r][i * stride + k * shape.dilation()];
        const bool takes = (value > best) | (value != value);
        best = takes ? value : best;
        best_offset = takes ? window.offsets[r] + i * stride + k * shape.dilation() : best_offset;
      }
    }
    output[i] = best;
    if (indices != nullptr) indices[i] = static_cast<int32_t>(best_offset);
  }
}

// Strides past 2: lane k follows window i + k, its taps gathered `stride` elements apart, in
// row-major window order by the exact rule. The last block moves back to end at the last output;
// a row narrower than a vector runs one block of `outputs` lanes through memory.
template <typename Ops, typename Block>
inline void for_each_gathered_block(int64_t outputs, Block&& block) {
  constexpr int64_t width = Ops::width;
  using T = typename Ops::Scalar;
  if (outputs < width) {
    // Lanes past the row repeat its last window, so every load stays inside the row.
    const auto gather = [outputs](const T* p, int64_t step) {
      alignas(64) T lanes[Ops::width];
      for (int64_t k = 0; k < Ops::width; ++k) lanes[k] = p[std::min(k, outputs - 1) * step];
      return Ops::load(lanes);
    };
    block(int64_t{0}, gather);
    return;
  }
  const auto gather = [](const T* p, int64_t step) { return Ops::gather(p, step); };
  for (int64_t i = 0; i < outputs; i += width) block(std::min(i, outputs - width), gather);
}

template <typename Ops>
void rows_max_gathered(const WindowRows<typename Ops::Scalar>& window, int64_t outputs, typename Ops::Scalar* output,
                       int32_t* indices) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  const int64_t stride = window.stride;
  for_each_gathered_block<Ops>(outputs, [&](int64_t i, auto gather) {
    auto best = gather(window.rows[0] + i * stride, stride);
    auto best_index = Ops::index_ramp(static_cast<int32_t>(window.offsets[0] + i * stride), static_cast<int32_t>(stride));
    for (int64_t r = 0; r < window.count; ++r) {
      for (int64_t k = r == 0 ? 1 : 0; k < window.kernel_width; ++k) {
        const int64_t column = i * stride + k * window.dilation;
        const auto value = gather(window.rows[r] + column, stride);
        const auto takes = Ops::greater_or_nan(value, best);
        best = Ops::select(takes, value, best);
        if (indices != nullptr) {
          const auto ramp = Ops::index_ramp(static_cast<int32_t>(window.offsets[r] + column), static_cast<int32_t>(stride));
          best_index = Ops::index_select(takes, ramp, best_index);
        }
      }
    }
    const int64_t count = std::min(width, outputs);
    alignas(64) T values[width];
    alignas(64) int32_t offsets[width];
    Ops::store(values, best);
    std::copy(values, values + count, output + i);
    if (indices != nullptr) {
      Ops::index_store(offsets, best_index);
      std::copy(offsets, offsets + count, indices + i);
    }
  });
}

// As rows_max_gathered, for averages: sums from zero in row-major window order, one division.
template <typename Ops>
void rows_average_gathered(const WindowRows<typename Ops::Scalar>& window, int64_t outputs, typename Ops::Scalar divisor,
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

// Channels-first adaptive bins along one output row (see AdaptiveRowsKernel): lane k follows
// output i + k through each bin row's taps in order, gathered at the bins' own starts. A tap past
// a shorter bin's end repeats its last tap for a max (which never takes it: a NaN takes itself
// again, the same bits) and adds zero to a sum (never -0, so unchanged). Blocks as
// for_each_gathered_block: the last moved back, or one narrower block through memory.
template <typename Ops, bool average>
void adaptive_rows(const typename Ops::Scalar* const* rows, int64_t row_count, const int32_t* starts,
                   const int32_t* lengths, int64_t outputs, typename Ops::Scalar depth, typename Ops::Scalar height,
                   typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  const auto block = [&](int64_t i, int64_t count) {
    alignas(64) int32_t first[width], last[width], offsets[width];
    alignas(64) T bin_widths[width];  // as the scalar kernel divides: the count in T
    int32_t shortest = lengths[i], longest = lengths[i];
    for (int64_t k = 0; k < width; ++k) {
      const int64_t j = i + std::min(k, count - 1);
      first[k] = starts[j];
      last[k] = starts[j] + lengths[j] - 1;
      bin_widths[k] = static_cast<T>(lengths[j]);
      shortest = std::min(shortest, lengths[j]);
      longest = std::max(longest, lengths[j]);
    }
    const auto widths = Ops::load(bin_widths);
    auto best = Ops::gather_lanes(rows[0], first);
    auto sum = Ops::zero();
    for (int64_t r = 0; r < row_count; ++r) {
      for (int32_t t = 0; t < longest; ++t) {
        typename Ops::Vector value;
        if (t < shortest) {
          value = Ops::gather_lanes(rows[r] + t, first);
        } else {
          for (int64_t k = 0; k < width; ++k) offsets[k] = std::min(first[k] + t, last[k]);
          value = Ops::gather_lanes(rows[r], offsets);
          if (average) value = Ops::select(Ops::greater_or_nan(widths, Ops::splat(static_cast<T>(t))), value, Ops::zero());
        }
        if (average) {
          sum = Ops::add(sum, value);
        } else if (r > 0 || t > 0) {
          best = Ops::select(Ops::greater_or_nan(value, best), value, best);
        }
      }
    }
    const auto result = average ? Ops::divide(Ops::divide(Ops::divide(sum, Ops::splat(depth)), Ops::splat(height)), widths) : best;
    alignas(64) T values[width];
    Ops::store(values, result);
    std::copy(values, values + count, output + i);
  };
  if (outputs < width) return block(0, outputs);
  for (int64_t i = 0; i < outputs; i += width) block(std::min(i, outputs - width), width);
}

template <typename Ops>
void rows_max(const WindowRows<typename Ops::Scalar>& window, int64_t outputs, typename Ops::Scalar* output,
              int32_t* indices) {
  if (window.stride > 2) return rows_max_gathered<Ops>(window, outputs, output, indices);
  with_row_shape(window, [&](const auto& shape) { rows_max_shaped<Ops>(window, shape, outputs, output, indices); });
}

// Separable maxima (see SeparableMaxKernel). Without NaN a window's maximum does not depend on
// the order of its taps, and equal values are equal bytes, but for +0 and -0, which PyTorch's rule
// tells apart by which comes first. So the row's column maxima go into scratch, between lowest
// values for the padding (which never beat a real tap), and each window takes the maximum of its
// stretch of scratch: a few loads a window instead of one per tap. A block with a zero maximum
// reruns by the exact rule, and so does the whole row when a tap is NaN (a sum of all the taps,
// which NaN poisons, finds it; an infinity of each sign also makes NaN, and only costs the rerun).
template <typename Ops>
void separable_max(const typename Ops::Scalar* const* rows, int64_t row_count, int64_t width, int64_t pad_begin,
                   int64_t outputs, int64_t kernel_width, int64_t stride, typename Ops::Scalar* scratch,
                   typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  using Vector = typename Ops::Vector;
  constexpr int64_t lanes = Ops::width;
  const auto exact = [&](int64_t first, int64_t end) {
    for (int64_t j = first; j < end; ++j) {
      const int64_t start = j * stride - pad_begin;
      const int64_t column_end = std::min(width, start + kernel_width);
      T best = lowest_value<T>();
      for (int64_t r = 0; r < row_count; ++r) {
        for (int64_t c = std::max<int64_t>(0, start); c < column_end; ++c) {
          const T value = rows[r][c];
          best = ((value > best) | (value != value)) ? value : best;
        }
      }
      output[j] = best;
    }
  };
  if (width < lanes || outputs < lanes) return exact(0, outputs);
  T* const columns = scratch + pad_begin;  // scratch[pad_begin + c]: column c's maximum
  Vector taps_sum = Ops::zero();
  const auto column_maxima = [&](auto constant_rows) {
    constexpr int64_t fixed_rows = decltype(constant_rows)::value;
    const int64_t count = fixed_rows > 0 ? fixed_rows : row_count;
    // Fixed rows in locals: the stores to scratch could alias rows[] for all the compiler knows.
    const T* fixed[fixed_rows > 0 ? fixed_rows : 1];
    for (int64_t r = 0; r < fixed_rows; ++r) fixed[r] = rows[r];
    const auto column_block = [&](int64_t at) {
      Vector best = Ops::load((fixed_rows > 0 ? fixed[0] : rows[0]) + at);
      Vector sum = best;
      for (int64_t r = 1; r < count; ++r) {
        const Vector value = Ops::load((fixed_rows > 0 ? fixed[r] : rows[r]) + at);
        best = Ops::maximum(value, best);
        sum = Ops::add(sum, value);
      }
      taps_sum = Ops::add(taps_sum, sum);
      Ops::store(columns + at, best);
    };
    int64_t c = 0;
    for (; c + lanes <= width; c += lanes) column_block(c);
    if (c < width) column_block(width - lanes);  // the last block moved back
  };
  // Three rows (3x3 windows) and two (their first and last output rows with padding) as constants.
  if (row_count == 3) {
    column_maxima(std::integral_constant<int64_t, 3>{});
  } else if (row_count == 2) {
    column_maxima(std::integral_constant<int64_t, 2>{});
  } else {
    column_maxima(std::integral_constant<int64_t, 0>{});
  }
  if (Ops::any(Ops::nan_lanes(taps_sum))) return exact(0, outputs);
  for (int64_t i = 0; i < outputs; i += lanes) {
    const int64_t at = std::min(i, outputs - lanes);
    Vector best;
    if (stride == 2) {
      // Lanes in Ops' pair order until the store: a lane-wise maximum does not mind.
      Vector even, odd;
      Ops::load_pairs_unordered(scratch + 2 * at, even, odd);
      best = kernel_width > 1 ? Ops::maximum(odd, even) : even;
      for (int64_t k = 2; k < kernel_width; k += 2) {
        Ops::load_pairs_unordered(scratch + 2 * at + k, even, odd);
        best = Ops::maximum(even, best);
        if (k + 1 < kernel_width) best = Ops::maximum(odd, best);
      }
      best = Ops::ordered(best);
    } else {
      best = Ops::load(scratch + at);
      for (int64_t k = 1; k < kernel_width; ++k) best = Ops::maximum(Ops::load(scratch + at + k), best);
    }
    if (Ops::any(Ops::zero_lanes(best))) {
      exact(at, at + lanes);
    } else {
      Ops::store(output + at, best);
    }
  }
}

template <typename Ops, typename Shape>
void rows_average_shaped(const WindowRows<typename Ops::Scalar>& window, const Shape& shape, int64_t outputs,
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

template <typename Ops>
void rows_average(const WindowRows<typename Ops::Scalar>& window, int64_t outputs, typename Ops::Scalar divisor,
                  typename Ops::Scalar* output) {
  if (window.stride > 2) return rows_average_gathered<Ops>(window, outputs, divisor, output);
  with_row_shape(window, [&](const auto& shape) { rows_average_shaped<Ops>(window, shape, outputs, divisor, output); });
}


// Channels-last uint8 2x2/stride-2 windows (see BytesTwoByTwoMaxKernel).
//
// At most 16 channels: a step loads a vector of each row at a pair of pixels and another one
// pixel (`channels` bytes) later, so lane k of the four vectors holds a window's four taps of one
// channel wherever k lies in the first pixel of a pair (k mod 2·channels < channels). Lane-wise
// work then makes every window at once, and one shuffle packs those lanes into output bytes.
// Steps have 32 lanes (Lanes32) where the byte arithmetic allows, else Ops' 16.
// More channels: vectors run across channels, the last block of a pixel moved back to overlap
// the one before.
struct BytePairSteps {
  int64_t lanes;         // a step's vector width in bytes
  int64_t output_bytes;  // whole pairs of pixels whose first pixel lies in the lanes: channels bytes each, at most 16
  uint8_t sources[16];   // output byte k comes from lane sources[k]; 0xFF (unused bytes) gives 0
};

inline BytePairSteps byte_pair_steps(int64_t channels, int64_t lanes) {
  BytePairSteps steps{};
  const int64_t pairs = std::min((lanes - channels) / (2 * channels) + 1, 16 / channels);
  steps.lanes = lanes;
  steps.output_bytes = channels * pairs;
  for (int64_t k = 0; k < 16; ++k) {
    steps.sources[k] = k < steps.output_bytes ? static_cast<uint8_t>(2 * channels * (k / channels) + k % channels) : 0xFF;
  }
  return steps;
}

// Runs step(input_offset, output_offset) over a row of `pixels` output pixels while a step's
// reads (steps.lanes bytes from input_offset + channels) and its 16-byte store stay inside the
// rows; returns the output bytes done.
template <typename Step>
inline int64_t for_each_byte_pair_step(int64_t pixels, int64_t channels, const BytePairSteps& steps, Step&& step) {
  const int64_t length = pixels * channels;
  int64_t out = 0;
  for (; out + 16 <= length && 2 * out + channels + steps.lanes <= 2 * length; out += steps.output_bytes) {
    step(2 * out, out);
  }
  return out;
}

// More than 16 channels: visit(top, bottom, channel, output_offset) for each 16-channel block of
// each pixel, the last block of a pixel moved back to overlap the one before.
template <typename Visit>
inline void for_each_channel_block(int64_t pixels, int64_t channels, const uint8_t* row0, const uint8_t* row1,
                                   Visit&& visit) {
  for (int64_t p = 0; p < pixels; ++p) {
    for (int64_t c = 0; c < channels; c += 16) {
      const int64_t at = std::min(c, channels - 16);
      visit(row0 + 2 * p * channels + at, row1 + 2 * p * channels + at, channels, p * channels + at);
    }
  }
}

template <typename Ops, typename Lanes32>
void bytes_two_by_two_max(int64_t pixels, int64_t channels, const uint8_t* row0, const uint8_t* row1, uint8_t* output) {
  const int64_t length = pixels * channels;
  int64_t done = 0;
  if (channels <= 16) {
    const BytePairSteps steps = byte_pair_steps(channels, Lanes32::width);
    const auto table = Lanes32::Pack::table(steps.sources);
    done = for_each_byte_pair_step(pixels, channels, steps, [&](int64_t in, int64_t out) {
      const auto first = Lanes32::maximum(Lanes32::load(row0 + in), Lanes32::load(row1 + in));
      const auto second = Lanes32::maximum(Lanes32::load(row0 + in + channels), Lanes32::load(row1 + in + channels));
      Lanes32::Pack::store(output + out, Lanes32::Pack::pack(Lanes32::maximum(first, second), table));
    });
  } else {
    for_each_channel_block(pixels, channels, row0, row1, [&](const uint8_t* top, const uint8_t* bottom, int64_t next, int64_t at) {
      const auto best = Ops::maximum(Ops::maximum(Ops::load(top), Ops::load(top + next)),
                                     Ops::maximum(Ops::load(bottom), Ops::load(bottom + next)));
      Ops::store(output + at, best);
    });
    done = length;
  }
  for (int64_t k = done; k < length; ++k) {
    const int64_t first = 2 * (k / channels) * channels + k % channels;
    output[k] = std::max(std::max(row0[first], row0[first + channels]), std::max(row1[first], row1[first + channels]));
  }
}

// (a + b + c + d + 2) >> 2 in bytes, exactly: with x = avg(a, c) and y = avg(b, d) (each rounded
// up), avg(x, y) is one too high just when x + y is odd and a + c or b + d was odd.
template <typename Ops>
typename Ops::Vector rounded_quarter_sum(typename Ops::Vector a, typename Ops::Vector b, typename Ops::Vector c,
                                         typename Ops::Vector d) {
  const auto x = Ops::average_rounded_up(a, c);
  const auto y = Ops::average_rounded_up(b, d);
  const auto odd = Ops::bit_or(Ops::bit_xor(a, c), Ops::bit_xor(b, d));
  const auto too_high = Ops::bit_and(Ops::bit_and(Ops::bit_xor(x, y), odd), Ops::splat(1));
  return Ops::subtract(Ops::average_rounded_up(x, y), too_high);
}

// (a + b + c + d + 2^(shift-1)) >> shift, saturated to 255, through uint16 lanes.
template <typename Ops>
typename Ops::Vector rounded_shifted_sum(typename Ops::Vector a, typename Ops::Vector b, typename Ops::Vector c,
                                         typename Ops::Vector d, int shift) {
  const auto bias = Ops::splat_u16(shift > 0 ? static_cast<uint16_t>(1u << (shift - 1)) : 0);
  const auto finish = [&](auto widen) {
    return Ops::shift_right_u16(
        Ops::add_u16(Ops::add_u16(Ops::add_u16(widen(a), widen(b)), Ops::add_u16(widen(c), widen(d))), bias), shift);
  };
  return Ops::narrow_saturate(finish([](auto v) { return Ops::widen_low(v); }),
                              finish([](auto v) { return Ops::widen_high(v); }));
}

template <typename Ops, typename Lanes32>
void bytes_two_by_two_average(int64_t pixels, int64_t channels, const uint8_t* row0, const uint8_t* row1, int shift,
                              uint8_t* output) {
  const int64_t length = pixels * channels;
  const auto average = [shift](auto a, auto b, auto c, auto d) {
    return shift == 2 ? rounded_quarter_sum<Ops>(a, b, c, d) : rounded_shifted_sum<Ops>(a, b, c, d, shift);
  };
  int64_t done = 0;
  if (channels <= 16 && shift == 2) {
    // The default divisor: byte arithmetic, 32 lanes a step.
    const BytePairSteps steps = byte_pair_steps(channels, Lanes32::width);
    const auto table = Lanes32::Pack::table(steps.sources);
    done = for_each_byte_pair_step(pixels, channels, steps, [&](int64_t in, int64_t out) {
      const auto windows = rounded_quarter_sum<Lanes32>(Lanes32::load(row0 + in), Lanes32::load(row0 + in + channels),
                                                        Lanes32::load(row1 + in), Lanes32::load(row1 + in + channels));
      Lanes32::Pack::store(output + out, Lanes32::Pack::pack(windows, table));
    });
  } else if (channels <= 16) {
    const BytePairSteps steps = byte_pair_steps(channels, Ops::width);
    const auto sources = Ops::load(steps.sources);
    done = for_each_byte_pair_step(pixels, channels, steps, [&](int64_t in, int64_t out) {
      const auto windows = average(Ops::load(row0 + in), Ops::load(row0 + in + channels), Ops::load(row1 + in),
                                   Ops::load(row1 + in + channels));
      Ops::store(output + out, Ops::shuffle(windows, sources));
    });
  } else {
    for_each_channel_block(pixels, channels, row0, row1, [&](const uint8_t* top, const uint8_t* bottom, int64_t next, int64_t at) {
      Ops::store(output + at, average(Ops::load(top), Ops::load(top + next), Ops::load(bottom), Ops::load(bottom + next)));
    });
    done = length;
  }
  const unsigned half = shift > 0 ? 1u << (shift - 1) : 0;
  for (int64_t k = done; k < length; ++k) {
    const int64_t first = 2 * (k / channels) * channels + k % channels;
    const unsigned sum = row0[first] + row0[first + channels] + row1[first] + row1[first + channels];
    output[k] = static_cast<uint8_t>(std::min(255u, (sum + half) >> shift));
  }
}

}  // namespace
}  // namespace poolnd
