// poolnd: exact, fast deep-learning pooling for Node.js. The whole public API, on one screen.
import {
  adaptiveAvgPool,
  type AdaptiveAvgPoolAsyncFunction,
  type AdaptiveAvgPoolFunction,
  adaptiveMaxPool,
  type AdaptiveMaxPoolAsyncFunction,
  type AdaptiveMaxPoolFunction,
} from './ops/adaptive';
import { avgPool, type AvgPoolAsyncFunction, type AvgPoolFunction } from './ops/avg-pool';
import { fractionalMaxPool, type FractionalMaxPoolAsyncFunction, type FractionalMaxPoolFunction } from './ops/fractional';
import { globalPool, type GlobalPoolAsyncFunction, type GlobalPoolFunction } from './ops/global';
import { lpPool, type LpPoolAsyncFunction, type LpPoolFunction } from './ops/lp-pool';
import { maxPool, type MaxPoolAsyncFunction, type MaxPoolFunction } from './ops/max-pool';
import { maxUnpool, type MaxUnpoolAsyncFunction, type MaxUnpoolFunction } from './ops/max-unpool';

export type { PoolArray, Tensor, TensorLike } from './tensor';
export type { Padding, PerDim, SpatialRank, WindowOptions, OneDimWindowOptions } from './shape';
export type { WindowedPoolOptions } from './ops/prepare-pool';
export type {
  MaxIndicesOptions,
  MaxPoolOptions,
  MaxPoolWithIndices,
  MaxPoolFunction,
  MaxPoolAsyncFunction,
} from './ops/max-pool';
export type { AvgPoolOptions, AvgPoolFunction, AvgPoolAsyncFunction } from './ops/avg-pool';
export type { LpPoolOptions, LpPoolFunction, LpPoolAsyncFunction } from './ops/lp-pool';
export type {
  AdaptivePoolOptions,
  AdaptiveMaxPoolOptions,
  AdaptiveAvgPoolFunction,
  AdaptiveAvgPoolAsyncFunction,
  AdaptiveMaxPoolFunction,
  AdaptiveMaxPoolAsyncFunction,
} from './ops/adaptive';
export type { GlobalPoolOptions, GlobalPoolFunction, GlobalPoolAsyncFunction } from './ops/global';
export type { FractionalMaxPoolOptions, FractionalMaxPoolFunction, FractionalMaxPoolAsyncFunction } from './ops/fractional';
export type { MaxUnpoolOptions, MaxUnpoolFunction, MaxUnpoolAsyncFunction } from './ops/max-unpool';
export type { ModelInputOptions, Normalization, OutputTypeName, OutputLayoutName } from './ops/model-input';
export type { FloatOutputs } from './ops/signatures';
export type { SimdLevel, PoolndInfo } from './runtime';
export type {
  ConvWindowOptions,
  ConvOptions,
  ConvLayer,
  FlattenLayer,
  LinearLayer,
  PoolingLayer,
  PoolingLayerType,
  Layer,
  PlannedLayer,
  LayerPlan,
  PlanOptions,
} from './planner';
export type { ErrorCode, PoolndError } from './validate';

/**
 * 1-D max pooling, as PyTorch's `torch.nn.functional.max_pool1d` (`torch.nn.MaxPool1d`).
 * The largest value of each window, per channel (NaN wins; ties keep the first tap). With
 * `returnIndices: true` it also returns each maximum's flat offset within its (n, c) plane.
 * @example
 * const result = maxPool1d({ data, shape: [1, 16, 100] }, { kernelSize: 2 });
 */
export const maxPool1d = maxPool.sync('maxPool1d', 1) as MaxPoolFunction<1>;
/**
 * 2-D max pooling, as PyTorch's `torch.nn.functional.max_pool2d` (`torch.nn.MaxPool2d`).
 * The largest value of each window, per channel (NaN wins; ties keep the first tap). With
 * `returnIndices: true` it also returns each maximum's flat offset within its (n, c) plane.
 * @example
 * const result = maxPool2d({ data, shape: [1, 3, 224, 224] }, { kernelSize: 2 });
 */
