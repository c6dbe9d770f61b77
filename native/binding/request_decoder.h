// Turns the arguments of a binding call into a PoolRequest. lib/ has validated everything;
// this only asserts the invariants that keep memory safe (types, lengths) and throws an
// internal error if one is broken, rather than let a kernel run out of bounds.
#pragma once

#include <napi.h>

#include "../kernels/pool_request.h"

namespace poolnd {

// Arguments: (request: ArrayBuffer of float64 fields, input: TypedArray, output: TypedArray, indices: Int32Array |
// null, windowStarts: Int32Array | null (fractional windows only))
PoolRequest decode_pool_request(const Napi::CallbackInfo& info);

}  // namespace poolnd
