// A large result's ArrayBuffer is an external one on a block of result memory, given back to the
// cache by its finalizer: V8 calls that only once the memory itself has no owner. (A collected
// ArrayBuffer object is not enough: ArrayBuffer.prototype.transfer moves the memory to a new
// buffer and leaves the old object to the collector.) Node runs those finalizers on a later turn
// of the event loop, so a loop of calls that never yields reuses no block: it maps new ones up to
// kLiveBytesLimit, and lib/ then allocates its own. Undefined, too, where the engine allows no
// external buffers (a V8 sandbox, as in Electron) or no block could be mapped.
#include "result_buffers.h"

#include <atomic>
#include <cassert>
#include <cstdint>

#include "../runtime/result_memory.h"

namespace poolnd {
namespace {

// Bytes in buffers not yet finalized, across every environment.
std::atomic<uint64_t> live_result_bytes{0};
std::atomic<int64_t> live_result_buffers{0};

// No new block is mapped while this much is out. A burst of calls that does not yield maps up to
// it: a new block's first touch costs several times the call itself (in a VM that hands freed
// pages back to its host, 9-15 ms for 8 MiB against a 0.7 ms call), and the engine's allocator,
// which lib/ falls back to, pays the same faults for its own new buffers. Blocks mapped in a burst
// serve the next one from the cache.
constexpr uint64_t kLiveBytesLimit = uint64_t{256} << 20;

struct ResultRecord {
  ResultBlock block;
  bool published = false;  // the buffer exists: its finalizer owns this record
  bool finalized = false;  // the finalizer ran (Node calls it at once when it cannot make the buffer)
};

void finalize_result_buffer(napi_env env, void* /*data*/, void* hint) {
  auto* record = static_cast<ResultRecord*>(hint);
  release_result_block(record->block);
  record->finalized = true;
  if (!record->published) return;  // ResultBuffer's failure path deletes it
  --live_result_buffers;
  live_result_bytes -= record->block.capacity;
  int64_t external_bytes = 0;
  napi_adjust_external_memory(env, -static_cast<int64_t>(record->block.capacity), &external_bytes);
  delete record;
}

Napi::Value ResultBuffer(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  // lib/ asks for whole byte counts from kSmallestResultBlock up to the largest typed array.
  const double requested = info[0].As<Napi::Number>().DoubleValue();
  assert(requested >= static_cast<double>(kSmallestResultBlock) && requested <= 9007199254740991.0);
  const auto bytes = static_cast<size_t>(requested);
  const bool may_map = live_result_bytes.load() < kLiveBytesLimit;
  const ResultBlock block = acquire_result_block(bytes, may_map);
  if (block.data == nullptr) return env.Undefined();
  auto* record = new ResultRecord{block};
  napi_value buffer = nullptr;
  if (napi_create_external_arraybuffer(env, block.data, bytes, finalize_result_buffer, record, &buffer) != napi_ok) {
    if (!record->finalized) release_result_block(block);
    delete record;
    return env.Undefined();
  }
  record->published = true;
  ++live_result_buffers;
  live_result_bytes += block.capacity;
  int64_t external_bytes = 0;
  napi_adjust_external_memory(env, static_cast<int64_t>(block.capacity), &external_bytes);
  return Napi::Value(env, buffer);
}

Napi::Value TrimResultMemory(const Napi::CallbackInfo& info) {
  trim_result_blocks();
  return info.Env().Undefined();
}

// [bytes cached, result buffers (of every environment) not yet finalized]
Napi::Value ResultMemoryState(const Napi::CallbackInfo& info) {
  Napi::Array state = Napi::Array::New(info.Env(), 2);
  state.Set(uint32_t{0}, static_cast<double>(cached_result_bytes()));
  state.Set(uint32_t{1}, static_cast<double>(live_result_buffers.load()));
  return state;
}

}  // namespace

void export_result_buffers(Napi::Env env, Napi::Object exports) {
  // An environment's idle timer (lib/native.ts) ends with it, and Node finalizes its external
  // buffers in cleanup hooks added after this one, which run first: what they give back would
  // otherwise stay cached until another environment trims.
  env.AddCleanupHook([]() { trim_result_blocks(); });
  exports.Set("resultBuffer", Napi::Function::New(env, ResultBuffer, "resultBuffer"));
  exports.Set("trimResultMemory", Napi::Function::New(env, TrimResultMemory, "trimResultMemory"));
  exports.Set("resultMemoryState", Napi::Function::New(env, ResultMemoryState, "resultMemoryState"));
  exports.Set("smallestResultBytes", static_cast<double>(kSmallestResultBlock));
}

}  // namespace poolnd
