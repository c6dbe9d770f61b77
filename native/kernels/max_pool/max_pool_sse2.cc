// sse2 max-pooling microkernels (see microkernels.h).
#include "../isa/sse2_ops.h"
#include "../microkernels.h"
#include "../vector_pool.h"

namespace poolnd {

void max_pool_channels_last_f32_sse2(int64_t channels, int64_t taps, const float* const* tap_pixels,
                                        const int64_t* tap_offsets, float* output, int32_t* indices) {
  channels_last_max<Sse2Float32>(channels, taps, tap_pixels, tap_offsets, output, indices);
}

void max_pool_channels_last_f64_sse2(int64_t channels, int64_t taps, const double* const* tap_pixels,
                                        const int64_t* tap_offsets, double* output, int32_t* indices) {
  channels_last_max<Sse2Float64>(channels, taps, tap_pixels, tap_offsets, output, indices);
}

void max_pool_2x2s2_f32_sse2(int64_t rows, int64_t outputs, const float* top, int64_t width, int64_t top_offset,
                             float* output, int32_t* indices) {
  two_by_two_max<Sse2Float32>(rows, outputs, top, width, top_offset, output, indices);
}

void max_pool_2x2s2_f64_sse2(int64_t rows, int64_t outputs, const double* top, int64_t width, int64_t top_offset,
                             double* output, int32_t* indices) {
  two_by_two_max<Sse2Float64>(rows, outputs, top, width, top_offset, output, indices);
}

void max_pool_rows_f32_sse2(const WindowRows<float>& window, int64_t outputs, float* output, int32_t* indices) {
  rows_max<Sse2Float32>(window, outputs, output, indices);
}

void max_pool_rows_f64_sse2(const WindowRows<double>& window, int64_t outputs, double* output, int32_t* indices) {
  rows_max<Sse2Float64>(window, outputs, output, indices);
}

void max_pool_separable_f32_sse2(const float* const* rows, int64_t row_count, int64_t width, int64_t pad_begin,
                                  int64_t outputs, int64_t kernel_width, int64_t stride, float* scratch, float* output) {
  separable_max<Sse2Float32>(rows, row_count, width, pad_begin, outputs, kernel_width, stride, scratch, output);
}

void max_pool_separable_f64_sse2(const double* const* rows, int64_t row_count, int64_t width, int64_t pad_begin,
                                  int64_t outputs, int64_t kernel_width, int64_t stride, double* scratch, double* output) {
  separable_max<Sse2Float64>(rows, row_count, width, pad_begin, outputs, kernel_width, stride, scratch, output);
}

void max_pool_adaptive_rows_f32_sse2(const float* const* rows, int64_t row_count, const int32_t* starts, const int32_t* lengths,
                                 int64_t outputs, float depth, float height, float* output) {
  adaptive_rows<Sse2Float32, false>(rows, row_count, starts, lengths, outputs, depth, height, output);
}

void max_pool_adaptive_rows_f64_sse2(const double* const* rows, int64_t row_count, const int32_t* starts, const int32_t* lengths,
                                 int64_t outputs, double depth, double height, double* output) {
  adaptive_rows<Sse2Float64, false>(rows, row_count, starts, lengths, outputs, depth, height, output);
}

}  // namespace poolnd
