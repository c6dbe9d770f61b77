// The module's JavaScript surface. Every function here receives arguments lib/ has already
// validated and normalised; see lib/native.ts for the calling side.
#include <napi.h>

#include <mutex>
#include <string>

#include "../kernels/dispatch.h"
#include "../runtime/runtime.h"
#include "../runtime/thread_pool.h"
#include "pool_async_worker.h"
#include "request_decoder.h"
#include "request_layout.h"
#include "result_buffers.h"

namespace poolnd {
namespace {

// Returns run_pool's result: -1, or the position of max-unpooling's first invalid index.
Napi::Value Pool(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(run_pool(decode_pool_request(info))));
}

Napi::Value PoolAsync(const Napi::CallbackInfo& info) {
  const PoolRequest request = decode_pool_request(info);
  auto* worker = new PoolAsyncWorker(info, request);  // deletes itself when it settles
  Napi::Promise promise = worker->promise();
  worker->Queue();
  return promise;
}

Napi::Value SimdLevelName(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), simd_level_name(active_simd_level()));
}

// Uses a named SIMD level from now on (POOLND_SIMD); false when this CPU or build lacks it.
Napi::Value LimitSimdLevel(const Napi::CallbackInfo& info) {
  const std::string name = info.Length() == 1 && info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
  for (int level = 0; level < static_cast<int>(SimdLevel::count); ++level) {
    if (name == simd_level_name(static_cast<SimdLevel>(level))) {
      return Napi::Boolean::New(info.Env(), limit_simd_level(static_cast<SimdLevel>(level)));
    }
  }
  return Napi::Boolean::New(info.Env(), false);
}

Napi::Value KernelThreadCount(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), kernel_thread_count());
}

// lib/ has checked the count; this only keeps the pool's invariant.
int thread_count_argument(const Napi::CallbackInfo& info) {
  const bool valid = info.Length() == 1 && info[0].IsNumber() && info[0].As<Napi::Number>().DoubleValue() >= 1 &&
                     info[0].As<Napi::Number>().DoubleValue() <= ThreadPool::kMaxThreads;
  if (!valid) {
    Napi::Error error = Napi::Error::New(info.Env(), "poolnd: internal error: thread count out of range");
    error.Set("code", Napi::String::New(info.Env(), "ERR_POOLND_INTERNAL"));
    throw error;
  }
  return info[0].As<Napi::Number>().Int32Value();
}

Napi::Value SetKernelThreadCount(const Napi::CallbackInfo& info) {
  set_kernel_thread_count(thread_count_argument(info));
  return info.Env().Undefined();
}

Napi::Value SetDefaultKernelThreadCount(const Napi::CallbackInfo& info) {
  set_default_kernel_thread_count(thread_count_argument(info));
  return info.Env().Undefined();
}

// The pool is shared by every environment (the main thread and each worker thread) that loads
// the addon; its workers are joined when the last of them exits.
std::mutex environments_mutex;
int environments = 0;

void ReleaseEnvironment() {
  std::lock_guard<std::mutex> lock(environments_mutex);
  if (--environments == 0) kernel_thread_pool().stop();
}

Napi::Object RequestLayout(Napi::Env env) {
  Napi::Object layout = Napi::Object::New(env);
#define POOLND_REQUEST_FIELD(name, js_name, slots) layout.Set(#js_name, static_cast<int32_t>(request_field::name));
  POOLND_FOR_EACH_REQUEST_FIELD(POOLND_REQUEST_FIELD)
#undef POOLND_REQUEST_FIELD
  layout.Set("fieldCount", static_cast<int32_t>(request_field::count));
  layout.Set("spatialDims", static_cast<int32_t>(kSpatialDims));
  return layout;
}

template <typename Enum>
void set_code(Napi::Object object, const char* name, Enum value) {
  object.Set(name, static_cast<int32_t>(value));
}

Napi::Object Codes(Napi::Env env) {
  Napi::Object codes = Napi::Object::New(env);
  Napi::Object operations = Napi::Object::New(env);
  Napi::Object window_kinds = Napi::Object::New(env);
  Napi::Object layouts = Napi::Object::New(env);
  Napi::Object data_types = Napi::Object::New(env);
#define POOLND_OPERATION_CODE(name, js_name) set_code(operations, #js_name, PoolOperation::name);
#define POOLND_WINDOW_KIND_CODE(name, js_name) set_code(window_kinds, #js_name, WindowKind::name);
#define POOLND_LAYOUT_CODE(name, js_name) set_code(layouts, #js_name, Layout::name);
#define POOLND_DATA_TYPE_CODE(name, js_name, element, accumulator) set_code(data_types, #js_name, DataType::name);
  POOLND_FOR_EACH_POOL_OPERATION(POOLND_OPERATION_CODE)
  POOLND_FOR_EACH_WINDOW_KIND(POOLND_WINDOW_KIND_CODE)
  POOLND_FOR_EACH_LAYOUT(POOLND_LAYOUT_CODE)
  POOLND_FOR_EACH_DATA_TYPE(POOLND_DATA_TYPE_CODE)
#undef POOLND_OPERATION_CODE
#undef POOLND_WINDOW_KIND_CODE
#undef POOLND_LAYOUT_CODE
#undef POOLND_DATA_TYPE_CODE
  codes.Set("operations", operations);
  codes.Set("layouts", layouts);
  codes.Set("windowKinds", window_kinds);
  codes.Set("dataTypes", data_types);
  return codes;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  {
    std::lock_guard<std::mutex> lock(environments_mutex);
    ++environments;
  }
  env.AddCleanupHook(ReleaseEnvironment);
  exports.Set("pool", Napi::Function::New(env, Pool, "pool"));
  exports.Set("poolAsync", Napi::Function::New(env, PoolAsync, "poolAsync"));
  export_result_buffers(env, exports);
  exports.Set("simdLevel", Napi::Function::New(env, SimdLevelName, "simdLevel"));
  exports.Set("limitSimdLevel", Napi::Function::New(env, LimitSimdLevel, "limitSimdLevel"));
  exports.Set("threadCount", Napi::Function::New(env, KernelThreadCount, "threadCount"));
  exports.Set("setThreadCount", Napi::Function::New(env, SetKernelThreadCount, "setThreadCount"));
  exports.Set("setDefaultThreadCount", Napi::Function::New(env, SetDefaultKernelThreadCount, "setDefaultThreadCount"));
  exports.Set("maxThreadCount", ThreadPool::kMaxThreads);
  Napi::Array simd_levels = Napi::Array::New(env);
  for (int level = 0; level < static_cast<int>(SimdLevel::count); ++level) {
    simd_levels.Set(level, Napi::String::New(env, simd_level_name(static_cast<SimdLevel>(level))));
  }
  exports.Set("simdLevels", simd_levels);
  exports.Set("requestLayout", RequestLayout(env));
  exports.Set("codes", Codes(env));
  return exports;
}

}  // namespace
}  // namespace poolnd

static Napi::Object InitPoolnd(Napi::Env env, Napi::Object exports) { return poolnd::Init(env, exports); }

NODE_API_MODULE(poolnd, InitPoolnd)
