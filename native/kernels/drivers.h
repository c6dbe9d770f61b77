// Drivers: baseline code that walks a request's geometry and hands each output's windows to a
// vector microkernel (microkernels.h). A driver instantiated with a microkernel has the
// PoolKernel signature, so dispatch.cc can put it in a kernel table beside the scalar kernels.
#pragma once

#include <algorithm>
#include <limits>
#include <vector>

#include "microkernels.h"
#include "pool_kernels.h"
#include "window.h"
#include "window_reductions.h"

namespace poolnd {

// The real taps of one channels-last window: where each tap's pixel starts, and its plane offset.
template <typename T>
class TapList {
 public:
  explicit TapList(const WindowGeometry& g) {
    // Adaptive bins span at most ceil(in / out) + 1 elements per dim.
    int64_t capacity = 1;
    for (int dim = 0; dim < kSpatialDims; ++dim) {
      capacity *= g.window_kind == WindowKind::adaptive ? g.input_size[dim] / g.output_size[dim] + 2 : g.kernel_size[dim];
    }
    pixels_.reserve(static_cast<size_t>(capacity));
    offsets_.reserve(static_cast<size_t>(capacity));
  }

  void collect(const WindowGeometry& g, const TapRange& depth, const TapRange& height, const TapRange& width,
               const T* image) {
    pixels_.clear();
    offsets_.clear();
    for_each_real_tap(g, depth, height, width, [&](int64_t offset) {
      pixels_.push_back(image + offset * g.channels);
      offsets_.push_back(offset);
    });
  }

  int64_t size() const { return static_cast<int64_t>(pixels_.size()); }
  const T* const* pixels() const { return pixels_.data(); }
  const int64_t* offsets() const { return offsets_.data(); }

 private:
  std::vector<const T*> pixels_;
  std::vector<int64_t> offsets_;
};

// Visits channels-last output pixels [first_item, end_item) with their windows' real taps.
template <typename T, typename Visit>
void for_each_channels_last_window(const PoolRequest& request, int64_t first_item, int64_t end_item, Visit&& visit) {
  const WindowGeometry& g = request.geometry;
  const T* input = static_cast<const T*>(request.input);
  TapList<T> taps(g);
  for_each_channels_last_pixel(g, first_item, end_item,
                               [&](int64_t pixel, int64_t image, const TapRange& depth, const TapRange& height,
                                   const TapRange& width) {
                                 taps.collect(g, depth, height, width, input + image * g.input_plane() * g.channels);
                                 visit(pixel * g.channels, depth, height, width, taps);
                               });
}

// Whether a request pools 2x2 windows with stride 2 over its last two dims and nothing else:
// no padding, no dilation, one-deep windows in depth (any 1d/2d/3d plane shape).
inline bool is_two_by_two_stride_two(const WindowGeometry& g) {
  bool plain = g.window_kind == WindowKind::strided;
  for (int dim = 0; dim < kSpatialDims; ++dim) {
    const int64_t size = dim == 0 ? 1 : 2;
    plain = plain && g.kernel_size[dim] == size && g.stride[dim] == size && g.dilation[dim] == 1 &&
            g.pad_begin[dim] == 0 && g.pad_end[dim] == 0;
  }
  return plain;
}

// A full 2x2 window without padding has 4 taps, whatever count_include_pad says.
inline int64_t two_by_two_divisor(const PoolRequest& request) {
  return request.divisor_override > 0 ? request.divisor_override : 4;
}

// Visits channels-last output pixels [first_item, end_item) of a 2x2/stride-2 request as runs
// along an output row whose windows are full: visit(first_pixel, pixels, row0, row1), the rows
// starting at the run's first window. Pixels with a partial (ceil-mode) window go to `scalar`.
template <typename T, PoolKernel scalar, typename Visit>
void for_each_two_by_two_run(const PoolRequest& request, int64_t first_item, int64_t end_item, Visit&& visit) {
  const WindowGeometry& g = request.geometry;
  const T* input = static_cast<const T*>(request.input);
  const int64_t channels = g.channels;
  const int64_t height = g.input_size[1];
  const int64_t width = g.input_size[2];
  const int64_t output_width = g.output_size[2];
  const int64_t full_columns = width / 2;
  int64_t pixel = first_item;
  while (pixel < end_item) {
    const OutputPixel at = output_pixel(g, pixel);
    const int64_t row_end = std::min(end_item, pixel + output_width - at.ow);
    const int64_t top = 2 * at.oh;
    int64_t full_end = pixel;
    if (top + 1 < height) {
      full_end = std::min(row_end, pixel + std::max<int64_t>(0, full_columns - at.ow));
      if (full_end > pixel) {
        const T* row0 = input + (((at.n * g.input_size[0] + at.od) * height + top) * width + 2 * at.ow) * channels;
        visit(pixel, full_end - pixel, row0, row0 + width * channels);
      }
    }
    if (row_end > full_end) scalar(request, full_end, row_end);
    pixel = row_end;
  }
}

template <typename T, ChannelsLastMaxKernel<T> microkernel>
void max_pool_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &max_pool_scalar<T, Layout::channels_last>;
  T* output = static_cast<T*>(request.output);
  const int64_t channels = request.geometry.channels;
  if (is_two_by_two_stride_two(request.geometry)) {
    // The four taps are known without walking the window.
    const int64_t width = request.geometry.input_size[2];
    const int64_t image_pixels = request.geometry.input_plane();
    const T* input = static_cast<const T*>(request.input);
    for_each_two_by_two_run<T, scalar>(request, first_item, end_item, [&](int64_t pixel, int64_t pixels, const T* row0, const T* row1) {
      const int64_t top_offset = (row0 - input) / channels % image_pixels;
      for (int64_t p = 0; p < pixels; ++p) {
        const T* const taps[4] = {row0 + 2 * p * channels, row0 + (2 * p + 1) * channels, row1 + 2 * p * channels,
                                  row1 + (2 * p + 1) * channels};
        const int64_t offsets[4] = {top_offset + 2 * p, top_offset + 2 * p + 1, top_offset + width + 2 * p,
                                    top_offset + width + 2 * p + 1};
        const int64_t at = (pixel + p) * channels;
        microkernel(channels, 4, taps, offsets, output + at, request.indices ? request.indices + at : nullptr);
      }
    });
    return;
  }
  for_each_channels_last_window<T>(
      request, first_item, end_item,
      [&](int64_t at, const TapRange&, const TapRange&, const TapRange&, const TapList<T>& taps) {
        int32_t* indices = request.indices ? request.indices + at : nullptr;
        if (taps.size() == 0) {
          std::fill(output + at, output + at + channels, lowest_value<T>());
          if (indices) std::fill(indices, indices + channels, -1);
          return;
        }
        microkernel(channels, taps.size(), taps.pixels(), taps.offsets(), output + at, indices);
      });
}

