// The one place that picks a kernel for a request and runs it.
#pragma once

#include "pool_kernels.h"
#include "pool_request.h"

namespace poolnd {

PoolKernel select_pool_kernel(const PoolRequest& request);

// Computes the whole request on the calling thread.
void run_pool(const PoolRequest& request);

}  // namespace poolnd
