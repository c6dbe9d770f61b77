// Model input (API.md): max and average pooling whose output is converted to another type and
// layout and normalised per channel in the same pass (OutputConversion in pool_request.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "../pool_kernels.h"

namespace poolnd {

// A request with an active conversion, planned once per call and then run on any split of the
// op's own work items (pool_work_items), like a kernel. It runs one of three ways: tiles (the op's
// own kernel into a small scratch tile, then each value converted), a value table (uint8
// channels-last 2-d windows to float32 channels-first), or, for those with strides equal to the
// kernel width, the level's vector kernel (uint8_planes.h).
class ModelInputPlan {
 public:
  // `op_kernel` is the kernel that computes the request without conversion.
  ModelInputPlan(const PoolRequest& request, PoolKernel op_kernel);

  void run(int64_t first_item, int64_t end_item) const;

  using Runner = void (*)(const ModelInputPlan& plan, int64_t first_item, int64_t end_item);
  const PoolRequest& request;
  // Tiles: the kernel whose values are converted, the op's own or, for an integer average
  // converted unrounded, the exact average's.
  PoolKernel op_kernel;
  // The value table: per channel, the converted value of every window sum (averages) or maximum.
  std::vector<float> table;
  int64_t table_stride = 0;
  // The vector kernel: per channel (at most 4), y' = fma(s, alpha, beta) for a window sum (or maximum)
  // s, and the magnitude below which y' is recomputed by the exact rule (uint8_planes.h).
  struct Affine {
    double alpha = 1;
    double beta = 0;
    double smallest = 0;
  };
  Affine affine[4];

 private:
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