// Float types only: integer averages need the exact division the scalar kernel does.
template <typename T, ChannelsLastAverageKernel<T> microkernel>
void avg_pool_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  T* output = static_cast<T*>(request.output);
  const int64_t channels = request.geometry.channels;
  const bool adaptive = request.geometry.window_kind == WindowKind::adaptive;
  if (is_two_by_two_stride_two(request.geometry)) {
    const T divisors[3] = {static_cast<T>(two_by_two_divisor(request)), T(1), T(1)};
    for_each_two_by_two_run<T, &avg_pool_scalar<T, T, Layout::channels_last>>(
        request, first_item, end_item, [&](int64_t pixel, int64_t pixels, const T* row0, const T* row1) {
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
          std::fill(output + at, output + at + channels, T(0));
          return;
        }
        // The scalar kernel's divisions: one by the divisor, or adaptive's one per dim.
        const T divisors[3] = {
            adaptive ? static_cast<T>(depth.count()) : static_cast<T>(average_divisor(request, depth, height, width)),
            adaptive ? static_cast<T>(height.count()) : T(1), adaptive ? static_cast<T>(width.count()) : T(1)};
        microkernel(channels, taps.size(), taps.pixels(), divisors, output + at);
      });
}

// Integer types: indices go to the scalar kernel.
// The output columns whose windows have every tap inside the input along width, [begin, end).
struct InteriorColumns {
  int64_t begin, end;
};

inline InteriorColumns interior_columns(const WindowGeometry& g) {
  const int64_t stride = g.stride[2];
  const int64_t pad = g.pad_begin[2];
  const int64_t last_start = g.input_size[2] - 1 - (g.kernel_size[2] - 1) * g.dilation[2];
  const int64_t end = last_start + pad < 0 ? 0 : std::min(g.output_size[2], (last_start + pad) / stride + 1);
  return {std::min(ceil_div_positive(pad, stride), end), end};
}

// Elements of an input row from output column ow's first tap to the row's end (channels-first).
inline int64_t elements_from_column(const WindowGeometry& g, int64_t ow) {
  return g.input_size[2] - (ow * g.stride[2] - g.pad_begin[2]);
}

