// The one place that picks a kernel for a request and runs it.
#pragma once

#include "pool_kernels.h"
#include "pool_request.h"

namespace poolnd {

PoolKernel select_pool_kernel(const PoolRequest& request);

// Computes the whole request on the kernel thread pool (the calling thread alone for small
// requests). Returns -1, or for max-unpooling the input position of the first index outside
// the output plane, in which case nothing is written.
int64_t run_pool(const PoolRequest& request);

}  // namespace poolnd
