// What the kernel tester and the fuzzer share: names for requests, PyTorch's window count, and
// the one comparison allowance (the NaNs of averages).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "../../native/kernels/pool_request.h"

namespace poolnd_test {

using poolnd::DataType;
using poolnd::Layout;
using poolnd::PoolOperation;
using poolnd::PoolRequest;
using poolnd::WindowGeometry;
using poolnd::WindowKind;

inline size_t element_size(DataType type) {
  switch (type) {
    case DataType::f64: return 8;
    case DataType::i8:
    case DataType::u8: return 1;
    case DataType::i16:
    case DataType::u16: return 2;
    default: return 4;
  }
}

inline const char* type_name(DataType type) {
  static const char* names[] = {"float32", "float64", "int8", "uint8", "int16", "uint16", "int32", "uint32"};
  return names[static_cast<int>(type)];
}

inline const char* operation_name(PoolOperation operation) {
  static const char* names[] = {"max", "average", "lp_norm", "global_max", "global_average", "max_unpool"};
  return names[static_cast<int>(operation)];
}

// lib/shape.ts windowCount: PyTorch's output size, ceil mode dropping a window that would start in
// the end padding; 0 when the window does not fit.
inline int64_t window_count(int64_t input, int64_t kernel, int64_t stride, int64_t pad_begin, int64_t pad_end,
                            int64_t dilation, bool ceil_mode) {
  const int64_t span = input + pad_begin + pad_end - (dilation * (kernel - 1) + 1);
  if (span < 0) return 0;
  int64_t count = (ceil_mode ? (span + stride - 1) / stride : span / stride) + 1;
  if (ceil_mode && (count - 1) * stride >= input + pad_begin) --count;
  return count;
}

inline std::string describe(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  char text[640];
  std::snprintf(
      text, sizeof text,
      "%s %s %s %s N%lld C%lld in [%lld %lld %lld] out [%lld %lld %lld] k [%lld %lld %lld] s [%lld %lld %lld] "
      "pad [%lld %lld %lld]/[%lld %lld %lld] d [%lld %lld %lld] count_include_pad %d divisor %lld p %.17g%s",
      operation_name(request.operation), type_name(request.data_type),
      request.layout == Layout::channels_first ? "channels-first" : "channels-last",
      g.window_kind == WindowKind::adaptive ? "adaptive" : "strided", (long long)g.batch, (long long)g.channels,
      (long long)g.input_size[0], (long long)g.input_size[1], (long long)g.input_size[2], (long long)g.output_size[0],
      (long long)g.output_size[1], (long long)g.output_size[2], (long long)g.kernel_size[0],
      (long long)g.kernel_size[1], (long long)g.kernel_size[2], (long long)g.stride[0], (long long)g.stride[1],
      (long long)g.stride[2], (long long)g.pad_begin[0], (long long)g.pad_begin[1], (long long)g.pad_begin[2],
      (long long)g.pad_end[0], (long long)g.pad_end[1], (long long)g.pad_end[2], (long long)g.dilation[0],
      (long long)g.dilation[1], (long long)g.dilation[2], request.count_include_pad ? 1 : 0,
      (long long)request.divisor_override, request.norm_type, request.indices != nullptr ? " with indices" : "");
  return text;
}

// An average's NaN comes from arithmetic: its sign and payload follow which operand of an
// addition the compiler puts first (it may swap them), so only NaN-ness is specified. A max picks
// an input NaN, whose bytes are compared as they are.
template <typename T>
void canonicalise_nans(uint8_t* bytes, int64_t count) {
  for (int64_t i = 0; i < count; ++i) {
    T value;
    std::memcpy(&value, bytes + i * sizeof(T), sizeof(T));
    if (value != value) {
      value = std::numeric_limits<T>::quiet_NaN();
      std::memcpy(bytes + i * sizeof(T), &value, sizeof(T));
    }
  }
}

inline void canonicalise_average_nans(const PoolRequest& request, std::vector<uint8_t>& output) {
  const auto operation = request.operation;
  if (operation != PoolOperation::avg_pool && operation != PoolOperation::global_avg_pool &&
      operation != PoolOperation::lp_pool) {
    return;
  }
  const int64_t count = request.geometry.output_elements();
  if (request.data_type == DataType::f32) canonicalise_nans<float>(output.data(), count);
  if (request.data_type == DataType::f64) canonicalise_nans<double>(output.data(), count);
}

}  // namespace poolnd_test
