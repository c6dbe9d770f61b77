// Model input: each value is the op's own (the same kernels compute it), except an integer
// average, which is the exact sum over the divisor in double; then y = (v * scale - mean[c]) /
// deviation[c] in double, rounded once to the output type and stored in the output layout.
#include "model_input.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "../../runtime/runtime.h"
#include "../microkernels.h"
#include "../window_reductions.h"

namespace poolnd {
namespace {

// Outputs per scratch tile: small enough to stay in L1/L2 between the op and the conversion.
constexpr int64_t kTileOutputs = 4096;

bool is_float_type(DataType type) { return type == DataType::f32 || type == DataType::f64; }

template <typename Out>
inline Out round_to_output(double y) {
  if constexpr (std::is_floating_point_v<Out>) {
    return static_cast<Out>(y);
  } else {
    // Integer outputs (the input's own type): to nearest, ties away from zero, clamped, as the
    // integer average rounds.
    double rounded = std::round(y);
    if (!(rounded == rounded)) rounded = 0;
    rounded = std::max(rounded, static_cast<double>(std::numeric_limits<Out>::min()));
    rounded = std::min(rounded, static_cast<double>(std::numeric_limits<Out>::max()));
    return static_cast<Out>(rounded);
  }
}

// (v * scale - mean[c]) / deviation[c]; v itself without normalisation (scale is then 1).
struct Normaliser {
  double scale;
  const double* mean;
  const double* deviation;