// Visits channels-last output pixels [first_item, end_item) along output rows: border(pixel) for
// each pixel whose window has a tap outside the input along width (or whose row has no real
// input row), run(first_pixel, pixels, rows, row_count, readable, depth, height, width) once for
// the interior pixels between, with the window's real input rows at the run's first tap,
// `readable` elements from there to the end of each row, and the first window's real taps.
template <typename T, typename Border, typename Run>
void for_each_channels_last_run(const PoolRequest& request, int64_t first_item, int64_t end_item, Border&& border,
                                Run&& run) {
  const WindowGeometry& g = request.geometry;
  const T* input = static_cast<const T*>(request.input);
  const int64_t channels = g.channels;
  const int64_t row_elements = g.input_size[2] * channels;
  const InteriorColumns columns = interior_columns(g);
  std::vector<const T*> rows;
  rows.reserve(static_cast<size_t>(g.kernel_size[0] * g.kernel_size[1]));
  int64_t pixel = first_item;
  while (pixel < end_item) {
    const OutputPixel at = output_pixel(g, pixel);
    const int64_t row_first = pixel - at.ow;  // the output row's pixel 0
    const int64_t row_end = std::min(end_item, row_first + g.output_size[2]);
    const TapRange depth = real_taps(g, 0, at.od);
    const TapRange height = real_taps(g, 1, at.oh);
    const int64_t begin = std::max(at.ow, columns.begin);
    const int64_t end = std::min(row_end - row_first, columns.end);
    if (depth.count() == 0 || height.count() == 0 || begin >= end) {
      for (; pixel < row_end; ++pixel) border(pixel);
      continue;
    }
    for (; pixel < row_first + begin; ++pixel) border(pixel);
    const int64_t first_column = begin * g.stride[2] - g.pad_begin[2];
    const T* image = input + at.n * g.input_plane() * channels;
    rows.clear();
    for (int64_t kd = depth.first; kd < depth.end; ++kd) {
      for (int64_t kh = height.first; kh < height.end; ++kh) {
        const int64_t row = (depth.start + kd * g.dilation[0]) * g.input_size[1] + height.start + kh * g.dilation[1];
        rows.push_back(image + row * row_elements + first_column * channels);
      }
    }
    run(pixel, end - begin, rows.data(), static_cast<int64_t>(rows.size()), row_elements - first_column * channels,
        depth, height, real_taps(g, 2, begin));
    for (pixel = row_first + end; pixel < row_end; ++pixel) border(pixel);
  }
}

// Integer channels-last max without indices: runs of pixels along output rows lane-wise while a
// pixel's channels fit one packed store, else pixel by pixel across channels.
template <typename T, ChannelsLastIntegerMaxKernel<T> microkernel, RunMaxIntegerKernel<T> run_kernel>
void max_pool_integer_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &max_pool_scalar<T, Layout::channels_last>;
  if (request.indices) return scalar(request, first_item, end_item);
  const WindowGeometry& g = request.geometry;
  T* output = static_cast<T*>(request.output);
  const int64_t channels = g.channels;
  if (g.window_kind == WindowKind::strided && channels * static_cast<int64_t>(sizeof(T)) <= 16) {
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
        if (taps.size() == 0) return std::fill(output + at, output + at + channels, lowest_value<T>());
        microkernel(channels, taps.size(), taps.pixels(), output + at);
      });
}

// Channels-last global pooling: one image per work item.
template <typename T, ChannelsLastGlobalKernel<T> microkernel>
void global_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const int64_t pixels = request.geometry.input_plane();
  const int64_t channels = request.geometry.channels;
  const T* input = static_cast<const T*>(request.input);
  T* output = static_cast<T*>(request.output);
  for (int64_t image = first_item; image < end_item; ++image) {
    microkernel(pixels, channels, input + image * pixels * channels, output + image * channels);
  }
}

// Channels-first global pooling: one plane per work item.
template <typename T, ChannelsFirstGlobalKernel<T> microkernel>
void global_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const int64_t plane = request.geometry.input_plane();
  microkernel(end_item - first_item, plane, static_cast<const T*>(request.input) + first_item * plane,
              static_cast<T*>(request.output) + first_item);
}

// 8- and 16-bit integer global averages sum in int32 lanes: the microkernel while every plane's
// sum stays below 2^31 and the plane has at least smallest_plane elements, else the scalar
// kernel. (Channels-first planes are summed one at a time, lanes along the plane; below about 96
// elements the scalar kernel, eight planes at once, is faster.)
template <typename T, PoolKernel microkernel_driver, PoolKernel scalar, int64_t smallest_plane = 0>
void global_integer_average_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const double largest = std::max(-static_cast<double>(std::numeric_limits<T>::min()),
                                  static_cast<double>(std::numeric_limits<T>::max()));
  const int64_t plane = request.geometry.input_plane();
  const bool fits = static_cast<double>(plane) * largest < 2147483648.0;
  (fits && plane >= smallest_plane ? microkernel_driver : scalar)(request, first_item, end_item);
}

// Visits channels-first output rows [first_item, end_item) of a 2x2/stride-2 request as runs of
// consecutive rows of one plane whose windows are full: visit(output_offset, rows, top,
// top_offset), top being the run's first input row. Rows with a partial (ceil-mode) window go
// to the scalar kernel instead.
template <typename T, PoolKernel scalar, typename Visit>
void for_each_two_by_two_row(const PoolRequest& request, int64_t first_item, int64_t end_item, Visit&& visit) {
  const WindowGeometry& g = request.geometry;
  const T* input = static_cast<const T*>(request.input);
  const int64_t height = g.input_size[1];
  const int64_t width = g.input_size[2];
  if (g.output_size[2] > width / 2) return scalar(request, first_item, end_item);  // every row has a partial column
  int64_t row = first_item;
  while (row < end_item) {
    const OutputRow at = output_row(g, row);
    const int64_t slice_end = std::min(end_item, row + g.output_size[1] - at.oh);  // this (plane, depth) slice
    const int64_t full_end = std::min(slice_end, row + std::max<int64_t>(0, height / 2 - at.oh));
    if (full_end > row) {
      const int64_t top_offset = (at.od * height + 2 * at.oh) * width;
      visit(row * g.output_size[2], full_end - row, input + at.plane * g.input_plane() + top_offset, top_offset);
    }
    if (slice_end > full_end) scalar(request, full_end, slice_end);
    row = slice_end;
  }
}

