// Microkernel bodies shared by the ISA files. Only ISA files include this, after defining the
// vector operations their kernels are built from (see max_pool_avx2.cc for the list); the
// anonymous namespace keeps every instantiation private to its file, so code built for one
// ISA is never linked into another's place. Each body is the scalar reference's rule applied
// lane by lane, and its scalar tail is that rule as written.
#pragma once

#include <cstdint>

namespace poolnd {
namespace {

template <typename Ops>
void channels_last_max(int64_t channels, int64_t taps, const typename Ops::Scalar* const* tap_pixels,
                       const int64_t* tap_offsets, typename Ops::Scalar* output, int32_t* indices) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  int64_t c = 0;
  if (indices != nullptr) {
    for (; c + width <= channels; c += width) {
      auto best = Ops::load(tap_pixels[0] + c);
      auto best_index = Ops::index_splat(static_cast<int32_t>(tap_offsets[0]));
      for (int64_t k = 1; k < taps; ++k) {
        const auto value = Ops::load(tap_pixels[k] + c);
        const auto takes = Ops::greater_or_nan(value, best);
        best = Ops::select(takes, value, best);
        best_index = Ops::index_select(takes, Ops::index_splat(static_cast<int32_t>(tap_offsets[k])), best_index);
      }
      Ops::store(output + c, best);
      Ops::index_store(indices + c, best_index);
    }
  } else {
    for (; c + width <= channels; c += width) {
      auto best = Ops::load(tap_pixels[0] + c);
      for (int64_t k = 1; k < taps; ++k) {
        const auto value = Ops::load(tap_pixels[k] + c);
        best = Ops::select(Ops::greater_or_nan(value, best), value, best);
      }
      Ops::store(output + c, best);
    }
  }
  for (; c < channels; ++c) {
    T best = tap_pixels[0][c];
    int64_t best_offset = tap_offsets[0];
    for (int64_t k = 1; k < taps; ++k) {
      const T value = tap_pixels[k][c];
      if (value > best || value != value) {
        best = value;
        best_offset = tap_offsets[k];
      }
    }
    output[c] = best;
    if (indices != nullptr) indices[c] = static_cast<int32_t>(best_offset);
  }
}

template <typename Ops>
void channels_last_average(int64_t channels, int64_t taps, const typename Ops::Scalar* const* tap_pixels,
                           const typename Ops::Scalar* divisors, typename Ops::Scalar* output) {
  using T = typename Ops::Scalar;
  constexpr int64_t width = Ops::width;
  int64_t c = 0;
  const auto first = Ops::splat(divisors[0]);
  const auto second = Ops::splat(divisors[1]);
  const auto third = Ops::splat(divisors[2]);
  for (; c + width <= channels; c += width) {
    auto sum = Ops::zero();
    for (int64_t k = 0; k < taps; ++k) sum = Ops::add(sum, Ops::load(tap_pixels[k] + c));
    Ops::store(output + c, Ops::divide(Ops::divide(Ops::divide(sum, first), second), third));
  }
  for (; c < channels; ++c) {
    T sum = 0;
    for (int64_t k = 0; k < taps; ++k) sum += tap_pixels[k][c];
    output[c] = sum / divisors[0] / divisors[1] / divisors[2];
  }
}

}  // namespace
}  // namespace poolnd
