#include "threads.h"

#include <system_error>
#include <utility>

#include "glibc_symbols.h"

#if defined(__linux__)
POOLND_OLDEST_GLIBC_SYMBOL(pthread_create);
POOLND_OLDEST_GLIBC_SYMBOL(pthread_join);
POOLND_OLDEST_GLIBC_SYMBOL(pthread_mutex_trylock);
#endif

namespace poolnd {

Thread& Thread::operator=(Thread&& other) noexcept {
  if (this != &other) {
    join();
#if defined(__linux__)
    handle_ = other.handle_;
    running_ = std::exchange(other.running_, false);
#else
    thread_ = std::move(other.thread_);
#endif
  }
  return *this;
}

Thread::Thread(Thread&& other) noexcept { *this = std::move(other); }

Thread::~Thread() { join(); }

#if defined(__linux__)
namespace {

struct Start {
  void (*entry)(void*);
  void* context;
};

void* run_thread(void* start) {
  const Start copy = *static_cast<Start*>(start);
  delete static_cast<Start*>(start);
  copy.entry(copy.context);
  return nullptr;
}

}  // namespace

bool Thread::start(void (*entry)(void*), void* context) {
  join();
  auto* start = new Start{entry, context};
  running_ = pthread_create(&handle_, nullptr, &run_thread, start) == 0;
  if (!running_) delete start;
  return running_;
}

void Thread::join() {
  if (!running_) return;
  pthread_join(handle_, nullptr);
  running_ = false;
}

bool try_lock(std::mutex& mutex) { return pthread_mutex_trylock(mutex.native_handle()) == 0; }

#else

bool Thread::start(void (*entry)(void*), void* context) {
  join();
  try {
    thread_ = std::thread(entry, context);
  } catch (const std::system_error&) {
    return false;
  }
  return true;
}

void Thread::join() {
  if (thread_.joinable()) thread_.join();
}

bool try_lock(std::mutex& mutex) { return mutex.try_lock(); }

#endif

}  // namespace poolnd