// As for_each_two_by_two_row, one output row at a time: visit(output_offset, row0, row1).
template <typename T, PoolKernel scalar, typename Visit>
void for_each_two_by_two_row_pair(const PoolRequest& request, int64_t first_item, int64_t end_item, Visit&& visit) {
  const int64_t outputs = request.geometry.output_size[2];
  const int64_t width = request.geometry.input_size[2];
  for_each_two_by_two_row<T, scalar>(request, first_item, end_item, [&](int64_t at, int64_t rows, const T* top, int64_t) {
    for (int64_t r = 0; r < rows; ++r) visit(at + r * outputs, top + 2 * r * width, top + (2 * r + 1) * width);
  });
}

// Whether the rows microkernels take a channels-first request: strided windows; past stride 2
// their lanes gather taps, whose int32 lane offsets (up to 15 strides) must fit.
inline bool suits_window_rows(const WindowGeometry& g) {
  return g.window_kind == WindowKind::strided && g.stride[2] <= (int64_t{1} << 31) / 16;
}

// Visits channels-first output rows [first_item, end_item) whose windows reach a real input row:
// visit(row, depth, height, plane), with the depth and height taps of the row's windows and the
// input plane. A row whose windows lie wholly in the padding goes to `scalar`.
template <typename T, PoolKernel scalar, typename Visit>
void for_each_output_row(const PoolRequest& request, int64_t first_item, int64_t end_item, Visit&& visit) {
  const WindowGeometry& g = request.geometry;
  const T* input = static_cast<const T*>(request.input);
  OutputRow at = output_row(g, first_item);
  for (int64_t row = first_item; row < end_item; ++row, advance_output_row(g, at)) {
    const TapRange depth = real_taps(g, 0, at.od);
    const TapRange height = real_taps(g, 1, at.oh);
    if (depth.count() == 0 || height.count() == 0) {
      scalar(request, row, row + 1);
      continue;
    }
    visit(row, depth, height, input + at.plane * g.input_plane());
  }
}

// The plane offsets of one output row's window rows that lie in the input, in window order (depth,
// then height), each at `column` of its input row: visit(offset).
template <typename Visit>
inline void for_each_window_row_offset(const WindowGeometry& g, const TapRange& depth, const TapRange& height,
                                       int64_t column, Visit&& visit) {
  for (int64_t kd = depth.first; kd < depth.end; ++kd) {
    for (int64_t kh = height.first; kh < height.end; ++kh) {
      visit(((depth.start + kd * g.dilation[0]) * g.input_size[1] + height.start + kh * g.dilation[1]) * g.input_size[2] + column);
    }
  }
}

// Visits channels-first output rows [first_item, end_item): visit(row, depth, height, plane,
// window) with the window's real input rows positioned at the first interior column (none when
// no column is interior). The
// border columns are left to the caller; a row without a real input row goes to `scalar`.
template <typename T, PoolKernel scalar, typename Visit>
void for_each_window_rows(const PoolRequest& request, int64_t first_item, int64_t end_item, Visit&& visit) {
  const WindowGeometry& g = request.geometry;
  const InteriorColumns columns = interior_columns(g);
  // Without interior columns the rows stay empty: first_column may then lie before the row.
  const bool has_interior = columns.end > columns.begin;
  const int64_t first_column = columns.begin * g.stride[2] - g.pad_begin[2];
  std::vector<const T*> rows;
  std::vector<int64_t> offsets;
  rows.reserve(static_cast<size_t>(g.kernel_size[0] * g.kernel_size[1]));
  offsets.reserve(rows.capacity());
  for_each_output_row<T, scalar>(
      request, first_item, end_item, [&](int64_t row, const TapRange& depth, const TapRange& height, const T* plane) {
        rows.clear();
        offsets.clear();
        if (has_interior) {
          for_each_window_row_offset(g, depth, height, first_column, [&](int64_t offset) {
            rows.push_back(plane + offset);
            offsets.push_back(offset);
          });
        }
        const WindowRows<T> window{static_cast<int64_t>(rows.size()), rows.data(), offsets.data(), g.kernel_size[2],
                                   g.dilation[2], g.stride[2]};
        visit(row, depth, height, plane, window);
      });
}

