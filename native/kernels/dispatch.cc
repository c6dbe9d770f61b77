#include "dispatch.h"

#include <algorithm>
#include <cassert>

#include "../runtime/runtime.h"
#include "../runtime/thread_pool.h"
#include "microkernels.h"
#include "model_input/model_input.h"
#include "window.h"

namespace poolnd {

const char* kernel_path_name(KernelPath path) {
  switch (path) {
#define POOLND_KERNEL_PATH_NAME(name, description) \
  case KernelPath::name: return #name " (" description ")";
    POOLND_FOR_EACH_KERNEL_PATH(POOLND_KERNEL_PATH_NAME)
#undef POOLND_KERNEL_PATH_NAME
    case KernelPath::count: break;
  }
  return "unknown";
}

namespace {

// Every microkernel of this build; the null ends the list and keeps it non-empty.
#define POOLND_MICROKERNEL(isa, op, layout, type, Kernel) &op##_##layout##_##type##_##isa,
#define POOLND_MODEL_INPUT_MICROKERNEL(isa, name, Kernel)
const Microkernel* const kMicrokernels[] = {
#include "microkernels.inc"
    nullptr};
#undef POOLND_MICROKERNEL
#undef POOLND_MODEL_INPUT_MICROKERNEL

#define POOLND_MICROKERNEL(isa, op, layout, type, Kernel)
#define POOLND_MODEL_INPUT_MICROKERNEL(isa, name, Kernel) &model_input_##name##_##isa,
const ModelInputMicrokernel* const kModelInputMicrokernels[] = {
#include "microkernels.inc"
    nullptr};
#undef POOLND_MICROKERNEL
#undef POOLND_MODEL_INPUT_MICROKERNEL

constexpr int kOperations = static_cast<int>(PoolOperation::count);
constexpr int kLayouts = static_cast<int>(Layout::count);
constexpr int kDataTypes = static_cast<int>(DataType::count);

// Every kernel for one SIMD level, indexed [operation][layout][data type]; null where an
// operation does not support a type (lib/ never sends such a request).
struct KernelTable {
  PoolKernel kernels[kOperations][kLayouts][kDataTypes] = {};

