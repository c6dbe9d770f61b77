// Float max pooling's vector kernels: the building blocks (one pixel's channels, 2x2 rows,
// window rows, separable rows), the drivers that walk a request through them, and the
// microkernel templates microkernels.inc instantiates. Each block is the scalar reference's
// rule applied lane by lane (a greater value or a NaN takes over), its scalar tail that rule
// as written.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "../adaptive_pool/adaptive_pool_vector.h"
#include "../walkers.h"

namespace poolnd {
namespace {

template <typename Ops>
POOLND_NOINLINE void channels_last_max(int64_t channels, int64_t taps, const typename Ops::Scalar* const* tap_pixels,
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

// A run of `pixels` output pixels from input rows row0 and row1: each element's four taps in
// window order, folded with the scalar kernel's rule (a NaN takes over, a tie keeps the first) as
// a select on the bits, which has no branch to mispredict. The channel count is a template
// argument so that the compiler sees whole pixels and vectorises across them.
template <typename T, int64_t channels>
POOLND_NOINLINE void two_by_two_max_pixels(int64_t pixels, const T* row0, const T* row1, T* output) {
  using Bits = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  const auto take = [](T best, T value) {
    const Bits takes = Bits{0} - static_cast<Bits>(static_cast<int>(value > best) | static_cast<int>(value != value));
    Bits best_bits, value_bits;
    std::memcpy(&best_bits, &best, sizeof(T));
    std::memcpy(&value_bits, &value, sizeof(T));
    const Bits chosen = (value_bits & takes) | (best_bits & ~takes);
    T result;
    std::memcpy(&result, &chosen, sizeof(T));
    return result;
  };
  for (int64_t p = 0; p < pixels; ++p) {
    const T* left0 = row0 + 2 * p * channels;
    const T* left1 = row1 + 2 * p * channels;
    for (int64_t c = 0; c < channels; ++c) {
      const T best = take(take(left0[c], left0[channels + c]), left1[c]);
      output[p * channels + c] = take(best, left1[channels + c]);
    }
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
    const int64_t offsets[4] = {row0_offset + 2 * i, row0_offset + 2 * i + 1, row1_offset + 2 * i,
                                row1_offset + 2 * i + 1};
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
    const int64_t offsets[4] = {row0_offset + 2 * i, row0_offset + 2 * i + 1, row1_offset + 2 * i,
                                row1_offset + 2 * i + 1};
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
POOLND_NOINLINE void two_by_two_max(int64_t rows, int64_t outputs, const typename Ops::Scalar* top, int64_t width,
                                    int64_t top_offset, typename Ops::Scalar* output, int32_t* indices) {
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t offset = top_offset + 2 * r * width;
    two_by_two_max_row<Ops>(outputs, top + 2 * r * width, top + (2 * r + 1) * width, offset, offset + width,
                            output + r * outputs, indices != nullptr ? indices + r * outputs : nullptr);
  }
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
      auto best_index =
          Ops::index_ramp(static_cast<int32_t>(window.offsets[0] + i * stride), static_cast<int32_t>(stride));
      for_each_row_tap<Ops, shifted>(window, shape, i, [&](Vector value, int64_t r, int64_t k) {
        const auto takes = Ops::greater_or_nan(value, best);
        best = Ops::select(takes, value, best);
        const int64_t first_offset = window.offsets[r] + i * stride + k * shape.dilation();
        best_index = Ops::index_select(
            takes, Ops::index_ramp(static_cast<int32_t>(first_offset), static_cast<int32_t>(stride)), best_index);
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

template <typename Ops>
void rows_max_gathered(const WindowRows<typename Ops::Scalar>& window, int64_t outputs, typename Ops::Scalar* output,
                       int32_t* indices) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  const int64_t stride = window.stride;
  for_each_gathered_block<Ops>(outputs, [&](int64_t i, auto gather) {
    auto best = gather(window.rows[0] + i * stride, stride);
    auto best_index =
        Ops::index_ramp(static_cast<int32_t>(window.offsets[0] + i * stride), static_cast<int32_t>(stride));
    for (int64_t r = 0; r < window.count; ++r) {
      for (int64_t k = r == 0 ? 1 : 0; k < window.kernel_width; ++k) {
        const int64_t column = i * stride + k * window.dilation;
        const auto value = gather(window.rows[r] + column, stride);
        const auto takes = Ops::greater_or_nan(value, best);
        best = Ops::select(takes, value, best);
        if (indices != nullptr) {
          const auto ramp =
              Ops::index_ramp(static_cast<int32_t>(window.offsets[r] + column), static_cast<int32_t>(stride));
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

template <typename Ops>
POOLND_NOINLINE void rows_max(const WindowRows<typename Ops::Scalar>& window, int64_t outputs,
                              typename Ops::Scalar* output, int32_t* indices) {
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
POOLND_NOINLINE void separable_max(const typename Ops::Scalar* const* rows, int64_t row_count, int64_t width,
                                   int64_t pad_begin, int64_t outputs, int64_t kernel_width, int64_t stride,
                                   typename Ops::Scalar* scratch, typename Ops::Scalar* output) {
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
  Scratch<T> scratch(separable_max_scratch(width, g.pad_begin[2], outputs, g.kernel_size[2], g.stride[2], widest_lanes),
                     lowest_value<T>());
  Scratch<const T*> rows(g.kernel_size[0] * g.kernel_size[1]);
  for_each_output_row<T, scalar>(
      request, first_item, end_item, [&](int64_t row, const TapRange& depth, const TapRange& height, const T* plane) {
        rows.clear();
        for_each_window_row_offset(g, depth, height, 0, [&](int64_t offset) { rows.push_back(plane + offset); });
        microkernel(rows.data(), rows.size(), width, g.pad_begin[2], outputs, g.kernel_size[2], g.stride[2],
                    scratch.data(), output + row * outputs);
      });
}

template <typename T, ChannelsLastMaxKernel<T> microkernel>
void max_pool_channels_last_driver(const PoolRequest& request, int64_t first_item, int64_t end_item, KernelPath path) {
  constexpr PoolKernel scalar = &max_pool_scalar<T, Layout::channels_last>;
  T* output = static_cast<T*>(request.output);
  const int64_t channels = request.geometry.channels;
  if (path == KernelPath::two_by_two) {
    // The four taps are known without walking the window.
    const int64_t width = request.geometry.input_size[2];
    const int64_t image_pixels = request.geometry.input_plane();
    const T* input = static_cast<const T*>(request.input);
    for_each_two_by_two_run<T, scalar>(
        request, first_item, end_item, [&](int64_t pixel, int64_t pixels, const T* row0, const T* row1) {
          const int64_t top_offset = (row0 - input) / channels % image_pixels;
          if (channels < kFewestVectorChannels && request.indices == nullptr) {
            return with_few_channels(channels, [&](auto few) {
              two_by_two_max_pixels<T, decltype(few)::value>(pixels, row0, row1, output + pixel * channels);
            });
          }
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
          for (int64_t c = 0; c < channels; ++c) output[at + c] = lowest_value<T>();
          if (indices) {
            for (int64_t c = 0; c < channels; ++c) indices[c] = -1;
          }
          return;
        }
        microkernel(channels, taps.size(), taps.pixels(), taps.offsets(), output + at, indices);
      });
}

template <typename T, TwoByTwoMaxKernel<T> two_by_two, RowsMaxKernel<T> rows_kernel,
          AdaptiveRowsKernel<T> adaptive_rows, SeparableMaxKernel<T> separable>
void max_pool_channels_first_driver(const PoolRequest& request, int64_t first_item, int64_t end_item, KernelPath path) {
  constexpr PoolKernel scalar = &max_pool_scalar<T, Layout::channels_first>;
  const WindowGeometry& g = request.geometry;
  T* output = static_cast<T*>(request.output);
  const int64_t outputs = g.output_size[2];
  if (path == KernelPath::scalar) return scalar(request, first_item, end_item);
  if (path == KernelPath::adaptive_rows) return for_each_adaptive_row<T, adaptive_rows>(request, first_item, end_item);
  if (path == KernelPath::two_by_two) {
    for_each_two_by_two_row<T, scalar>(request, first_item, end_item,
                                       [&](int64_t at, int64_t rows, const T* top, int64_t top_offset) {
                                         two_by_two(rows, outputs, top, g.input_size[2], top_offset, output + at,
                                                    request.indices ? request.indices + at : nullptr);
                                       });
    return;
  }
  if (path == KernelPath::separable) return separable_max_rows<T, scalar, separable>(request, first_item, end_item);
  // Rows, or gathered rows: the rows kernel takes both.
  int32_t* indices = request.indices;
  const int64_t first_interior = interior_columns(g).begin;
  for_each_row_split<T, scalar>(
      request, first_item, end_item,
      [&](int64_t at, int64_t ow, const TapRange& depth, const TapRange& height, const T* plane,
          const WindowRows<T>& window) {
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
        for_each_border_tap(g, ow, first_interior, depth, height, plane, window,
                            [&](T value, int64_t offset) { best.consider(value, offset); });
        output[at + ow] = best.value;
        if (indices) indices[at + ow] = static_cast<int32_t>(best.offset);
      },
      [&](int64_t at, int64_t first_column, int64_t columns, const TapRange&, const TapRange&,
          const WindowRows<T>& window) {
        rows_kernel(window, columns, output + at + first_column, indices ? indices + at + first_column : nullptr);
      });
}

// Which way a float max kernel takes a request (see KernelPath).
inline KernelPath max_pool_channels_last_float_path(const PoolRequest& request) {
  return is_two_by_two_stride_two(request.geometry) ? KernelPath::two_by_two : KernelPath::pixels;
}

inline KernelPath max_pool_channels_first_float_path(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  if (g.window_kind == WindowKind::adaptive) {
    return request.indices || !suits_adaptive_rows(g) ? KernelPath::scalar : KernelPath::adaptive_rows;
  }
  if (is_two_by_two_stride_two(g)) return KernelPath::two_by_two;
  if (request.indices == nullptr && suits_separable_max(g)) return KernelPath::separable;
  if (!suits_window_rows(g)) return KernelPath::scalar;
  return g.stride[2] > 2 ? KernelPath::gathered : KernelPath::rows;
}

// The float max microkernels (microkernels.inc): Isa::Floats<T> is the ISA's vector of T.
template <typename Isa, typename T>
using MaxPoolChannelsLastFloat =
    DrivenKernel<&max_pool_channels_last_float_path,
                 &max_pool_channels_last_driver<T, &channels_last_max<typename Isa::template Floats<T>>>>;

template <typename Isa, typename T, typename Ops = typename Isa::template Floats<T>>
using MaxPoolChannelsFirstFloat =
    DrivenKernel<&max_pool_channels_first_float_path,
                 &max_pool_channels_first_driver<T, &two_by_two_max<Ops>, &rows_max<Ops>, &adaptive_rows<Ops, false>,
                                                 &separable_max<Ops>>>;
}  // namespace
}  // namespace poolnd
