// avx2 global-pooling microkernels (see microkernels.h).
#include "../isa/avx2_ops.h"
#include "../microkernels.h"
#include "../vector_pool.h"

namespace poolnd {

void global_max_channels_last_f32_avx2(int64_t pixels, int64_t channels, const float* image, float* output) {
  channels_last_global_max<Avx2Float32>(pixels, channels, image, output);
}

void global_max_channels_last_f64_avx2(int64_t pixels, int64_t channels, const double* image, double* output) {
  channels_last_global_max<Avx2Float64>(pixels, channels, image, output);
}

void global_avg_channels_last_f32_avx2(int64_t pixels, int64_t channels, const float* image, float* output) {
  channels_last_global_average_f32<Avx2PlaneQuads>(pixels, channels, image, output);
}

void global_avg_channels_last_f64_avx2(int64_t pixels, int64_t channels, const double* image, double* output) {
  channels_last_global_average_f64<Avx2Float64>(pixels, channels, image, output);
}

void global_max_channels_first_f32_avx2(int64_t planes, int64_t plane_size, const float* input, float* output) {
  channels_first_global_max<Avx2Float32>(planes, plane_size, input, output);
}

void global_max_channels_first_f64_avx2(int64_t planes, int64_t plane_size, const double* input, double* output) {
  channels_first_global_max<Avx2Float64>(planes, plane_size, input, output);
}

void global_avg_channels_first_f32_avx2(int64_t planes, int64_t plane_size, const float* input, float* output) {
  channels_first_global_average<Avx2PlaneQuads>(planes, plane_size, input, output);
}

void global_avg_channels_first_f64_avx2(int64_t planes, int64_t plane_size, const double* input, double* output) {
  channels_first_global_average<Avx2PlaneQuads64>(planes, plane_size, input, output);
}

void global_max_channels_last_i8_avx2(int64_t pixels, int64_t channels, const int8_t* image, int8_t* output) {
  channels_last_global_max_integer<Avx2Integers<int8_t>>(pixels, channels, image, output);
}

void global_max_channels_last_u8_avx2(int64_t pixels, int64_t channels, const uint8_t* image, uint8_t* output) {
  channels_last_global_max_integer<Avx2Integers<uint8_t>>(pixels, channels, image, output);
}

void global_max_channels_last_i16_avx2(int64_t pixels, int64_t channels, const int16_t* image, int16_t* output) {
  channels_last_global_max_integer<Avx2Integers<int16_t>>(pixels, channels, image, output);
}

void global_max_channels_last_u16_avx2(int64_t pixels, int64_t channels, const uint16_t* image, uint16_t* output) {
  channels_last_global_max_integer<Avx2Integers<uint16_t>>(pixels, channels, image, output);
}

void global_max_channels_last_i32_avx2(int64_t pixels, int64_t channels, const int32_t* image, int32_t* output) {
  channels_last_global_max_integer<Avx2Integers<int32_t>>(pixels, channels, image, output);
}

void global_max_channels_last_u32_avx2(int64_t pixels, int64_t channels, const uint32_t* image, uint32_t* output) {
  channels_last_global_max_integer<Avx2Integers<uint32_t>>(pixels, channels, image, output);
}

void global_max_channels_first_i8_avx2(int64_t planes, int64_t plane_size, const int8_t* input, int8_t* output) {
  channels_first_global_max_integer<Avx2Integers<int8_t>>(planes, plane_size, input, output);
}

void global_avg_channels_first_i8_avx2(int64_t planes, int64_t plane_size, const int8_t* input, int8_t* output) {
  channels_first_global_average_integer<Avx2IntegerSums<int8_t>>(planes, plane_size, input, output);
}

void global_avg_channels_last_i8_avx2(int64_t pixels, int64_t channels, const int8_t* image, int8_t* output) {
  channels_last_global_average_integer<Avx2IntegerSums<int8_t>>(pixels, channels, image, output);
}

void global_max_channels_first_u8_avx2(int64_t planes, int64_t plane_size, const uint8_t* input, uint8_t* output) {
  channels_first_global_max_integer<Avx2Integers<uint8_t>>(planes, plane_size, input, output);
}

void global_avg_channels_first_u8_avx2(int64_t planes, int64_t plane_size, const uint8_t* input, uint8_t* output) {
  channels_first_global_average_integer<Avx2IntegerSums<uint8_t>>(planes, plane_size, input, output);
}

void global_avg_channels_last_u8_avx2(int64_t pixels, int64_t channels, const uint8_t* image, uint8_t* output) {
  channels_last_global_average_integer<Avx2IntegerSums<uint8_t>>(pixels, channels, image, output);
}

void global_max_channels_first_i16_avx2(int64_t planes, int64_t plane_size, const int16_t* input, int16_t* output) {
  channels_first_global_max_integer<Avx2Integers<int16_t>>(planes, plane_size, input, output);
}

void global_avg_channels_first_i16_avx2(int64_t planes, int64_t plane_size, const int16_t* input, int16_t* output) {
  channels_first_global_average_integer<Avx2IntegerSums<int16_t>>(planes, plane_size, input, output);
}

void global_avg_channels_last_i16_avx2(int64_t pixels, int64_t channels, const int16_t* image, int16_t* output) {
  channels_last_global_average_integer<Avx2IntegerSums<int16_t>>(pixels, channels, image, output);
}

void global_max_channels_first_u16_avx2(int64_t planes, int64_t plane_size, const uint16_t* input, uint16_t* output) {
  channels_first_global_max_integer<Avx2Integers<uint16_t>>(planes, plane_size, input, output);
}

void global_avg_channels_first_u16_avx2(int64_t planes, int64_t plane_size, const uint16_t* input, uint16_t* output) {
  channels_first_global_average_integer<Avx2IntegerSums<uint16_t>>(planes, plane_size, input, output);
}

void global_avg_channels_last_u16_avx2(int64_t pixels, int64_t channels, const uint16_t* image, uint16_t* output) {
  channels_last_global_average_integer<Avx2IntegerSums<uint16_t>>(pixels, channels, image, output);
}

void global_max_channels_first_i32_avx2(int64_t planes, int64_t plane_size, const int32_t* input, int32_t* output) {
  channels_first_global_max_integer<Avx2Integers<int32_t>>(planes, plane_size, input, output);
}

void global_max_channels_first_u32_avx2(int64_t planes, int64_t plane_size, const uint32_t* input, uint32_t* output) {
  channels_first_global_max_integer<Avx2Integers<uint32_t>>(planes, plane_size, input, output);
}

}  // namespace poolnd
