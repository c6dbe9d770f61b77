// A large result's ArrayBuffer is an external one on a block of result memory. The block comes
// back to the cache as soon as the buffer is found collected: a weak reference to each buffer is
// checked before every new one is made, so even a synchronous loop, whose finalizers Node defers
// to a later turn of the event loop, reuses its blocks after each garbage collection. The
// finalizer gives back a block no check has found. Undefined where the engine allows no external
// buffers (a V8 sandbox, as in Electron), no block could be mapped, or too many are out (see
// kLiveBytesLimit): lib/ then allocates its own.
#include "result_buffers.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstdint>
#include <vector>

#include "../runtime/result_memory.h"

namespace poolnd {
namespace {

struct EnvironmentResults;

struct ResultRecord {
  ResultBlock block;
  napi_ref weak = nullptr;
  EnvironmentResults* owner = nullptr;
  bool given_back = false;  // found collected: the finalizer has nothing left to do but delete this
};

// Buffers handed out in one environment (the main thread or a worker), touched only on its thread.
struct EnvironmentResults {
  std::vector<ResultRecord*> live;
  bool closed = false;  // the environment is being torn down: the last record deletes this
};

std::atomic<int64_t> live_result_buffers{0};
std::atomic<uint64_t> live_result_bytes{0};

// New blocks stop being mapped while this much is out in buffers not yet found collected. Node
// runs the garbage collector's incremental work between turns of the event loop, so a synchronous
// loop of large results collects none of them: there each new block would cost its page faults,
// and the engine's own allocator, which reuses its heap, does better.
constexpr uint64_t kLiveBytesLimit = uint64_t{256} << 20;

void give_back(napi_env env, ResultRecord* record) {
  int64_t external_bytes = 0;
  napi_adjust_external_memory(env, -static_cast<int64_t>(record->block.capacity), &external_bytes);
  napi_delete_reference(env, record->weak);
  release_result_block(record->block);
  record->given_back = true;
  --live_result_buffers;
  live_result_bytes -= record->block.capacity;
}

// Gives back the blocks of every buffer the garbage collector has collected.
void give_back_collected(napi_env env, EnvironmentResults& results) {
  auto collected = [env](ResultRecord* record) {
    napi_value value = nullptr;
    if (napi_get_reference_value(env, record->weak, &value) != napi_ok || value != nullptr) return false;
    give_back(env, record);
    return true;
  };
  results.live.erase(std::remove_if(results.live.begin(), results.live.end(), collected), results.live.end());
}

void finalize_result_buffer(napi_env env, void* /*data*/, void* hint) {
  auto* record = static_cast<ResultRecord*>(hint);
  if (!record->given_back) {
    EnvironmentResults* owner = record->owner;
    owner->live.erase(std::remove(owner->live.begin(), owner->live.end(), record), owner->live.end());
    give_back(env, record);
    if (owner->closed && owner->live.empty()) delete owner;
  }
  delete record;
}

Napi::Value ResultBuffer(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  auto* results = static_cast<EnvironmentResults*>(info.Data());
  give_back_collected(env, *results);
  // lib/ asks for whole byte counts from kSmallestResultBlock up to the largest typed array.
  const double requested = info[0].As<Napi::Number>().DoubleValue();
  assert(requested >= static_cast<double>(kSmallestResultBlock) && requested <= 9007199254740991.0);
  const auto bytes = static_cast<size_t>(requested);
  const ResultBlock block = acquire_result_block(bytes, live_result_bytes.load() < kLiveBytesLimit);
  if (block.data == nullptr) return env.Undefined();
  auto* record = new ResultRecord{block, nullptr, results, false};
  napi_value buffer = nullptr;
  if (napi_create_external_arraybuffer(env, block.data, bytes, finalize_result_buffer, record, &buffer) != napi_ok) {
    release_result_block(block);
    delete record;
    return env.Undefined();
  }
  if (napi_create_reference(env, buffer, 0, &record->weak) != napi_ok) {
    NAPI_THROW(Napi::Error::New(env, "poolnd: internal error: no weak reference to a result"), Napi::Value());
  }
  results->live.push_back(record);
  ++live_result_buffers;
  live_result_bytes += block.capacity;
  int64_t external_bytes = 0;
  napi_adjust_external_memory(env, static_cast<int64_t>(block.capacity), &external_bytes);
  return Napi::Value(env, buffer);
}

Napi::Value TrimResultMemory(const Napi::CallbackInfo& info) {
  give_back_collected(info.Env(), *static_cast<EnvironmentResults*>(info.Data()));
  trim_result_blocks();
  return info.Env().Undefined();
}

// [bytes cached, result buffers (of every environment) not yet given back]
Napi::Value ResultMemoryState(const Napi::CallbackInfo& info) {
  give_back_collected(info.Env(), *static_cast<EnvironmentResults*>(info.Data()));
  Napi::Array state = Napi::Array::New(info.Env(), 2);
  state.Set(uint32_t{0}, static_cast<double>(cached_result_bytes()));
  state.Set(uint32_t{1}, static_cast<double>(live_result_buffers.load()));
  return state;
}

}  // namespace

void export_result_buffers(Napi::Env env, Napi::Object exports) {
  // Node finalizes an environment's external buffers in cleanup hooks added after this one, which
  // run first; should one come later all the same, the last record deletes the environment's.
  auto* results = new EnvironmentResults();
  env.AddCleanupHook([results]() {
    results->closed = true;
    if (results->live.empty()) delete results;
  });
  exports.Set("resultBuffer", Napi::Function::New(env, ResultBuffer, "resultBuffer", results));
  exports.Set("trimResultMemory", Napi::Function::New(env, TrimResultMemory, "trimResultMemory", results));
  exports.Set("resultMemoryState", Napi::Function::New(env, ResultMemoryState, "resultMemoryState", results));
  exports.Set("smallestResultBytes", static_cast<double>(kSmallestResultBlock));
}

}  // namespace poolnd