// Runs each output row of a request the rows microkernels suit: border(row_output_offset, ow,
// depth, height, plane, window) for every column with a tap outside the input, and interior(
// row_output_offset, first_column, columns, depth, height, window) once for the columns between.
template <typename T, PoolKernel scalar, typename Border, typename Interior>
void for_each_row_split(const PoolRequest& request, int64_t first_item, int64_t end_item, Border&& border,
                        Interior&& interior) {
  const WindowGeometry& g = request.geometry;
  const int64_t outputs = g.output_size[2];
  const InteriorColumns columns = interior_columns(g);
  for_each_window_rows<T, scalar>(
      request, first_item, end_item,
      [&](int64_t row, const TapRange& depth, const TapRange& height, const T* plane, const WindowRows<T>& window) {
        const int64_t at = row * outputs;
        for (int64_t ow = 0; ow < columns.begin; ++ow) border(at, ow, depth, height, plane, window);
        if (columns.end > columns.begin) interior(at, columns.begin, columns.end - columns.begin, depth, height, window);
        for (int64_t ow = columns.end; ow < outputs; ++ow) border(at, ow, depth, height, plane, window);
      });
}

// Visits a border column's real taps in window order, visit(value, plane_offset), through the
// window rows when the row has interior columns (the rows then sit at the first of them,
// first_interior, and column ow's window starts (ow - first_interior) * stride elements along),
// else through the geometry.
template <typename T, typename Visit>
inline void for_each_border_tap(const WindowGeometry& g, int64_t ow, int64_t first_interior, const TapRange& depth,
                                const TapRange& height, const T* plane, const WindowRows<T>& window, Visit&& visit) {
  const TapRange width = real_taps(g, 2, ow);
  if (window.count == 0) {
    for_each_real_tap(g, depth, height, width, [&](int64_t offset) { visit(plane[offset], offset); });
    return;
  }
  const int64_t start = (ow - first_interior) * g.stride[2];
  for (int64_t r = 0; r < window.count; ++r) {
    for (int64_t k = width.first; k < width.end; ++k) {
      const int64_t column = start + k * window.dilation;
      visit(window.rows[r][column], window.offsets[r] + column);
    }
  }
}

// Channels-first adaptive output rows [first_item, end_item), floats: each row's bin rows through
// the adaptive rows microkernel, the bins along width computed once. Rows past 2^24 elements go
// to the scalar kernel: the microkernel compares bin widths in T, exactly only below that.
template <typename T, PoolKernel scalar, AdaptiveRowsKernel<T> microkernel>
void for_each_adaptive_row(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const WindowGeometry& g = request.geometry;
  if (g.input_size[2] > (int64_t{1} << 24)) return scalar(request, first_item, end_item);
  const T* input = static_cast<const T*>(request.input);
  T* output = static_cast<T*>(request.output);
  const int64_t outputs = g.output_size[2];
  std::vector<int32_t> starts(static_cast<size_t>(outputs)), lengths(static_cast<size_t>(outputs));
  for (int64_t ow = 0; ow < outputs; ++ow) {
    const TapRange bin = real_taps(g, 2, ow);
    starts[static_cast<size_t>(ow)] = static_cast<int32_t>(bin.start);
    lengths[static_cast<size_t>(ow)] = static_cast<int32_t>(bin.count());
  }
  std::vector<const T*> rows;
  OutputRow at = output_row(g, first_item);
  for (int64_t row = first_item; row < end_item; ++row, advance_output_row(g, at)) {
    const TapRange depth = real_taps(g, 0, at.od);
    const TapRange height = real_taps(g, 1, at.oh);
    const T* plane = input + at.plane * g.input_plane();
    rows.clear();
    for (int64_t kd = 0; kd < depth.count(); ++kd) {
      for (int64_t kh = 0; kh < height.count(); ++kh) {
        rows.push_back(plane + ((depth.start + kd) * g.input_size[1] + height.start + kh) * g.input_size[2]);
      }
    }
    microkernel(rows.data(), static_cast<int64_t>(rows.size()), starts.data(), lengths.data(), outputs,
                static_cast<T>(depth.count()), static_cast<T>(height.count()), output + row * outputs);
  }
}

// Whether channels-first max windows without indices suit the separable microkernel: stride 1
// or 2 and no dilation along width, every window with a real column, and rows short enough for
// a scratch row per thread.
inline bool suits_separable_max(const WindowGeometry& g) {
  const int64_t last_start = (g.output_size[2] - 1) * g.stride[2] - g.pad_begin[2];
  return g.window_kind == WindowKind::strided && g.dilation[2] == 1 && g.stride[2] <= 2 &&
         g.pad_begin[2] < g.kernel_size[2] && last_start < g.input_size[2] && g.input_size[2] <= (int64_t{1} << 16);
}

