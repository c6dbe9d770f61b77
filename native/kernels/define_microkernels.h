// Defines the microkernels of one ISA: included last by isa/<isa>_microkernels.cc, after the
// ISA's vector operations, with POOLND_ISA (the ISA's name, as in microkernels.inc) defined by
// the build. The build defines POOLND_MICROKERNELS_<isa> for this ISA only, so the list expands
// to its lines alone; each becomes one Microkernel, a template instantiated with the ISA's
// vector operations (<Isa>Isa) and the line's element type.
#pragma once

#include "adaptive_pool/adaptive_pool_vector.h"
#include "avg_pool/avg_pool_float.h"
#include "avg_pool/avg_pool_integer.h"
#include "global_pool/global_pool_vector.h"
#include "max_pool/max_pool_float.h"
#include "max_pool/max_pool_integer.h"
#include "microkernels.h"
#include "model_input/uint8_planes.h"

namespace poolnd {

#define POOLND_MICROKERNEL(isa, op, layout, type, Kernel)                                             \
  static_assert(SimdLevel::isa == SimdLevel::POOLND_ISA, "a line of another ISA in " #isa "'s list"); \
  extern const Microkernel op##_##layout##_##type##_##isa = {                                         \
      #op "_" #layout "_" #type "_" #isa,                                                             \
      PoolOperation::op,                                                                              \
      Layout::layout,                                                                                 \
      DataType::type,                                                                                 \
      SimdLevel::isa,                                                                                 \
      &Kernel<POOLND_ISA_OPERATIONS, DataTypeTraits<DataType::type>::Element>::run,                   \
      &Kernel<POOLND_ISA_OPERATIONS, DataTypeTraits<DataType::type>::Element>::path,                  \
  };
#define POOLND_MODEL_INPUT_MICROKERNEL(isa, name, Kernel)                                             \
  static_assert(SimdLevel::isa == SimdLevel::POOLND_ISA, "a line of another ISA in " #isa "'s list"); \
  extern const ModelInputMicrokernel model_input_##name##_##isa = {                                   \
      "model_input_" #name "_" #isa,                                                                  \
      SimdLevel::isa,                                                                                 \
      &Kernel<POOLND_ISA_OPERATIONS>::run,                                                            \
  };
#include "microkernels.inc"
#undef POOLND_MICROKERNEL
#undef POOLND_MODEL_INPUT_MICROKERNEL

}  // namespace poolnd
