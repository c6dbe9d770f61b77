// A normalised pooling request: plain C++ data only, filled by the binding from arguments
// that lib/ has already validated. Kernels read it and never see JavaScript values.
#pragma once

#include <cstdint>

namespace poolnd {

// The lists below are the only definition of each enum: the binding exports their codes to
// JavaScript under the second column's name (lib/native.ts), and the scalar kernel tables,
// the kernel tester and the fuzzer enumerate them.

// One entry per element type a kernel is compiled for: (name in kernel names, JavaScript name,
// element type, accumulator type). Uint8ClampedArray shares uint8's kernels.
#define POOLND_FOR_EACH_DATA_TYPE(X) \
  X(f32, float32, float, float)      \
  X(f64, float64, double, double)    \
  X(i8, int8, int8_t, int64_t)       \
  X(u8, uint8, uint8_t, int64_t)     \
  X(i16, int16, int16_t, int64_t)    \
  X(u16, uint16, uint16_t, int64_t)  \
  X(i32, int32, int32_t, int64_t)    \
  X(u32, uint32, uint32_t, int64_t)

// lp_pool is LP (power-average) pooling, float types only. The global operations reduce each
// whole (n, c) plane; max_unpool scatters its input into zeroed planes at the given indices.
#define POOLND_FOR_EACH_POOL_OPERATION(X) \
  X(max_pool, maxPool)                    \
  X(avg_pool, avgPool)                    \
  X(lp_pool, lpPool)                      \
  X(global_max_pool, globalMaxPool)       \
  X(global_avg_pool, globalAvgPool)       \
  X(max_unpool, maxUnpool)

#define POOLND_FOR_EACH_LAYOUT(X)  \
  X(channels_first, channelsFirst) \
  X(channels_last, channelsLast)

// How output positions map to windows: strided windows (kernel, stride, padding, dilation),
// adaptive bins, where window i of a dim spans [floor(i * in / out), ceil((i + 1) * in / out)), or
// fractional windows (max pooling only): kernel-sized windows at starts given per (n, c) plane.
#define POOLND_FOR_EACH_WINDOW_KIND(X) \
  X(strided, strided)                  \
  X(adaptive, adaptive)                \
  X(fractional, fractional)

#define POOLND_ENUMERATOR(name, ...) name,
enum class DataType : int32_t { POOLND_FOR_EACH_DATA_TYPE(POOLND_ENUMERATOR) count };
enum class PoolOperation : int32_t { POOLND_FOR_EACH_POOL_OPERATION(POOLND_ENUMERATOR) count };
enum class Layout : int32_t { POOLND_FOR_EACH_LAYOUT(POOLND_ENUMERATOR) count };
enum class WindowKind : int32_t { POOLND_FOR_EACH_WINDOW_KIND(POOLND_ENUMERATOR) count };
#undef POOLND_ENUMERATOR

// A data type's element and accumulator types: DataTypeTraits<DataType::f32>::Element is float.
template <DataType type>
struct DataTypeTraits;
#define POOLND_DATA_TYPE_TRAITS(name, js_name, element, accumulator) \
  template <>                                                        \
  struct DataTypeTraits<DataType::name> {                            \
    using Element = element;                                         \
    using Accumulator = accumulator;                                 \
  };
POOLND_FOR_EACH_DATA_TYPE(POOLND_DATA_TYPE_TRAITS)
#undef POOLND_DATA_TYPE_TRAITS

// Kernels always see three spatial dims (depth, height, width); 1d and 2d requests arrive with
// leading dims of size 1, kernel 1, stride 1, no padding, so one kernel serves every rank.
constexpr int kSpatialDims = 3;

struct WindowGeometry {
  WindowKind window_kind = WindowKind::strided;
  int64_t batch = 0;
  int64_t channels = 0;
  int64_t input_size[kSpatialDims] = {1, 1, 1};
  int64_t output_size[kSpatialDims] = {1, 1, 1};
  int64_t kernel_size[kSpatialDims] = {1, 1, 1};
  int64_t stride[kSpatialDims] = {1, 1, 1};
  int64_t pad_begin[kSpatialDims] = {0, 0, 0};
  int64_t pad_end[kSpatialDims] = {0, 0, 0};
  int64_t dilation[kSpatialDims] = {1, 1, 1};

  int64_t input_plane() const { return input_size[0] * input_size[1] * input_size[2]; }
  int64_t output_plane() const { return output_size[0] * output_size[1] * output_size[2]; }
  int64_t input_elements() const { return batch * channels * input_plane(); }
  int64_t output_elements() const { return batch * channels * output_plane(); }
};

// Model input (max and average pooling, API.md): the output's element type and layout, and a
// per-channel normalisation y = (v * scale - mean[c]) / deviation[c], computed in double and
// rounded once to the output type. v is the op's own value, except that an integer average is
// not rounded (the exact sum over the divisor, in double). Inactive: the output is the op's.
struct OutputConversion {
  bool active = false;
  DataType output_type = DataType::f32;  // f32, f64, or the input's own type
  Layout output_layout = Layout::channels_first;
  double scale = 1;
  const double* mean = nullptr;       // channels entries; both null: no normalisation
  const double* deviation = nullptr;  // channels entries, none zero
};

struct PoolRequest {
  PoolOperation operation = PoolOperation::max_pool;
  DataType data_type = DataType::f32;
  Layout layout = Layout::channels_first;
  WindowGeometry geometry;
  // Average pooling only.
  bool count_include_pad = true;
  int64_t divisor_override = 0;  // 0: none
  double norm_type = 0;          // LP pooling only: p, finite and > 0
  const void* input = nullptr;
  void* output = nullptr;
  int32_t* indices = nullptr;               // max pooling with returnIndices; otherwise null
  const int32_t* unpool_indices = nullptr;  // max_unpool only: where each input element goes
  // Fractional windows only: for plane n * channels + c, output_size[0] + output_size[1] +
  // output_size[2] window starts, each dim's in turn.
  const int32_t* window_starts = nullptr;
  OutputConversion conversion;
};

}  // namespace poolnd