export const maxPool2d = maxPool.sync('maxPool2d', 2) as MaxPoolFunction<2>;
/**
 * 3-D max pooling, as PyTorch's `torch.nn.functional.max_pool3d` (`torch.nn.MaxPool3d`).
 * The largest value of each window, per channel (NaN wins; ties keep the first tap). With
 * `returnIndices: true` it also returns each maximum's flat offset within its (n, c) plane.
 * @example
 * const result = maxPool3d({ data, shape: [1, 3, 16, 112, 112] }, { kernelSize: 2 });
 */
export const maxPool3d = maxPool.sync('maxPool3d', 3) as MaxPoolFunction<3>;
/**
 * As {@link maxPool1d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await maxPool1dAsync({ data, shape: [1, 16, 100] }, { kernelSize: 2 });
 */
export const maxPool1dAsync = maxPool.async('maxPool1dAsync', 1) as MaxPoolAsyncFunction<1>;
/**
 * As {@link maxPool2d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await maxPool2dAsync({ data, shape: [1, 3, 224, 224] }, { kernelSize: 2 });
 */
export const maxPool2dAsync = maxPool.async('maxPool2dAsync', 2) as MaxPoolAsyncFunction<2>;
/**
 * As {@link maxPool3d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await maxPool3dAsync({ data, shape: [1, 3, 16, 112, 112] }, { kernelSize: 2 });
 */
export const maxPool3dAsync = maxPool.async('maxPool3dAsync', 3) as MaxPoolAsyncFunction<3>;

/**
 * 1-D average pooling, as PyTorch's `torch.nn.functional.avg_pool1d` (`torch.nn.AvgPool1d`).
 * The mean of each window, summed in the array's precision in window order and divided once,
 * bit-equal to PyTorch; integer arrays get the exact quotient rounded to nearest.
 * @example
 * const result = avgPool1d({ data, shape: [1, 16, 100] }, { kernelSize: 3, stride: 2, padding: 1 });
 */
export const avgPool1d = avgPool.sync('avgPool1d', 1) as AvgPoolFunction<1>;
/**
 * 2-D average pooling, as PyTorch's `torch.nn.functional.avg_pool2d` (`torch.nn.AvgPool2d`).
 * The mean of each window, summed in the array's precision in window order and divided once,
 * bit-equal to PyTorch; integer arrays get the exact quotient rounded to nearest.
 * @example
 * const result = avgPool2d({ data, shape: [1, 3, 224, 224] }, { kernelSize: 3, stride: 2, padding: 1 });
 */
export const avgPool2d = avgPool.sync('avgPool2d', 2) as AvgPoolFunction<2>;
/**
 * 3-D average pooling, as PyTorch's `torch.nn.functional.avg_pool3d` (`torch.nn.AvgPool3d`).
 * The mean of each window, summed in the array's precision in window order and divided once,
 * bit-equal to PyTorch; integer arrays get the exact quotient rounded to nearest.
 * @example
 * const result = avgPool3d({ data, shape: [1, 3, 16, 112, 112] }, { kernelSize: 3, stride: 2, padding: 1 });
 */
export const avgPool3d = avgPool.sync('avgPool3d', 3) as AvgPoolFunction<3>;
/**
 * As {@link avgPool1d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await avgPool1dAsync({ data, shape: [1, 16, 100] }, { kernelSize: 3, stride: 2, padding: 1 });
 */
export const avgPool1dAsync = avgPool.async('avgPool1dAsync', 1) as AvgPoolAsyncFunction<1>;
/**
 * As {@link avgPool2d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await avgPool2dAsync({ data, shape: [1, 3, 224, 224] }, { kernelSize: 3, stride: 2, padding: 1 });
 */
export const avgPool2dAsync = avgPool.async('avgPool2dAsync', 2) as AvgPoolAsyncFunction<2>;
/**
 * As {@link avgPool3d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await avgPool3dAsync({ data, shape: [1, 3, 16, 112, 112] }, { kernelSize: 3, stride: 2, padding: 1 });
 */
