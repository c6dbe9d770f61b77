// Threads, a condition variable and a try-lock. On Linux they sit on POSIX threads directly:
// std::thread and std::condition_variable::wait from a new libstdc++ (GCC 6 and 12) and
// pthread_create from a new glibc would raise the oldest system the addon loads on
// (GLIBCXX_3.4.21 and GLIBC_2.17 at most: test/native/glibc-floor.test.ts checks). Elsewhere the
// standard library's serve.
#pragma once

#include <mutex>

#if defined(__linux__)
#include <pthread.h>
#else
#include <condition_variable>
#include <thread>
#endif

namespace poolnd {

class Thread {
 public:
  Thread() = default;
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;
  Thread(Thread&& other) noexcept;
  Thread& operator=(Thread&& other) noexcept;
  ~Thread();  // joins

  // Runs entry(context) on a new thread; false (and nothing runs) when the system refuses one.
  bool start(void (*entry)(void*), void* context);
  void join();

 private:
#if defined(__linux__)
  pthread_t handle_{};
  bool running_ = false;
#else
  std::thread thread_;
#endif
};

class ConditionVariable {
 public:
  ConditionVariable() = default;
  ConditionVariable(const ConditionVariable&) = delete;
  ConditionVariable& operator=(const ConditionVariable&) = delete;
#if defined(__linux__)
  ~ConditionVariable() { pthread_cond_destroy(&condition_); }
  void wait(std::unique_lock<std::mutex>& lock) { pthread_cond_wait(&condition_, lock.mutex()->native_handle()); }
  void notify_all() { pthread_cond_broadcast(&condition_); }
#else
  void wait(std::unique_lock<std::mutex>& lock) { condition_.wait(lock); }
  void notify_all() { condition_.notify_all(); }
#endif

  template <typename Done>
  void wait(std::unique_lock<std::mutex>& lock, Done done) {
    while (!done()) wait(lock);
  }

 private:
#if defined(__linux__)
  pthread_cond_t condition_ = PTHREAD_COND_INITIALIZER;
#else
  std::condition_variable condition_;
#endif
};

// mutex.try_lock(), without binding pthread_mutex_trylock's glibc 2.34 version.
bool try_lock(std::mutex& mutex);

}  // namespace poolnd
