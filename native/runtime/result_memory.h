// Memory for large results, kept between calls. A new result in ordinary memory pays a page
// fault per 4 KiB the kernel first writes (with zeroing before it), often more than the kernel
// itself; a block that served an earlier result, already faulted in, costs nothing of that.
// Blocks of 2 MiB and more are 2 MiB-aligned and advised for transparent huge pages, so even a
// first touch faults once per 2 MiB. Freed blocks wait in a bounded cache for the next result
// of about their size. Thread-safe: every environment (main thread, workers) shares it.
#pragma once

#include <cstddef>

namespace poolnd {

struct ResultBlock {
  void* data = nullptr;  // null when no memory could be had
  size_t capacity = 0;   // bytes mapped: at least the size asked for
};

// Results below this size are left to the engine's allocator: the cache's bookkeeping, and an
// external ArrayBuffer's, cost more than their few page faults.
constexpr size_t kSmallestResultBlock = 256 * 1024;

// A block of at least `bytes` (>= kSmallestResultBlock): from the cache when one fits, else newly
// mapped if may_map (else none).
ResultBlock acquire_result_block(size_t bytes, bool may_map);

// Gives a block back: cached for a later result, or unmapped if the cache is full.
void release_result_block(ResultBlock block);

// Unmaps every cached block (an idle process holds none).
void trim_result_blocks();

// Bytes now cached (for tests).
size_t cached_result_bytes();

}  // namespace poolnd
