// Large results' ArrayBuffers on the recycled result memory (native/runtime/result_memory.h).
#pragma once

#include <napi.h>

namespace poolnd {

// Adds resultBuffer, trimResultMemory, resultMemoryState and smallestResultBytes to the exports,
// with this environment's record of the buffers it has handed out.
void export_result_buffers(Napi::Env env, Napi::Object exports);

}  // namespace poolnd