export const avgPool3dAsync = avgPool.async('avgPool3dAsync', 3) as AvgPoolAsyncFunction<3>;

/**
 * 1-D power-average (LP) pooling, as PyTorch's `torch.nn.functional.lp_pool1d` (`torch.nn.LPPool1d`).
 * `(sum of x^p over each window)^(1/p)`, for float arrays; `normType` is p.
 * @example
 * const result = lpPool1d({ data, shape: [1, 16, 100] }, { normType: 2, kernelSize: 2 });
 */
export const lpPool1d = lpPool.sync('lpPool1d', 1) as LpPoolFunction<1>;
/**
 * 2-D power-average (LP) pooling, as PyTorch's `torch.nn.functional.lp_pool2d` (`torch.nn.LPPool2d`).
 * `(sum of x^p over each window)^(1/p)`, for float arrays; `normType` is p.
 * @example
 * const result = lpPool2d({ data, shape: [1, 3, 224, 224] }, { normType: 2, kernelSize: 2 });
 */
export const lpPool2d = lpPool.sync('lpPool2d', 2) as LpPoolFunction<2>;
/**
 * 3-D power-average (LP) pooling, as PyTorch's `torch.nn.functional.lp_pool3d` (`torch.nn.LPPool3d`).
 * `(sum of x^p over each window)^(1/p)`, for float arrays; `normType` is p.
 * @example
 * const result = lpPool3d({ data, shape: [1, 3, 16, 112, 112] }, { normType: 2, kernelSize: 2 });
 */
export const lpPool3d = lpPool.sync('lpPool3d', 3) as LpPoolFunction<3>;
/**
 * As {@link lpPool1d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await lpPool1dAsync({ data, shape: [1, 16, 100] }, { normType: 2, kernelSize: 2 });
 */
export const lpPool1dAsync = lpPool.async('lpPool1dAsync', 1) as LpPoolAsyncFunction<1>;
/**
 * As {@link lpPool2d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await lpPool2dAsync({ data, shape: [1, 3, 224, 224] }, { normType: 2, kernelSize: 2 });
 */
export const lpPool2dAsync = lpPool.async('lpPool2dAsync', 2) as LpPoolAsyncFunction<2>;
/**
 * As {@link lpPool3d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await lpPool3dAsync({ data, shape: [1, 3, 16, 112, 112] }, { normType: 2, kernelSize: 2 });
 */
export const lpPool3dAsync = lpPool.async('lpPool3dAsync', 3) as LpPoolAsyncFunction<3>;

/**
 * 1-D adaptive average pooling, as PyTorch's `torch.nn.functional.adaptive_avg_pool1d` (`torch.nn.AdaptiveAvgPool1d`).
 * Averages over windows sized so the output has `outputSize` per spatial dim (`null` keeps
 * that dim); window i spans `[floor(i * in / out), ceil((i + 1) * in / out))`.
 * @example
 * const result = adaptiveAvgPool1d({ data, shape: [1, 16, 100] }, { outputSize: 10 });
 */
export const adaptiveAvgPool1d = adaptiveAvgPool.sync('adaptiveAvgPool1d', 1) as AdaptiveAvgPoolFunction<1>;
/**
 * 2-D adaptive average pooling, as PyTorch's `torch.nn.functional.adaptive_avg_pool2d` (`torch.nn.AdaptiveAvgPool2d`).
 * Averages over windows sized so the output has `outputSize` per spatial dim (`null` keeps
 * that dim); window i spans `[floor(i * in / out), ceil((i + 1) * in / out))`.
 * @example
 * const result = adaptiveAvgPool2d({ data, shape: [1, 3, 224, 224] }, { outputSize: [7, 7] });
 */
