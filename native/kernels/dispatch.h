// The one place that picks a kernel for a request and runs it.
#pragma once

#include "../runtime/runtime.h"
#include "pool_kernels.h"
#include "pool_request.h"

namespace poolnd {

// The kernel for a request at a SIMD level (the caller checks that the CPU supports it).
PoolKernel select_pool_kernel(const PoolRequest& request, SimdLevel level);

// Computes the whole request on the kernel thread pool (the calling thread alone for small
// requests). Returns -1, or for max-unpooling the input position of the first index outside
// the output plane, in which case nothing is written.
int64_t run_pool(const PoolRequest& request);

}  // namespace poolnd