// Channels-first max output rows [first_item, end_item) without indices, each through the
// separable microkernel with its window's real input rows; a row without one goes to `scalar`.
template <typename T, PoolKernel scalar, SeparableMaxKernel<T> microkernel>
void separable_max_rows(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  const WindowGeometry& g = request.geometry;
  T* output = static_cast<T*>(request.output);
  const int64_t outputs = g.output_size[2];
  const int64_t width = g.input_size[2];
  constexpr int64_t widest_lanes = 64 / sizeof(T);
  std::vector<T> scratch(static_cast<size_t>(
      separable_max_scratch(width, g.pad_begin[2], outputs, g.kernel_size[2], g.stride[2], widest_lanes)), lowest_value<T>());
  std::vector<const T*> rows;
  rows.reserve(static_cast<size_t>(g.kernel_size[0] * g.kernel_size[1]));
  for_each_output_row<T, scalar>(
      request, first_item, end_item, [&](int64_t row, const TapRange& depth, const TapRange& height, const T* plane) {
        rows.clear();
        for_each_window_row_offset(g, depth, height, 0, [&](int64_t offset) { rows.push_back(plane + offset); });
        microkernel(rows.data(), static_cast<int64_t>(rows.size()), width, g.pad_begin[2], outputs, g.kernel_size[2],
                    g.stride[2], scratch.data(), output + row * outputs);
      });
}

template <typename T, TwoByTwoMaxKernel<T> two_by_two, RowsMaxKernel<T> rows_kernel, AdaptiveRowsKernel<T> adaptive_rows,
          SeparableMaxKernel<T> separable>
void max_pool_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &max_pool_scalar<T, Layout::channels_first>;
  const WindowGeometry& g = request.geometry;
  T* output = static_cast<T*>(request.output);
  const int64_t outputs = g.output_size[2];
  if (g.window_kind == WindowKind::adaptive) {
    if (request.indices) return scalar(request, first_item, end_item);
    return for_each_adaptive_row<T, scalar, adaptive_rows>(request, first_item, end_item);
  }
  if (is_two_by_two_stride_two(g)) {
    for_each_two_by_two_row<T, scalar>(
        request, first_item, end_item, [&](int64_t at, int64_t rows, const T* top, int64_t top_offset) {
          two_by_two(rows, outputs, top, g.input_size[2], top_offset, output + at,
                     request.indices ? request.indices + at : nullptr);
        });
    return;
  }
  if (request.indices == nullptr && suits_separable_max(g)) {
    return separable_max_rows<T, scalar, separable>(request, first_item, end_item);
  }
  if (!suits_window_rows(g)) return scalar(request, first_item, end_item);
  int32_t* indices = request.indices;
  const int64_t first_interior = interior_columns(g).begin;
  for_each_row_split<T, scalar>(
      request, first_item, end_item,
      [&](int64_t at, int64_t ow, const TapRange& depth, const TapRange& height, const T* plane, const WindowRows<T>& window) {
        if (indices == nullptr) {
          // As FastMaximum: a plain maximum (one instruction a tap) unless a tap is NaN. Only a
          // greater tap replaces the lowest value, which a window without real taps keeps, as in
          // the scalar kernel.
          T best = lowest_value<T>();
          bool nan = false;
          for_each_border_tap(g, ow, first_interior, depth, height, plane, window, [&](T value, int64_t) {
            best = value > best ? value : best;
            nan |= is_nan(value);
          });
          if (!nan) {
            output[at + ow] = best;
            return;
          }
        }
        WindowMaximum<T> best;
        for_each_border_tap(g, ow, first_interior, depth, height, plane, window, [&](T value, int64_t offset) { best.consider(value, offset); });
        output[at + ow] = best.value;
        if (indices) indices[at + ow] = static_cast<int32_t>(best.offset);
      },
      [&](int64_t at, int64_t first_column, int64_t columns, const TapRange&, const TapRange&, const WindowRows<T>& window) {
        rows_kernel(window, columns, output + at + first_column, indices ? indices + at + first_column : nullptr);
      });
}

// Integer channels-first rows of fewer outputs than this run faster on the scalar kernel: the
// per-row setup of the vector path outweighs its few lanes (measured on 7x7 planes, 2x2/stride 2).
constexpr int64_t kShortestIntegerVectorRow = 4;

// Integer channels-first max without indices: each output row's interior columns as one run (a
// single channel), its border columns tap by tap.
template <typename T, RunMaxIntegerKernel<T> run_kernel>
void max_pool_integer_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &max_pool_scalar<T, Layout::channels_first>;
  const WindowGeometry& g = request.geometry;
  if (request.indices || g.window_kind != WindowKind::strided || g.output_size[2] < kShortestIntegerVectorRow) {
    return scalar(request, first_item, end_item);
  }
  T* output = static_cast<T*>(request.output);
  const int64_t first_interior = interior_columns(g).begin;
  const int64_t readable = elements_from_column(g, first_interior);
  for_each_row_split<T, scalar>(
      request, first_item, end_item,
      [&](int64_t at, int64_t ow, const TapRange& depth, const TapRange& height, const T* plane, const WindowRows<T>& window) {
        // As the scalar kernel: the lowest value, raised by every greater tap.
        T best = lowest_value<T>();
        for_each_border_tap(g, ow, first_interior, depth, height, plane, window, [&](T value, int64_t) { best = std::max(best, value); });
        output[at + ow] = best;
      },
      [&](int64_t at, int64_t first_column, int64_t columns, const TapRange&, const TapRange&, const WindowRows<T>& window) {
        run_kernel(window.rows, window.count, g.kernel_size[2], readable, columns, 1, g.stride[2], g.dilation[2],
                   output + at + first_column);
      });
}

