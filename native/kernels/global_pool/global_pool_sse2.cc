// sse2 global-pooling microkernels (see microkernels.h).
#include "../isa/sse2_ops.h"
#include "../microkernels.h"
#include "../vector_pool.h"

namespace poolnd {

void global_max_channels_last_f32_sse2(int64_t pixels, int64_t channels, const float* image, float* output) {
  channels_last_global_max<Sse2Float32>(pixels, channels, image, output);
}

void global_max_channels_last_f64_sse2(int64_t pixels, int64_t channels, const double* image, double* output) {
  channels_last_global_max<Sse2Float64>(pixels, channels, image, output);
}

void global_avg_channels_last_f32_sse2(int64_t pixels, int64_t channels, const float* image, float* output) {
  channels_last_global_average_f32<Sse2PlaneQuads>(pixels, channels, image, output);
}

void global_avg_channels_last_f64_sse2(int64_t pixels, int64_t channels, const double* image, double* output) {
  channels_last_global_average_f64<Sse2Float64>(pixels, channels, image, output);
}

void global_max_channels_first_f32_sse2(int64_t planes, int64_t plane_size, const float* input, float* output) {
  channels_first_global_max<Sse2Float32>(planes, plane_size, input, output);
}

void global_max_channels_first_f64_sse2(int64_t planes, int64_t plane_size, const double* input, double* output) {
  channels_first_global_max<Sse2Float64>(planes, plane_size, input, output);
}

void global_avg_channels_first_f32_sse2(int64_t planes, int64_t plane_size, const float* input, float* output) {
  channels_first_global_average<Sse2PlaneQuads>(planes, plane_size, input, output);
}

void global_avg_channels_first_f64_sse2(int64_t planes, int64_t plane_size, const double* input, double* output) {
  channels_first_global_average<Sse2PlaneQuads64>(planes, plane_size, input, output);
}

}  // namespace poolnd
