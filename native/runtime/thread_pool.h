// A persistent pool of kernel threads, shared by every call in the process (sync calls on the
// JavaScript thread and async calls on libuv's threads alike). A call fans its work items out
// to the pool and works on them itself too, so an async call holds one libuv thread at most.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <type_traits>
#include <vector>

#include "threads.h"

namespace poolnd {

// A non-owning reference to a callable taking a range of work items [begin, end).
class RangeBody {
 public:
  // Constrained so that copying a RangeBody copies it rather than wrapping it.
  template <typename Body, typename = std::enable_if_t<!std::is_same_v<std::decay_t<Body>, RangeBody>>>
  explicit RangeBody(Body& body)
      : context_(&body),
        call_([](void* context, int64_t begin, int64_t end) { (*static_cast<Body*>(context))(begin, end); }) {}
  void operator()(int64_t begin, int64_t end) const { call_(context_, begin, end); }

 private:
  void* context_;
  void (*call_)(void*, int64_t, int64_t);
};

class ThreadPool {
 public:
  // The most threads setNumThreads accepts; lib/ checks the same bound.
  static constexpr int kMaxThreads = 1024;

  ThreadPool() = default;
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  ~ThreadPool() { stop(); }

  // Threads a call runs on, the calling thread included; workers start lazily on the next call.
  void set_thread_count(int count);
  // The same, unless a count was set before: the first environment to load the addon sets
  // the default, and later ones (worker threads) keep what the process has chosen.
  void set_default_thread_count(int count);
  int thread_count() const;

  // Runs body over [0, items) in chunks of at least `grain` items, then returns. While another
  // call holds the pool, this one runs on the calling thread alone rather than wait.
  void parallel_for(int64_t items, int64_t grain, RangeBody body);

  // Joins the workers (the environment is going away); a later call starts them again.
  void stop();

 private:
  struct Job {
    Job(RangeBody job_body, int64_t job_items, int64_t job_chunk)
        : body(job_body), items(job_items), chunk(job_chunk) {}
    RangeBody body;
    int64_t items;
    int64_t chunk;
    std::atomic<int64_t> next{0};  // the first item nobody has taken
  };

  static void run_chunks(Job& job);
  static void work_entry(void* pool) { static_cast<ThreadPool*>(pool)->work(); }
  void work();
  void start_workers_locked();

  std::mutex call_mutex_;  // one parallel call at a time
  mutable std::mutex mutex_;
  ConditionVariable wake_;
  ConditionVariable idle_;
  std::vector<Thread> workers_;
  int thread_count_ = 1;
  bool thread_count_set_ = false;
  bool stopping_ = false;
  Job* job_ = nullptr;
  uint64_t generation_ = 0;
  int busy_workers_ = 0;
};

// The process-wide pool.
ThreadPool& kernel_thread_pool();

}  // namespace poolnd