export const adaptiveAvgPool2d = adaptiveAvgPool.sync('adaptiveAvgPool2d', 2) as AdaptiveAvgPoolFunction<2>;
/**
 * 3-D adaptive average pooling, as PyTorch's `torch.nn.functional.adaptive_avg_pool3d` (`torch.nn.AdaptiveAvgPool3d`).
 * Averages over windows sized so the output has `outputSize` per spatial dim (`null` keeps
 * that dim); window i spans `[floor(i * in / out), ceil((i + 1) * in / out))`.
 * @example
 * const result = adaptiveAvgPool3d({ data, shape: [1, 3, 16, 112, 112] }, { outputSize: [4, 7, 7] });
 */
export const adaptiveAvgPool3d = adaptiveAvgPool.sync('adaptiveAvgPool3d', 3) as AdaptiveAvgPoolFunction<3>;
/**
 * As {@link adaptiveAvgPool1d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await adaptiveAvgPool1dAsync({ data, shape: [1, 16, 100] }, { outputSize: 10 });
 */
export const adaptiveAvgPool1dAsync = adaptiveAvgPool.async('adaptiveAvgPool1dAsync', 1) as AdaptiveAvgPoolAsyncFunction<1>;
/**
 * As {@link adaptiveAvgPool2d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await adaptiveAvgPool2dAsync({ data, shape: [1, 3, 224, 224] }, { outputSize: [7, 7] });
 */
export const adaptiveAvgPool2dAsync = adaptiveAvgPool.async('adaptiveAvgPool2dAsync', 2) as AdaptiveAvgPoolAsyncFunction<2>;
/**
 * As {@link adaptiveAvgPool3d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await adaptiveAvgPool3dAsync({ data, shape: [1, 3, 16, 112, 112] }, { outputSize: [4, 7, 7] });
 */
export const adaptiveAvgPool3dAsync = adaptiveAvgPool.async('adaptiveAvgPool3dAsync', 3) as AdaptiveAvgPoolAsyncFunction<3>;

/**
 * 1-D adaptive max pooling, as PyTorch's `torch.nn.functional.adaptive_max_pool1d` (`torch.nn.AdaptiveMaxPool1d`).
 * Maxima over windows sized so the output has `outputSize` per spatial dim, with indices on
 * request as {@link maxPool1d}.
 * @example
 * const result = adaptiveMaxPool1d({ data, shape: [1, 16, 100] }, { outputSize: 10 });
 */
export const adaptiveMaxPool1d = adaptiveMaxPool.sync('adaptiveMaxPool1d', 1) as AdaptiveMaxPoolFunction<1>;
/**
 * 2-D adaptive max pooling, as PyTorch's `torch.nn.functional.adaptive_max_pool2d` (`torch.nn.AdaptiveMaxPool2d`).
 * Maxima over windows sized so the output has `outputSize` per spatial dim, with indices on
 * request as {@link maxPool2d}.
 * @example
 * const result = adaptiveMaxPool2d({ data, shape: [1, 3, 224, 224] }, { outputSize: [7, 7] });
 */
export const adaptiveMaxPool2d = adaptiveMaxPool.sync('adaptiveMaxPool2d', 2) as AdaptiveMaxPoolFunction<2>;
/**
 * 3-D adaptive max pooling, as PyTorch's `torch.nn.functional.adaptive_max_pool3d` (`torch.nn.AdaptiveMaxPool3d`).
 * Maxima over windows sized so the output has `outputSize` per spatial dim, with indices on
 * request as {@link maxPool3d}.
 * @example
 * const result = adaptiveMaxPool3d({ data, shape: [1, 3, 16, 112, 112] }, { outputSize: [4, 7, 7] });
 */
export const adaptiveMaxPool3d = adaptiveMaxPool.sync('adaptiveMaxPool3d', 3) as AdaptiveMaxPoolFunction<3>;
/**
 * As {@link adaptiveMaxPool1d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await adaptiveMaxPool1dAsync({ data, shape: [1, 16, 100] }, { outputSize: 10 });
 */
export const adaptiveMaxPool1dAsync = adaptiveMaxPool.async('adaptiveMaxPool1dAsync', 1) as AdaptiveMaxPoolAsyncFunction<1>;
/**
 * As {@link adaptiveMaxPool2d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await adaptiveMaxPool2dAsync({ data, shape: [1, 3, 224, 224] }, { outputSize: [7, 7] });
 */
