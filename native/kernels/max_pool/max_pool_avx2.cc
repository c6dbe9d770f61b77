// avx2 max-pooling microkernels (see microkernels.h).
#include "../isa/avx2_ops.h"
#include "../microkernels.h"
#include "../vector_pool.h"

namespace poolnd {

void max_pool_channels_last_f32_avx2(int64_t channels, int64_t taps, const float* const* tap_pixels,
                                        const int64_t* tap_offsets, float* output, int32_t* indices) {
  channels_last_max<Avx2Float32>(channels, taps, tap_pixels, tap_offsets, output, indices);
}

void max_pool_channels_last_f64_avx2(int64_t channels, int64_t taps, const double* const* tap_pixels,
                                        const int64_t* tap_offsets, double* output, int32_t* indices) {
  channels_last_max<Avx2Float64>(channels, taps, tap_pixels, tap_offsets, output, indices);
}

}  // namespace poolnd
