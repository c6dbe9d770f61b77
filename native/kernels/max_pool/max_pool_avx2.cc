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

void max_pool_2x2s2_f32_avx2(int64_t rows, int64_t outputs, const float* top, int64_t width, int64_t top_offset,
                             float* output, int32_t* indices) {
  two_by_two_max<Avx2Float32>(rows, outputs, top, width, top_offset, output, indices);
}

void max_pool_2x2s2_f64_avx2(int64_t rows, int64_t outputs, const double* top, int64_t width, int64_t top_offset,
                             double* output, int32_t* indices) {
  two_by_two_max<Avx2Float64>(rows, outputs, top, width, top_offset, output, indices);
}

void max_pool_rows_f32_avx2(const WindowRows<float>& window, int64_t outputs, float* output, int32_t* indices) {
  rows_max<Avx2Float32>(window, outputs, output, indices);
}

void max_pool_rows_f64_avx2(const WindowRows<double>& window, int64_t outputs, double* output, int32_t* indices) {
  rows_max<Avx2Float64>(window, outputs, output, indices);
}

void max_pool_separable_f32_avx2(const float* const* rows, int64_t row_count, int64_t width, int64_t pad_begin,
                                  int64_t outputs, int64_t kernel_width, int64_t stride, float* scratch, float* output) {
  separable_max<Avx2Float32>(rows, row_count, width, pad_begin, outputs, kernel_width, stride, scratch, output);
}

void max_pool_separable_f64_avx2(const double* const* rows, int64_t row_count, int64_t width, int64_t pad_begin,
                                  int64_t outputs, int64_t kernel_width, int64_t stride, double* scratch, double* output) {
  separable_max<Avx2Float64>(rows, row_count, width, pad_begin, outputs, kernel_width, stride, scratch, output);
}

void max_pool_2x2s2_channels_last_u8_avx2(int64_t pixels, int64_t channels, const uint8_t* row0, const uint8_t* row1, uint8_t* output) {
  bytes_two_by_two_max<Avx2Bytes, Avx2ByteLanes32>(pixels, channels, row0, row1, output);
}

void max_pool_channels_last_i8_avx2(int64_t channels, int64_t taps, const int8_t* const* tap_pixels, int8_t* output) {
  channels_last_max_integer<Avx2Integers<int8_t>>(channels, taps, tap_pixels, output);
}

void max_pool_channels_last_u8_avx2(int64_t channels, int64_t taps, const uint8_t* const* tap_pixels, uint8_t* output) {
  channels_last_max_integer<Avx2Integers<uint8_t>>(channels, taps, tap_pixels, output);
}

void max_pool_channels_last_i16_avx2(int64_t channels, int64_t taps, const int16_t* const* tap_pixels, int16_t* output) {
  channels_last_max_integer<Avx2Integers<int16_t>>(channels, taps, tap_pixels, output);
}

void max_pool_channels_last_u16_avx2(int64_t channels, int64_t taps, const uint16_t* const* tap_pixels, uint16_t* output) {
  channels_last_max_integer<Avx2Integers<uint16_t>>(channels, taps, tap_pixels, output);
}

void max_pool_channels_last_i32_avx2(int64_t channels, int64_t taps, const int32_t* const* tap_pixels, int32_t* output) {
  channels_last_max_integer<Avx2Integers<int32_t>>(channels, taps, tap_pixels, output);
}

void max_pool_channels_last_u32_avx2(int64_t channels, int64_t taps, const uint32_t* const* tap_pixels, uint32_t* output) {
  channels_last_max_integer<Avx2Integers<uint32_t>>(channels, taps, tap_pixels, output);
}

void max_pool_run_i8_avx2(const int8_t* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable, int64_t pixels,
                        int64_t channels, int64_t pixel_step, int64_t tap_step, int8_t* output) {
  run_max_integer<Avx2Integers<int8_t>>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step, output);
}

void max_pool_run_u8_avx2(const uint8_t* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable, int64_t pixels,
                        int64_t channels, int64_t pixel_step, int64_t tap_step, uint8_t* output) {
  run_max_integer<Avx2Integers<uint8_t>>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step, output);
}

void max_pool_run_i16_avx2(const int16_t* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable, int64_t pixels,
                        int64_t channels, int64_t pixel_step, int64_t tap_step, int16_t* output) {
  run_max_integer<Avx2Integers<int16_t>>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step, output);
}

void max_pool_run_u16_avx2(const uint16_t* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable, int64_t pixels,
                        int64_t channels, int64_t pixel_step, int64_t tap_step, uint16_t* output) {
  run_max_integer<Avx2Integers<uint16_t>>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step, output);
}

void max_pool_run_i32_avx2(const int32_t* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable, int64_t pixels,
                        int64_t channels, int64_t pixel_step, int64_t tap_step, int32_t* output) {
  run_max_integer<Avx2Integers<int32_t>>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step, output);
}

void max_pool_run_u32_avx2(const uint32_t* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable, int64_t pixels,
                        int64_t channels, int64_t pixel_step, int64_t tap_step, uint32_t* output) {
  run_max_integer<Avx2Integers<uint32_t>>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step, output);
}

void max_pool_adaptive_rows_f32_avx2(const float* const* rows, int64_t row_count, const int32_t* starts, const int32_t* lengths,
                                 int64_t outputs, float depth, float height, float* output) {
  adaptive_rows<Avx2Float32, false>(rows, row_count, starts, lengths, outputs, depth, height, output);
}

void max_pool_adaptive_rows_f64_avx2(const double* const* rows, int64_t row_count, const int32_t* starts, const int32_t* lengths,
                                 int64_t outputs, double depth, double height, double* output) {
  adaptive_rows<Avx2Float64, false>(rows, row_count, starts, lengths, outputs, depth, height, output);
}

}  // namespace poolnd
