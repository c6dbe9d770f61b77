// sse2 average-pooling microkernels (see microkernels.h).
#include "../isa/sse2_ops.h"
#include "../microkernels.h"
#include "../vector_pool.h"

namespace poolnd {

void avg_pool_channels_last_f32_sse2(int64_t channels, int64_t taps, const float* const* tap_pixels,
                                        const float* divisors, float* output) {
  channels_last_average<Sse2Float32>(channels, taps, tap_pixels, divisors, output);
}

void avg_pool_channels_last_f64_sse2(int64_t channels, int64_t taps, const double* const* tap_pixels,
                                        const double* divisors, double* output) {
  channels_last_average<Sse2Float64>(channels, taps, tap_pixels, divisors, output);
}

void avg_pool_2x2s2_f32_sse2(int64_t rows, int64_t outputs, const float* top, int64_t width, float divisor, float* output) {
  two_by_two_average<Sse2Float32>(rows, outputs, top, width, divisor, output);
}

void avg_pool_2x2s2_f64_sse2(int64_t rows, int64_t outputs, const double* top, int64_t width, double divisor, double* output) {
  two_by_two_average<Sse2Float64>(rows, outputs, top, width, divisor, output);
}

void avg_pool_rows_f32_sse2(const WindowRows<float>& window, int64_t outputs, float divisor, float* output) {
  rows_average<Sse2Float32>(window, outputs, divisor, output);
}

void avg_pool_rows_f64_sse2(const WindowRows<double>& window, int64_t outputs, double divisor, double* output) {
  rows_average<Sse2Float64>(window, outputs, divisor, output);
}

void avg_pool_adaptive_rows_f32_sse2(const float* const* rows, int64_t row_count, const int32_t* starts, const int32_t* lengths,
                                 int64_t outputs, float depth, float height, float* output) {
  adaptive_rows<Sse2Float32, true>(rows, row_count, starts, lengths, outputs, depth, height, output);
}

void avg_pool_adaptive_rows_f64_sse2(const double* const* rows, int64_t row_count, const int32_t* starts, const int32_t* lengths,
                                 int64_t outputs, double depth, double height, double* output) {
  adaptive_rows<Sse2Float64, true>(rows, row_count, starts, lengths, outputs, depth, height, output);
}

}  // namespace poolnd
