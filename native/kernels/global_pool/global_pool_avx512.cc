// avx512 global-pooling microkernels (see microkernels.h).
#include "../isa/avx2_ops.h"  // plane quads: 128/256-bit forms, which AVX-512F includes
#include "../isa/avx512_ops.h"
#include "../microkernels.h"
#include "../vector_pool.h"

namespace poolnd {

void global_max_channels_last_f32_avx512(int64_t pixels, int64_t channels, const float* image, float* output) {
  channels_last_global_max<Avx512Float32>(pixels, channels, image, output);
}

void global_max_channels_last_f64_avx512(int64_t pixels, int64_t channels, const double* image, double* output) {
  channels_last_global_max<Avx512Float64>(pixels, channels, image, output);
}

void global_avg_channels_last_f32_avx512(int64_t pixels, int64_t channels, const float* image, float* output) {
  channels_last_global_average_f32<Avx2PlaneQuads>(pixels, channels, image, output);
}

void global_avg_channels_last_f64_avx512(int64_t pixels, int64_t channels, const double* image, double* output) {
  channels_last_global_average_f64<Avx512Float64>(pixels, channels, image, output);
}

void global_max_channels_first_f32_avx512(int64_t planes, int64_t plane_size, const float* input, float* output) {
  channels_first_global_max<Avx512Float32>(planes, plane_size, input, output);
}

void global_max_channels_first_f64_avx512(int64_t planes, int64_t plane_size, const double* input, double* output) {
  channels_first_global_max<Avx512Float64>(planes, plane_size, input, output);
}

void global_avg_channels_first_f32_avx512(int64_t planes, int64_t plane_size, const float* input, float* output) {
  channels_first_global_average<Avx2PlaneQuads>(planes, plane_size, input, output);
}

void global_avg_channels_first_f64_avx512(int64_t planes, int64_t plane_size, const double* input, double* output) {
  channels_first_global_average<Avx2PlaneQuads64>(planes, plane_size, input, output);
}

}  // namespace poolnd
