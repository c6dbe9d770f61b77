// The one place that picks a kernel for a request and runs it.
#pragma once

#include "../runtime/runtime.h"
#include "pool_kernels.h"
#include "pool_request.h"

namespace poolnd {

// The kernel for a request at a SIMD level (the caller checks that the CPU supports it).
PoolKernel select_pool_kernel(const PoolRequest& request, SimdLevel level);

// The request run_pool computes: adaptive windows over sizes that divide evenly become the
// strided windows kernel = stride = input / output (the same taps in the same order) for max
// and for integer averages (one division of the same sum), so they take the strided kernels.
// Float averages stay adaptive: they divide by each dim's extent in turn. Every other request
// is returned as it is.
PoolRequest strided_form(const PoolRequest& request);

// Computes the whole request on the kernel thread pool (the calling thread alone for small
// requests). Returns -1, or for max-unpooling the input position of the first index outside
// the output plane, in which case nothing is written.
int64_t run_pool(const PoolRequest& request);

}  // namespace poolnd
