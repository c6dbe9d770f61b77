#include "threads.h"

#include <cstdlib>
#include <utility>

#include "glibc_symbols.h"

POOLND_OLDEST_GLIBC_SYMBOL(pthread_create);
POOLND_OLDEST_GLIBC_SYMBOL(pthread_join);
POOLND_OLDEST_GLIBC_SYMBOL(pthread_mutex_trylock);

namespace poolnd {
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

Thread& Thread::operator=(Thread&& other) noexcept {
  if (this != &other) {
    join();
    handle_ = other.handle_;
    running_ = std::exchange(other.running_, false);
  }
  return *this;
}

Thread::~Thread() { join(); }

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

}  // namespace poolnd
