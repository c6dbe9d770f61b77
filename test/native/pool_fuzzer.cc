// libFuzzer target: decodes the fuzzer's bytes into a normalised PoolRequest (one lib/ could send,
// so one that passes request_decoder.cc's invariants), then demands the scalar kernel's bytes from
// every SIMD level this CPU has (also with the work items split into pieces) and from run_pool on
// 1 to 3 kernel threads at each level. The comparison rules are kernel_tester.cc's. Run it through
// scripts/fuzz.sh, which builds it with ASan and UBSan; POOLND_FUZZ_PRINT_REQUESTS=1 prints each
// decoded request (to see what a crash file holds).
#include <fuzzer/FuzzedDataProvider.h>
#include <sanitizer/asan_interface.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
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
using poolnd::kSpatialDims;
using poolnd::Layout;
using poolnd::PoolOperation;
using poolnd::PoolRequest;
using poolnd::SimdLevel;
using poolnd::WindowGeometry;
using poolnd::WindowKind;

// Small enough that one input runs in well under a millisecond through every variant, large enough
// for vector bodies, tails and (with wide windows) run_pool splitting work across threads.
constexpr int64_t kMaxElements = 4096;
constexpr int kMaxThreads = 3;

using poolnd_test::canonicalise_average_nans;
using poolnd_test::describe;
using poolnd_test::element_size;
using poolnd_test::window_count;

// An array on the heap that ends exactly where its allocation does (ASan reports a read or write
// past it) and starts `lead` bytes into it, those bytes poisoned: a typed array's data is only
// element-aligned, so kernels must not assume more.
class HeapArray {
 public:
  HeapArray(size_t bytes, size_t lead) : storage_(new uint8_t[lead + bytes]), lead_(lead), bytes_(bytes) {
    ASAN_POISON_MEMORY_REGION(storage_.get(), lead_);
  }
  HeapArray(const HeapArray&) = delete;
  HeapArray& operator=(const HeapArray&) = delete;
  ~HeapArray() { ASAN_UNPOISON_MEMORY_REGION(storage_.get(), lead_); }

  uint8_t* data() { return storage_.get() + lead_; }
  size_t size() const { return bytes_; }
  void fill(uint8_t byte) { std::memset(data(), byte, bytes_); }
  std::vector<uint8_t> bytes() { return std::vector<uint8_t>(data(), data() + bytes_); }

 private:
  std::unique_ptr<uint8_t[]> storage_;
  size_t lead_;
  size_t bytes_;
};

// The fuzzer bytes left after the request's fields, read round and round (zeros when there are
// none), so that a short input still fills a large array.
class ByteCycle {
 public:
  explicit ByteCycle(std::vector<uint8_t> bytes) : bytes_(std::move(bytes)) {}

  uint8_t next() {
    if (bytes_.empty()) return 0;
    const uint8_t byte = bytes_[position_];
    position_ = (position_ + 1) % bytes_.size();
    return byte;
  }

  template <typename T>
  T next_raw() {
    uint8_t raw[sizeof(T)];
    for (uint8_t& byte : raw) byte = next();
    T value;
    std::memcpy(&value, raw, sizeof(T));
    return value;
  }

 private:
  std::vector<uint8_t> bytes_;
  size_t position_ = 0;
};

// A NaN of either sign with a payload from the bytes, quiet or signalling.
template <typename T>
T nan_with_payload(ByteCycle& bytes) {
  using Bits = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
  constexpr int kMantissaBits = std::numeric_limits<T>::digits - 1;
  constexpr Bits kMantissa = (Bits{1} << kMantissaBits) - 1;
  constexpr Bits kExponent = static_cast<Bits>(~kMantissa) & static_cast<Bits>(~Bits{0} >> 1);
  const Bits raw = bytes.next_raw<Bits>();
  Bits mantissa = raw & kMantissa;
  if (mantissa == 0) mantissa = 1;  // zero would be an infinity
  const Bits bits = (raw & ~(kExponent | kMantissa)) | kExponent | mantissa;
  T value;
  std::memcpy(&value, &bits, sizeof(T));
  return value;
}

