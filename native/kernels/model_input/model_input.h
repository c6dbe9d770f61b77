// Model input (API.md): max and average pooling whose output is converted to another type and
// layout and normalised per channel in the same pass (OutputConversion in pool_request.h).
#pragma once

#include <cstdint>
#include <vector>

#include "../pool_kernels.h"

namespace poolnd {

// The ways a converting request can run, for tests that must reach each.
enum class ModelInputPath {
  tiles,         // the op's own kernel into a small scratch tile, then each value converted
  uint8_lookup,  // uint8 channels-last 2-d windows to float32 channels-first through a value table
};

// A request with an active conversion, planned once per call and then run on any split of the
// op's own work items (pool_work_items), like a kernel.
class ModelInputPlan {
 public:
  // `op_kernel` is the kernel that computes the request without conversion.
  ModelInputPlan(const PoolRequest& request, PoolKernel op_kernel);

  void run(int64_t first_item, int64_t end_item) const;
  ModelInputPath path() const { return path_; }

  using Runner = void (*)(const ModelInputPlan& plan, int64_t first_item, int64_t end_item);
  const PoolRequest& request;
  // Null where the op's kernel cannot give the value the conversion needs (an integer average
  // is converted unrounded).
  PoolKernel op_kernel;
  // uint8_lookup: per channel, the converted value of every window sum (averages) or maximum.
  std::vector<float> table;
  int64_t table_stride = 0;

 private:
  ModelInputPath path_ = ModelInputPath::tiles;
  Runner runner_ = nullptr;
};

}  // namespace poolnd
