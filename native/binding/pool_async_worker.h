// Runs a pooling request off the JavaScript thread and settles a promise with run_pool's result.
// The kernels work on the caller's arrays in place; the worker holds references to them so that
// the garbage collector keeps their memory until the work ends (a detach is the caller's to avoid,
// and lib/ checks for one when the promise settles).
#pragma once

#include <napi.h>

#include "../kernels/pool_request.h"

namespace poolnd {

class PoolAsyncWorker : public Napi::AsyncWorker {
 public:
  // info holds the arrays named by request (see decode_pool_request).
  PoolAsyncWorker(const Napi::CallbackInfo& info, const PoolRequest& request);

  Napi::Promise promise() { return deferred_.Promise(); }

 protected:
  void Execute() override;
  void OnOK() override;
  void OnError(const Napi::Error& error) override;

 private:
  PoolRequest request_;
  int64_t result_ = -1;
  Napi::Promise::Deferred deferred_;
  Napi::ObjectReference input_;
  Napi::ObjectReference output_;
  Napi::ObjectReference indices_;
  Napi::ObjectReference window_starts_;
  Napi::ObjectReference normalisation_;
};

}  // namespace poolnd
