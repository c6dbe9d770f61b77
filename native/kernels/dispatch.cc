#include "dispatch.h"

#include <algorithm>
#include <cassert>

#include "../runtime/runtime.h"
#include "../runtime/thread_pool.h"
#include "drivers.h"

namespace poolnd {
namespace {

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

// Every scalar kernel of one data type.
#define POOLND_SCALAR_KERNELS(name, element, accumulator)                                                  \
  table.at(PoolOperation::max, first, DataType::name) = &max_pool_scalar<element, first>;                  \
  table.at(PoolOperation::max, last, DataType::name) = &max_pool_scalar<element, last>;                    \
  table.at(PoolOperation::average, first, DataType::name) = &avg_pool_scalar<element, accumulator, first>; \
  table.at(PoolOperation::average, last, DataType::name) = &avg_pool_scalar<element, accumulator, last>;   \
  table.at(PoolOperation::global_max, first, DataType::name) = &global_max_channels_first_scalar<element>; \
  table.at(PoolOperation::global_max, last, DataType::name) = &global_max_channels_last_scalar<element>;   \
  table.at(PoolOperation::global_average, first, DataType::name) =                                         \
      &global_average_channels_first_scalar<element>;                                                      \
  table.at(PoolOperation::global_average, last, DataType::name) = &global_average_channels_last_scalar<element>; \
  table.at(PoolOperation::max_unpool, first, DataType::name) = &max_unpool_channels_first_scalar<element>; \
  table.at(PoolOperation::max_unpool, last, DataType::name) = &max_unpool_channels_last_scalar<element>;

KernelTable scalar_table() {
  constexpr Layout first = Layout::channels_first;
  constexpr Layout last = Layout::channels_last;
  KernelTable table;
  POOLND_FOR_EACH_DATA_TYPE(POOLND_SCALAR_KERNELS)
  // LP pooling is for the float types only.
  table.at(PoolOperation::lp_norm, first, DataType::float32) = &lp_pool_scalar<float, first>;
  table.at(PoolOperation::lp_norm, last, DataType::float32) = &lp_pool_scalar<float, last>;
  table.at(PoolOperation::lp_norm, first, DataType::float64) = &lp_pool_scalar<double, first>;
  table.at(PoolOperation::lp_norm, last, DataType::float64) = &lp_pool_scalar<double, last>;
  return table;
}

#undef POOLND_SCALAR_KERNELS

// Puts one ISA's microkernels, through their drivers, over the entries they cover.
#define POOLND_ADD_MICROKERNELS(table, isa)                                                        \
  do {                                                                                                      \
    (table).at(PoolOperation::max, Layout::channels_last, DataType::float32) =                              \
        &max_pool_channels_last_driver<float, &max_pool_channels_last_f32_##isa>;                           \
    (table).at(PoolOperation::max, Layout::channels_last, DataType::float64) =                              \
        &max_pool_channels_last_driver<double, &max_pool_channels_last_f64_##isa>;                          \
    (table).at(PoolOperation::average, Layout::channels_last, DataType::float32) =                          \
        &avg_pool_channels_last_driver<float, &avg_pool_channels_last_f32_##isa>;                           \
    (table).at(PoolOperation::average, Layout::channels_last, DataType::float64) =                          \
        &avg_pool_channels_last_driver<double, &avg_pool_channels_last_f64_##isa>;                          \
    (table).at(PoolOperation::max, Layout::channels_first, DataType::float32) =                             \
        &max_pool_channels_first_driver<float, &max_pool_2x2s2_f32_##isa, &max_pool_rows_f32_##isa, \
            &max_pool_adaptive_rows_f32_##isa, &max_pool_separable_f32_##isa>;                                  \
    (table).at(PoolOperation::max, Layout::channels_first, DataType::float64) =                             \
        &max_pool_channels_first_driver<double, &max_pool_2x2s2_f64_##isa, &max_pool_rows_f64_##isa, \
            &max_pool_adaptive_rows_f64_##isa, &max_pool_separable_f64_##isa>;                                 \
    (table).at(PoolOperation::average, Layout::channels_first, DataType::float32) =                         \
        &avg_pool_channels_first_driver<float, &avg_pool_2x2s2_f32_##isa, &avg_pool_rows_f32_##isa, \
            &avg_pool_adaptive_rows_f32_##isa>;                                  \
    (table).at(PoolOperation::average, Layout::channels_first, DataType::float64) =                         \
        &avg_pool_channels_first_driver<double, &avg_pool_2x2s2_f64_##isa, &avg_pool_rows_f64_##isa, \
            &avg_pool_adaptive_rows_f64_##isa>;                                 \
    (table).at(PoolOperation::global_max, Layout::channels_last, DataType::float32) =                       \
        &global_channels_last_driver<float, &global_max_channels_last_f32_##isa>;                       \
    (table).at(PoolOperation::global_max, Layout::channels_last, DataType::float64) =                       \
        &global_channels_last_driver<double, &global_max_channels_last_f64_##isa>;                      \
    (table).at(PoolOperation::global_average, Layout::channels_last, DataType::float32) =                   \
        &global_channels_last_driver<float, &global_avg_channels_last_f32_##isa>;                           \
    (table).at(PoolOperation::global_average, Layout::channels_last, DataType::float64) =                   \
        &global_channels_last_driver<double, &global_avg_channels_last_f64_##isa>;                          \
    (table).at(PoolOperation::global_average, Layout::channels_first, DataType::float32) =                  \
        &global_channels_first_driver<float, &global_avg_channels_first_f32_##isa>;                         \
    (table).at(PoolOperation::global_average, Layout::channels_first, DataType::float64) =                  \
        &global_channels_first_driver<double, &global_avg_channels_first_f64_##isa>;                        \
    (table).at(PoolOperation::global_max, Layout::channels_first, DataType::float32) =                      \
        &global_channels_first_driver<float, &global_max_channels_first_f32_##isa>;                         \
    (table).at(PoolOperation::global_max, Layout::channels_first, DataType::float64) =                      \
        &global_channels_first_driver<double, &global_max_channels_first_f64_##isa>;                        \
  } while (false)

#define POOLND_ADD_BYTE_MICROKERNELS(table, isa)                                                  \
  do {                                                                                            \
    (table).at(PoolOperation::max, Layout::channels_last, DataType::uint8) =                      \
        &max_pool_bytes_channels_last_driver<&max_pool_2x2s2_channels_last_u8_##isa,               \
            &max_pool_integer_channels_last_driver<uint8_t, &max_pool_channels_last_u8_##isa, &max_pool_run_u8_##isa>>; \
    (table).at(PoolOperation::average, Layout::channels_last, DataType::uint8) =                  \
        &avg_pool_bytes_channels_last_driver<&avg_pool_2x2s2_channels_last_u8_##isa,               \
            &avg_pool_integer_channels_last_driver<uint8_t, &avg_pool_run_u8_##isa>>;             \
    (table).at(PoolOperation::max, Layout::channels_first, DataType::uint8) =                     \
        &max_pool_bytes_channels_first_driver<&max_pool_2x2s2_channels_last_u8_##isa,              \
            &max_pool_integer_channels_first_driver<uint8_t, &max_pool_run_u8_##isa>>;            \
    (table).at(PoolOperation::average, Layout::channels_first, DataType::uint8) =                 \
        &avg_pool_bytes_channels_first_driver<&avg_pool_2x2s2_channels_last_u8_##isa,              \
            &avg_pool_integer_channels_first_driver<uint8_t, &avg_pool_run_u8_##isa>>;            \
  } while (false)

// Integer max and average over channels-first rows and channels-last windows and images; uint8's
// 2x2/stride-2 windows are the byte drivers', which fall back on these.
#define POOLND_ADD_INTEGER_MICROKERNELS(table, isa) \
  do { \
    (table).at(PoolOperation::average, Layout::channels_first, DataType::int32) = \
        &avg_pool_integer_channels_first_driver<int32_t, &avg_pool_run_i32_##isa>; \
    (table).at(PoolOperation::average, Layout::channels_last, DataType::int32) = \
        &avg_pool_integer_channels_last_driver<int32_t, &avg_pool_run_i32_##isa>; \
    (table).at(PoolOperation::average, Layout::channels_first, DataType::uint32) = \
        &avg_pool_integer_channels_first_driver<uint32_t, &avg_pool_run_u32_##isa>; \
    (table).at(PoolOperation::average, Layout::channels_last, DataType::uint32) = \
        &avg_pool_integer_channels_last_driver<uint32_t, &avg_pool_run_u32_##isa>; \
    (table).at(PoolOperation::global_max, Layout::channels_first, DataType::int8) = \
        &global_channels_first_driver<int8_t, &global_max_channels_first_i8_##isa>; \
    (table).at(PoolOperation::global_average, Layout::channels_first, DataType::int8) = \
        &global_integer_average_driver<int8_t, &global_channels_first_driver<int8_t, &global_avg_channels_first_i8_##isa>, \
                                       &global_average_channels_first_scalar<int8_t>, 96>; \
    (table).at(PoolOperation::global_average, Layout::channels_last, DataType::int8) = \
        &global_integer_average_driver<int8_t, &global_channels_last_driver<int8_t, &global_avg_channels_last_i8_##isa>, \
                                       &global_average_channels_last_scalar<int8_t>>; \
    (table).at(PoolOperation::global_max, Layout::channels_first, DataType::uint8) = \
        &global_channels_first_driver<uint8_t, &global_max_channels_first_u8_##isa>; \
    (table).at(PoolOperation::global_average, Layout::channels_first, DataType::uint8) = \
        &global_integer_average_driver<uint8_t, &global_channels_first_driver<uint8_t, &global_avg_channels_first_u8_##isa>, \
                                       &global_average_channels_first_scalar<uint8_t>, 96>; \
    (table).at(PoolOperation::global_average, Layout::channels_last, DataType::uint8) = \
        &global_integer_average_driver<uint8_t, &global_channels_last_driver<uint8_t, &global_avg_channels_last_u8_##isa>, \
                                       &global_average_channels_last_scalar<uint8_t>>; \
    (table).at(PoolOperation::global_max, Layout::channels_first, DataType::int16) = \
        &global_channels_first_driver<int16_t, &global_max_channels_first_i16_##isa>; \
    (table).at(PoolOperation::global_average, Layout::channels_first, DataType::int16) = \
        &global_integer_average_driver<int16_t, &global_channels_first_driver<int16_t, &global_avg_channels_first_i16_##isa>, \
                                       &global_average_channels_first_scalar<int16_t>, 96>; \
    (table).at(PoolOperation::global_average, Layout::channels_last, DataType::int16) = \
        &global_integer_average_driver<int16_t, &global_channels_last_driver<int16_t, &global_avg_channels_last_i16_##isa>, \
                                       &global_average_channels_last_scalar<int16_t>>; \
    (table).at(PoolOperation::global_max, Layout::channels_first, DataType::uint16) = \
        &global_channels_first_driver<uint16_t, &global_max_channels_first_u16_##isa>; \
    (table).at(PoolOperation::global_average, Layout::channels_first, DataType::uint16) = \
        &global_integer_average_driver<uint16_t, &global_channels_first_driver<uint16_t, &global_avg_channels_first_u16_##isa>, \
                                       &global_average_channels_first_scalar<uint16_t>, 96>; \
    (table).at(PoolOperation::global_average, Layout::channels_last, DataType::uint16) = \
        &global_integer_average_driver<uint16_t, &global_channels_last_driver<uint16_t, &global_avg_channels_last_u16_##isa>, \
                                       &global_average_channels_last_scalar<uint16_t>>; \
    (table).at(PoolOperation::global_max, Layout::channels_first, DataType::int32) = \
        &global_channels_first_driver<int32_t, &global_max_channels_first_i32_##isa>; \
    (table).at(PoolOperation::global_max, Layout::channels_first, DataType::uint32) = \
        &global_channels_first_driver<uint32_t, &global_max_channels_first_u32_##isa>; \
    (table).at(PoolOperation::average, Layout::channels_first, DataType::int8) = \
        &avg_pool_integer_channels_first_driver<int8_t, &avg_pool_run_i8_##isa>; \
    (table).at(PoolOperation::average, Layout::channels_last, DataType::int8) = \
        &avg_pool_integer_channels_last_driver<int8_t, &avg_pool_run_i8_##isa>; \
    (table).at(PoolOperation::average, Layout::channels_first, DataType::uint8) = \
        &avg_pool_integer_channels_first_driver<uint8_t, &avg_pool_run_u8_##isa>; \
    (table).at(PoolOperation::average, Layout::channels_first, DataType::int16) = \
        &avg_pool_integer_channels_first_driver<int16_t, &avg_pool_run_i16_##isa>; \
    (table).at(PoolOperation::average, Layout::channels_last, DataType::int16) = \
        &avg_pool_integer_channels_last_driver<int16_t, &avg_pool_run_i16_##isa>; \
    (table).at(PoolOperation::average, Layout::channels_first, DataType::uint16) = \
        &avg_pool_integer_channels_first_driver<uint16_t, &avg_pool_run_u16_##isa>; \
    (table).at(PoolOperation::average, Layout::channels_last, DataType::uint16) = \
        &avg_pool_integer_channels_last_driver<uint16_t, &avg_pool_run_u16_##isa>; \
    (table).at(PoolOperation::max, Layout::channels_first, DataType::int8) = \
        &max_pool_integer_channels_first_driver<int8_t, &max_pool_run_i8_##isa>; \
    (table).at(PoolOperation::max, Layout::channels_first, DataType::uint8) = \
        &max_pool_integer_channels_first_driver<uint8_t, &max_pool_run_u8_##isa>; \
    (table).at(PoolOperation::max, Layout::channels_first, DataType::int16) = \
        &max_pool_integer_channels_first_driver<int16_t, &max_pool_run_i16_##isa>; \
    (table).at(PoolOperation::max, Layout::channels_first, DataType::uint16) = \
        &max_pool_integer_channels_first_driver<uint16_t, &max_pool_run_u16_##isa>; \
    (table).at(PoolOperation::max, Layout::channels_first, DataType::int32) = \
        &max_pool_integer_channels_first_driver<int32_t, &max_pool_run_i32_##isa>; \
    (table).at(PoolOperation::max, Layout::channels_first, DataType::uint32) = \
        &max_pool_integer_channels_first_driver<uint32_t, &max_pool_run_u32_##isa>; \
    (table).at(PoolOperation::max, Layout::channels_last, DataType::int8) = \
        &max_pool_integer_channels_last_driver<int8_t, &max_pool_channels_last_i8_##isa, &max_pool_run_i8_##isa>; \
    (table).at(PoolOperation::global_max, Layout::channels_last, DataType::int8) = \
        &global_channels_last_driver<int8_t, &global_max_channels_last_i8_##isa>; \
    (table).at(PoolOperation::global_max, Layout::channels_last, DataType::uint8) = \
        &global_channels_last_driver<uint8_t, &global_max_channels_last_u8_##isa>; \
    (table).at(PoolOperation::max, Layout::channels_last, DataType::int16) = \
        &max_pool_integer_channels_last_driver<int16_t, &max_pool_channels_last_i16_##isa, &max_pool_run_i16_##isa>; \
    (table).at(PoolOperation::global_max, Layout::channels_last, DataType::int16) = \
        &global_channels_last_driver<int16_t, &global_max_channels_last_i16_##isa>; \
    (table).at(PoolOperation::max, Layout::channels_last, DataType::uint16) = \
        &max_pool_integer_channels_last_driver<uint16_t, &max_pool_channels_last_u16_##isa, &max_pool_run_u16_##isa>; \
    (table).at(PoolOperation::global_max, Layout::channels_last, DataType::uint16) = \
        &global_channels_last_driver<uint16_t, &global_max_channels_last_u16_##isa>; \
    (table).at(PoolOperation::max, Layout::channels_last, DataType::int32) = \
        &max_pool_integer_channels_last_driver<int32_t, &max_pool_channels_last_i32_##isa, &max_pool_run_i32_##isa>; \
    (table).at(PoolOperation::global_max, Layout::channels_last, DataType::int32) = \
        &global_channels_last_driver<int32_t, &global_max_channels_last_i32_##isa>; \
    (table).at(PoolOperation::max, Layout::channels_last, DataType::uint32) = \
        &max_pool_integer_channels_last_driver<uint32_t, &max_pool_channels_last_u32_##isa, &max_pool_run_u32_##isa>; \
    (table).at(PoolOperation::global_max, Layout::channels_last, DataType::uint32) = \
        &global_channels_last_driver<uint32_t, &global_max_channels_last_u32_##isa>; \
  } while (false)

// Each level builds on the one below it, so an op without a kernel at some level falls back to
// the widest narrower one, down to the scalar reference.
KernelTable table_for(SimdLevel level) {
  KernelTable table = scalar_table();
#if defined(POOLND_ARCH_X64)
  if (level == SimdLevel::sse2 || level == SimdLevel::avx2 || level == SimdLevel::avx512) {
    POOLND_ADD_MICROKERNELS(table, sse2);
  }
  if (level == SimdLevel::avx2 || level == SimdLevel::avx512) {
    POOLND_ADD_MICROKERNELS(table, avx2);
    POOLND_ADD_INTEGER_MICROKERNELS(table, avx2);
    POOLND_ADD_BYTE_MICROKERNELS(table, avx2);  // over the integer entries it refines
  }
#if defined(POOLND_HAVE_AVX512)
  if (level == SimdLevel::avx512) POOLND_ADD_MICROKERNELS(table, avx512);
#endif
#endif
#if defined(POOLND_ARCH_ARM64)
  if (level == SimdLevel::neon) {
    POOLND_ADD_MICROKERNELS(table, neon);
    POOLND_ADD_INTEGER_MICROKERNELS(table, neon);
    POOLND_ADD_BYTE_MICROKERNELS(table, neon);  // over the integer entries it refines
  }
#endif
  return table;
}

#undef POOLND_ADD_MICROKERNELS
#undef POOLND_ADD_BYTE_MICROKERNELS
#undef POOLND_ADD_INTEGER_MICROKERNELS

const KernelTable& kernels_for(SimdLevel level) {
  static const auto* tables = [] {
    auto* all = new KernelTable[static_cast<int>(SimdLevel::count)];
    for (int level = 0; level < static_cast<int>(SimdLevel::count); ++level) all[level] = table_for(static_cast<SimdLevel>(level));
    return all;
  }();
  return tables[static_cast<int>(level)];
}

}  // namespace

PoolKernel select_pool_kernel(const PoolRequest& request, SimdLevel level) {
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
    case PoolOperation::global_max:
    case PoolOperation::global_average:
      return g.input_elements() / items;
    case PoolOperation::max_unpool:
      return (g.input_elements() + g.output_elements()) / items;
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
  const bool float_type = request.data_type == DataType::float32 || request.data_type == DataType::float64;
  const bool same_reduction = request.operation == PoolOperation::max ||
                              (request.operation == PoolOperation::average && !float_type);
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
