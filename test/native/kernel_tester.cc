// Runs every kernel variant this CPU supports against the scalar reference, over random
// requests, and demands identical bytes (values and indices): each SIMD level's dispatch table
// (random requests and sweeps of the geometries where blocks and tails meet), then each
// microkernel of microkernels.inc on requests of its own op, layout and type. Inputs end right
// before an inaccessible page, so a kernel that reads past the end of its array crashes the
// tester. A mismatch names the kernel and the path it took (microkernels.h: KernelPath).
// Usage: poolnd_kernel_tester [cases per level] [seed]; exits 1 on the first mismatch.
#if defined(_WIN32)
#define NOMINMAX
#include <windows.h>
#else
#include <sys/mman.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "../../native/kernels/dispatch.h"
#include "../../native/kernels/microkernels.h"
#include "../../native/kernels/pool_kernels.h"
#include "../../native/runtime/runtime.h"
#include "request_checks.h"

namespace {

using poolnd::DataType;
using poolnd::KernelPath;
using poolnd::Layout;
using poolnd::Microkernel;
using poolnd::PoolOperation;
using poolnd::PoolRequest;
using poolnd::SimdLevel;
using poolnd::WindowKind;
using poolnd_test::canonicalise_average_nans;
using poolnd_test::describe;
using poolnd_test::element_size;
using poolnd_test::window_count;

// Bytes that end exactly at an inaccessible page.
class GuardedBuffer {
 public:
  explicit GuardedBuffer(size_t bytes) {
#if defined(_WIN32)
    SYSTEM_INFO system;
    GetSystemInfo(&system);
    const size_t page = system.dwPageSize;
#else
    const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
#endif
    pages_ = (bytes + page - 1) / page * page + page;
#if defined(_WIN32)
    base_ = static_cast<uint8_t*>(VirtualAlloc(nullptr, pages_, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE));
    DWORD previous;
    if (base_ == nullptr || !VirtualProtect(base_ + pages_ - page, page, PAGE_NOACCESS, &previous)) std::abort();
#else
    base_ = static_cast<uint8_t*>(mmap(nullptr, pages_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (base_ == MAP_FAILED) std::abort();
    if (mprotect(base_ + pages_ - page, page, PROT_NONE) != 0) std::abort();
#endif
    data_ = base_ + pages_ - page - bytes;
  }
  GuardedBuffer(const GuardedBuffer&) = delete;
  GuardedBuffer& operator=(const GuardedBuffer&) = delete;
#if defined(_WIN32)
  ~GuardedBuffer() { VirtualFree(base_, 0, MEM_RELEASE); }
#else
  ~GuardedBuffer() { munmap(base_, pages_); }
#endif
  uint8_t* data() { return data_; }

 private:
  uint8_t* base_;
  uint8_t* data_;
  size_t pages_;
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : engine_(seed) {}
  int64_t between(int64_t low, int64_t high) { return std::uniform_int_distribution<int64_t>(low, high)(engine_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(engine_) < p; }

  // Channel counts and widths below, at and above every vector width (2 to 16 lanes).
  int64_t lane_count() {
    static const int64_t counts[] = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47};
    return counts[between(0, sizeof(counts) / sizeof(counts[0]) - 1)];
  }

  // Ties, NaN, infinities, signed zeros and magnitudes that cancel, anywhere in the array (vector
  // body and tail alike).
  // A third of the arrays have no NaN or infinity, so that sums stay finite and their order shows.
  template <typename T>
  void fill(T* values, int64_t count) {
    const double special = chance(0.33) ? 0.0 : 1.0;
    for (int64_t i = 0; i < count; ++i) {
      const double pick = std::uniform_real_distribution<double>(0, 1)(engine_);
      double value = static_cast<double>(between(0, 3));
      if (pick < 0.05 * special) {
        value = std::numeric_limits<double>::quiet_NaN();
      } else if (pick < 0.08 * special) {
        value = chance(0.5) ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
      } else if (pick < 0.12) {
        value = chance(0.5) ? -0.0 : 0.0;
      } else if (pick < 0.2) {
        // Large magnitudes of both signs, 2^30 apart: they swamp and cancel each other, so a sum
        // depends on its order, even in double.
        value = (chance(0.5) ? -1 : 1) * std::ldexp(1 + between(0, 3) / 4.0, 30 * static_cast<int>(between(1, 2)));
      } else if (pick > 0.4) {
        value = std::uniform_real_distribution<double>(-1000, 1000)(engine_);
      }
      if constexpr (std::is_floating_point_v<T>) {
        values[i] = static_cast<T>(value);
      } else {
        // Integers: small values (ties), the extremes, and the whole range, where sums carry.
        const auto low = static_cast<int64_t>(std::numeric_limits<T>::min());
        const auto high = static_cast<int64_t>(std::numeric_limits<T>::max());
        if (!std::isfinite(value) || pick > 0.4) {
          values[i] = static_cast<T>(between(low, high));
        } else {
          values[i] = static_cast<T>(
              std::fmin(static_cast<double>(high), std::fmax(static_cast<double>(low), std::trunc(value))));
        }
      }
    }
  }

 private:
  std::mt19937_64 engine_;
};

// Every data type, and whether it is a float one.
struct TypeEntry {
  DataType type;
  bool floating;
};
#define POOLND_TYPE_ENTRY(name, js_name, element, accumulator) {DataType::name, std::is_floating_point_v<element>},
const TypeEntry kTypes[] = {POOLND_FOR_EACH_DATA_TYPE(POOLND_TYPE_ENTRY)};
#undef POOLND_TYPE_ENTRY

DataType random_type(Generator& random, bool floating) {
  std::vector<DataType> types;
  for (const TypeEntry& entry : kTypes) {
    if (entry.floating == floating) types.push_back(entry.type);
  }
  return types[static_cast<size_t>(random.between(0, static_cast<int64_t>(types.size()) - 1))];
}

// A random valid request without its arrays, of the given kernel's op, layout and type if one is
// given; false when the drawn geometry has no output.
bool random_request(Generator& random, PoolRequest& request, const Microkernel* kernel = nullptr) {
  request = PoolRequest();
  request.operation = static_cast<PoolOperation>(random.between(0, static_cast<int64_t>(PoolOperation::count) - 1));
  request.layout = static_cast<Layout>(random.between(0, static_cast<int64_t>(Layout::count) - 1));
  const bool float_only = request.operation == PoolOperation::lp_pool;
  request.data_type = random_type(random, random.chance(0.6) || float_only);
  if (kernel != nullptr) {
    request.operation = kernel->operation;
    request.layout = kernel->layout;
    request.data_type = kernel->data_type;
  }
  poolnd::WindowGeometry& g = request.geometry;
  g.batch = random.between(1, 2);
  g.channels = random.lane_count();
  const int dims = static_cast<int>(random.between(1, 3));
  const bool windowed = request.operation == PoolOperation::max_pool || request.operation == PoolOperation::avg_pool ||
                        request.operation == PoolOperation::lp_pool;
  const bool adaptive = windowed && request.operation != PoolOperation::lp_pool && random.chance(0.3);
  g.window_kind = adaptive ? WindowKind::adaptive : WindowKind::strided;
  request.count_include_pad = random.chance(0.5);
  request.divisor_override = random.chance(0.15) ? random.between(1, 9) : 0;
  request.norm_type = random.chance(0.5) ? static_cast<double>(random.between(1, 3)) : 1.5;
  // The channels-first fast path's geometry: 2x2 windows, stride 2, nothing else.
  const bool two_by_two = windowed && !adaptive && dims >= 2 && random.chance(0.3);
  for (int dim = poolnd::kSpatialDims - dims; dim < poolnd::kSpatialDims; ++dim) {
    g.input_size[dim] = dims == 1 || dim == 2 ? random.lane_count() : random.between(1, 9);
    if (two_by_two) {
      const int64_t size = dim == 0 ? 1 : 2;
      g.kernel_size[dim] = g.stride[dim] = size;
      g.output_size[dim] = window_count(g.input_size[dim], size, size, 0, 0, 1, random.chance(0.3));
      if (g.output_size[dim] < 1) return false;
      continue;
    }
    if (request.operation == PoolOperation::global_max_pool || request.operation == PoolOperation::global_avg_pool)
      continue;
    g.kernel_size[dim] = random.between(1, 4);
    g.stride[dim] = random.between(1, 3);
    if (adaptive) {
      g.output_size[dim] = random.between(1, g.input_size[dim] + 2);
      continue;
    }
    if (request.operation == PoolOperation::max_unpool) {
      g.output_size[dim] = (g.input_size[dim] - 1) * g.stride[dim] + g.kernel_size[dim];
      continue;
    }
    if (request.operation != PoolOperation::lp_pool) {
      g.pad_begin[dim] = random.between(0, g.kernel_size[dim] / 2);
      g.pad_end[dim] = random.between(0, g.kernel_size[dim] / 2);
      g.dilation[dim] = random.chance(0.7) ? 1 : random.between(2, 3);
    }
    g.output_size[dim] = window_count(g.input_size[dim], g.kernel_size[dim], g.stride[dim], g.pad_begin[dim],
                                      g.pad_end[dim], g.dilation[dim], random.chance(0.5));
    if (g.output_size[dim] < 1) return false;
  }
  if (adaptive) request.count_include_pad = false, request.divisor_override = 0;
  return true;
}

template <typename T>
void fill_input(Generator& random, const PoolRequest& request, void* input) {
  random.fill(static_cast<T*>(input), request.geometry.input_elements());
}

void fill_any(Generator& random, const PoolRequest& request, void* input) {
  switch (request.data_type) {
#define POOLND_FILL(name, js_name, element, accumulator) \
  case DataType::name: return fill_input<element>(random, request, input);
    POOLND_FOR_EACH_DATA_TYPE(POOLND_FILL)
#undef POOLND_FILL
    case DataType::count: break;
  }
}

// The kernel under test: a SIMD level's dispatch table, or one microkernel.
struct Target {
  SimdLevel level;
  const Microkernel* kernel = nullptr;  // null: whatever the level's table holds
};

// The microkernel a level's table runs for a request, or null for the scalar reference.
const Microkernel* table_entry(const PoolRequest& request, SimdLevel level) {
  const poolnd::PoolKernel run = poolnd::select_pool_kernel(request, level);
  const poolnd::MicrokernelList all = poolnd::microkernels();
  for (const Microkernel* const* kernel = all.begin; kernel != all.end; ++kernel) {
    if ((*kernel)->run == run) return *kernel;
  }
  return nullptr;
}

// What ran, for a mismatch: the level, the kernel and its path.
std::string describe_target(const Target& target, const PoolRequest& computed) {
  const Microkernel* kernel = target.kernel != nullptr ? target.kernel : table_entry(computed, target.level);
  std::string text = poolnd::simd_level_name(target.level);
  if (kernel == nullptr) return text + " (its table's scalar reference)";
  return text + " (" + kernel->name + ", path " + poolnd::kernel_path_name(kernel->path(computed)) + ")";
}

// Runs one request through the scalar kernel and the target; true when every byte agrees.
using InputFill = void (*)(Generator& random, const PoolRequest& request, void* input);

bool check_case(Generator& random, PoolRequest request, Target target, InputFill fill = fill_any) {
  const poolnd::WindowGeometry& g = request.geometry;
  const size_t size = element_size(request.data_type);
  const auto input_bytes = static_cast<size_t>(g.input_elements()) * size;
  const auto output_bytes = static_cast<size_t>(g.output_elements()) * size;
  GuardedBuffer input(input_bytes);
  fill(random, request, input.data());
  request.input = input.data();
  const bool unpool = request.operation == PoolOperation::max_unpool;
  const bool indexed = request.operation == PoolOperation::max_pool && random.chance(0.5);
  GuardedBuffer unpool_indices(unpool ? static_cast<size_t>(g.input_elements()) * 4 : 0);
  if (unpool) {
    auto* indices = reinterpret_cast<int32_t*>(unpool_indices.data());
    for (int64_t i = 0; i < g.input_elements(); ++i)
      indices[i] = static_cast<int32_t>(random.between(0, g.output_plane() - 1));
    request.unpool_indices = indices;
  }
  const auto index_bytes = indexed ? static_cast<size_t>(g.output_elements()) * 4 : 0;
  // Each side's output bytes, then its indices, compared as one run of bytes. The indices are
  // written to int32 arrays of their own first, aligned as a JavaScript Int32Array is.
  std::vector<uint8_t> expected(output_bytes + index_bytes, 0xAB);
  std::vector<uint8_t> actual(output_bytes + index_bytes, 0xCD);
  std::vector<int32_t> expected_indices(index_bytes / 4, static_cast<int32_t>(0xABABABABu));
  std::vector<int32_t> actual_indices(index_bytes / 4, static_cast<int32_t>(0xCDCDCDCDu));
  const int64_t items = poolnd::pool_work_items(request);

  request.output = expected.data();
  request.indices = indexed ? expected_indices.data() : nullptr;
  poolnd::select_pool_kernel(request, SimdLevel::scalar)(request, 0, items);
  request.output = actual.data();
  request.indices = indexed ? actual_indices.data() : nullptr;
  // As run_pool: the vector side computes the request's strided form, which must not change a bit.
  const PoolRequest computed = poolnd::strided_form(request);
  const poolnd::PoolKernel run =
      target.kernel != nullptr ? target.kernel->run : poolnd::select_pool_kernel(computed, target.level);
  run(computed, 0, items);
  if (indexed) {
    std::memcpy(expected.data() + output_bytes, expected_indices.data(), index_bytes);
    std::memcpy(actual.data() + output_bytes, actual_indices.data(), index_bytes);
  }
  canonicalise_average_nans(request, expected);
  canonicalise_average_nans(request, actual);

  if (std::memcmp(expected.data(), actual.data(), expected.size()) == 0) return true;
  size_t at = 0;
  while (expected[at] == actual[at]) ++at;
  // Name the element (output or index) and show both as bytes, least significant first.
  const bool in_indices = at >= output_bytes;
  const size_t width = in_indices ? 4 : element_size(request.data_type);
  const size_t first = in_indices ? output_bytes + (at - output_bytes) / 4 * 4 : at / width * width;
  std::string bytes;
  for (const auto* side : {&expected, &actual}) {
    bytes += side == &expected ? " scalar" : ", vector";
    for (size_t b = 0; b < width; ++b) bytes += " " + std::to_string((*side)[first + b]);
  }
  // describe() names the indices: request.indices still points at the vector side's.
  std::fprintf(stderr, "%s differs from scalar in %s: %s %zu of %lld,%s\n", describe_target(target, computed).c_str(),
               describe(request).c_str(), in_indices ? "index" : "output",
               (first - (in_indices ? output_bytes : 0)) / width, static_cast<long long>(g.output_elements()),
               bytes.c_str());
  return false;
}

// The uint8 2x2/stride-2 kernels step through a row in blocks whose size depends on the channel
// count, so every count up to past 16 (and channels-first rows) meets every row length up to a few
// blocks, with each divisor form (the default 4, other powers of two, and others).
bool check_byte_two_by_two_sweep(Generator& random, Target level) {
  for (const PoolOperation operation : {PoolOperation::max_pool, PoolOperation::avg_pool}) {
    for (int64_t channels = 0; channels <= 34; ++channels) {
      // Channel count 0 stands for channels-first (two planes), whose rows run as one-channel pixels.
      for (int64_t width = 2; width <= 48; ++width) {
        for (const int64_t divisor : {0, 1, 2, 8, 3}) {
          if (operation == PoolOperation::max_pool && divisor != 0) continue;
          PoolRequest request;
          request.operation = operation;
          request.data_type = DataType::u8;
          request.layout = channels == 0 ? Layout::channels_first : Layout::channels_last;
          poolnd::WindowGeometry& g = request.geometry;
          g.batch = 1;
          g.channels = channels == 0 ? 2 : channels;
          g.input_size[1] = 2 + width % 3;
          g.input_size[2] = width;
          g.kernel_size[1] = g.kernel_size[2] = g.stride[1] = g.stride[2] = 2;
          g.output_size[1] = g.input_size[1] / 2;
          g.output_size[2] = width / 2;
          request.divisor_override = divisor;
          if (!check_case(random, request, level)) return false;
        }
      }
    }
  }
  return true;
}

// Integer max and average runs step through a row in blocks whose size depends on the type, the
// channel count and the stride, so long rows (channels-first, and channels-last with few
// channels) meet every such combination, with padding, dilation and each divisor rule.
bool check_integer_run_sweep(Generator& random, Target level) {
  for (const DataType type : {DataType::i8, DataType::u8, DataType::i16, DataType::u16, DataType::i32, DataType::u32}) {
    for (const Layout layout : {Layout::channels_first, Layout::channels_last}) {
      for (int64_t channels = 1; channels <= (layout == Layout::channels_last ? 17 : 2); ++channels) {
        for (int64_t width = 1; width <= 90; width += 1 + width / 8) {
          PoolRequest request;
          request.operation = random.chance(0.5) ? PoolOperation::max_pool : PoolOperation::avg_pool;
          request.count_include_pad = random.chance(0.5);
          request.divisor_override = random.chance(0.2) ? random.between(1, 9) : 0;
          request.data_type = type;
          request.layout = layout;
          poolnd::WindowGeometry& g = request.geometry;
          g.batch = 1;
          g.channels = channels;
          g.input_size[1] = random.between(1, 4);
          g.input_size[2] = width;
          for (int dim = 1; dim < poolnd::kSpatialDims; ++dim) {
            g.kernel_size[dim] = random.between(1, 4);
            g.stride[dim] = random.between(1, 3);
            g.dilation[dim] = random.chance(0.7) ? 1 : 2;
            g.pad_begin[dim] = random.between(0, g.kernel_size[dim] / 2);
            g.pad_end[dim] = random.between(0, g.kernel_size[dim] / 2);
            g.output_size[dim] = window_count(g.input_size[dim], g.kernel_size[dim], g.stride[dim], g.pad_begin[dim],
                                              g.pad_end[dim], g.dilation[dim], random.chance(0.5));
          }
          if (g.output_size[1] < 1 || g.output_size[2] < 1) continue;
          if (!check_case(random, request, level)) return false;
        }
      }
    }
  }
  return true;
}

// Floats where a window's maximum is often a zero of either sign, ties are common, and a NaN is
// rare (none in half the arrays): the orders in which kernels visit taps then show.
template <typename T>
void fill_zeros_and_ties(Generator& random, T* values, int64_t count) {
  const bool nans = random.chance(0.5);
  for (int64_t i = 0; i < count; ++i) {
    const int64_t pick = random.between(0, 99);
    values[i] = pick < 30 ? T(0) : pick < 60 ? -T(0) : pick < 80 ? T(-1) : T(-2);
    if (nans && pick == 99) values[i] = std::numeric_limits<T>::quiet_NaN();
  }
}

void fill_float_zeros_and_ties(Generator& random, const PoolRequest& request, void* input) {
  const int64_t count = request.geometry.input_elements();
  if (request.data_type == DataType::f32) return fill_zeros_and_ties(random, static_cast<float*>(input), count);
  fill_zeros_and_ties(random, static_cast<double*>(input), count);
}

// Channels-first float max rows, mostly over zeros of both signs, along every row length up to
// a few vector widths: kernels that take a window's taps out of row-major order (by columns
// first) must still give the first of equal zeros, and the last NaN.
bool check_float_max_rows_sweep(Generator& random, Target level) {
  for (const DataType type : {DataType::f32, DataType::f64}) {
    for (int64_t width = 1; width <= 70; ++width) {
      for (int repeat = 0; repeat < 4; ++repeat) {
        PoolRequest request;
        request.operation = PoolOperation::max_pool;
        request.data_type = type;
        poolnd::WindowGeometry& g = request.geometry;
        g.batch = 1;
        g.channels = random.between(1, 2);
        const int first_dim = random.chance(0.2) ? 0 : 1;
        for (int dim = first_dim; dim < poolnd::kSpatialDims; ++dim) {
          g.input_size[dim] = dim == 2 ? width : random.between(1, 5);
          g.kernel_size[dim] = random.between(1, 4);
          g.stride[dim] = random.between(1, dim == 2 ? 3 : 2);
          g.dilation[dim] = random.chance(0.8) ? 1 : 2;
          g.pad_begin[dim] = random.between(0, g.kernel_size[dim] / 2);
          g.pad_end[dim] = random.between(0, g.kernel_size[dim] / 2);
          g.output_size[dim] = window_count(g.input_size[dim], g.kernel_size[dim], g.stride[dim], g.pad_begin[dim],
                                            g.pad_end[dim], g.dilation[dim], random.chance(0.5));
        }
        if (g.output_size[0] < 1 || g.output_size[1] < 1 || g.output_size[2] < 1) continue;
        if (!check_case(random, request, level, fill_float_zeros_and_ties)) return false;
      }
    }
  }
  return true;
}

// Adaptive bins over evenly dividing sizes run as strided windows; float averages then divide by
// each extent in turn, which differs from one division by their product once two extents round.
bool check_uniform_adaptive_sweep(Generator& random, Target level) {
  for (const DataType type : {DataType::f32, DataType::f64, DataType::u8, DataType::i16}) {
    for (const PoolOperation operation : {PoolOperation::max_pool, PoolOperation::avg_pool}) {
      for (const Layout layout : {Layout::channels_first, Layout::channels_last}) {
        for (int64_t bin_height = 1; bin_height <= 5; ++bin_height) {
          for (int64_t bin_width = 1; bin_width <= 7; ++bin_width) {
            PoolRequest request;
            request.operation = operation;
            request.data_type = type;
            request.layout = layout;
            poolnd::WindowGeometry& g = request.geometry;
            g.window_kind = WindowKind::adaptive;
            g.batch = 1;
            g.channels = random.lane_count();
            g.output_size[1] = random.between(1, 3);
            g.output_size[2] = random.lane_count();
            g.input_size[1] = g.output_size[1] * bin_height;
            g.input_size[2] = g.output_size[2] * bin_width;
            request.count_include_pad = false;
            if (!check_case(random, request, level)) return false;
          }
        }
      }
    }
  }
  return true;
}

// `cases` random requests (of the kernel's op, layout and type, if the target has one).
bool check_random(Generator& random, Target target, int cases) {
  for (int checked = 0; checked < cases;) {
    PoolRequest request;
    if (!random_request(random, request, target.kernel)) continue;
    if (!check_case(random, request, target)) return false;
    ++checked;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const int cases = argc > 1 ? std::atoi(argv[1]) : 3000;
  const uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20261123;
  int levels = 0;
  for (int level = 1; level < static_cast<int>(SimdLevel::count); ++level) {
    const Target target{static_cast<SimdLevel>(level)};
    if (!poolnd::simd_level_supported(target.level)) continue;
    Generator random(seed + static_cast<uint64_t>(level));
    if (!check_random(random, target, cases) || !check_byte_two_by_two_sweep(random, target) ||
        !check_integer_run_sweep(random, target) || !check_uniform_adaptive_sweep(random, target) ||
        !check_float_max_rows_sweep(random, target)) {
      return 1;
    }
    std::printf("%s: %d random requests and the sweeps identical to scalar\n", poolnd::simd_level_name(target.level),
                cases);
    ++levels;
  }
  // Each microkernel on its own, a share of the cases each: a level's table hides the kernels
  // of the levels below it that it replaces.
  const int kernel_cases = std::max(1, cases / 10);
  int kernels = 0;
  const poolnd::MicrokernelList all = poolnd::microkernels();
  for (const Microkernel* const* kernel = all.begin; kernel != all.end; ++kernel) {
    if (!poolnd::simd_level_supported((*kernel)->level)) continue;
    Generator random(seed + 1000 + static_cast<uint64_t>(kernel - all.begin));
    if (!check_random(random, Target{(*kernel)->level, *kernel}, kernel_cases)) return 1;
    ++kernels;
  }
  std::printf("%d microkernels: %d random requests each identical to scalar\n", kernels, kernel_cases);
  std::printf("%d SIMD level(s) checked; detected: %s\n", levels,
              poolnd::simd_level_name(poolnd::detected_simd_level()));
  return 0;
}