export const adaptiveMaxPool2dAsync = adaptiveMaxPool.async('adaptiveMaxPool2dAsync', 2) as AdaptiveMaxPoolAsyncFunction<2>;
/**
 * As {@link adaptiveMaxPool3d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await adaptiveMaxPool3dAsync({ data, shape: [1, 3, 16, 112, 112] }, { outputSize: [4, 7, 7] });
 */
export const adaptiveMaxPool3dAsync = adaptiveMaxPool.async('adaptiveMaxPool3dAsync', 3) as AdaptiveMaxPoolAsyncFunction<3>;

/**
 * Global average pooling: each whole (n, c) plane reduced to one value, the spatial dims kept
 * with size 1 (ONNX's `GlobalAveragePool`; PyTorch's `adaptive_avg_pool2d(x, 1)` in 2-D).
 * Float averages are summed in double and divided once.
 * @example
 * const pooled = globalAvgPool({ data: features, shape: [32, 512, 7, 7] }); // shape [32, 512, 1, 1]
 */
export const globalAvgPool = globalPool.sync('globalAvgPool', 'globalAvgPool') as GlobalPoolFunction;
/**
 * Global maximum pooling: each whole (n, c) plane reduced to one value, the spatial dims kept
 * with size 1 (ONNX's `GlobalMaxPool`; PyTorch's `adaptive_max_pool2d(x, 1)` in 2-D).
 * NaN wins, as in max pooling.
 * @example
 * const pooled = globalMaxPool({ data: features, shape: [32, 512, 7, 7] }); // shape [32, 512, 1, 1]
 */
export const globalMaxPool = globalPool.sync('globalMaxPool', 'globalMaxPool') as GlobalPoolFunction;
/**
 * As {@link globalAvgPool}, off the JavaScript thread (the caller's arrays in place until it settles).
 * @example
 * const pooled = await globalAvgPoolAsync({ data: features, shape: [32, 512, 7, 7] });
 */
export const globalAvgPoolAsync = globalPool.async('globalAvgPoolAsync', 'globalAvgPool') as GlobalPoolAsyncFunction;
/**
 * As {@link globalMaxPool}, off the JavaScript thread (the caller's arrays in place until it settles).
 * @example
 * const pooled = await globalMaxPoolAsync({ data: features, shape: [32, 512, 7, 7] });
 */
export const globalMaxPoolAsync = globalPool.async('globalMaxPoolAsync', 'globalMaxPool') as GlobalPoolAsyncFunction;

/**
 * 1-D max-unpooling, as PyTorch's `torch.nn.functional.max_unpool1d` (`torch.nn.MaxUnpool1d`).
 * The inverse of {@link maxPool1d} with `returnIndices`: zeros everywhere but each value at
 * its index (with duplicates, the last in input order wins).
 * @example
 * const result = maxUnpool1d(output, indices, { kernelSize: 2 });
 */
export const maxUnpool1d = maxUnpool.sync('maxUnpool1d', 1) as MaxUnpoolFunction;
/**
 * 2-D max-unpooling, as PyTorch's `torch.nn.functional.max_unpool2d` (`torch.nn.MaxUnpool2d`).
 * The inverse of {@link maxPool2d} with `returnIndices`: zeros everywhere but each value at
 * its index (with duplicates, the last in input order wins).
 * @example
 * const result = maxUnpool2d(output, indices, { kernelSize: 2 });
 */
export const maxUnpool2d = maxUnpool.sync('maxUnpool2d', 2) as MaxUnpoolFunction;
/**
 * 3-D max-unpooling, as PyTorch's `torch.nn.functional.max_unpool3d` (`torch.nn.MaxUnpool3d`).
 * The inverse of {@link maxPool3d} with `returnIndices`: zeros everywhere but each value at
 * its index (with duplicates, the last in input order wins).
 * @example
 * const result = maxUnpool3d(output, indices, { kernelSize: 2 });
 */
