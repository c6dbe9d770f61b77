// avx2 average-pooling microkernels (see microkernels.h).
#include "../isa/avx2_ops.h"
#include "../microkernels.h"
#include "../vector_pool.h"

namespace poolnd {

void avg_pool_channels_last_f32_avx2(int64_t channels, int64_t taps, const float* const* tap_pixels,
                                        const float* divisors, float* output) {
  channels_last_average<Avx2Float32>(channels, taps, tap_pixels, divisors, output);
}

void avg_pool_channels_last_f64_avx2(int64_t channels, int64_t taps, const double* const* tap_pixels,
                                        const double* divisors, double* output) {
  channels_last_average<Avx2Float64>(channels, taps, tap_pixels, divisors, output);
}

void avg_pool_2x2s2_f32_avx2(int64_t rows, int64_t outputs, const float* top, int64_t width, float divisor, float* output) {
  two_by_two_average<Avx2Float32>(rows, outputs, top, width, divisor, output);
}

void avg_pool_2x2s2_f64_avx2(int64_t rows, int64_t outputs, const double* top, int64_t width, double divisor, double* output) {
  two_by_two_average<Avx2Float64>(rows, outputs, top, width, divisor, output);
}

void avg_pool_rows_f32_avx2(const WindowRows<float>& window, int64_t outputs, float divisor, float* output) {
  rows_average<Avx2Float32>(window, outputs, divisor, output);
}

void avg_pool_rows_f64_avx2(const WindowRows<double>& window, int64_t outputs, double divisor, double* output) {
  rows_average<Avx2Float64>(window, outputs, divisor, output);
}

void avg_pool_2x2s2_channels_last_u8_avx2(int64_t pixels, int64_t channels, const uint8_t* row0, const uint8_t* row1, int shift,
                                    uint8_t* output) {
  bytes_two_by_two_average<Avx2Bytes, Avx2ByteLanes32>(pixels, channels, row0, row1, shift, output);
}

void avg_pool_run_i8_avx2(const int8_t* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable, int64_t pixels,
                        int64_t channels, int64_t pixel_step, int64_t tap_step, int64_t divisor, int8_t* output) {
  run_average_8bit<Avx2ByteSums16<int8_t>, Avx2IntegerSums<int8_t>>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step,
                                     divisor, output);
}

void avg_pool_run_u8_avx2(const uint8_t* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable, int64_t pixels,
                        int64_t channels, int64_t pixel_step, int64_t tap_step, int64_t divisor, uint8_t* output) {
  run_average_8bit<Avx2ByteSums16<uint8_t>, Avx2IntegerSums<uint8_t>>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step,
                                     divisor, output);
}

void avg_pool_run_i16_avx2(const int16_t* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable, int64_t pixels,
                        int64_t channels, int64_t pixel_step, int64_t tap_step, int64_t divisor, int16_t* output) {
  run_average_integer<Avx2IntegerSums<int16_t>>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step, divisor,
                              output);
}

void avg_pool_run_u16_avx2(const uint16_t* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable, int64_t pixels,
                        int64_t channels, int64_t pixel_step, int64_t tap_step, int64_t divisor, uint16_t* output) {
  run_average_integer<Avx2IntegerSums<uint16_t>>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step, divisor,
                              output);
}

void avg_pool_adaptive_rows_f32_avx2(const float* const* rows, int64_t row_count, const int32_t* starts, const int32_t* lengths,
                                 int64_t outputs, float depth, float height, float* output) {
  adaptive_rows<Avx2Float32, true>(rows, row_count, starts, lengths, outputs, depth, height, output);
}

void avg_pool_adaptive_rows_f64_avx2(const double* const* rows, int64_t row_count, const int32_t* starts, const int32_t* lengths,
                                 int64_t outputs, double depth, double height, double* output) {
  adaptive_rows<Avx2Float64, true>(rows, row_count, starts, lengths, outputs, depth, height, output);
}

void avg_pool_run_i32_avx2(const int32_t* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable, int64_t pixels,
                        int64_t channels, int64_t pixel_step, int64_t tap_step, int64_t divisor, int32_t* output) {
  run_average_integer<Avx2IntegerSums64<int32_t>>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step, divisor,
                              output);
}

void avg_pool_run_u32_avx2(const uint32_t* const* rows, int64_t row_count, int64_t kernel_width, int64_t readable, int64_t pixels,
                        int64_t channels, int64_t pixel_step, int64_t tap_step, int64_t divisor, uint32_t* output) {
  run_average_integer<Avx2IntegerSums64<uint32_t>>(rows, row_count, kernel_width, readable, pixels, channels, pixel_step, tap_step, divisor,
                              output);
}

}  // namespace poolnd
