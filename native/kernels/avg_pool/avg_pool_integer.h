// Integer average pooling's vector kernels: exact integer sums in wider lanes, divided and
// rounded half away from zero as the scalar kernel does, while the sums and divisors stay in
// the range where that division is exact (suits_integer_average_runs); the rest goes to the
// scalar kernel. uint8 2x2 windows with a power-of-two divisor stay in bytes.
#pragma once

#include <limits>
#include <type_traits>

#include "../walkers.h"

namespace poolnd {
namespace {

// The scalar tail of the integer average runs: output elements [done, pixels * channels), each
// window's exact sum divided as the scalar kernel does.
template <typename T>
void run_avg_integer_tail(const T* const* rows, int64_t row_count, int64_t kernel_width, int64_t pixels,
                          int64_t channels, int64_t pixel_step, int64_t tap_step, int64_t divisor, int64_t done,
                          T* output) {
  for (int64_t j = done; j < pixels * channels; ++j) {
    const int64_t base = (j / channels) * pixel_step + j % channels;
    int64_t sum = 0;
    for (int64_t r = 0; r < row_count; ++r) {
      for (int64_t k = 0; k < kernel_width; ++k) sum += rows[r][base + k * tap_step];
    }
    output[j] = round_divide_clamped<T>(sum, divisor);
  }
}

// Integer average over a run of output pixels whose windows lie inside the rows (see
// RunAvgIntegerKernel): lane-wise sums as run_max_integer_both_layouts's maxima, packed into output
// order before the division. With more channels than lanes, each pixel's channels go in blocks,
// the last moved back to overlap the one before.
template <typename Ops>
POOLND_NOINLINE void run_avg_integer_both_layouts(const typename Ops::Scalar* const* rows, int64_t row_count,
                                                  int64_t kernel_width, int64_t readable, int64_t pixels,
                                                  int64_t channels, int64_t pixel_step, int64_t tap_step,
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
    for (int64_t p = 0; p * channels + width <= length && p * pixel_step + last_tap + width <= readable;
         p += step_pixels) {
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
  run_avg_integer_tail(rows, row_count, kernel_width, pixels, channels, pixel_step, tap_step, divisor, done, output);
}

// As run_avg_integer_both_layouts, for 8-bit types whose window sums fit int16 lanes and whose pixels fit
// one packed store (Ops: ByteSums16): twice the lanes.
template <typename Ops>
void run_avg_bytes_both_layouts(const typename Ops::Scalar* const* rows, int64_t row_count, int64_t kernel_width,
                                int64_t readable, int64_t pixels, int64_t channels, int64_t pixel_step,
                                int64_t tap_step, int64_t divisor, typename Ops::Scalar* output) {
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
  for (int64_t p = 0; p * channels + packed <= length && p * pixel_step + last_tap + width <= readable;
       p += step_pixels) {
    auto sum = Ops::zero();
    for (int64_t r = 0; r < row_count; ++r) {
      for (int64_t k = 0; k < kernel_width; ++k)
        sum = Ops::add(sum, Ops::load(rows[r] + p * pixel_step + k * tap_step));
    }
    Ops::Pack::store(output + p * channels, Ops::finish(sum, divisors, table));
    done = (p + step_pixels) * channels;
  }
  run_avg_integer_tail(rows, row_count, kernel_width, pixels, channels, pixel_step, tap_step, divisor, done, output);
}

// 8-bit average runs: int16 lanes while the sums and pixels fit them, else int32 lanes.
template <typename Sums16, typename Sums32>
POOLND_NOINLINE void run_avg_8bit_both_layouts(const typename Sums32::Scalar* const* rows, int64_t row_count,
                                               int64_t kernel_width, int64_t readable, int64_t pixels, int64_t channels,
                                               int64_t pixel_step, int64_t tap_step, int64_t divisor,
                                               typename Sums32::Scalar* output) {
  using T = typename Sums32::Scalar;
  const int64_t largest = std::max(-static_cast<int64_t>(std::numeric_limits<T>::min()),
                                   static_cast<int64_t>(std::numeric_limits<T>::max()));
  if (row_count * kernel_width * largest <= 32767 && channels <= Sums16::packed) {
    return run_avg_bytes_both_layouts<Sums16>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step,
                                              tap_step, divisor, output);
  }
  run_avg_integer_both_layouts<Sums32>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step,
                                       divisor, output);
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
POOLND_NOINLINE void two_by_two_avg_u8_both_layouts(int64_t pixels, int64_t channels, const uint8_t* row0,
                                                    const uint8_t* row1, int shift, uint8_t* output) {
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
    for_each_channel_block(
        pixels, channels, row0, row1, [&](const uint8_t* top, const uint8_t* bottom, int64_t next, int64_t at) {
          Ops::store(output + at,
                     average(Ops::load(top), Ops::load(top + next), Ops::load(bottom), Ops::load(bottom + next)));
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

// log2 of a 2x2/stride-2 average's divisor (4, or divisorOverride) when it is a power of two
// the byte kernels take; -1 otherwise.
inline int two_by_two_average_shift(const PoolRequest& request) {
  const int64_t divisor = two_by_two_divisor(request);
  for (int shift = 0; shift <= 8; ++shift) {
    if (divisor == int64_t{1} << shift) return shift;
  }
  return -1;
}

// Whether the integer average runs take a request: strided windows whose sums stay inside their
// lanes and whose divisors keep the quotient exact (see RunAvgIntegerKernel).
template <typename T>
inline bool suits_integer_average_runs(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  const double taps = static_cast<double>(g.kernel_size[0]) * static_cast<double>(g.kernel_size[1]) *
                      static_cast<double>(g.kernel_size[2]);
  const double largest =
      std::max(-static_cast<double>(std::numeric_limits<T>::min()), static_cast<double>(std::numeric_limits<T>::max()));
  // A divisor is divisorOverride or a count of taps, at most `taps`.
  const double divisor = request.divisor_override > 0 ? static_cast<double>(request.divisor_override) : taps;
  // 8-bit sums divide in float (see Avx2IntegerSums), which needs them below 2^23; 32-bit sums
  // convert to double through 2^51 (see Avx2IntegerSums64).
  const double sum_limit = sizeof(T) == 1 ? 8388608.0 : sizeof(T) == 2 ? 2147483648.0 : 2251799813685248.0;
  return g.window_kind == WindowKind::strided && taps * largest < sum_limit && divisor < 2097152.0;
}

// Which way an integer average kernel takes a request (see KernelPath).
template <typename T>
inline KernelPath avg_pool_channels_last_integer_path(const PoolRequest& request) {
  return suits_integer_average_runs<T>(request) ? KernelPath::runs : KernelPath::scalar;
}

template <typename T>
inline KernelPath avg_pool_channels_first_integer_path(const PoolRequest& request) {
  if (request.geometry.output_size[2] < kShortestIntegerVectorRow) return KernelPath::scalar;
  return avg_pool_channels_last_integer_path<T>(request);
}

// uint8 2x2 windows with stride 2 whose divisor is a power of two go through the byte kernels.
inline bool takes_bytes_avg_channels_last(const PoolRequest& request) {
  return is_two_by_two_stride_two(request.geometry) && two_by_two_average_shift(request) >= 0;
}

inline bool takes_bytes_avg_channels_first(const PoolRequest& request) {
  return takes_bytes_avg_channels_last(request) && request.geometry.output_size[2] >= kShortestIntegerVectorRow;
}

// The runs kernel for T: 8-bit sums in int16 lanes while they fit, else int32; 16-bit sums in
// int32 lanes, 32-bit in int64 (Isa::IntegerSums<T> picks the width).
template <typename Isa, typename T>
constexpr RunAvgIntegerKernel<T> run_avg_kernel() {
  if constexpr (sizeof(T) == 1) {
    return &run_avg_8bit_both_layouts<typename Isa::template ByteSums16<T>, typename Isa::template IntegerSums<T>>;
  } else {
    return &run_avg_integer_both_layouts<typename Isa::template IntegerSums<T>>;
  }
}

// Integer channels-last average: runs of pixels along output rows (see
// RunAvgIntegerKernel), border pixels by the scalar kernel.
template <typename T, RunAvgIntegerKernel<T> run_kernel>
void avg_pool_integer_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item,
                                           KernelPath path) {
  constexpr PoolKernel scalar = &avg_pool_scalar<T, int64_t, Layout::channels_last>;
  if (path == KernelPath::scalar) return scalar(request, first_item, end_item);
  const WindowGeometry& g = request.geometry;
  T* output = static_cast<T*>(request.output);
  const int64_t channels = g.channels;
  for_each_channels_last_run<T>(
      request, first_item, end_item, [&](int64_t pixel) { scalar(request, pixel, pixel + 1); },
      [&](int64_t pixel, int64_t pixels, const T* const* rows, int64_t row_count, int64_t readable,
          const TapRange& depth, const TapRange& height, const TapRange& width) {
        // Interior windows of one output row share their divisor.
        const int64_t divisor = average_divisor(request, depth, height, width);
        run_kernel(rows, row_count, g.kernel_size[2], readable, pixels, channels, g.stride[2] * channels,
                   g.dilation[2] * channels, divisor, output + pixel * channels);
      });
}

// Integer channels-first average: each output row's interior columns as one run (a
// single channel), its border columns tap by tap.
template <typename T, RunAvgIntegerKernel<T> run_kernel>
void avg_pool_integer_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item,
                                            KernelPath path) {
  constexpr PoolKernel scalar = &avg_pool_scalar<T, int64_t, Layout::channels_first>;
  const WindowGeometry& g = request.geometry;
  if (path == KernelPath::scalar) return scalar(request, first_item, end_item);
  T* output = static_cast<T*>(request.output);
  const int64_t readable = elements_from_column(g, interior_columns(g).begin);
  for_each_average_row_split<T, int64_t, scalar>(
      request, first_item, end_item, output,
      [&](T* run_output, int64_t columns, int64_t divisor, const WindowRows<T>& window) {
        run_kernel(window.rows, window.count, g.kernel_size[2], readable, columns, 1, g.stride[2], g.dilation[2],
                   divisor, run_output);
      });
}

// uint8 channels-last 2x2/stride-2 windows whose divisor is a power of two: the byte kernel.
template <BytesTwoByTwoAvgKernel microkernel>
void avg_pool_bytes_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &avg_pool_scalar<uint8_t, int64_t, Layout::channels_last>;
  const int shift = two_by_two_average_shift(request);
  const int64_t channels = request.geometry.channels;
  auto* output = static_cast<uint8_t*>(request.output);
  for_each_two_by_two_run<uint8_t, scalar>(
      request, first_item, end_item, [&](int64_t pixel, int64_t pixels, const uint8_t* row0, const uint8_t* row1) {
        microkernel(pixels, channels, row0, row1, shift, output + pixel * channels);
      });
}

// uint8 channels-first 2x2/stride-2 windows whose divisor is a power of two: each pair of input
// rows through the byte kernel as one-channel pixels.
template <BytesTwoByTwoAvgKernel microkernel>
void avg_pool_bytes_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &avg_pool_scalar<uint8_t, int64_t, Layout::channels_first>;
  const int shift = two_by_two_average_shift(request);
  const int64_t outputs = request.geometry.output_size[2];
  auto* output = static_cast<uint8_t*>(request.output);
  for_each_two_by_two_row_pair<uint8_t, scalar>(request, first_item, end_item,
                                                [&](int64_t at, const uint8_t* row0, const uint8_t* row1) {
                                                  microkernel(outputs, 1, row0, row1, shift, output + at);
                                                });
}

// The integer average microkernels (microkernels.inc).
template <typename Isa, typename T>
using AvgPoolChannelsLastInteger = DrivenKernel<&avg_pool_channels_last_integer_path<T>,
                                                &avg_pool_integer_channels_last_driver<T, run_avg_kernel<Isa, T>()>>;

template <typename Isa, typename T>
using AvgPoolChannelsFirstInteger = DrivenKernel<&avg_pool_channels_first_integer_path<T>,
                                                 &avg_pool_integer_channels_first_driver<T, run_avg_kernel<Isa, T>()>>;

// uint8 2x2 windows: the byte block of the ISA's 16- and 32-lane byte vectors.
template <typename Isa>
constexpr BytesTwoByTwoAvgKernel two_by_two_avg_u8 =
    &two_by_two_avg_u8_both_layouts<typename Isa::Bytes, typename Isa::ByteLanes32>;

template <typename Isa, typename T>
using AvgPoolChannelsLastBytes =
    WithFastPath<AvgPoolChannelsLastInteger<Isa, uint8_t>, &takes_bytes_avg_channels_last,
                 &avg_pool_bytes_channels_last_driver<two_by_two_avg_u8<Isa>>, KernelPath::two_by_two>;

template <typename Isa, typename T>
using AvgPoolChannelsFirstBytes =
    WithFastPath<AvgPoolChannelsFirstInteger<Isa, uint8_t>, &takes_bytes_avg_channels_first,
                 &avg_pool_bytes_channels_first_driver<two_by_two_avg_u8<Isa>>, KernelPath::two_by_two>;
}  // namespace
}  // namespace poolnd
