// Model input (API.md): max and average pooling whose output is converted to another type and
// layout and normalised per channel in the same pass (OutputConversion in pool_request.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "../pool_kernels.h"

namespace poolnd {

// The ways a converting request can run, for tests that must reach each.
enum class ModelInputPath {
  tiles,         // the op's own kernel into a small scratch tile, then each value converted
  uint8_lookup,  // uint8 channels-last 2-d windows to float32 channels-first through a value table
  uint8_planes,  // the same, strides equal to the kernel width, by a vector kernel (uint8_planes.h)
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
  // uint8_planes: per channel (at most 4), y' = fma(s, alpha, beta) for a window sum (or maximum)
  // s, and the magnitude below which y' is recomputed by the exact rule (uint8_planes.h).
  struct Affine {
    double alpha = 1;
    double beta = 0;
    double smallest = 0;
  };
  Affine affine[4];

 private:
  ModelInputPath path_ = ModelInputPath::tiles;
  Runner runner_ = nullptr;
};

// Scratch memory for a vector kernel, allocated and freed by baseline code: a standard container
// in an ISA's unit would instantiate templates there, weak symbols that the linker may pick for
// baseline code too (test/native/isa-objects.test.ts forbids them).
class ModelInputScratch {
 public:
  explicit ModelInputScratch(size_t bytes);
  ~ModelInputScratch();
  ModelInputScratch(const ModelInputScratch&) = delete;
  ModelInputScratch& operator=(const ModelInputScratch&) = delete;
  template <typename T>
  T* at(size_t byte_offset) const {
    return reinterpret_cast<T*>(static_cast<unsigned char*>(data_) + byte_offset);
  }

 private:
  void* data_;
};

// The exact rule for a uint8 window's sum (or maximum) `reduced` in `channel`: the float32 the
// vector path's fast values must equal.
float exact_uint8_model_input(const ModelInputPlan& plan, int32_t reduced, int channel);

}  // namespace poolnd