template <typename T, TwoByTwoAverageKernel<T> two_by_two, RowsAverageKernel<T> rows_kernel,
          AdaptiveRowsKernel<T> adaptive_rows>
void avg_pool_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &avg_pool_scalar<T, T, Layout::channels_first>;
  const WindowGeometry& g = request.geometry;
  T* output = static_cast<T*>(request.output);
  const int64_t outputs = g.output_size[2];
  if (g.window_kind == WindowKind::adaptive) {
    if (!has_uniform_bins(g)) return for_each_adaptive_row<T, scalar, adaptive_rows>(request, first_item, end_item);
    // The bins' sums as strided windows (divided by 1, exactly), then PyTorch's adaptive
    // division by each dim's extent in turn.
    PoolRequest sums = uniform_bins_as_strided(request);
    sums.divisor_override = 1;
    avg_pool_channels_first_driver<T, two_by_two, rows_kernel, adaptive_rows>(sums, first_item, end_item);
    const WindowGeometry& bins = sums.geometry;
    const T depth = static_cast<T>(bins.kernel_size[0]), height = static_cast<T>(bins.kernel_size[1]);
    const T width = static_cast<T>(bins.kernel_size[2]);
    for (int64_t i = first_item * outputs; i < end_item * outputs; ++i) output[i] = output[i] / depth / height / width;
    return;
  }
  if (is_two_by_two_stride_two(g)) {
    const T divisor = static_cast<T>(two_by_two_divisor(request));
    for_each_two_by_two_row<T, scalar>(request, first_item, end_item, [&](int64_t at, int64_t rows, const T* top, int64_t) {
      two_by_two(rows, outputs, top, g.input_size[2], divisor, output + at);
    });
    return;
  }
  if (!suits_window_rows(g)) return scalar(request, first_item, end_item);
  const int64_t first_interior = interior_columns(g).begin;
  for_each_row_split<T, scalar>(
      request, first_item, end_item,
      [&](int64_t at, int64_t ow, const TapRange& depth, const TapRange& height, const T* plane, const WindowRows<T>& window) {
        const TapRange width = real_taps(g, 2, ow);
        if (width.count() == 0) {
          output[at + ow] = T(0);
          return;
        }
        T sum = 0;
        for_each_border_tap(g, ow, first_interior, depth, height, plane, window, [&](T value, int64_t) { sum += value; });
        output[at + ow] = finish_average<T, T>(sum, average_divisor(request, depth, height, width));
      },
      [&](int64_t at, int64_t first_column, int64_t columns, const TapRange& depth, const TapRange& height,
          const WindowRows<T>& window) {
        // Every interior column has the same divisor: its width taps are all real.
        const T divisor = static_cast<T>(average_divisor(request, depth, height, real_taps(g, 2, first_column)));
        rows_kernel(window, columns, divisor, output + at + first_column);
      });
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

// uint8: the 2x2/stride-2 byte kernel, else `general` (the integer driver).
template <BytesTwoByTwoMaxKernel microkernel, PoolKernel general>
void max_pool_bytes_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &max_pool_scalar<uint8_t, Layout::channels_last>;
  if (!is_two_by_two_stride_two(request.geometry) || request.indices) return general(request, first_item, end_item);
  const int64_t channels = request.geometry.channels;
  auto* output = static_cast<uint8_t*>(request.output);
  for_each_two_by_two_run<uint8_t, scalar>(request, first_item, end_item,
                                           [&](int64_t pixel, int64_t pixels, const uint8_t* row0, const uint8_t* row1) {
                                             microkernel(pixels, channels, row0, row1, output + pixel * channels);
                                           });
}

// Whether the integer average runs take a request: strided windows whose sums stay inside their
// lanes and whose divisors keep the quotient exact (see RunAverageIntegerKernel).
template <typename T>
inline bool suits_integer_average_runs(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  const double taps = static_cast<double>(g.kernel_size[0]) * static_cast<double>(g.kernel_size[1]) *
                      static_cast<double>(g.kernel_size[2]);
  const double largest = std::max(-static_cast<double>(std::numeric_limits<T>::min()),
                                  static_cast<double>(std::numeric_limits<T>::max()));
  // A divisor is divisorOverride or a count of taps, at most `taps`.
  const double divisor = request.divisor_override > 0 ? static_cast<double>(request.divisor_override) : taps;
  // 8-bit sums divide in float (see Avx2IntegerSums), which needs them below 2^23; 32-bit sums
  // convert to double through 2^51 (see Avx2IntegerSums64).
  const double sum_limit = sizeof(T) == 1 ? 8388608.0 : sizeof(T) == 2 ? 2147483648.0 : 2251799813685248.0;
  return g.window_kind == WindowKind::strided && taps * largest < sum_limit && divisor < 2097152.0;
}

