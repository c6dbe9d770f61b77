// Positions of the float64 fields through which lib/ passes a normalised pooling request.
// The binding exports these to JavaScript (requestLayout), so this is their only definition.
#pragma once

#include "../kernels/pool_request.h"

namespace poolnd {

// (C++ name, JavaScript name, float64 slots). Spatial fields hold kSpatialDims entries, depth
// first; norm_type is LP pooling's p; output_type, output_layout and scale
// are model input's (OutputConversion), the output type and layout equal to the input's when none
// is asked for.
#define POOLND_FOR_EACH_REQUEST_FIELD(X)   \
  X(operation, operation, 1)               \
  X(data_type, dataType, 1)                \
  X(layout, layout, 1)                     \
  X(window_kind, windowKind, 1)            \
  X(batch, batch, 1)                       \
  X(channels, channels, 1)                 \
  X(input_size, inputSize, kSpatialDims)   \
  X(output_size, outputSize, kSpatialDims) \
  X(kernel_size, kernelSize, kSpatialDims) \
  X(stride, stride, kSpatialDims)          \
  X(pad_begin, padBegin, kSpatialDims)     \
  X(pad_end, padEnd, kSpatialDims)         \
  X(dilation, dilation, kSpatialDims)      \
  X(count_include_pad, countIncludePad, 1) \
  X(divisor_override, divisorOverride, 1)  \
  X(norm_type, normType, 1)                \
  X(output_type, outputType, 1)            \
  X(output_layout, outputLayout, 1)        \
  X(scale, scale, 1)

namespace request_field {
enum : int {
#define POOLND_REQUEST_FIELD(name, js_name, slots) name, name##_last = name + (slots) - 1,
  POOLND_FOR_EACH_REQUEST_FIELD(POOLND_REQUEST_FIELD)
#undef POOLND_REQUEST_FIELD
      count
};
}  // namespace request_field

}  // namespace poolnd