  double operator()(double value, int64_t channel) const {
    return mean == nullptr ? value : (value * scale - mean[channel]) / deviation[channel];
  }
};

Normaliser normaliser_of(const PoolRequest& request) {
  const OutputConversion& conversion = request.conversion;
  return {conversion.scale, conversion.mean, conversion.deviation};
}

// Outputs per work item of the op (pool_work_items): an output row of one plane channels-first,
// an output pixel's channels channels-last; global pooling: a plane's one output, or an image's.
int64_t outputs_per_item(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  const bool channels_first = request.layout == Layout::channels_first;
  if (request.operation == PoolOperation::global_avg_pool) return channels_first ? 1 : g.channels;
  return channels_first ? g.output_size[2] : g.channels;
}

// A pointer p with p[first] == base[0]: the op's kernels write output position `at` of the whole
// request, and a tile holds positions [first, first + tile size). Integer arithmetic, since the
// pointer itself lies outside the tile.
template <typename T>
T* shifted(T* base, int64_t first) {
  return reinterpret_cast<T*>(reinterpret_cast<uintptr_t>(base) - static_cast<uintptr_t>(first) * sizeof(T));
}

// Converts outputs [first, end) (positions in the input's layout) of `values`, and moves their
// indices when the layout changes; `values` and `indices` are indexed by position.
template <typename Value, typename Out>
void convert_outputs(const PoolRequest& request, const Value* values, const int32_t* indices, int64_t first,
                     int64_t end) {
  const WindowGeometry& g = request.geometry;
  const int64_t plane = g.output_plane();
  const int64_t channels = g.channels;
  const Normaliser normalise = normaliser_of(request);
  const bool same_layout = request.conversion.output_layout == request.layout;
  Out* output = static_cast<Out*>(request.output);
  int32_t* output_indices = request.indices;
  int64_t at = first;
  if (request.layout == Layout::channels_first) {
    while (at < end) {  // a run of one plane: one channel, outputs one step apart in channels-first
      const int64_t plane_index = at / plane;
      const int64_t within = at % plane;
      const int64_t channel = plane_index % channels;
      const int64_t stop = std::min(end, at + plane - within);
      const int64_t step = same_layout ? 1 : channels;
      int64_t to = same_layout ? at : ((plane_index / channels) * plane + within) * channels + channel;
      for (; at < stop; ++at, to += step) {
        output[to] = round_to_output<Out>(normalise(static_cast<double>(values[at]), channel));
        if (indices != nullptr) output_indices[to] = indices[at];
      }
    }
  } else {
    while (at < end) {  // a run of one pixel's channels
      const int64_t pixel = at / channels;
      const int64_t first_channel = at % channels;
      const int64_t stop = std::min(end, at + channels - first_channel);
      const int64_t step = same_layout ? 1 : plane;
      int64_t to = same_layout ? at : ((pixel / plane) * channels + first_channel) * plane + pixel % plane;
      for (int64_t channel = first_channel; at < stop; ++at, ++channel, to += step) {
        output[to] = round_to_output<Out>(normalise(static_cast<double>(values[at]), channel));
        if (indices != nullptr) output_indices[to] = indices[at];
      }
    }
  }
}

// An integer average unrounded: the exact sum of the real taps over the divisor, in double.
template <typename T, Layout layout>
void exact_integer_average(const PoolRequest& request, int64_t first_item, int64_t end_item) {
  auto* output = static_cast<double*>(request.output);
  for_each_window<T, layout>(
      request, first_item, end_item,
      [&](int64_t at, const TapRange& depth, const TapRange& height, const TapRange& width, const T* values,
          int64_t value_stride) {
        if (depth.count() == 0 || height.count() == 0 || width.count() == 0) {
          output[at] = 0;
          return;
        }
        int64_t sum = 0;
        for_each_real_tap(request.geometry, depth, height, width,
                          [&](int64_t offset) { sum += static_cast<int64_t>(values[offset * value_stride]); });
        output[at] = static_cast<double>(sum) / static_cast<double>(average_divisor(request, depth, height, width));
      });
}

template <typename T>
PoolKernel exact_integer_average_kernel(Layout layout) {
  return layout == Layout::channels_first ? &exact_integer_average<T, Layout::channels_first>
                                          : &exact_integer_average<T, Layout::channels_last>;
}

// The tile path: the op's kernel (or the exact average) computes a tile of Value into scratch,
// then convert_outputs stores it as Out.
template <typename Value, typename Out>
void run_tiles(const ModelInputPlan& plan, int64_t first_item, int64_t end_item) {
  const PoolRequest& request = plan.request;
  const int64_t per_item = outputs_per_item(request);
  const int64_t items_per_tile = std::max<int64_t>(1, kTileOutputs / std::max<int64_t>(1, per_item));
  const bool moves_indices = request.indices != nullptr && request.conversion.output_layout != request.layout;
  std::vector<Value> values(static_cast<size_t>(std::min(end_item - first_item, items_per_tile) * per_item));
  std::vector<int32_t> indices(moves_indices ? values.size() : 0);
  for (int64_t item = first_item; item < end_item; item += items_per_tile) {
    const int64_t tile_end = std::min(end_item, item + items_per_tile);
    const int64_t first = item * per_item;
    PoolRequest tile = request;
    tile.output = shifted(values.data(), first);
    if (moves_indices) tile.indices = shifted(indices.data(), first);
    plan.op_kernel(tile, item, tile_end);
    convert_outputs<Value, Out>(request, shifted(values.data(), first),
                                moves_indices ? shifted(indices.data(), first) : nullptr, first, tile_end * per_item);
  }
}

// uint8 channels-last 2-d windows (no padding or dilation, every window whole) to float32
// channels-first. Per output row: the window rows reduced into 16-bit columns, the columns
// reduced across the window's width at every position (both loops vectorise), then each output
// picks its converted value from plan.table by its window's sum (or maximum), one channel plane at
// a time. Work items are output pixels.
template <int channels, int kernel_width, bool maximum>
void run_uint8_lookup(const ModelInputPlan& plan, int64_t first_item, int64_t end_item) {
  const PoolRequest& request = plan.request;
  const WindowGeometry& g = request.geometry;
  const int64_t input_width = g.input_size[2];
  const int64_t output_width = g.output_size[2];
  const int64_t plane = g.output_size[1] * output_width;
  const int64_t kernel_height = g.kernel_size[1];
  const int64_t stride_height = g.stride[1];
  const int64_t window_step = g.stride[2] * channels;
  const auto* input = static_cast<const uint8_t*>(request.input);
  auto* output = static_cast<float*>(request.output);
  const int64_t row_values = input_width * channels;
  std::vector<uint16_t> scratch(static_cast<size_t>(2 * row_values));
  uint16_t* column = scratch.data();
  uint16_t* window = scratch.data() + row_values;
  int64_t pixel = first_item;
  while (pixel < end_item) {
    const int64_t image = pixel / plane;
    const int64_t oh = (pixel % plane) / output_width;
    const int64_t first_ow = pixel % output_width;
    const int64_t end_ow = std::min(output_width, first_ow + (end_item - pixel));
    const int64_t first_x = first_ow * window_step;
    const int64_t end_x = (end_ow - 1) * window_step + channels;  // past the last window's first column
    const int64_t end_column = end_x + (kernel_width - 1) * channels;
    const uint8_t* rows = input + (image * g.input_size[1] + oh * stride_height) * row_values;
    for (int64_t x = first_x; x < end_column; ++x) column[x] = rows[x];
    for (int64_t row = 1; row < kernel_height; ++row) {
      const uint8_t* values = rows + row * row_values;
      for (int64_t x = first_x; x < end_column; ++x) {
        if constexpr (maximum) {
          column[x] = std::max<uint16_t>(column[x], values[x]);
        } else {
          column[x] = static_cast<uint16_t>(column[x] + values[x]);
        }
      }
    }
    const uint16_t* reduced = column;
    if constexpr (kernel_width > 1) {
      for (int64_t x = first_x; x < end_x; ++x) {
        uint16_t value = column[x];
        for (int j = 1; j < kernel_width; ++j) {
          if constexpr (maximum) {
            value = std::max(value, column[x + j * channels]);
          } else {
            value = static_cast<uint16_t>(value + column[x + j * channels]);
          }
        }
        window[x] = value;
      }
      reduced = window;
    }
    float* row_output = output + image * channels * plane + oh * output_width;
    for (int c = 0; c < channels; ++c) {
      const float* table = plan.table.data() + c * plan.table_stride;
      const uint16_t* at = reduced + first_x + c;
      float* to = row_output + c * plane;
      for (int64_t ow = first_ow; ow < end_ow; ++ow, at += window_step) to[ow] = table[*at];
    }
    pixel += end_ow - first_ow;
  }
}

constexpr int64_t kLookupLargestKernel = 4;

template <int channels, bool maximum>
ModelInputPlan::Runner uint8_lookup_runner(int64_t kernel_width) {
  switch (kernel_width) {
    case 1: return &run_uint8_lookup<channels, 1, maximum>;
    case 2: return &run_uint8_lookup<channels, 2, maximum>;
    case 3: return &run_uint8_lookup<channels, 3, maximum>;
    case 4: return &run_uint8_lookup<channels, 4, maximum>;
    default: return nullptr;
  }
}

// Whether the uint8 lookup path computes this request.
bool takes_uint8_lookup(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  const bool op = (request.operation == PoolOperation::max_pool && request.indices == nullptr) ||
                  request.operation == PoolOperation::avg_pool;
  bool plain_2d = g.window_kind == WindowKind::strided && g.input_size[0] == 1 && g.kernel_size[0] == 1;
  for (int dim = 1; dim < kSpatialDims; ++dim) {
    plain_2d = plain_2d && g.pad_begin[dim] == 0 && g.pad_end[dim] == 0 && g.dilation[dim] == 1 &&
               g.kernel_size[dim] <= kLookupLargestKernel &&
               (g.output_size[dim] - 1) * g.stride[dim] + g.kernel_size[dim] <= g.input_size[dim];
  }
  return op && plain_2d && request.data_type == DataType::u8 && request.layout == Layout::channels_last &&
         (g.channels == 3 || g.channels == 4) && request.conversion.output_type == DataType::f32 &&
         request.conversion.output_layout == Layout::channels_first;
}

double uint8_divisor(const PoolRequest& request) {
  if (request.operation == PoolOperation::max_pool) return 1;
  const WindowGeometry& g = request.geometry;
  return static_cast<double>(request.divisor_override > 0 ? request.divisor_override
                                                          : g.kernel_size[1] * g.kernel_size[2]);
}

// Whether the vector path's bound holds: it assumes the exact rule's steps neither overflow nor
// leave the normal range (a window value is at most 255 * 16 before its divisor), which holds
// while scale, mean and std (those not 0) lie within 2^-900..2^900.
bool affine_in_range(const PoolRequest& request) {
  const Normaliser normalise = normaliser_of(request);
  const auto moderate = [](double x) {
    const double magnitude = std::fabs(x);
    return magnitude == 0 || (magnitude >= 0x1p-900 && magnitude <= 0x1p900);
  };
  bool in_range = moderate(normalise.scale);
  for (int64_t c = 0; c < request.geometry.channels && normalise.mean != nullptr; ++c) {
    in_range = in_range && moderate(normalise.mean[c]) && moderate(normalise.deviation[c]);
  }
  return in_range;
}

// uint8_planes' fused multiply-add per channel. alpha and beta carry at most two roundings each,
// so y' = fma(s, alpha, beta) and the exact rule's double are each within u(4|s scale / divisor /
// std| + |mean / std| + 3|y|) of the real value, together within u(8|y'| + 6M): under 2^15 units
// in the last place of y' while |y'| >= M * 2^-12 (the vector path's margin is 2^16).
void fill_affine(ModelInputPlan& plan) {
  const PoolRequest& request = plan.request;
  const Normaliser normalise = normaliser_of(request);
  const double divisor = uint8_divisor(request);
  for (int64_t c = 0; c < request.geometry.channels; ++c) {
    const double mean = normalise.mean == nullptr ? 0 : normalise.mean[c];
    const double deviation = normalise.mean == nullptr ? 1 : normalise.deviation[c];
    ModelInputPlan::Affine& affine = plan.affine[c];
    affine.alpha = normalise.scale / divisor / deviation;
    affine.beta = -mean / deviation;
    affine.smallest = std::max(std::fabs(mean / deviation) * 0x1p-12, 0x1p-125);
  }
}

// Per channel, the float32 output of every window sum (averages: the divisor is the same for
// every window, none having padding) or maximum a uint8 window can have.
void fill_uint8_table(ModelInputPlan& plan) {
  const PoolRequest& request = plan.request;
  const WindowGeometry& g = request.geometry;
  const bool maximum = request.operation == PoolOperation::max_pool;
  const int64_t entries = maximum ? 256 : 255 * g.kernel_size[1] * g.kernel_size[2] + 1;
  plan.table_stride = entries;
  plan.table.resize(static_cast<size_t>(entries * g.channels));
  for (int c = 0; c < g.channels; ++c) {
    float* values = plan.table.data() + c * entries;
    for (int64_t entry = 0; entry < entries; ++entry) {
      values[entry] = exact_uint8_model_input(plan, static_cast<int32_t>(entry), c);
    }
  }
}

ModelInputPlan::Runner uint8_lookup_plan(ModelInputPlan& plan) {
  const PoolRequest& request = plan.request;
  fill_uint8_table(plan);
  const bool maximum = request.operation == PoolOperation::max_pool;
  const int64_t kernel_width = request.geometry.kernel_size[2];
  if (request.geometry.channels == 3) {
    return maximum ? uint8_lookup_runner<3, true>(kernel_width) : uint8_lookup_runner<3, false>(kernel_width);
  }
  return maximum ? uint8_lookup_runner<4, true>(kernel_width) : uint8_lookup_runner<4, false>(kernel_width);
}

// The tile runner for an input type: Value is T, or double for unrounded integer averages.
template <typename T>
ModelInputPlan::Runner tile_runner(const PoolRequest& request, bool exact_average) {
  if constexpr (!std::is_floating_point_v<T>) {
    if (exact_average) {
      if (request.conversion.output_type == DataType::f32) return &run_tiles<double, float>;
      if (request.conversion.output_type == DataType::f64) return &run_tiles<double, double>;
      return &run_tiles<double, T>;
    }
  }
  if (request.conversion.output_type == DataType::f32) return &run_tiles<T, float>;
  if (request.conversion.output_type == DataType::f64) return &run_tiles<T, double>;
  return &run_tiles<T, T>;
}

}  // namespace

ModelInputPlan::ModelInputPlan(const PoolRequest& request, PoolKernel op_kernel)
    : request(request), op_kernel(op_kernel) {
  assert(request.conversion.active);
  if (takes_uint8_lookup(request)) {
    const ModelInputMicrokernel* vector = uint8_to_float_planes_kernel(active_simd_level());
    if (vector != nullptr && request.geometry.stride[2] == request.geometry.kernel_size[2] &&
        affine_in_range(request)) {
      fill_affine(*this);
      runner_ = vector->run;
      return;
    }
    runner_ = uint8_lookup_plan(*this);
    return;
  }
  // An integer average is converted unrounded, unless it only changes layout.
  const bool exact_average = request.operation == PoolOperation::avg_pool && !is_float_type(request.data_type) &&
                             (is_float_type(request.conversion.output_type) || request.conversion.mean != nullptr);
  switch (request.data_type) {
#define POOLND_TILE_RUNNER(name, js_name, element, accumulator)                                   \
  case DataType::name:                                                                            \
    if constexpr (!std::is_floating_point_v<element>) {                                           \
      if (exact_average) this->op_kernel = exact_integer_average_kernel<element>(request.layout); \
    }                                                                                             \
    runner_ = tile_runner<element>(request, exact_average);                                       \
    break;
    POOLND_FOR_EACH_DATA_TYPE(POOLND_TILE_RUNNER)
#undef POOLND_TILE_RUNNER
    case DataType::count: break;
  }
  assert(runner_ != nullptr && this->op_kernel != nullptr);
}

void ModelInputPlan::run(int64_t first_item, int64_t end_item) const { runner_(*this, first_item, end_item); }

ModelInputScratch::ModelInputScratch(size_t bytes) : data_(::operator new(bytes > 0 ? bytes : 1)) {}

ModelInputScratch::~ModelInputScratch() { ::operator delete(data_); }

float exact_uint8_model_input(const ModelInputPlan& plan, int32_t reduced, int channel) {
  const double value = static_cast<double>(reduced) / uint8_divisor(plan.request);
  return round_to_output<float>(normaliser_of(plan.request)(value, channel));
}

}  // namespace poolnd