// Integer channels-last average: runs of pixels along output rows (see
// RunAverageIntegerKernel), border pixels by the scalar kernel.
template <typename T, RunAverageIntegerKernel<T> run_kernel>
void avg_pool_integer_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &avg_pool_scalar<T, int64_t, Layout::channels_last>;
  if (!suits_integer_average_runs<T>(request)) return scalar(request, first_item, end_item);
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
template <typename T, RunAverageIntegerKernel<T> run_kernel>
void avg_pool_integer_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &avg_pool_scalar<T, int64_t, Layout::channels_first>;
  const WindowGeometry& g = request.geometry;
  if (!suits_integer_average_runs<T>(request) || g.output_size[2] < kShortestIntegerVectorRow) {
    return scalar(request, first_item, end_item);
  }
  T* output = static_cast<T*>(request.output);
  const int64_t first_interior = interior_columns(g).begin;
  const int64_t readable = elements_from_column(g, first_interior);
  for_each_row_split<T, scalar>(
      request, first_item, end_item,
      [&](int64_t at, int64_t ow, const TapRange& depth, const TapRange& height, const T* plane, const WindowRows<T>& window) {
        const TapRange width = real_taps(g, 2, ow);
        if (width.count() == 0) {
          output[at + ow] = T(0);  // as the scalar kernel: a window without a real tap
          return;
        }
        int64_t sum = 0;
        for_each_border_tap(g, ow, first_interior, depth, height, plane, window, [&](T value, int64_t) { sum += value; });
        output[at + ow] = round_divide_clamped<T>(sum, average_divisor(request, depth, height, width));
      },
      [&](int64_t at, int64_t first_column, int64_t columns, const TapRange& depth, const TapRange& height,
          const WindowRows<T>& window) {
        run_kernel(window.rows, window.count, g.kernel_size[2], readable, columns, 1, g.stride[2], g.dilation[2],
                   average_divisor(request, depth, height, real_taps(g, 2, first_column)), output + at + first_column);
      });
}

// uint8 channels-first 2x2/stride-2 windows: each pair of input rows through the channels-last
// byte kernels as one-channel pixels; anything else (indices included) goes to `general`.
template <BytesTwoByTwoMaxKernel microkernel, PoolKernel general>
void max_pool_bytes_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &max_pool_scalar<uint8_t, Layout::channels_first>;
  const int64_t outputs = request.geometry.output_size[2];
  if (!is_two_by_two_stride_two(request.geometry) || request.indices || outputs < kShortestIntegerVectorRow) {
    return general(request, first_item, end_item);
  }
  auto* output = static_cast<uint8_t*>(request.output);
  for_each_two_by_two_row_pair<uint8_t, scalar>(request, first_item, end_item,
                                                [&](int64_t at, const uint8_t* row0, const uint8_t* row1) {
                                                  microkernel(outputs, 1, row0, row1, output + at);
                                                });
}

template <BytesTwoByTwoAverageKernel microkernel, PoolKernel general>
void avg_pool_bytes_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &avg_pool_scalar<uint8_t, int64_t, Layout::channels_first>;
  const int shift = two_by_two_average_shift(request);
  const int64_t outputs = request.geometry.output_size[2];
  if (!is_two_by_two_stride_two(request.geometry) || shift < 0 || outputs < kShortestIntegerVectorRow) {
    return general(request, first_item, end_item);
  }
  auto* output = static_cast<uint8_t*>(request.output);
  for_each_two_by_two_row_pair<uint8_t, scalar>(request, first_item, end_item,
                                                [&](int64_t at, const uint8_t* row0, const uint8_t* row1) {
                                                  microkernel(outputs, 1, row0, row1, shift, output + at);
                                                });
}

// uint8 channels-last average: the 2x2/stride-2 byte kernel, else `general` (the integer driver).
template <BytesTwoByTwoAverageKernel microkernel, PoolKernel general>
void avg_pool_bytes_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  constexpr PoolKernel scalar = &avg_pool_scalar<uint8_t, int64_t, Layout::channels_last>;
  const int shift = two_by_two_average_shift(request);
  if (!is_two_by_two_stride_two(request.geometry) || shift < 0) return general(request, first_item, end_item);
  const int64_t channels = request.geometry.channels;
  auto* output = static_cast<uint8_t*>(request.output);
  for_each_two_by_two_run<uint8_t, scalar>(request, first_item, end_item,
                                           [&](int64_t pixel, int64_t pixels, const uint8_t* row0, const uint8_t* row1) {
                                             microkernel(pixels, channels, row0, row1, shift, output + pixel * channels);
                                           });
}

}  // namespace poolnd
