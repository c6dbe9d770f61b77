// The contracts of the vector building blocks each op's drivers call, one signature per kind
// of work: one output pixel's channels, a run of outputs along one output row, rows of 2x2
// windows, one image or plane for global pooling. Every ISA implements them from its vector
// operations (isa/<isa>_ops.h) with the templates in the op folders; the drivers (baseline
// logic, compiled into each ISA's translation unit with the rest) walk a request's geometry and
// hand them plain pointers.
//
// The building blocks stay out of line (POOLND_NOINLINE), called once per row, run, pixel or
// image: inlined into the drivers' loops, GCC made the AVX-512 2x2 rows 1.7 times slower.
#pragma once

#include <algorithm>
#include <cstdint>

namespace poolnd {

// Channels-last max over one output pixel: output[c] is the maximum over taps k (in order) of
// taps[k][c], PyTorch's rule (a greater value or a NaN takes over, so ties keep the first and
// the last NaN wins); with indices, indices[c] is offsets[k] of the winning tap. taps >= 1.
template <typename T>
using ChannelsLastMaxKernel = void (*)(int64_t channels, int64_t taps, const T* const* tap_pixels,
                                       const int64_t* tap_offsets, T* output, int32_t* indices);

// Channels-last average over one output pixel: output[c] = ((0 + taps[0][c] + taps[1][c] + ...)
// / divisors[0] / divisors[1] / divisors[2]), each step rounded to T. taps >= 1.
template <typename T>
using ChannelsLastAvgKernel = void (*)(int64_t channels, int64_t taps, const T* const* tap_pixels, const T* divisors,
                                       T* output);

// Channels-first 2x2 windows with stride 2, full windows only, over `rows` consecutive output
// rows of one plane, each `outputs` long: output row r reads input rows top + 2r * width and the
// one after it, and its output i covers (row0[2i], row0[2i + 1], row1[2i], row1[2i + 1]) in that
// (row-major window) order. top_offset is top's plane offset, for the indices. One call for
// many rows spares small planes a call per row.
template <typename T>
using TwoByTwoMaxKernel = void (*)(int64_t rows, int64_t outputs, const T* top, int64_t width, int64_t top_offset,
                                   T* output, int32_t* indices);
template <typename T>
using TwoByTwoAvgKernel = void (*)(int64_t rows, int64_t outputs, const T* top, int64_t width, T divisor, T* output);

// Channels-first windows over a run of outputs along one output row whose taps are all real in
// width: rows[r] is the r-th real input row of the window (row-major window order), and output
// i's taps in that row are rows[r][i * stride + k * dilation] for k in [0, kernel_width). Taps
// are visited row by row, left to right, as the scalar reference does. offsets[r] is rows[r]'s
// plane offset, for the indices. stride is 1 or 2; count >= 1, kernel_width >= 1.
template <typename T>
struct WindowRows {
  int64_t count;
  const T* const* rows;
  const int64_t* offsets;
  int64_t kernel_width;
  int64_t dilation;
  int64_t stride;
};

template <typename T>
using RowsMaxKernel = void (*)(const WindowRows<T>& window, int64_t outputs, T* output, int32_t* indices);
// Averages sum from zero in tap order in T, then divide once by divisor.
template <typename T>
using RowsAvgKernel = void (*)(const WindowRows<T>& window, int64_t outputs, T divisor, T* output);

// Channels-first max windows along one whole output row, floats without indices: output[j] is
// the maximum of rows[r][c] over the row_count real input rows and the real columns c of
// [j * stride - pad_begin, j * stride - pad_begin + kernel_width) ∩ [0, width), by PyTorch's
// rule. Every window has a real column; stride is 1 or 2. scratch holds
// separable_max_scratch(width, pad_begin, outputs, kernel_width, stride, lanes) elements, lanes
// at least the kernel's vector width, all lowest_value<T>() before the first call: the kernel
// writes [pad_begin, pad_begin + width) only, so the rest stays the windows' padding.
template <typename T>
using SeparableMaxKernel = void (*)(const T* const* rows, int64_t row_count, int64_t width, int64_t pad_begin,
                                    int64_t outputs, int64_t kernel_width, int64_t stride, T* scratch, T* output);

inline int64_t separable_max_scratch(int64_t width, int64_t pad_begin, int64_t outputs, int64_t kernel_width,
                                     int64_t stride, int64_t lanes) {
  const int64_t reach = std::max(pad_begin + width, stride * outputs + kernel_width);
  return reach + 2 * lanes;
}

// Channels-first adaptive bins along one output row, floats without indices: output[j] reduces
// rows[r][starts[j] + t] over r < row_count and t < lengths[j], row by row in order (max:
// PyTorch's rule); an average then divides by depth, height and lengths[j] in turn, as
// PyTorch's adaptive average does.
template <typename T>
using AdaptiveRowsKernel = void (*)(const T* const* rows, int64_t row_count, const int32_t* starts,
                                    const int32_t* lengths, int64_t outputs, T depth, T height, T* output);

// Channels-last global pooling of one image of `pixels` pixels (pixels >= 1): output[c] reduces
// image[p * channels + c] over the pixels in order. Max: PyTorch's rule. Average (floats): the
// sum in double, divided once by pixels, as the scalar kernel.
template <typename T>
using ChannelsLastGlobalKernel = void (*)(int64_t pixels, int64_t channels, const T* image, T* output);

// Integer channels-last max over one output pixel, without indices: output[c] is the greatest
// taps[k][c]. Integers have no NaN, and equal integers are the same bytes. taps >= 1.
template <typename T>
using ChannelsLastIntegerMaxKernel = void (*)(int64_t channels, int64_t taps, const T* const* tap_pixels, T* output);

// Integer max over a run of `pixels` output pixels along one output row, channels-last or (with
// one channel) channels-first, without indices: output[p * channels + c] is the greatest
// rows[r][p * pixel_step + k * tap_step + c] over r < row_count and k < kernel_width. Every such
// tap lies in rows[r][0, readable).
template <typename T>
using RunMaxIntegerKernel = void (*)(const T* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable,
                                     int64_t pixels, int64_t channels, int64_t pixel_step, int64_t tap_step, T* output);

// As RunMaxIntegerKernel, for integer averages: each window's sum over its taps, divided by
// `divisor` and rounded half away from zero, saturated to T. The driver keeps divisor < 2^21 and
// |sum| below 2^23 (8-bit types), 2^31 (16-bit) or 2^51 (32-bit).
template <typename T>
using RunAvgIntegerKernel = void (*)(const T* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable,
                                     int64_t pixels, int64_t channels, int64_t pixel_step, int64_t tap_step,
                                     int64_t divisor, T* output);

// Channels-first global pooling of `planes` planes of plane_size elements (plane_size >= 1):
// output[p] reduces its plane in order. Max: PyTorch's rule. Float average: the plane's sum from
// zero in double, divided once and rounded to T, as the scalar kernel does.
template <typename T>
using ChannelsFirstGlobalKernel = void (*)(int64_t planes, int64_t plane_size, const T* input, T* output);

// uint8 2x2 windows with stride 2 over two input rows, full windows only, in either layout
// (channels-first rows are one-channel pixels): output pixel p, channel c covers row0[2p * channels + c], row0[(2p + 1)
// * channels + c] and the same in row1. Averages are (sum + half) >> shift, saturated: the exact rounded quotient for a
// divisor of 2^shift. Integers have no ties to break, so the order of taps is free.
using BytesTwoByTwoMaxKernel = void (*)(int64_t pixels, int64_t channels, const uint8_t* row0, const uint8_t* row1,
                                        uint8_t* output);
using BytesTwoByTwoAvgKernel = void (*)(int64_t pixels, int64_t channels, const uint8_t* row0, const uint8_t* row1,
                                        int shift, uint8_t* output);

}  // namespace poolnd
