#include "request_decoder.h"

#include <cmath>
#include <limits>
#include <string>

#include "request_layout.h"

namespace poolnd {
namespace {

[[noreturn]] void fail_invariant(Napi::Env env, const std::string& what) {
  Napi::Error error = Napi::Error::New(env, "poolnd: internal error: " + what);
  error.Set("code", Napi::String::New(env, "ERR_POOLND_INTERNAL"));
  throw error;
}

inline void check(Napi::Env env, bool holds, const char* what) {
  if (!holds) fail_invariant(env, what);
}

int64_t integer_field(Napi::Env env, const double* fields, int index, int64_t minimum) {
  const double value = fields[index];
  // The range test first makes the conversion defined, and it also rejects NaN; the round trip
  // then rejects fractions without std::floor, which baseline x86-64 makes a library call.
  const bool in_range = value >= static_cast<double>(minimum) && value <= 9007199254740991.0;
  const auto integer = in_range ? static_cast<int64_t>(value) : int64_t{-1};
  check(env, in_range && static_cast<double>(integer) == value, "request field out of range");
  return integer;
}

bool type_matches(napi_typedarray_type array_type, DataType data_type) {
  switch (data_type) {
    // Each type's array is napi_<JavaScript name>_array; Uint8ClampedArray shares uint8's kernels.
#define POOLND_ARRAY_TYPE(name, js_name, element, accumulator) \
  case DataType::name:                                         \
    return array_type == napi_##js_name##_array ||             \
           (DataType::name == DataType::u8 && array_type == napi_uint8_clamped_array);
    POOLND_FOR_EACH_DATA_TYPE(POOLND_ARRAY_TYPE)
#undef POOLND_ARRAY_TYPE
    case DataType::count: break;
  }
  return false;
}

// Product of non-negative factors, or -1 on overflow.
int64_t checked_product(std::initializer_list<int64_t> factors) {
  int64_t product = 1;
  for (int64_t factor : factors) {
    if (factor != 0 && product > std::numeric_limits<int64_t>::max() / factor) return -1;
    product *= factor;
  }
  return product;
}

// One napi_get_typedarray_info call gives everything a kernel needs of an array (the
// node-addon-api accessors make one call each, which a small request pays for).
struct TypedArrayView {
  napi_typedarray_type type;
  int64_t length;
  void* data;  // already past the array's byte offset
};

TypedArrayView typed_array_view(Napi::Env env, napi_value value, const char* what) {
  // napi_get_typedarray_info fails for anything but a typed array, so it is also the type check.
  TypedArrayView view{};
  size_t length = 0;
  check(env, napi_get_typedarray_info(env, value, &view.type, &length, &view.data, nullptr, nullptr) == napi_ok, what);
  view.length = static_cast<int64_t>(length);
  return view;
}

TypedArrayView typed_array_argument(const Napi::CallbackInfo& info, size_t index, DataType data_type) {
  const TypedArrayView view = typed_array_view(info.Env(), info[index], "argument is not a typed array");
  check(info.Env(), type_matches(view.type, data_type), "array type does not match the request");
  return view;
}

bool is_float(DataType data_type) { return data_type == DataType::f32 || data_type == DataType::f64; }

// What each operation's kernels rely on beyond the sizes themselves.
void check_operation_invariants(Napi::Env env, const PoolRequest& request) {
  const WindowGeometry& g = request.geometry;
  bool unpadded = true;
  bool undilated = true;
  bool single_output = true;
  for (int dim = 0; dim < kSpatialDims; ++dim) {
    unpadded = unpadded && g.pad_begin[dim] == 0 && g.pad_end[dim] == 0;
    undilated = undilated && g.dilation[dim] == 1;
    single_output = single_output && g.output_size[dim] == 1;
  }
  const bool windowed = request.operation == PoolOperation::max_pool || request.operation == PoolOperation::avg_pool ||
                        request.operation == PoolOperation::lp_pool;
  check(env, g.window_kind == WindowKind::strided || windowed, "adaptive windows for an operation without windows");
  if (g.window_kind == WindowKind::fractional) {
    check(env, request.operation == PoolOperation::max_pool,
          "fractional windows for an operation other than max pooling");
    check(env, unpadded && undilated, "fractional windows with padding or dilation");
  }
  if (g.window_kind == WindowKind::adaptive) {
    check(env, request.operation != PoolOperation::lp_pool, "adaptive LP pooling");
    check(env, unpadded && undilated, "adaptive windows with padding or dilation");
    check(env, !request.count_include_pad && request.divisor_override == 0, "adaptive average with a divisor rule");
  }
  if (request.operation == PoolOperation::lp_pool) {
    check(env, is_float(request.data_type), "LP pooling of an integer type");
    check(env, std::isfinite(request.norm_type) && request.norm_type > 0, "LP norm type out of range");
    check(env, unpadded && undilated, "LP pooling with padding or dilation");
  }
  if (request.operation == PoolOperation::global_max_pool || request.operation == PoolOperation::global_avg_pool) {
    check(env, single_output, "global pooling with more than one output per plane");
  }
}

// Model input's fields: the output type and layout (the input's when none is asked for) and the
// normalisation, argument 5: a Float64Array of channels means then channels deviations, or null.
void decode_conversion(const Napi::CallbackInfo& info, const double* fields, PoolRequest& request) {
  Napi::Env env = info.Env();
  OutputConversion& conversion = request.conversion;
  const int64_t output_type = integer_field(env, fields, request_field::output_type, 0);
  const int64_t output_layout = integer_field(env, fields, request_field::output_layout, 0);
  check(env, output_type < static_cast<int64_t>(DataType::count), "unknown output type");
  check(env, output_layout < static_cast<int64_t>(Layout::count), "unknown output layout");
  conversion.output_type = static_cast<DataType>(output_type);
  conversion.output_layout = static_cast<Layout>(output_layout);
  conversion.scale = fields[request_field::scale];
  const bool normalised = info.Length() > 5 && !info[5].IsNull() && !info[5].IsUndefined();
  if (normalised) {
    const TypedArrayView normalisation = typed_array_view(env, info[5], "normalisation is not a Float64Array");
    check(env, normalisation.type == napi_float64_array, "normalisation is not a Float64Array");
    check(env, normalisation.length == 2 * request.geometry.channels, "normalisation length does not match");
    conversion.mean = static_cast<const double*>(normalisation.data);
    conversion.deviation = conversion.mean + request.geometry.channels;
  }
  conversion.active =
      normalised || conversion.output_type != request.data_type || conversion.output_layout != request.layout;
  if (!conversion.active) return;
  check(env, is_float(conversion.output_type) || conversion.output_type == request.data_type,
        "an integer output type other than the input's");
  check(env, normalised || conversion.scale == 1, "a scale without normalisation");
  check(env, std::isfinite(conversion.scale), "scale is not finite");
  const bool converts = request.operation == PoolOperation::max_pool || request.operation == PoolOperation::avg_pool ||
                        (request.operation == PoolOperation::global_avg_pool && is_float(request.data_type));
  check(env, converts && request.geometry.window_kind != WindowKind::fractional,
        "model input options for an operation without them");
}

}  // namespace

PoolRequest decode_pool_request(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  check(env, info.Length() >= 4, "too few arguments");
  // An ArrayBuffer rather than its Float64Array: one type test instead of napi's walk over
  // every typed array kind.
  void* fields_data = nullptr;
  size_t fields_bytes = 0;
  check(env, napi_get_arraybuffer_info(env, info[0], &fields_data, &fields_bytes) == napi_ok,
        "request is not an ArrayBuffer");
  check(env, fields_bytes >= request_field::count * sizeof(double), "request is too short");
  const auto* fields = static_cast<const double*>(fields_data);

  PoolRequest request;
  const int64_t operation = integer_field(env, fields, request_field::operation, 0);
  const int64_t data_type = integer_field(env, fields, request_field::data_type, 0);
  const int64_t layout = integer_field(env, fields, request_field::layout, 0);
  const int64_t window_kind = integer_field(env, fields, request_field::window_kind, 0);
  check(env, operation < static_cast<int64_t>(PoolOperation::count), "unknown operation");
  check(env, data_type < static_cast<int64_t>(DataType::count), "unknown data type");
  check(env, layout < static_cast<int64_t>(Layout::count), "unknown layout");
  check(env, window_kind < static_cast<int64_t>(WindowKind::count), "unknown window kind");
  request.operation = static_cast<PoolOperation>(operation);
  request.data_type = static_cast<DataType>(data_type);
  request.layout = static_cast<Layout>(layout);

  WindowGeometry& g = request.geometry;
  g.window_kind = static_cast<WindowKind>(window_kind);
  g.batch = integer_field(env, fields, request_field::batch, 0);
  g.channels = integer_field(env, fields, request_field::channels, 0);
  for (int dim = 0; dim < kSpatialDims; ++dim) {
    g.input_size[dim] = integer_field(env, fields, request_field::input_size + dim, 1);
    g.output_size[dim] = integer_field(env, fields, request_field::output_size + dim, 1);
    g.kernel_size[dim] = integer_field(env, fields, request_field::kernel_size + dim, 1);
    g.stride[dim] = integer_field(env, fields, request_field::stride + dim, 1);
    g.pad_begin[dim] = integer_field(env, fields, request_field::pad_begin + dim, 0);
    g.pad_end[dim] = integer_field(env, fields, request_field::pad_end + dim, 0);
    g.dilation[dim] = integer_field(env, fields, request_field::dilation + dim, 1);
  }
  request.count_include_pad = integer_field(env, fields, request_field::count_include_pad, 0) != 0;
  request.divisor_override = integer_field(env, fields, request_field::divisor_override, 0);
  request.norm_type = fields[request_field::norm_type];
  check_operation_invariants(env, request);
  decode_conversion(info, fields, request);

  const int64_t input_elements =
      checked_product({g.batch, g.channels, g.input_size[0], g.input_size[1], g.input_size[2]});
  const int64_t output_elements =
      checked_product({g.batch, g.channels, g.output_size[0], g.output_size[1], g.output_size[2]});
  check(env, input_elements >= 0 && output_elements >= 0, "element count overflows");

  const TypedArrayView input = typed_array_argument(info, 1, request.data_type);
  const TypedArrayView output = typed_array_argument(info, 2, request.conversion.output_type);
  check(env, input.length == input_elements, "input length does not match");
  check(env, output.length == output_elements, "output length does not match");
  request.input = input.data;
  request.output = output.data;

  const bool unpool = request.operation == PoolOperation::max_unpool;
  if (!info[3].IsNull() && !info[3].IsUndefined()) {
    check(env, request.operation == PoolOperation::max_pool || unpool, "indices given to an operation without them");
    const TypedArrayView indices = typed_array_view(env, info[3], "indices is not an Int32Array");
    check(env, indices.type == napi_int32_array, "indices is not an Int32Array");
    if (unpool) {
      check(env, indices.length == input_elements, "indices length does not match");
      request.unpool_indices = static_cast<const int32_t*>(indices.data);
    } else {
      check(env, g.input_plane() <= std::numeric_limits<int32_t>::max(), "plane too large for int32 indices");
      check(env, indices.length == output_elements, "indices length does not match");
      request.indices = static_cast<int32_t*>(indices.data);
    }
  }
  check(env, !unpool || request.unpool_indices != nullptr, "max-unpooling without indices");

  const bool fractional = g.window_kind == WindowKind::fractional;
  check(env, fractional == (!info[4].IsNull() && !info[4].IsUndefined()), "window starts with the wrong window kind");
  if (fractional) {
    const TypedArrayView starts = typed_array_view(env, info[4], "window starts are not an Int32Array");
    check(env, starts.type == napi_int32_array, "window starts are not an Int32Array");
    const int64_t per_plane = g.output_size[0] + g.output_size[1] + g.output_size[2];
    check(env, starts.length == checked_product({g.batch, g.channels, per_plane}),
          "window starts length does not match");
    // Every window must lie inside its plane: the kernel reads its taps unchecked.
    const auto* start = static_cast<const int32_t*>(starts.data);
    for (int64_t plane = 0; plane < g.batch * g.channels; ++plane) {
      for (int dim = 0; dim < kSpatialDims; ++dim) {
        for (int64_t i = 0; i < g.output_size[dim]; ++i, ++start) {
          check(env, *start >= 0 && *start <= g.input_size[dim] - g.kernel_size[dim], "window start outside the input");
        }
      }
    }
    request.window_starts = static_cast<const int32_t*>(starts.data);
  }
  return request;
}

}  // namespace poolnd
