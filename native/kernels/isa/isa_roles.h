// The roles the kernel templates ask an ISA's vector operations to fill (Kernel<Isa, T> in
// microkernels.inc): each isa/<isa>_ops.h ends with a struct <Isa>Isa deriving from these with
// its own types, so a template names Isa::Floats<T>, never an ISA's type.
#pragma once

#include <type_traits>

namespace poolnd {
namespace {

// Floats<T>: a vector of float or double. PlaneQuads<T>: four planes summed side by side in double.
template <typename Float32, typename Float64, typename PlaneQuads32, typename PlaneQuads64>
struct FloatRoles {
  template <typename T>
  using Floats = std::conditional_t<std::is_same_v<T, float>, Float32, Float64>;
  template <typename T>
  using PlaneQuads = std::conditional_t<std::is_same_v<T, float>, PlaneQuads32, PlaneQuads64>;
};

// Integers<T>: a vector of T. IntegerSums<T>: T widened for exact sums (32-bit types to int64).
// ByteSums16<T>: 8-bit T in int16 lanes. Bytes, ByteLanes32: 16 and 32 byte lanes, for uint8.
template <template <typename> class IntegersOf, template <typename> class SumsOf, template <typename> class Sums64Of,
          template <typename> class ByteSums16Of, typename BytesType, typename ByteLanes32Type>
struct IntegerRoles {
  template <typename T>
  using Integers = IntegersOf<T>;
  template <typename T>
  using IntegerSums = std::conditional_t<sizeof(T) == 4, Sums64Of<T>, SumsOf<T>>;
  template <typename T>
  using ByteSums16 = ByteSums16Of<T>;
  using Bytes = BytesType;
  using ByteLanes32 = ByteLanes32Type;
};

}  // namespace
}  // namespace poolnd
