#include "result_memory.h"

#include <cstdint>
#include <mutex>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#define POOLND_HAS_MMAP 1
#endif

namespace poolnd {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;
// The cache's bounds: a server pooling a few shapes keeps each one's blocks; beyond these, the
// oldest go back to the system.
constexpr size_t kCachedBytesLimit = size_t{256} << 20;
constexpr size_t kCachedBlocksLimit = 256;

size_t round_up(size_t value, size_t multiple) { return (value + multiple - 1) / multiple * multiple; }

// What a request of `bytes` maps: whole huge pages from 2 MiB on, else whole 64 KiB units.
size_t capacity_for(size_t bytes) {
  return bytes >= kHugePage ? round_up(bytes, kHugePage) : round_up(bytes, 64 << 10);
}

#if POOLND_HAS_MMAP
void* map_block(size_t capacity) {
  const size_t alignment = capacity >= kHugePage ? kHugePage : 4096;
  const size_t reserved = capacity + alignment - 4096;
  void* mapped = mmap(nullptr, reserved, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) return nullptr;
  const uintptr_t start = reinterpret_cast<uintptr_t>(mapped);
  const uintptr_t aligned = round_up(start, alignment);
  // Trim the unaligned head and the tail beyond the block.
  if (aligned > start) munmap(mapped, aligned - start);
  const uintptr_t end = aligned + capacity;
  if (start + reserved > end) munmap(reinterpret_cast<void*>(end), start + reserved - end);
#if defined(MADV_HUGEPAGE)
  // Where transparent huge pages are in madvise mode this asks for them; elsewhere it is a no-op.
  if (capacity >= kHugePage) madvise(reinterpret_cast<void*>(aligned), capacity, MADV_HUGEPAGE);
#endif
  return reinterpret_cast<void*>(aligned);
}

void unmap_block(const ResultBlock& block) { munmap(block.data, block.capacity); }
#else
void* map_block(size_t) { return nullptr; }
void unmap_block(const ResultBlock&) {}
#endif

struct Cache {
  std::mutex mutex;
  std::vector<ResultBlock> blocks;  // oldest first
  size_t bytes = 0;
};

Cache& cache() {
  static Cache* instance = new Cache();  // never destroyed: finalizers may run during exit
  return *instance;
}

}  // namespace

ResultBlock acquire_result_block(size_t bytes, bool may_map) {
  const size_t capacity = capacity_for(bytes);
  {
    Cache& c = cache();
    std::lock_guard<std::mutex> lock(c.mutex);
    // The smallest cached block that fits without wasting more than a quarter of it.
    int best = -1;
    for (size_t i = 0; i < c.blocks.size(); ++i) {
      const size_t size = c.blocks[i].capacity;
      if (size >= capacity && size <= capacity + capacity / 4 &&
          (best < 0 || size < c.blocks[static_cast<size_t>(best)].capacity)) {
        best = static_cast<int>(i);
      }
    }
    if (best >= 0) {
      const ResultBlock block = c.blocks[static_cast<size_t>(best)];
      c.blocks.erase(c.blocks.begin() + best);
      c.bytes -= block.capacity;
      return block;
    }
  }
  if (!may_map) return ResultBlock{};
  return ResultBlock{map_block(capacity), capacity};
}

void release_result_block(ResultBlock block) {
  if (block.data == nullptr) return;
  std::vector<ResultBlock> evicted;
  {
    Cache& c = cache();
    std::lock_guard<std::mutex> lock(c.mutex);
    if (block.capacity > kCachedBytesLimit) {
      evicted.push_back(block);
    } else {
      while (!c.blocks.empty() &&
             (c.blocks.size() >= kCachedBlocksLimit || c.bytes + block.capacity > kCachedBytesLimit)) {
        evicted.push_back(c.blocks.front());
        c.bytes -= c.blocks.front().capacity;
        c.blocks.erase(c.blocks.begin());
      }
      c.blocks.push_back(block);
      c.bytes += block.capacity;
    }
  }
  for (const ResultBlock& old : evicted) unmap_block(old);  // outside the lock: munmap is slow
}

void trim_result_blocks() {
  std::vector<ResultBlock> evicted;
  {
    Cache& c = cache();
    std::lock_guard<std::mutex> lock(c.mutex);
    evicted.swap(c.blocks);
    c.bytes = 0;
  }
  for (const ResultBlock& old : evicted) unmap_block(old);
}

size_t cached_result_bytes() {
  Cache& c = cache();
  std::lock_guard<std::mutex> lock(c.mutex);
  return c.bytes;
}

}  // namespace poolnd