// One element: mostly the values kernels treat specially (NaNs, infinities, signed zeros, the
// extremes, magnitudes that swamp and cancel in a sum) and small values that tie, else raw bytes.
template <typename T>
T palette_value(ByteCycle& bytes) {
  const uint8_t tag = bytes.next();
  if constexpr (std::is_floating_point_v<T>) {
    using Limits = std::numeric_limits<T>;
    switch (tag % 32) {
      case 0: return T(0);
      case 1: return -T(0);
      case 2: return Limits::quiet_NaN();
      case 3: return -Limits::quiet_NaN();
      case 4: return nan_with_payload<T>(bytes);
      case 5: return Limits::infinity();
      case 6: return -Limits::infinity();
      case 7: return Limits::max();
      case 8: return Limits::lowest();
      case 9: return Limits::denorm_min();
      case 10: return -Limits::denorm_min();
      case 11: return Limits::min();
      case 12: return Limits::epsilon();
      case 13: return T(1 << 30);
      case 14: return -T(1 << 30);
      case 15: return std::ldexp(T(1), 60);
      case 16: return -std::ldexp(T(1), 60);
      case 17: return T(0.5);
      default:
        if (tag % 32 < 28) return T(tag % 32 - 22);  // -4 to 5
        return bytes.next_raw<T>();
    }
  } else {
    using Limits = std::numeric_limits<T>;
    switch (tag % 16) {
      case 0: return Limits::min();
      case 1: return Limits::max();
      case 2: return static_cast<T>(Limits::min() + 1);
      case 3: return static_cast<T>(Limits::max() - 1);
      default:
        if (tag % 16 < 12)
          return static_cast<T>(std::is_signed_v<T> ? tag % 16 - 7 : tag % 16 - 4);  // -3 to 4, or 0 to 7
        return bytes.next_raw<T>();
    }
  }
}

template <typename T>
void fill_values(ByteCycle& bytes, bool raw, uint8_t* destination, int64_t count) {
  for (int64_t i = 0; i < count; ++i) {
    const T value = raw ? bytes.next_raw<T>() : palette_value<T>(bytes);
    std::memcpy(destination + i * sizeof(T), &value, sizeof(T));
  }
}

void fill_input(DataType type, ByteCycle& bytes, bool raw, uint8_t* destination, int64_t count) {
  switch (type) {
#define POOLND_FILL(name, js_name, element, accumulator) \
  case DataType::name: return fill_values<element>(bytes, raw, destination, count);
    POOLND_FOR_EACH_DATA_TYPE(POOLND_FILL)
#undef POOLND_FILL
    case DataType::count: break;
  }
}