export const maxUnpool3d = maxUnpool.sync('maxUnpool3d', 3) as MaxUnpoolFunction;
/**
 * As {@link maxUnpool1d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await maxUnpool1dAsync(output, indices, { kernelSize: 2 });
 */
export const maxUnpool1dAsync = maxUnpool.async('maxUnpool1dAsync', 1) as MaxUnpoolAsyncFunction;
/**
 * As {@link maxUnpool2d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await maxUnpool2dAsync(output, indices, { kernelSize: 2 });
 */
export const maxUnpool2dAsync = maxUnpool.async('maxUnpool2dAsync', 2) as MaxUnpoolAsyncFunction;
/**
 * As {@link maxUnpool3d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const result = await maxUnpool3dAsync(output, indices, { kernelSize: 2 });
 */
export const maxUnpool3dAsync = maxUnpool.async('maxUnpool3dAsync', 3) as MaxUnpoolAsyncFunction;

/**
 * 2-D fractional max pooling, as PyTorch's `torch.nn.functional.fractional_max_pool2d` (`torch.nn.FractionalMaxPool2d`):
 * kernel-sized windows at pseudo-random, overlapping places per (n, c) plane, which shrink the
 * input by a non-integer factor (`outputSize` or `outputRatio`). With the same `samples` as
 * PyTorch's `_random_samples` the result is PyTorch's bit for bit; otherwise they are drawn from
 * `seed`. Max rule and indices as {@link maxPool2d} (the indices suit {@link maxUnpool2d}).
 * @example
 * const result = fractionalMaxPool2d({ data, shape: [1, 3, 64, 64] }, { kernelSize: 2, outputRatio: 0.7, seed: 42 });
 */
export const fractionalMaxPool2d = fractionalMaxPool.sync('fractionalMaxPool2d', 2) as FractionalMaxPoolFunction<2>;
/**
 * 3-D fractional max pooling, as PyTorch's `torch.nn.functional.fractional_max_pool3d` (`torch.nn.FractionalMaxPool3d`):
 * kernel-sized windows at pseudo-random, overlapping places per (n, c) plane, which shrink the
 * input by a non-integer factor (`outputSize` or `outputRatio`). With the same `samples` as
 * PyTorch's `_random_samples` the result is PyTorch's bit for bit; otherwise they are drawn from
 * `seed`. Max rule and indices as {@link maxPool3d} (the indices suit {@link maxUnpool3d}).
 * @example
 * const result = fractionalMaxPool3d({ data, shape: [1, 3, 16, 64, 64] }, { kernelSize: 2, outputRatio: 0.7, seed: 42 });
 */
export const fractionalMaxPool3d = fractionalMaxPool.sync('fractionalMaxPool3d', 3) as FractionalMaxPoolFunction<3>;
/**
 * As {@link fractionalMaxPool2d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const { output, indices } = await fractionalMaxPool2dAsync(input, { kernelSize: 2, outputRatio: 0.5, returnIndices: true });
 */
export const fractionalMaxPool2dAsync = fractionalMaxPool.async(
  'fractionalMaxPool2dAsync',
  2,
) as FractionalMaxPoolAsyncFunction<2>;
/**
 * As {@link fractionalMaxPool3d}, off the JavaScript thread: the kernels run on poolnd's threads and the promise
 * settles with the same result. The caller's arrays are used in place: do not write, transfer,
 * detach or resize them until it settles.
 * @example
 * const { output, indices } = await fractionalMaxPool3dAsync(input, { kernelSize: 2, outputRatio: 0.5, returnIndices: true });
 */
export const fractionalMaxPool3dAsync = fractionalMaxPool.async(
  'fractionalMaxPool3dAsync',
  3,
) as FractionalMaxPoolAsyncFunction<3>;

export { poolOutputSize, poolOutputShape, samePadding } from './shape';
export { convOutputSize, convOutputShape, planLayers } from './planner';
export { setNumThreads, getNumThreads, simdLevel, info } from './runtime';
