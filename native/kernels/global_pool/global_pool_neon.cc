// neon global-pooling microkernels (see microkernels.h).
#include "../isa/neon_ops.h"
#include "../microkernels.h"
#include "../vector_pool.h"

namespace poolnd {

void global_max_channels_last_f32_neon(int64_t pixels, int64_t channels, const float* image, float* output) {
  channels_last_global_max<NeonFloat32>(pixels, channels, image, output);
}

void global_max_channels_last_f64_neon(int64_t pixels, int64_t channels, const double* image, double* output) {
  channels_last_global_max<NeonFloat64>(pixels, channels, image, output);
}

void global_avg_channels_first_f32_neon(int64_t planes, int64_t plane_size, const float* input, float* output) {
  channels_first_global_average_f32<NeonPlaneQuads>(planes, plane_size, input, output);
}

}  // namespace poolnd