// Max-unpooling indices: offsets within the output plane, and with `invalid`, about one in
// sixteen outside it (run_pool must then report the first and write nothing).
void fill_unpool_indices(ByteCycle& bytes, bool invalid, int64_t output_plane, int32_t* indices, int64_t count) {
  const auto plane = static_cast<int32_t>(output_plane);
  const int32_t outside[] = {
      -1, plane, plane + 7, -plane, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
  for (int64_t i = 0; i < count; ++i) {
    const uint8_t pick = bytes.next();
    if (invalid && pick % 16 == 0) {
      indices[i] = outside[pick / 16 % 6];
    } else {
      indices[i] = static_cast<int32_t>(bytes.next_raw<uint32_t>() % static_cast<uint32_t>(output_plane));
    }
  }
}

// The largest of batch, channels and the spatial sizes halved until the input fits the budget.
void shrink_to_budget(WindowGeometry& g) {
  while (g.input_elements() > kMaxElements) {
    int64_t* largest = &g.batch;
    if (g.channels > *largest) largest = &g.channels;
    for (int64_t& size : g.input_size) {
      if (size > *largest) largest = &size;
    }
    *largest = (*largest + 1) / 2;
  }
}

// lib/shape.ts samePaddingOf: TensorFlow's 'same', output = ceil(input / stride). Not bounded by
// half the kernel, unlike explicit padding.
void same_padding(int64_t input, int64_t kernel, int64_t stride, int64_t dilation, int64_t& begin, int64_t& end) {
  const int64_t output = (input + stride - 1) / stride;
  const int64_t total = std::max<int64_t>((output - 1) * stride + dilation * (kernel - 1) + 1 - input, 0);
  begin = total / 2;
  end = total - begin;
}

int64_t divisor_override(FuzzedDataProvider& provider) {
  // Around the integer drivers' limits (2^21) and up to lib's 2^53 - 1.
  static const int64_t large[] = {
      (1 << 21) - 1, 1 << 21, (int64_t{1} << 31) - 1, int64_t{1} << 31, (int64_t{1} << 32) + 1, (int64_t{1} << 53) - 1};
  const int pick = provider.ConsumeIntegralInRange<int>(0, 15);
  if (pick < 9) return 0;
  if (pick < 13) return provider.ConsumeIntegralInRange<int64_t>(1, 9);
  if (pick < 14) return large[provider.ConsumeIntegralInRange<int>(0, 5)];
  return provider.ConsumeIntegralInRange<int64_t>(1, (int64_t{1} << 53) - 1);
}

double lp_norm_type(FuzzedDataProvider& provider) {
  switch (provider.ConsumeIntegralInRange<int>(0, 6)) {
    case 0: return 1;
    case 1: return 2;
    case 2: return 0.5;
    case 3: return 1.5;
    case 4: return static_cast<double>(provider.ConsumeIntegralInRange<int>(3, 8));
    case 5: return provider.ConsumeFloatingPointInRange<double>(0.01, 20);
    default: {
      // Any finite p > 0 lib accepts, from subnormal to the largest double.
      const auto bits = provider.ConsumeIntegral<uint64_t>();
      double p;
      std::memcpy(&p, &bits, sizeof p);
      return std::isfinite(p) && p > 0 ? p : 3;
    }
  }
}

// Strided windows as lib/shape.ts normaliseWindow makes them: one ceil mode and one padding form
// for all dims, explicit padding at most half the kernel. False when a dim has no output (lib
// throws ERR_POOLND_OUTPUT_TOO_SMALL).
bool decode_strided_windows(FuzzedDataProvider& provider, PoolRequest& request, int first_dim) {
  WindowGeometry& g = request.geometry;
  const bool lp = request.operation == PoolOperation::lp_pool;
  const bool ceil_mode = provider.ConsumeBool();
  enum { no_padding, explicit_padding, same_padding_form } padding = no_padding;
  if (!lp) padding = static_cast<decltype(padding)>(provider.ConsumeIntegralInRange<int>(0, 2));
  const bool stride_is_kernel = provider.ConsumeBool();  // lib's default stride
  // The vector kernels' 2x2/stride-2 fast paths.
  const bool two_by_two = first_dim <= 1 && provider.ConsumeIntegralInRange<int>(0, 3) == 0;
  for (int dim = first_dim; dim < kSpatialDims; ++dim) {
    if (two_by_two) {
      g.kernel_size[dim] = g.stride[dim] = dim == 0 ? 1 : 2;
    } else {
      g.kernel_size[dim] = provider.ConsumeIntegralInRange<int64_t>(1, 6);
      g.stride[dim] = stride_is_kernel ? g.kernel_size[dim] : provider.ConsumeIntegralInRange<int64_t>(1, 4);
      const int dilation_pick = lp ? 0 : provider.ConsumeIntegralInRange<int>(0, 4);
      g.dilation[dim] = dilation_pick <= 2 ? 1 : dilation_pick - 1;
      if (padding == explicit_padding) {
        g.pad_begin[dim] = provider.ConsumeIntegralInRange<int64_t>(0, g.kernel_size[dim] / 2);
        g.pad_end[dim] = provider.ConsumeIntegralInRange<int64_t>(0, g.kernel_size[dim] / 2);
      } else if (padding == same_padding_form) {
        same_padding(g.input_size[dim], g.kernel_size[dim], g.stride[dim], g.dilation[dim], g.pad_begin[dim],
                     g.pad_end[dim]);
      }
    }
    g.output_size[dim] = window_count(g.input_size[dim], g.kernel_size[dim], g.stride[dim], g.pad_begin[dim],
                                      g.pad_end[dim], g.dilation[dim], ceil_mode);
    if (g.output_size[dim] < 1) return false;
  }
  return true;
}

// Adaptive output sizes: any size >= 1 (larger than the input too), or, for the strided form
// run_pool takes, a divisor of the input size.
void decode_adaptive_windows(FuzzedDataProvider& provider, WindowGeometry& g, int first_dim) {
  const bool uniform = provider.ConsumeBool();
  for (int dim = first_dim; dim < kSpatialDims; ++dim) {
    const int64_t input = g.input_size[dim];
    if (!uniform) {
      g.output_size[dim] = provider.ConsumeIntegralInRange<int64_t>(1, 2 * input + 2);
      continue;
    }
    std::vector<int64_t> divisors;
    for (int64_t d = 1; d <= input; ++d) {
      if (input % d == 0) divisors.push_back(d);
    }
    g.output_size[dim] = divisors[provider.ConsumeIntegralInRange<size_t>(0, divisors.size() - 1)];
  }
}

// lib/shape.ts unpoolWindow: output (in - 1) * stride - padding + kernel, or an explicit size
// within stride - 1 of that. Padding has no half-kernel bound here.
bool decode_unpool_window(FuzzedDataProvider& provider, WindowGeometry& g, int first_dim) {
  const bool stride_is_kernel = provider.ConsumeBool();
  const bool padded = provider.ConsumeBool();
  const bool explicit_output = provider.ConsumeBool();
  for (int dim = first_dim; dim < kSpatialDims; ++dim) {
    g.kernel_size[dim] = provider.ConsumeIntegralInRange<int64_t>(1, 5);
    g.stride[dim] = stride_is_kernel ? g.kernel_size[dim] : provider.ConsumeIntegralInRange<int64_t>(1, 4);
    if (padded) {
      g.pad_begin[dim] = provider.ConsumeIntegralInRange<int64_t>(0, 4);
      g.pad_end[dim] = provider.ConsumeIntegralInRange<int64_t>(0, 4);
    }
    const int64_t fallback =
        (g.input_size[dim] - 1) * g.stride[dim] - g.pad_begin[dim] - g.pad_end[dim] + g.kernel_size[dim];
    if (!explicit_output) {
      if (fallback < 1) return false;
      g.output_size[dim] = fallback;
      continue;
    }
    const int64_t low = std::max<int64_t>(1, fallback - g.stride[dim] + 1);
    const int64_t high = fallback + g.stride[dim] - 1;
    if (low > high) return false;
    g.output_size[dim] = provider.ConsumeIntegralInRange<int64_t>(low, high);
  }
  return true;
}

// lib/ops/global.ts: the whole plane as one spatial dim, one output per plane.
void flatten_for_global(WindowGeometry& g) {
  WindowGeometry global;
  global.batch = g.batch;
  global.channels = g.channels;
  global.input_size[2] = g.input_plane();
  g = global;
}

// Everything about one fuzz case besides the request: how to lay out and fill its arrays, and how
// to split its work items.
struct FuzzCase {
  PoolRequest request;  // without arrays
  bool max_indices = false;
  bool raw_values = false;
  bool invalid_unpool_indices = false;
  size_t input_lead = 0;  // in elements, see HeapArray
  size_t output_lead = 0;
  size_t indices_lead = 0;
  uint16_t cuts[2] = {0, 0};  // where the work items are split, modulo their count + 1
};

// The float data types, which LP pooling is for.
const std::vector<DataType>& float_types() {
  static const std::vector<DataType> types = [] {
    std::vector<DataType> floats;
#define POOLND_FLOAT_TYPE(name, js_name, element, accumulator) \
  if (std::is_floating_point_v<element>) floats.push_back(DataType::name);
    POOLND_FOR_EACH_DATA_TYPE(POOLND_FLOAT_TYPE)
#undef POOLND_FLOAT_TYPE
    return floats;
  }();
  return types;
}

// False when the bytes give a request lib/ would refuse (or one past the size budget).
bool decode_case(FuzzedDataProvider& provider, FuzzCase& fuzz_case) {
  PoolRequest& request = fuzz_case.request;
  WindowGeometry& g = request.geometry;
  request.operation =
      static_cast<PoolOperation>(provider.ConsumeIntegralInRange<int>(0, static_cast<int>(PoolOperation::count) - 1));
  const int type = provider.ConsumeIntegralInRange<int>(0, static_cast<int>(DataType::count) - 1);
  request.data_type = request.operation == PoolOperation::lp_pool ? float_types()[type % float_types().size()]
                                                                  : static_cast<DataType>(type);
  request.layout = provider.ConsumeBool() ? Layout::channels_last : Layout::channels_first;
  // lib/native.ts encodes an absent countIncludePad (every call but a strided average's) as 0.
  request.count_include_pad = false;
  const int rank = provider.ConsumeIntegralInRange<int>(1, 3);
  const int first_dim = kSpatialDims - rank;
  // Batch and channels >= 1: lib/ never calls the binding for an empty output.
  g.batch = provider.ConsumeIntegralInRange<int64_t>(1, 3);
  g.channels = provider.ConsumeIntegralInRange<int64_t>(1, 70);
  for (int dim = first_dim; dim < kSpatialDims; ++dim) {
    g.input_size[dim] = provider.ConsumeIntegralInRange<int64_t>(1, dim == kSpatialDims - 1 ? 80 : 12);
  }
  shrink_to_budget(g);

  switch (request.operation) {
    case PoolOperation::max_pool:
    case PoolOperation::avg_pool:
      if (provider.ConsumeIntegralInRange<int>(0, 2) == 0) {
        g.window_kind = WindowKind::adaptive;
        decode_adaptive_windows(provider, g, first_dim);
        // lib/ops/adaptive.ts: an adaptive average to one output per plane is global average pooling.
        if (request.operation == PoolOperation::avg_pool && g.output_plane() == 1) {
          request.operation = PoolOperation::global_avg_pool;
          flatten_for_global(g);
        }
        break;
      }
      if (!decode_strided_windows(provider, request, first_dim)) return false;
      if (request.operation == PoolOperation::avg_pool) {
        request.count_include_pad = provider.ConsumeBool();
        request.divisor_override = divisor_override(provider);
      }
      break;
    case PoolOperation::lp_pool:
      request.norm_type = lp_norm_type(provider);
      if (!decode_strided_windows(provider, request, first_dim)) return false;
      break;
    case PoolOperation::global_max_pool:
    case PoolOperation::global_avg_pool: flatten_for_global(g); break;
    case PoolOperation::max_unpool:
      if (!decode_unpool_window(provider, g, first_dim)) return false;
      fuzz_case.invalid_unpool_indices = provider.ConsumeIntegralInRange<int>(0, 3) == 0;
      break;
    case PoolOperation::count: return false;
  }
  if (g.output_elements() > kMaxElements) return false;
  fuzz_case.max_indices = request.operation == PoolOperation::max_pool && provider.ConsumeBool();
  fuzz_case.raw_values = provider.ConsumeIntegralInRange<int>(0, 3) == 0;
  fuzz_case.input_lead = provider.ConsumeIntegralInRange<size_t>(0, 15);
  fuzz_case.output_lead = provider.ConsumeIntegralInRange<size_t>(0, 15);
  fuzz_case.indices_lead = provider.ConsumeIntegralInRange<size_t>(0, 15);
  fuzz_case.cuts[0] = provider.ConsumeIntegral<uint16_t>();
  fuzz_case.cuts[1] = provider.ConsumeIntegral<uint16_t>();
  return true;
}

// What a variant wrote: its output and max indices (NaNs of averages canonicalised), and what
// run_pool returned (-1 for a direct kernel call).
struct Result {
  std::vector<uint8_t> output;
  std::vector<uint8_t> indices;
  int64_t status = -1;
};

// The arrays one variant writes, filled beforehand with `fill` so that an output a variant skips
// shows.
class OutputArrays {
 public:
  OutputArrays(const FuzzCase& fuzz_case, uint8_t fill)
      : output_(static_cast<size_t>(fuzz_case.request.geometry.output_elements()) *
                    element_size(fuzz_case.request.data_type),
                fuzz_case.output_lead * element_size(fuzz_case.request.data_type)),
        indices_(fuzz_case.max_indices ? static_cast<size_t>(fuzz_case.request.geometry.output_elements()) * 4 : 0,
                 fuzz_case.indices_lead * 4) {
    output_.fill(fill);
    indices_.fill(fill);
  }

  // The request writing here.
  PoolRequest attach(PoolRequest request) {
    request.output = output_.data();
    request.indices = indices_.size() > 0 ? reinterpret_cast<int32_t*>(indices_.data()) : nullptr;
    return request;
  }

  Result result(const PoolRequest& request, int64_t status) {
    Result result{output_.bytes(), indices_.bytes(), status};
    canonicalise_average_nans(request, result.output);
    return result;
  }

 private:
  HeapArray output_;
  HeapArray indices_;
};

[[noreturn]] void report_difference(const std::string& variant, const PoolRequest& request, const Result& expected,
                                    const Result& actual) {
  std::fprintf(stderr, "pool_fuzzer: %s differs from the scalar kernel in %s\n", variant.c_str(),
               describe(request).c_str());
  if (expected.status != actual.status) {
    std::fprintf(stderr, "  run_pool returned %lld, expected %lld\n", (long long)actual.status,
                 (long long)expected.status);
  }
  // Name the first differing element (output or index) and show both as bytes, least significant first.
  for (const bool in_indices : {false, true}) {
    const std::vector<uint8_t>& want = in_indices ? expected.indices : expected.output;
    const std::vector<uint8_t>& got = in_indices ? actual.indices : actual.output;
    const auto mismatch = std::mismatch(want.begin(), want.end(), got.begin());
    if (mismatch.first == want.end()) continue;
    const size_t width = in_indices ? 4 : element_size(request.data_type);
    const size_t first = static_cast<size_t>(mismatch.first - want.begin()) / width * width;
    std::string bytes;
    for (const auto* side : {&want, &got}) {
      bytes += side == &want ? " expected" : ", got";
      for (size_t b = 0; b < width; ++b) bytes += " " + std::to_string((*side)[first + b]);
    }
    std::fprintf(stderr, "  %s %zu of %zu:%s\n", in_indices ? "index" : "output", first / width, want.size() / width,
                 bytes.c_str());
  }
  std::abort();
}

void expect_same(const std::string& variant, const PoolRequest& request, const Result& expected, const Result& actual) {
  if (expected.status != actual.status || expected.output != actual.output || expected.indices != actual.indices) {
    report_difference(variant, request, expected, actual);
  }
}

const std::vector<SimdLevel>& supported_levels() {
  static const std::vector<SimdLevel> levels = [] {
    std::vector<SimdLevel> supported;
    for (int level = 0; level < static_cast<int>(SimdLevel::count); ++level) {
      if (poolnd::simd_level_supported(static_cast<SimdLevel>(level)))
        supported.push_back(static_cast<SimdLevel>(level));
    }
    return supported;
  }();
  return levels;
}

// The microkernel a table entry is, with the path it takes for the request, or the scalar reference.
std::string kernel_name(poolnd::PoolKernel kernel, const PoolRequest& request) {
  const poolnd::MicrokernelList all = poolnd::microkernels();
  for (const poolnd::Microkernel* const* entry = all.begin; entry != all.end; ++entry) {
    if ((*entry)->run == kernel)
      return std::string((*entry)->name) + ", path " + poolnd::kernel_path_name((*entry)->path(request));
  }
  return "the scalar reference";
}

int64_t first_invalid_unpool_index(const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  for (int64_t i = 0; i < g.input_elements(); ++i) {
    if (request.unpool_indices[i] < 0 || request.unpool_indices[i] >= g.output_plane()) return i;
  }
  return -1;
}

void run_case(const FuzzCase& fuzz_case, ByteCycle& bytes) {
  PoolRequest request = fuzz_case.request;
  const WindowGeometry& g = request.geometry;
  const size_t size = element_size(request.data_type);
  HeapArray input(static_cast<size_t>(g.input_elements()) * size, fuzz_case.input_lead * size);
  fill_input(request.data_type, bytes, fuzz_case.raw_values, input.data(), g.input_elements());
  request.input = input.data();
  const bool unpool = request.operation == PoolOperation::max_unpool;
  HeapArray unpool_indices(unpool ? static_cast<size_t>(g.input_elements()) * 4 : 0, fuzz_case.indices_lead * 4);
  if (unpool) {
    auto* indices = reinterpret_cast<int32_t*>(unpool_indices.data());
    fill_unpool_indices(bytes, fuzz_case.invalid_unpool_indices, g.output_plane(), indices, g.input_elements());
    request.unpool_indices = indices;
  }
  const std::vector<uint8_t> input_before = input.bytes();
  const std::vector<uint8_t> unpool_indices_before = unpool_indices.bytes();
  const int64_t items = poolnd::pool_work_items(request);

  OutputArrays reference_arrays(fuzz_case, 0xAB);
  const PoolRequest reference = reference_arrays.attach(request);
  if (std::getenv("POOLND_FUZZ_PRINT_REQUESTS")) std::fprintf(stderr, "pool_fuzzer: %s\n", describe(reference).c_str());
  poolnd::select_pool_kernel(reference, SimdLevel::scalar)(reference, 0, items);
  const Result expected = reference_arrays.result(reference, -1);

  // Each level's kernel as run_pool would pick it (for the request's strided form), over the work
  // items in up to three pieces, last piece first: any split must give the same bytes.
  int64_t cuts[2] = {fuzz_case.cuts[0] % (items + 1), fuzz_case.cuts[1] % (items + 1)};
  if (cuts[0] > cuts[1]) std::swap(cuts[0], cuts[1]);
  const int64_t pieces[][2] = {{cuts[1], items}, {cuts[0], cuts[1]}, {0, cuts[0]}};
  for (const SimdLevel level : supported_levels()) {
    OutputArrays arrays(fuzz_case, 0xCD);
    const PoolRequest computed = poolnd::strided_form(arrays.attach(request));
    const poolnd::PoolKernel kernel = poolnd::select_pool_kernel(computed, level);
    if (kernel == nullptr) {
      std::fprintf(stderr, "pool_fuzzer: no %s kernel for %s\n", poolnd::simd_level_name(level),
                   describe(computed).c_str());
      std::abort();
    }
    for (const auto& piece : pieces) {
      if (piece[0] < piece[1]) kernel(computed, piece[0], piece[1]);
    }
    const std::string variant = std::string(poolnd::simd_level_name(level)) + " kernel (" +
                                kernel_name(kernel, computed) + ") over items [0, " + std::to_string(cuts[0]) + ", " +
                                std::to_string(cuts[1]) + ", " + std::to_string(items) + ")";
    expect_same(variant, reference, expected, arrays.result(reference, -1));
  }

  // run_pool: for max-unpooling with an index outside the plane, the first such position and not
  // a byte written.
  const int64_t invalid = unpool ? first_invalid_unpool_index(request) : -1;
  OutputArrays untouched(fuzz_case, 0xEF);
  const Result expected_from_run_pool = invalid >= 0 ? untouched.result(request, invalid) : expected;
  for (const SimdLevel level : supported_levels()) {
    poolnd::limit_simd_level(level);
    for (int threads = 1; threads <= kMaxThreads; ++threads) {
      poolnd::set_kernel_thread_count(threads);
      OutputArrays arrays(fuzz_case, 0xEF);
      const PoolRequest attached = arrays.attach(request);
      const int64_t status = poolnd::run_pool(attached);
      const std::string variant = std::string("run_pool at ") + poolnd::simd_level_name(level) + " on " +
                                  std::to_string(threads) + " thread(s)";
      expect_same(variant, attached, expected_from_run_pool, arrays.result(attached, status));
    }
  }
  poolnd::limit_simd_level(poolnd::detected_simd_level());

  if (input.bytes() != input_before || unpool_indices.bytes() != unpool_indices_before) {
    std::fprintf(stderr, "pool_fuzzer: a variant wrote to its input in %s\n", describe(reference).c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider provider(data, size);
  FuzzCase fuzz_case;
  if (!decode_case(provider, fuzz_case)) return 0;
  // The request's fields come from the end of the input; its values from what is left.
  ByteCycle bytes(provider.ConsumeRemainingBytes<uint8_t>());
  run_case(fuzz_case, bytes);
  return 0;
}
