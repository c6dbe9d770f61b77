#include "thread_pool.h"

#include <algorithm>
#include <cassert>

namespace poolnd {

void ThreadPool::set_thread_count(int count) {
  assert(count >= 1 && count <= kMaxThreads);
  std::lock_guard<std::mutex> call(call_mutex_);  // never resize under a running call
  stop();
  std::lock_guard<std::mutex> lock(mutex_);
  thread_count_ = count;
  thread_count_set_ = true;
}

void ThreadPool::set_default_thread_count(int count) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (thread_count_set_) return;
  }
  set_thread_count(count);
}

int ThreadPool::thread_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return thread_count_;
}

void ThreadPool::run_chunks(Job& job) {
  for (;;) {
    const int64_t begin = job.next.fetch_add(job.chunk, std::memory_order_relaxed);
    if (begin >= job.items) return;
    job.body(begin, std::min(job.items, begin + job.chunk));
  }
}

void ThreadPool::parallel_for(int64_t items, int64_t grain, RangeBody body) {
  if (items <= 0) return;
  grain = std::max<int64_t>(grain, 1);
  // Work for one chunk runs here without touching the locks: small calls pay nothing for the pool.
  if (items <= grain) {
    body(0, items);
    return;
  }
  std::unique_lock<std::mutex> call(call_mutex_, std::defer_lock);
  if (try_lock(call_mutex_)) call = std::unique_lock<std::mutex>(call_mutex_, std::adopt_lock);
  int threads = 1;
  if (call.owns_lock()) {
    std::lock_guard<std::mutex> lock(mutex_);
    threads = thread_count_;
  }
  if (threads == 1) {
    body(0, items);
    return;
  }
  // A few chunks per thread even out threads that start late or run slow.
  const int64_t chunk = std::max(grain, (items + 4 * threads - 1) / (4 * threads));
  Job job(body, items, chunk);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    start_workers_locked();
    job_ = &job;
    ++generation_;
  }
  wake_.notify_all();
  run_chunks(job);
  // Workers that have not picked the job up by now never will; wait for those that have.
  std::unique_lock<std::mutex> lock(mutex_);
  job_ = nullptr;
  idle_.wait(lock, [this] { return busy_workers_ == 0; });
}

void ThreadPool::start_workers_locked() {
  const auto wanted = static_cast<size_t>(thread_count_ - 1);
  if (workers_.size() == wanted) return;
  assert(workers_.empty());
  stopping_ = false;
  workers_.resize(wanted);
  // A thread the system refuses leaves its share of the work to the others.
  for (Thread& worker : workers_) worker.start(&ThreadPool::work_entry, this);
}

void ThreadPool::work() {
  uint64_t seen = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || (job_ != nullptr && generation_ != seen); });
    if (stopping_) return;
    seen = generation_;
    Job* job = job_;
    ++busy_workers_;
    lock.unlock();
    run_chunks(*job);
    lock.lock();
    if (--busy_workers_ == 0) idle_.notify_all();
  }
}

void ThreadPool::stop() {
  std::vector<Thread> workers;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    workers.swap(workers_);
  }
  wake_.notify_all();
  for (Thread& worker : workers) worker.join();
}

ThreadPool& kernel_thread_pool() {
  // Never destroyed: the environments' cleanup hooks stop the workers, and a static destructor
  // at exit could run while a worker still touches the pool.
  static ThreadPool* pool = new ThreadPool();
  return *pool;
}

}  // namespace poolnd
