#include "pool_async_worker.h"

#include "../kernels/dispatch.h"

namespace poolnd {

PoolAsyncWorker::PoolAsyncWorker(const Napi::CallbackInfo& info, const PoolRequest& request)
    : Napi::AsyncWorker(info.Env(), "poolnd:pool"),
      request_(request),
      deferred_(Napi::Promise::Deferred::New(info.Env())),
      input_(Napi::Persistent(info[1].As<Napi::Object>())),
      output_(Napi::Persistent(info[2].As<Napi::Object>())) {
  if (info[3].IsObject()) indices_ = Napi::Persistent(info[3].As<Napi::Object>());
  if (info[4].IsObject()) window_starts_ = Napi::Persistent(info[4].As<Napi::Object>());
  if (info.Length() > 5 && info[5].IsObject()) normalisation_ = Napi::Persistent(info[5].As<Napi::Object>());
}

void PoolAsyncWorker::Execute() { result_ = run_pool(request_); }

void PoolAsyncWorker::OnOK() { deferred_.Resolve(Napi::Number::New(Env(), static_cast<double>(result_))); }

void PoolAsyncWorker::OnError(const Napi::Error& error) { deferred_.Reject(error.Value()); }

}  // namespace poolnd
