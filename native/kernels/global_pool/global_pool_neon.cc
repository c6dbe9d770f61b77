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

void global_avg_channels_last_f32_neon(int64_t pixels, int64_t channels, const float* image, float* output) {
  channels_last_global_average_f32<NeonPlaneQuads>(pixels, channels, image, output);
}

void global_avg_channels_last_f64_neon(int64_t pixels, int64_t channels, const double* image, double* output) {
  channels_last_global_average_f64<NeonFloat64>(pixels, channels, image, output);
}

void global_max_channels_first_f32_neon(int64_t planes, int64_t plane_size, const float* input, float* output) {
  channels_first_global_max<NeonFloat32>(planes, plane_size, input, output);
}

void global_max_channels_first_f64_neon(int64_t planes, int64_t plane_size, const double* input, double* output) {
  channels_first_global_max<NeonFloat64>(planes, plane_size, input, output);
}

void global_avg_channels_first_f32_neon(int64_t planes, int64_t plane_size, const float* input, float* output) {
  channels_first_global_average<NeonPlaneQuads>(planes, plane_size, input, output);
}

void global_avg_channels_first_f64_neon(int64_t planes, int64_t plane_size, const double* input, double* output) {
  channels_first_global_average<NeonPlaneQuads64>(planes, plane_size, input, output);
}

void global_max_channels_last_i8_neon(int64_t pixels, int64_t channels, const int8_t* image, int8_t* output) {
  channels_last_global_max_integer<NeonIntegers<int8_t>>(pixels, channels, image, output);
}

void global_max_channels_last_u8_neon(int64_t pixels, int64_t channels, const uint8_t* image, uint8_t* output) {
  channels_last_global_max_integer<NeonIntegers<uint8_t>>(pixels, channels, image, output);
}

void global_max_channels_last_i16_neon(int64_t pixels, int64_t channels, const int16_t* image, int16_t* output) {
  channels_last_global_max_integer<NeonIntegers<int16_t>>(pixels, channels, image, output);
}

void global_max_channels_last_u16_neon(int64_t pixels, int64_t channels, const uint16_t* image, uint16_t* output) {
  channels_last_global_max_integer<NeonIntegers<uint16_t>>(pixels, channels, image, output);
}

void global_max_channels_last_i32_neon(int64_t pixels, int64_t channels, const int32_t* image, int32_t* output) {
  channels_last_global_max_integer<NeonIntegers<int32_t>>(pixels, channels, image, output);
}

void global_max_channels_last_u32_neon(int64_t pixels, int64_t channels, const uint32_t* image, uint32_t* output) {
  channels_last_global_max_integer<NeonIntegers<uint32_t>>(pixels, channels, image, output);
}

void global_max_channels_first_i8_neon(int64_t planes, int64_t plane_size, const int8_t* input, int8_t* output) {
  channels_first_global_max_integer<NeonIntegers<int8_t>>(planes, plane_size, input, output);
}

void global_avg_channels_first_i8_neon(int64_t planes, int64_t plane_size, const int8_t* input, int8_t* output) {
  channels_first_global_average_integer<NeonIntegerSums<int8_t>>(planes, plane_size, input, output);
}

void global_avg_channels_last_i8_neon(int64_t pixels, int64_t channels, const int8_t* image, int8_t* output) {
  channels_last_global_average_integer<NeonIntegerSums<int8_t>>(pixels, channels, image, output);
}

void global_max_channels_first_u8_neon(int64_t planes, int64_t plane_size, const uint8_t* input, uint8_t* output) {
  channels_first_global_max_integer<NeonIntegers<uint8_t>>(planes, plane_size, input, output);
}

void global_avg_channels_first_u8_neon(int64_t planes, int64_t plane_size, const uint8_t* input, uint8_t* output) {
  channels_first_global_average_integer<NeonIntegerSums<uint8_t>>(planes, plane_size, input, output);
}

void global_avg_channels_last_u8_neon(int64_t pixels, int64_t channels, const uint8_t* image, uint8_t* output) {
  channels_last_global_average_integer<NeonIntegerSums<uint8_t>>(pixels, channels, image, output);
}

void global_max_channels_first_i16_neon(int64_t planes, int64_t plane_size, const int16_t* input, int16_t* output) {
  channels_first_global_max_integer<NeonIntegers<int16_t>>(planes, plane_size, input, output);
}

void global_avg_channels_first_i16_neon(int64_t planes, int64_t plane_size, const int16_t* input, int16_t* output) {
  channels_first_global_average_integer<NeonIntegerSums<int16_t>>(planes, plane_size, input, output);
}

void global_avg_channels_last_i16_neon(int64_t pixels, int64_t channels, const int16_t* image, int16_t* output) {
  channels_last_global_average_integer<NeonIntegerSums<int16_t>>(pixels, channels, image, output);
}

void global_max_channels_first_u16_neon(int64_t planes, int64_t plane_size, const uint16_t* input, uint16_t* output) {
  channels_first_global_max_integer<NeonIntegers<uint16_t>>(planes, plane_size, input, output);
}

void global_avg_channels_first_u16_neon(int64_t planes, int64_t plane_size, const uint16_t* input, uint16_t* output) {
  channels_first_global_average_integer<NeonIntegerSums<uint16_t>>(planes, plane_size, input, output);
}

void global_avg_channels_last_u16_neon(int64_t pixels, int64_t channels, const uint16_t* image, uint16_t* output) {
  channels_last_global_average_integer<NeonIntegerSums<uint16_t>>(pixels, channels, image, output);
}

void global_max_channels_first_i32_neon(int64_t planes, int64_t plane_size, const int32_t* input, int32_t* output) {
  channels_first_global_max_integer<NeonIntegers<int32_t>>(planes, plane_size, input, output);
}

void global_max_channels_first_u32_neon(int64_t planes, int64_t plane_size, const uint32_t* input, uint32_t* output) {
  channels_first_global_max_integer<NeonIntegers<uint32_t>>(planes, plane_size, input, output);
}

}  // namespace poolnd
