// Threads, a condition variable and a try-lock on POSIX threads directly. std::thread and
// std::condition_variable::wait from a new libstdc++ (GCC 6 and 12) and pthread_create from a new
// glibc would raise the oldest system the addon loads on (GLIBCXX_3.4.21 and GLIBC_2.17 at most:
// test/native/glibc-floor.test.ts checks).
#pragma once

#include <pthread.h>

#include <mutex>

namespace poolnd {

class Thread {
 public:
  Thread() = default;
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;
  Thread(Thread&& other) noexcept : handle_(other.handle_), running_(other.running_) { other.running_ = false; }
  Thread& operator=(Thread&& other) noexcept;
  ~Thread();  // joins

  // Runs entry(context) on a new thread; false (and nothing runs) when the system refuses one.
  bool start(void (*entry)(void*), void* context);
  void join();

 private:
  pthread_t handle_{};
  bool running_ = false;
};

class ConditionVariable {
 public:
  ConditionVariable() = default;
  ConditionVariable(const ConditionVariable&) = delete;
  ConditionVariable& operator=(const ConditionVariable&) = delete;
  ~ConditionVariable() { pthread_cond_destroy(&condition_); }

  void wait(std::unique_lock<std::mutex>& lock) { pthread_cond_wait(&condition_, lock.mutex()->native_handle()); }
  template <typename Done>
  void wait(std::unique_lock<std::mutex>& lock, Done done) {
    while (!done()) wait(lock);
  }
  void notify_all() { pthread_cond_broadcast(&condition_); }

 private:
  pthread_cond_t condition_ = PTHREAD_COND_INITIALIZER;
};

// mutex.try_lock(), without binding pthread_mutex_trylock's glibc 2.34 version.
bool try_lock(std::mutex& mutex);

}  // namespace poolnd
