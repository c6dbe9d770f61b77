// Bench-only probe of the memory-bandwidth ceiling: the time a pooling-shaped stream takes (read N
// bytes once, write M bytes once, no arithmetic worth the name) at a given thread count, with plain or
// non-temporal stores. A JavaScript loop cannot saturate memory, so this is native. Built only by the
// bench (CMake option POOLND_BENCH_PROBE); the poolnd addon never links it.
#include <napi.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define PROBE_X86 1
#endif

namespace {

constexpr size_t kLine = 64;  // bytes per cache line; the unit of work
constexpr size_t kFloatsPerLine = kLine / sizeof(float);

// Grow-only, pre-faulted buffers reused across calls, so page faults never land in a timed rep
// (the pooling calls they are compared with also run on warm, reused memory).
struct Buffer {
  float* data = nullptr;
  size_t bytes = 0;
  void reserve(size_t wanted) {
    if (wanted <= bytes) return;
    std::free(data);
    data = static_cast<float*>(std::aligned_alloc(kLine, wanted));
    if (data == nullptr) throw std::bad_alloc();
    std::memset(data, 0, wanted);
    bytes = wanted;
  }
};
Buffer source, destination;

// One thread's share: `lines` output lines, each written after reading `ratio` input lines (as a 2×2/s2
// pool reads four lines per line it writes), then `tailLines` input lines that pair with no output.
// Expanding (writes larger than reads, as uint8 converted to float32): `lines` input lines, each read
// once and written to `ratio` output lines, then `tailLines` output lines more.
struct Share {
  const float* src;
  float* dst;
  size_t lines, ratio, tailLines;
  bool expand;
};

std::atomic<float> sink{0};  // keeps the reads alive: a result the compiler cannot prove unused

#ifdef PROBE_X86
template <bool kNonTemporal>
__attribute__((target("avx2"))) inline void storeLineAvx2(float* out, __m256 a, __m256 b) {
  if (kNonTemporal) {
    _mm256_stream_ps(out, a);
    _mm256_stream_ps(out + 8, b);
  } else {
    _mm256_store_ps(out, a);
    _mm256_store_ps(out + 8, b);
  }
}

template <bool kNonTemporal>
__attribute__((target("avx2"))) void streamAvx2(const Share& s) {
  const float* in = s.src;
  float* out = s.dst;
  __m256 a = _mm256_setzero_ps(), b = _mm256_setzero_ps();
  if (s.expand) {
    for (size_t line = 0; line < s.lines; ++line, in += kFloatsPerLine) {
      a = _mm256_load_ps(in);
      b = _mm256_load_ps(in + 8);
      for (size_t r = 0; r < s.ratio; ++r, out += kFloatsPerLine) storeLineAvx2<kNonTemporal>(out, a, b);
    }
    for (size_t line = 0; line < s.tailLines; ++line, out += kFloatsPerLine) storeLineAvx2<kNonTemporal>(out, a, b);
    if (kNonTemporal) _mm_sfence();
    return;
  }
  for (size_t line = 0; line < s.lines; ++line, out += kFloatsPerLine) {
    a = _mm256_load_ps(in);
    b = _mm256_load_ps(in + 8);
    in += kFloatsPerLine;
    for (size_t r = 1; r < s.ratio; ++r, in += kFloatsPerLine) {
      a = _mm256_max_ps(a, _mm256_load_ps(in));
      b = _mm256_max_ps(b, _mm256_load_ps(in + 8));
    }
    storeLineAvx2<kNonTemporal>(out, a, b);
  }
  for (size_t line = 0; line < s.tailLines; ++line, in += kFloatsPerLine) {
    a = _mm256_max_ps(a, _mm256_load_ps(in));
    b = _mm256_max_ps(b, _mm256_load_ps(in + 8));
  }
  if (kNonTemporal) _mm_sfence();
  float lanes[8];
  _mm256_storeu_ps(lanes, _mm256_max_ps(a, b));
  if (lanes[0] == 1.0f) sink.store(lanes[1], std::memory_order_relaxed);
}
#endif

// The portable variant: plain stores only (the compiler vectorises the inner loops).
void streamPortable(const Share& s) {
  const float* in = s.src;
  float* out = s.dst;
  float acc[kFloatsPerLine] = {};
  if (s.expand) {
    for (size_t line = 0; line < s.lines; ++line, in += kFloatsPerLine) {
      std::copy(in, in + kFloatsPerLine, acc);
      for (size_t r = 0; r < s.ratio; ++r, out += kFloatsPerLine) std::copy(acc, acc + kFloatsPerLine, out);
    }
    for (size_t line = 0; line < s.tailLines; ++line, out += kFloatsPerLine) std::copy(acc, acc + kFloatsPerLine, out);
    return;
  }
  for (size_t line = 0; line < s.lines; ++line, out += kFloatsPerLine) {
    std::copy(in, in + kFloatsPerLine, acc);
    in += kFloatsPerLine;
    for (size_t r = 1; r < s.ratio; ++r, in += kFloatsPerLine)
      for (size_t i = 0; i < kFloatsPerLine; ++i) acc[i] = std::max(acc[i], in[i]);
    std::copy(acc, acc + kFloatsPerLine, out);
  }
  for (size_t line = 0; line < s.tailLines; ++line, in += kFloatsPerLine)
    for (size_t i = 0; i < kFloatsPerLine; ++i) acc[i] = std::max(acc[i], in[i]);
  if (acc[0] == 1.0f) sink.store(acc[1], std::memory_order_relaxed);
}

bool hasAvx2() {
#ifdef PROBE_X86
  return __builtin_cpu_supports("avx2");
#else
  return false;
#endif
}

// Workers spin between reps rather than sleep, so a rep's time holds no wake-up latency.
inline void spinPause() {
#ifdef PROBE_X86
  _mm_pause();
#else
  std::this_thread::yield();
#endif
}

using Kernel = void (*)(const Share&);
Kernel pickKernel(bool nonTemporal) {
#ifdef PROBE_X86
  if (hasAvx2()) return nonTemporal ? streamAvx2<true> : streamAvx2<false>;
#endif
  (void)nonTemporal;
  return streamPortable;
}

// stream(readBytes, writeBytes, threads, nonTemporal, reps) -> median seconds of a rep. The threads are
// started once per call and released per rep through a spinning barrier, so the timed part is the
// stream itself, not thread creation (a kernel thread pool pays a wake-up the probe does not).
Napi::Value Stream(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const double readBytes = info[0].As<Napi::Number>().DoubleValue();
  const double writeBytes = info[1].As<Napi::Number>().DoubleValue();
  const int threads = info[2].As<Napi::Number>().Int32Value();
  const bool nonTemporal = info[3].As<Napi::Boolean>().Value();
  const int reps = info[4].As<Napi::Number>().Int32Value();
  if (!(readBytes >= 1 && writeBytes >= 1 && threads >= 1 && threads <= 256 && reps >= 1)) {
    Napi::RangeError::New(env, "stream_probe: need bytes >= 1, 1 <= threads <= 256, reps >= 1")
        .ThrowAsJavaScriptException();
    return env.Undefined();
  }
  const size_t srcLines = (static_cast<size_t>(readBytes) + kLine - 1) / kLine;
  const size_t dstLines = (static_cast<size_t>(writeBytes) + kLine - 1) / kLine;
  const bool expand = dstLines > srcLines;
  // Lines of the smaller side split evenly; each pairs with `ratio` lines of the larger, and the few
  // left over go to the last thread, whose stream runs on into them.
  const size_t fewer = expand ? srcLines : dstLines;
  const size_t more = expand ? dstLines : srcLines;
  const size_t ratio = more / fewer;
  const size_t tail = more - fewer * ratio;
  source.reserve(srcLines * kLine);
  destination.reserve(dstLines * kLine);

  std::vector<Share> shares(threads);
  for (int t = 0; t < threads; ++t) {
    const size_t begin = fewer * t / threads, end = fewer * (t + 1) / threads;
    const size_t srcLine = expand ? begin : begin * ratio;
    const size_t dstLine = expand ? begin * ratio : begin;
    shares[t] = {source.data + srcLine * kFloatsPerLine,
                 destination.data + dstLine * kFloatsPerLine,
                 end - begin,
                 ratio,
                 t == threads - 1 ? tail : 0,
                 expand};
  }
  const Kernel kernel = pickKernel(nonTemporal);

  std::atomic<int> generation{0};
  std::atomic<int> finished{0};
  std::atomic<int> started{0};
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) {
    workers.emplace_back([&, t] {
      started.fetch_add(1, std::memory_order_acq_rel);
      for (int rep = 1; rep <= reps; ++rep) {
        while (generation.load(std::memory_order_acquire) < rep) spinPause();
        kernel(shares[t]);
        finished.fetch_add(1, std::memory_order_acq_rel);
      }
    });
  }
  // Every worker running (not just created) before the clock starts: a newly created thread can wait
  // a whole scheduler slice for a core.
  while (started.load(std::memory_order_acquire) < threads - 1) std::this_thread::yield();
  std::vector<double> seconds(reps);
  for (int rep = 1; rep <= reps; ++rep) {
    const auto start = std::chrono::steady_clock::now();
    generation.store(rep, std::memory_order_release);
    kernel(shares[0]);
    while (finished.load(std::memory_order_acquire) < (threads - 1) * rep) spinPause();
    seconds[rep - 1] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  for (auto& worker : workers) worker.join();
  // The median rep: a rep whose worker was preempted (a shared 2-core machine) says nothing about
  // the memory; the ceiling is meant as the machine's best sustained rate.
  std::nth_element(seconds.begin(), seconds.begin() + reps / 2, seconds.end());
  return Napi::Number::New(env, seconds[reps / 2]);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("stream", Napi::Function::New(env, Stream));
  exports.Set("isa", Napi::String::New(env, hasAvx2() ? "avx2" : "portable"));
  exports.Set("nonTemporalStores", Napi::Boolean::New(env, hasAvx2()));
  return exports;
}

}  // namespace

NODE_API_MODULE(poolnd_stream_probe, Init)
