// A normalised pooling request: plain C++ data only, filled by the binding from arguments
// that lib/ has already validated. Kernels read it and never see JavaScript values.
#pragma once

#include <cstdint>

namespace poolnd {

// One entry per element type a kernel is compiled for: (enum name, element type, accumulator type).
// Uint8ClampedArray shares uint8's kernels. The list drives the kernel tables in dispatch.cc.
#define POOLND_FOR_EACH_DATA_TYPE(X) \
  X(float32, float, float)           \
  X(float64, double, double)         \
  X(int8, int8_t, int64_t)           \
  X(uint8, uint8_t, int64_t)         \
  X(int16, int16_t, int64_t)         \
  X(uint16, uint16_t, int64_t)       \
  X(int32, int32_t, int64_t)         \
  X(uint32, uint32_t, int64_t)

enum class DataType : int32_t {
#define POOLND_DATA_TYPE_ENUM(name, element, accumulator) name,
  POOLND_FOR_EACH_DATA_TYPE(POOLND_DATA_TYPE_ENUM)
#undef POOLND_DATA_TYPE_ENUM
  count
};

// lp_norm is LP (power-average) pooling, float types only. The global operations reduce each whole
// (n, c) plane; max_unpool scatters its input into zeroed planes at the given indices.
enum class PoolOperation : int32_t { max, average, lp_norm, global_max, global_average, max_unpool, count };

enum class Layout : int32_t { channels_first, channels_last, count };

// How output positions map to windows: strided windows (kernel, stride, padding, dilation) or
// adaptive bins, where window i of a dim spans [floor(i * in / out), ceil((i + 1) * in / out)).
enum class WindowKind : int32_t { strided, adaptive, count };

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

struct PoolRequest {
  PoolOperation operation = PoolOperation::max;
  DataType data_type = DataType::float32;
  Layout layout = Layout::channels_first;
  WindowGeometry geometry;
  // Average pooling only.
  bool count_include_pad = true;
  int64_t divisor_override = 0;  // 0: none
  double norm_type = 0;          // LP pooling only: p, finite and > 0
  const void* input = nullptr;
  void* output = nullptr;
  int32_t* indices = nullptr;                // max pooling with returnIndices; otherwise null
  const int32_t* unpool_indices = nullptr;   // max_unpool only: where each input element goes
};

}  // namespace poolnd
