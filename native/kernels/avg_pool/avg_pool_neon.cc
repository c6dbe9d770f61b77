// neon average-pooling microkernels (see microkernels.h).
#include "../isa/neon_ops.h"
#include "../microkernels.h"
#include "../vector_pool.h"

namespace poolnd {

void avg_pool_channels_last_f32_neon(int64_t channels, int64_t taps, const float* const* tap_pixels,
                                        const float* divisors, float* output) {
  channels_last_average<NeonFloat32>(channels, taps, tap_pixels, divisors, output);
}

void avg_pool_channels_last_f64_neon(int64_t channels, int64_t taps, const double* const* tap_pixels,
                                        const double* divisors, double* output) {
  channels_last_average<NeonFloat64>(channels, taps, tap_pixels, divisors, output);
}

}  // namespace poolnd
