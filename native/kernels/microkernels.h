// The vector microkernels: one per op, layout, element type and ISA, named op_layout_type_isa
// (max_pool_channels_first_f32_avx2). microkernels.inc lists them, one line each; that list
// declares them here, defines them in each ISA's translation unit (isa/<isa>_microkernels.cc,
// the only code built with that ISA's flags), fills the dispatch tables (dispatch.cc) and drives
// the kernel tester. A microkernel has the PoolKernel signature; path() says which of its ways
// it takes for a request, so a tester can name the code that went wrong.
#pragma once

#include "../runtime/runtime.h"
#include "pool_kernels.h"
#include "pool_request.h"

namespace poolnd {

// The ways a kernel can compute a request: (name, what a person reads).
#define POOLND_FOR_EACH_KERNEL_PATH(X)                                  \
  X(scalar, "the scalar reference")                                     \
  X(two_by_two, "2x2 windows with stride 2")                            \
  X(separable, "separable max (column maxima, then windows)")           \
  X(rows, "window rows, stride 1 or 2")                                 \
  X(gathered, "window rows, stride past 2 (gathered taps)")             \
  X(adaptive_rows, "adaptive bins along rows")                          \
  X(uniform_bins, "adaptive bins of one size, as strided windows")      \
  X(pixels, "channels-last pixels, one window at a time")               \
  X(runs, "runs of interior windows along output rows, borders scalar") \
  X(images, "global pooling over whole channels-last images")           \
  X(planes, "global pooling over whole planes")

#define POOLND_ENUMERATOR(name, ...) name,
enum class KernelPath { POOLND_FOR_EACH_KERNEL_PATH(POOLND_ENUMERATOR) count };
#undef POOLND_ENUMERATOR

const char* kernel_path_name(KernelPath path);

struct Microkernel {
  const char* name;  // op_layout_type_isa
  PoolOperation operation;
  Layout layout;
  DataType data_type;
  SimdLevel level;
  PoolKernel run;
  KernelPath (*path)(const PoolRequest& request);
};

class ModelInputPlan;
// A model input kernel (model_input/model_input.h): items [first_item, end_item) of a plan.
struct ModelInputMicrokernel {
  const char* name;  // model_input_name_isa
  SimdLevel level;
  void (*run)(const ModelInputPlan& plan, int64_t first_item, int64_t end_item);
};

#define POOLND_MICROKERNEL(isa, op, layout, type, Kernel) extern const Microkernel op##_##layout##_##type##_##isa;
#define POOLND_MODEL_INPUT_MICROKERNEL(isa, name, Kernel) extern const ModelInputMicrokernel model_input_##name##_##isa;
#include "microkernels.inc"
#undef POOLND_MICROKERNEL
#undef POOLND_MODEL_INPUT_MICROKERNEL

// The uint8 to float32 planes kernel of a level, or of the widest level below it that has one;
// null when none has.
const ModelInputMicrokernel* uint8_to_float_planes_kernel(SimdLevel level);

// Every microkernel this build has, in list order.
struct MicrokernelList {
  const Microkernel* const* begin;
  const Microkernel* const* end;
};
MicrokernelList microkernels();

}  // namespace poolnd
