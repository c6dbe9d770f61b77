// Positions of the float64 fields through which lib/ passes a normalised pooling request.
// The binding exports these to JavaScript (requestLayout), so this is their only definition.
#pragma once

#include "../kernels/pool_request.h"

namespace poolnd {

namespace request_field {
enum : int {
  operation = 0,
  data_type = 1,
  layout = 2,
  window_kind = 3,
  batch = 4,
  channels = 5,
  input_size = 6,  // kSpatialDims entries each, depth first
  output_size = input_size + kSpatialDims,
  kernel_size = output_size + kSpatialDims,
  stride = kernel_size + kSpatialDims,
  pad_begin = stride + kSpatialDims,
  pad_end = pad_begin + kSpatialDims,
  dilation = pad_end + kSpatialDims,
  count_include_pad = dilation + kSpatialDims,
  divisor_override = count_include_pad + 1,
  norm_type = divisor_override + 1,  // LP pooling's p, a double
  count = norm_type + 1,
};
}  // namespace request_field

}  // namespace poolnd
