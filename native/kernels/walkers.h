// The walkers every op's vector kernels share: how a request's geometry becomes runs of output
// rows, pixels and window taps (baseline logic), and the vector blocks that cover a row.
// Included only by ISA translation units (isa/<isa>_microkernels.cc), after their vector
// operations; the anonymous namespace keeps every instantiation private to its translation
// unit, so code built with one ISA's flags is never linked into another's place (the build
// test checks the ISA objects export no weak symbols). For the same reason nothing here uses
// std::vector, whose out-of-line members would be shared between translation units.
#pragma once

#include <cassert>
#include <cstdint>
#include <type_traits>

#include "microkernels.h"
#include "pool_kernels.h"
#include "vector_contracts.h"
#include "window.h"
#include "window_reductions.h"

namespace poolnd {
namespace {

// A fixed-capacity list for a driver's per-call pointers and offsets.
template <typename T>
class Scratch {
 public:
  explicit Scratch(int64_t capacity) : data_(new T[capacity > 0 ? capacity : 1]), capacity_(capacity) {}
  Scratch(int64_t capacity, T fill) : Scratch(capacity) {
    for (int64_t i = 0; i < capacity; ++i) data_[i] = fill;
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() { delete[] data_; }

  void clear() { size_ = 0; }
  void push_back(T value) {
    assert(size_ < capacity_);
    data_[size_++] = value;
  }
  int64_t size() const { return size_; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  T& operator[](int64_t i) { return data_[i]; }

 private:
  T* data_;
  int64_t capacity_;
  int64_t size_ = 0;
};

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

// The real taps of one channels-last window: where each tap's pixel starts, and its plane offset.
template <typename T>
class TapList {
 public:
  explicit TapList(const WindowGeometry& g) : pixels_(capacity(g)), offsets_(capacity(g)) {}

  void collect(const WindowGeometry& g, const TapRange& depth, const TapRange& height, const TapRange& width,
               const T* image) {
    pixels_.clear();
    offsets_.clear();
    for_each_real_tap(g, depth, height, width, [&](int64_t offset) {
      pixels_.push_back(image + offset * g.channels);
      offsets_.push_back(offset);
    });
  }

  int64_t size() const { return pixels_.size(); }
  const T* const* pixels() const { return pixels_.data(); }
  const int64_t* offsets() const { return offsets_.data(); }

 private:
  static int64_t capacity(const WindowGeometry& g) {
    // Adaptive bins span at most ceil(in / out) + 1 elements per dim.
    int64_t taps = 1;
    for (int dim = 0; dim < kSpatialDims; ++dim) {
      taps *= g.window_kind == WindowKind::adaptive ? g.input_size[dim] / g.output_size[dim] + 2 : g.kernel_size[dim];
    }
    return taps;
  }

  Scratch<const T*> pixels_;
  Scratch<int64_t> offsets_;
};

// Visits channels-last output pixels [first_item, end_item) with their windows' real taps.
template <typename T, typename Visit>
void for_each_channels_last_window(const PoolRequest& request, int64_t first_item, int64_t end_item, Visit&& visit) {
  const WindowGeometry& g = request.geometry;
  const T* input = static_cast<const T*>(request.input);
  TapList<T> taps(g);
  for_each_channels_last_pixel(
      g, first_item, end_item,
      [&](int64_t pixel, int64_t image, const TapRange& depth, const TapRange& height, const TapRange& width) {
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
  Scratch<const T*> rows(g.kernel_size[0] * g.kernel_size[1]);
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
    run(pixel, end - begin, rows.data(), rows.size(), row_elements - first_column * channels, depth, height,
        real_taps(g, 2, begin));
    for (pixel = row_first + end; pixel < row_end; ++pixel) border(pixel);
  }
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
  for_each_two_by_two_row<T, scalar>(request, first_item, end_item,
                                     [&](int64_t at, int64_t rows, const T* top, int64_t) {
                                       for (int64_t r = 0; r < rows; ++r)
                                         visit(at + r * outputs, top + 2 * r * width, top + (2 * r + 1) * width);
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
      visit(((depth.start + kd * g.dilation[0]) * g.input_size[1] + height.start + kh * g.dilation[1]) *
                g.input_size[2] +
            column);
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
  Scratch<const T*> rows(g.kernel_size[0] * g.kernel_size[1]);
  Scratch<int64_t> offsets(g.kernel_size[0] * g.kernel_size[1]);
  for_each_output_row<T, scalar>(request, first_item, end_item,
                                 [&](int64_t row, const TapRange& depth, const TapRange& height, const T* plane) {
                                   rows.clear();
                                   offsets.clear();
                                   if (has_interior) {
                                     for_each_window_row_offset(g, depth, height, first_column, [&](int64_t offset) {
                                       rows.push_back(plane + offset);
                                       offsets.push_back(offset);
                                     });
                                   }
                                   const WindowRows<T> window{rows.size(),      rows.data(),   offsets.data(),
                                                              g.kernel_size[2], g.dilation[2], g.stride[2]};
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
        if (columns.end > columns.begin)
          interior(at, columns.begin, columns.end - columns.begin, depth, height, window);
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

// A border column's average as the scalar kernel takes it: its real taps summed in window order
// in Accumulator, one division (0 for a window without a real tap, as the scalar kernel gives).
template <typename T, typename Accumulator>
inline T border_average(const PoolRequest& request, int64_t ow, int64_t first_interior, const TapRange& depth,
                        const TapRange& height, const T* plane, const WindowRows<T>& window) {
  const WindowGeometry& g = request.geometry;
  const TapRange width = real_taps(g, 2, ow);
  if (width.count() == 0) return T(0);
  Accumulator sum = 0;
  for_each_border_tap(g, ow, first_interior, depth, height, plane, window, [&](T value, int64_t) { sum += value; });
  return finish_average<T, Accumulator>(sum, average_divisor(request, depth, height, width));
}

// Channels-first average rows split as the rows microkernels take them: each border column averaged
// tap by tap as the scalar kernel does (in Accumulator), and interior(run_output, columns, divisor,
// window) for the columns between, which all share one divisor since their width taps are all real.
template <typename T, typename Accumulator, PoolKernel scalar, typename Interior>
void for_each_average_row_split(const PoolRequest& request, int64_t first_item, int64_t end_item, T* output,
                                Interior&& interior) {
  const WindowGeometry& g = request.geometry;
  const int64_t first_interior = interior_columns(g).begin;
  for_each_row_split<T, scalar>(
      request, first_item, end_item,
      [&](int64_t at, int64_t ow, const TapRange& depth, const TapRange& height, const T* plane,
          const WindowRows<T>& window) {
        output[at + ow] = border_average<T, Accumulator>(request, ow, first_interior, depth, height, plane, window);
      },
      [&](int64_t at, int64_t first_column, int64_t columns, const TapRange& depth, const TapRange& height,
          const WindowRows<T>& window) {
        interior(output + at + first_column, columns,
                 average_divisor(request, depth, height, real_taps(g, 2, first_column)), window);
      });
}

// Channels-last 2x2/stride-2 runs with fewer channels than this take a block whose channel count
// is a template argument, so that the compiler sees whole pixels and vectorises across them:
// a call per pixel with a scalar tail of a few channels took 23.5 ms on a 1080x1920x3 float max
// pool (1 thread), 13x the channels-first time on the same bytes.
constexpr int64_t kFewestVectorChannels = 16;

// visit(std::integral_constant<int64_t, count>) for a count in [first, kFewestVectorChannels).
template <int64_t first = 1, typename Visit>
inline void with_few_channels(int64_t count, Visit&& visit) {
  if constexpr (first < kFewestVectorChannels) {
    if (count == first) return visit(std::integral_constant<int64_t, first>{});
    return with_few_channels<first + 1>(count, visit);
  } else {
    assert(false && "with_few_channels: not a few channels");
  }
}

// Integer channels-first rows of fewer outputs than this run faster on the scalar kernel: the
// per-row setup of the vector path outweighs its few lanes (measured on 7x7 planes, 2x2/stride 2).
constexpr int64_t kShortestIntegerVectorRow = 4;

// uint8 2x2/stride-2 windows in either layout (see BytesTwoByTwoMaxKernel).
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
    steps.sources[k] =
        k < steps.output_bytes ? static_cast<uint8_t>(2 * channels * (k / channels) + k % channels) : 0xFF;
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

// A microkernel (microkernels.inc) from its path function and its driver, which takes the path:
// the way a request goes is decided once, in one place, and the tester reports the same path.
template <KernelPath (*path_of)(const PoolRequest&), void (*driver)(const PoolRequest&, int64_t, int64_t, KernelPath)>
struct DrivenKernel {
  static KernelPath path(const PoolRequest& request) { return path_of(request); }
  static void run(const PoolRequest& request, int64_t first_item, int64_t end_item) {
    driver(request, first_item, end_item, path_of(request));
  }
};

// `General`, but with the requests `takes` accepts going through `fast` (whose path is `fast_path`).
template <typename General, bool (*takes)(const PoolRequest&), PoolKernel fast, KernelPath fast_path>
struct WithFastPath {
  static KernelPath path(const PoolRequest& request) { return takes(request) ? fast_path : General::path(request); }
  static void run(const PoolRequest& request, int64_t first_item, int64_t end_item) {
    (takes(request) ? fast : General::run)(request, first_item, end_item);
  }
};

}  // namespace
}  // namespace poolnd
