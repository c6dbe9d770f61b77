// Integer max pooling's vector kernels (no indices: those go to the scalar kernel). Integers
// have no NaN, and equal integers are the same bytes, so a plain maximum in any order is
// PyTorch's rule: lanes may run across channels, along a run of windows, or over uint8 bytes.
#pragma once

#include <type_traits>

#include "../walkers.h"

namespace poolnd {
namespace {

// Integer channels-last max over one output pixel (see ChannelsLastIntegerMaxKernel).
template <typename Ops>
POOLND_NOINLINE void channels_last_max_integer(int64_t channels, int64_t taps,
                                               const typename Ops::Scalar* const* tap_pixels,
                                               typename Ops::Scalar* output) {
  integer_channels_max<Ops>(channels, taps, [&](int64_t k) { return tap_pixels[k]; }, output);
}

// Integer max along a run of output pixels whose windows lie inside the rows (see
// RunMaxIntegerKernel), lane-wise: a vector loaded at a pixel's tap holds in lane k the tap of
// the window whose first tap is lane k, for every channel of every pixel it covers. Over all
// taps, the lanes that start a window (k mod pixel_step < channels) hold whole windows, and one
// shuffle packs them into output (with stride 1, every lane does, in order).
template <typename Ops>
POOLND_NOINLINE void run_max_integer_both_layouts(const typename Ops::Scalar* const* rows, int64_t row_count,
                                                  int64_t kernel_width, int64_t readable, int64_t pixels,
                                                  int64_t channels, int64_t pixel_step, int64_t tap_step,
                                                  typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  constexpr int64_t packed = 16 / static_cast<int64_t>(sizeof(T));  // elements in one packed store
  const int64_t length = pixels * channels;
  const int64_t last_tap = (kernel_width - 1) * tap_step;
  const auto windows = [&](int64_t base) {
    auto best = Ops::load(rows[0] + base);
    for (int64_t r = 0; r < row_count; ++r) {
      for (int64_t k = r == 0 ? 1 : 0; k < kernel_width; ++k)
        best = Ops::maximum(best, Ops::load(rows[r] + base + k * tap_step));
    }
    return best;
  };
  int64_t done = 0;  // output elements, whole pixels
  if (pixel_step == channels) {
    for (; done + width <= length && done + last_tap + width <= readable; done += width)
      Ops::store(output + done, windows(done));
  } else if (channels <= packed && channels <= width) {
    const int64_t step_pixels = std::min((width - channels) / pixel_step + 1, packed / channels);
    uint8_t sources[16];
    for (int64_t b = 0; b < 16; ++b) {
      const int64_t element = b / static_cast<int64_t>(sizeof(T));
      const int64_t lane = (element / channels) * pixel_step + element % channels;
      sources[b] = element < step_pixels * channels ? static_cast<uint8_t>(lane * sizeof(T) + b % sizeof(T)) : 0xFF;
    }
    const auto table = Ops::Pack::table(sources);
    for (int64_t p = 0; p * channels + packed <= length && p * pixel_step + last_tap + width <= readable;
         p += step_pixels) {
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

template <typename Ops, typename Lanes32>
POOLND_NOINLINE void two_by_two_max_u8_both_layouts(int64_t pixels, int64_t channels, const uint8_t* row0,
                                                    const uint8_t* row1, uint8_t* output) {
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
    for_each_channel_block(pixels, channels, row0, row1,
                           [&](const uint8_t* top, const uint8_t* bottom, int64_t next, int64_t at) {
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

// Integer channels-last max without indices: runs of pixels along output rows lane-wise while a
// pixel's channels fit one packed store, else pixel by pixel across channels.
template <typename T, ChannelsLastIntegerMaxKernel<T> microkernel, RunMaxIntegerKernel<T> run_kernel>
void max_pool_integer_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item,
                                           KernelPath path) {
  constexpr PoolKernel scalar = &max_pool_scalar<T, Layout::channels_last>;
  if (path == KernelPath::scalar) return scalar(request, first_item, end_item);
  const WindowGeometry& g = request.geometry;
  T* output = static_cast<T*>(request.output);
  const int64_t channels = g.channels;
  if (path == KernelPath::runs) {
    for_each_channels_last_run<T>(
        request, first_item, end_item, [&](int64_t pixel) { scalar(request, pixel, pixel + 1); },
        [&](int64_t pixel, int64_t pixels, const T* const* rows, int64_t row_count, int64_t readable, const TapRange&,
            const TapRange&, const TapRange&) {
          run_kernel(rows, row_count, g.kernel_size[2], readable, pixels, channels, g.stride[2] * channels,
                     g.dilation[2] * channels, output + pixel * channels);
        });
    return;
  }
  for_each_channels_last_window<T>(
      request, first_item, end_item,
      [&](int64_t at, const TapRange&, const TapRange&, const TapRange&, const TapList<T>& taps) {
        if (taps.size() == 0) {
          for (int64_t c = 0; c < channels; ++c) output[at + c] = lowest_value<T>();
          return;
        }
        microkernel(channels, taps.size(), taps.pixels(), output + at);
      });
}

// Integer channels-first max without indices: each output row's interior columns as one run (a
// single channel), its border columns tap by tap.
template <typename T, RunMaxIntegerKernel<T> run_kernel>
void max_pool_integer_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item,
                                            KernelPath path) {
  constexpr PoolKernel scalar = &max_pool_scalar<T, Layout::channels_first>;
  const WindowGeometry& g = request.geometry;
  if (path == KernelPath::scalar) return scalar(request, first_item, end_item);
  T* output = static_cast<T*>(request.output);
  const int64_t first_interior = interior_columns(g).begin;
  const int64_t readable = elements_from_column(g, first_interior);
  for_each_row_split<T, scalar>(
      request, first_item, end_item,
      [&](int64_t at, int64_t ow, const TapRange& depth, const TapRange& height, const T* plane,
          const WindowRows<T>& window) {
        // As the scalar kernel: the lowest value, raised by every greater tap.
        T best = lowest_value<T>();
        for_each_border_tap(g, ow, first_interior, depth, height, plane, window,
                            [&](T value, int64_t) { best = std::max(best, value); });
        output[at + ow] = best;
      },
      [&](int64_t at, int64_t first_column, int64_t columns, const TapRange&, const TapRange&,
          const WindowRows<T>& window) {
        run_kernel(window.rows, window.count, g.kernel_size[2], readable, columns, 1, g.stride[2], g.dilation[2],
                   output + at + first_column);
      });
}

// uint8 2x2/stride-2 windows without indices through the byte kernel.
template <BytesTwoByTwoMaxKernel microkernel>
void max_pool_bytes_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &max_pool_scalar<uint8_t, Layout::channels_last>;
  const int64_t channels = request.geometry.channels;
  auto* output = static_cast<uint8_t*>(request.output);
  for_each_two_by_two_run<uint8_t, scalar>(
      request, first_item, end_item, [&](int64_t pixel, int64_t pixels, const uint8_t* row0, const uint8_t* row1) {
        microkernel(pixels, channels, row0, row1, output + pixel * channels);
      });
}

// uint8 channels-first 2x2/stride-2 windows: each pair of input rows through the channels-last
// byte kernels as one-channel pixels, without indices.
template <BytesTwoByTwoMaxKernel microkernel>
void max_pool_bytes_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &max_pool_scalar<uint8_t, Layout::channels_first>;
  const int64_t outputs = request.geometry.output_size[2];
  auto* output = static_cast<uint8_t*>(request.output);
  for_each_two_by_two_row_pair<uint8_t, scalar>(
      request, first_item, end_item,
      [&](int64_t at, const uint8_t* row0, const uint8_t* row1) { microkernel(outputs, 1, row0, row1, output + at); });
}

// Which way an integer max kernel takes a request (see KernelPath). Integer kernels leave
// indices to the scalar one.
template <typename T>
inline KernelPath max_pool_channels_last_integer_path(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  if (request.indices) return KernelPath::scalar;
  const bool pixel_fits_a_store = g.channels * static_cast<int64_t>(sizeof(T)) <= 16;
  return g.window_kind == WindowKind::strided && pixel_fits_a_store ? KernelPath::runs : KernelPath::pixels;
}

template <typename T>
inline KernelPath max_pool_channels_first_integer_path(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  if (request.indices || g.window_kind != WindowKind::strided || g.output_size[2] < kShortestIntegerVectorRow) {
    return KernelPath::scalar;
  }
  return KernelPath::runs;
}

// uint8 2x2 windows with stride 2, without indices, go through the byte kernels.
inline bool takes_bytes_max_channels_last(const PoolRequest& request) {
  return request.indices == nullptr && is_two_by_two_stride_two(request.geometry);
}

inline bool takes_bytes_max_channels_first(const PoolRequest& request) {
  return takes_bytes_max_channels_last(request) && request.geometry.output_size[2] >= kShortestIntegerVectorRow;
}

// The integer max microkernels (microkernels.inc): Isa::Integers<T> is the ISA's vector of T;
// Isa::Bytes and Isa::ByteLanes32 its byte vectors, for uint8's 2x2 windows.
template <typename Isa, typename T>
using MaxPoolChannelsLastInteger = DrivenKernel<
    &max_pool_channels_last_integer_path<T>,
    &max_pool_integer_channels_last_driver<T, &channels_last_max_integer<typename Isa::template Integers<T>>,
                                           &run_max_integer_both_layouts<typename Isa::template Integers<T>>>>;

template <typename Isa, typename T>
using MaxPoolChannelsFirstInteger = DrivenKernel<
    &max_pool_channels_first_integer_path<T>,
    &max_pool_integer_channels_first_driver<T, &run_max_integer_both_layouts<typename Isa::template Integers<T>>>>;

// uint8 2x2 windows: the byte block of the ISA's 16- and 32-lane byte vectors.
template <typename Isa>
constexpr BytesTwoByTwoMaxKernel two_by_two_max_u8 =
    &two_by_two_max_u8_both_layouts<typename Isa::Bytes, typename Isa::ByteLanes32>;

template <typename Isa, typename T>
using MaxPoolChannelsLastBytes =
    WithFastPath<MaxPoolChannelsLastInteger<Isa, uint8_t>, &takes_bytes_max_channels_last,
                 &max_pool_bytes_channels_last_driver<two_by_two_max_u8<Isa>>, KernelPath::two_by_two>;

template <typename Isa, typename T>
using MaxPoolChannelsFirstBytes =
    WithFastPath<MaxPoolChannelsFirstInteger<Isa, uint8_t>, &takes_bytes_max_channels_first,
                 &max_pool_bytes_channels_first_driver<two_by_two_max_u8<Isa>>, KernelPath::two_by_two>;
}  // namespace
}  // namespace poolnd