  PoolKernel& at(PoolOperation operation, Layout layout, DataType type) {
    return kernels[static_cast<int>(operation)][static_cast<int>(layout)][static_cast<int>(type)];
  }
};

// Every scalar kernel of one data type in one layout.
#define POOLND_SCALAR_KERNELS(name, js_name, element, accumulator)                                             \
  table.at(PoolOperation::max_pool, layout, DataType::name) = &max_pool_scalar<element, layout>;               \
  table.at(PoolOperation::avg_pool, layout, DataType::name) = &avg_pool_scalar<element, accumulator, layout>;  \
  table.at(PoolOperation::global_max_pool, layout, DataType::name) = &global_max_pool_scalar<element, layout>; \
  table.at(PoolOperation::global_avg_pool, layout, DataType::name) = &global_avg_pool_scalar<element, layout>; \
  table.at(PoolOperation::max_unpool, layout, DataType::name) = &max_unpool_scalar<element, layout>;

template <Layout layout>
void add_scalar_kernels(KernelTable& table) {
  POOLND_FOR_EACH_DATA_TYPE(POOLND_SCALAR_KERNELS)
  // LP pooling is for the float types only.
  table.at(PoolOperation::lp_pool, layout, DataType::f32) = &lp_pool_scalar<float, layout>;
  table.at(PoolOperation::lp_pool, layout, DataType::f64) = &lp_pool_scalar<double, layout>;
}

#undef POOLND_SCALAR_KERNELS

KernelTable scalar_table() {
  KernelTable table;
  add_scalar_kernels<Layout::channels_first>(table);
  add_scalar_kernels<Layout::channels_last>(table);
  return table;
}

// A level's table is the level below's with the level's own microkernels over it, so an op
// without a kernel at some level falls back to the widest narrower one, down to the scalar
// reference.
KernelTable table_for(SimdLevel level) {
  if (level == SimdLevel::scalar) return scalar_table();
  KernelTable table = table_for(simd_level_below(level));
  const MicrokernelList all = microkernels();
  for (const Microkernel* const* kernel = all.begin; kernel != all.end; ++kernel) {
    if ((*kernel)->level == level)
      table.at((*kernel)->operation, (*kernel)->layout, (*kernel)->data_type) = (*kernel)->run;
  }
  return table;
}

const KernelTable& kernels_for(SimdLevel level) {
  static const auto* tables = [] {
    auto* all = new KernelTable[static_cast<int>(SimdLevel::count)];
    for (int level = 0; level < static_cast<int>(SimdLevel::count); ++level)
      all[level] = table_for(static_cast<SimdLevel>(level));
    return all;
  }();
  return tables[static_cast<int>(level)];
}

}  // namespace

const ModelInputMicrokernel* uint8_to_float_planes_kernel(SimdLevel level) {
  for (;; level = simd_level_below(level)) {
    for (const ModelInputMicrokernel* const* kernel = kModelInputMicrokernels; *kernel != nullptr; ++kernel) {
      if ((*kernel)->level == level) return *kernel;
    }
    if (level == SimdLevel::scalar) return nullptr;
  }
}

MicrokernelList microkernels() {
  return {kMicrokernels, kMicrokernels + sizeof(kMicrokernels) / sizeof(kMicrokernels[0]) - 1};
}

namespace {

// Fractional windows have one kernel per layout and type, the scalar one, at every level.
#define POOLND_FRACTIONAL_KERNEL(name, js_name, element, accumulator)                    \
  case DataType::name:                                                                   \
    return channels_first ? &fractional_max_pool_scalar<element, Layout::channels_first> \
                          : &fractional_max_pool_scalar<element, Layout::channels_last>;

PoolKernel fractional_kernel(const PoolRequest& request) {
  const bool channels_first = request.layout == Layout::channels_first;
  switch (request.data_type) {
    POOLND_FOR_EACH_DATA_TYPE(POOLND_FRACTIONAL_KERNEL)
    case DataType::count: break;
  }
  return nullptr;
}

#undef POOLND_FRACTIONAL_KERNEL

}  // namespace

PoolKernel select_pool_kernel(const PoolRequest& request, SimdLevel level) {
  if (request.geometry.window_kind == WindowKind::fractional) return fractional_kernel(request);
  const auto operation = static_cast<int>(request.operation);
  const auto layout = static_cast<int>(request.layout);
  const auto type = static_cast<int>(request.data_type);
  assert(operation >= 0 && operation < kOperations);
  assert(layout >= 0 && layout < kLayouts);
  assert(type >= 0 && type < kDataTypes);
  return kernels_for(level).kernels[operation][layout][type];
}

namespace {

// Rough element visits per work item: what a thread must have to do before waking another pays.
int64_t work_per_item(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  const int64_t items = pool_work_items(request);
  if (items == 0) return 0;
  switch (request.operation) {
    case PoolOperation::global_max_pool:
    case PoolOperation::global_avg_pool: return g.input_elements() / items;
    case PoolOperation::max_unpool: return (g.input_elements() + g.output_elements()) / items;
    default: {
      const int64_t window = g.window_kind == WindowKind::adaptive
                                 ? (g.input_plane() + g.output_plane() - 1) / g.output_plane() + 1
                                 : g.kernel_size[0] * g.kernel_size[1] * g.kernel_size[2];
      return std::max<int64_t>(1, g.output_elements() / items * window);
    }
  }
}

// About 20 µs of scalar work: below it, waking a thread costs more than it saves.
constexpr int64_t kMinimumWorkPerChunk = 32 * 1024;

}  // namespace

PoolRequest strided_form(const PoolRequest& request) {
  const bool float_type = request.data_type == DataType::f32 || request.data_type == DataType::f64;
  const bool same_reduction =
      request.operation == PoolOperation::max_pool || (request.operation == PoolOperation::avg_pool && !float_type);
  return same_reduction && has_uniform_bins(request.geometry) ? uniform_bins_as_strided(request) : request;
}

namespace {

int64_t run_request(const PoolRequest& request) {
  if (request.operation == PoolOperation::max_unpool) {
    const int64_t invalid = find_invalid_unpool_index(request);
    if (invalid >= 0) return invalid;
  }
  const int64_t items = pool_work_items(request);
  const PoolKernel kernel = select_pool_kernel(request, active_simd_level());
  assert(kernel != nullptr);
  const int64_t per_item = std::max<int64_t>(1, work_per_item(request));
  const int64_t grain = (kMinimumWorkPerChunk + per_item - 1) / per_item;
  if (request.conversion.active) {
    const ModelInputPlan plan(request, kernel);
    auto body = [&](int64_t begin, int64_t end) { plan.run(begin, end); };
    kernel_thread_pool().parallel_for(items, grain, RangeBody(body));
    return -1;
  }
  auto body = [&](int64_t begin, int64_t end) { kernel(request, begin, end); };
  kernel_thread_pool().parallel_for(items, grain, RangeBody(body));
  return -1;
}

}  // namespace

int64_t run_pool(const PoolRequest& request) {
  // Only adaptive requests have a strided form; the others run as they are, uncopied.
  if (request.geometry.window_kind == WindowKind::adaptive) return run_request(strided_form(request));
  return run_request(request);
}

}  // namespace poolnd
