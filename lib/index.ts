// poolnd: exact, fast deep-learning pooling for Node.js. The whole public API, on one screen.
import { makeAvgPool, makeAvgPoolAsync } from './ops/avg-pool';
import { makeMaxPool, makeMaxPoolAsync } from './ops/max-pool';

export type { PoolArray, Tensor, TensorLike } from './tensor';
export type { Padding, WindowOptions, OneDimWindowOptions } from './shape';
export type { WindowedPoolOptions } from './ops/windowed';
export type { MaxPoolOptions, MaxPoolWithIndices, MaxPoolFunction, MaxPoolAsyncFunction } from './ops/max-pool';
export type { AvgPoolOptions, AvgPoolFunction, AvgPoolAsyncFunction } from './ops/avg-pool';
export type { SimdLevel, PoolndInfo } from './runtime';
export type { ErrorCode, PoolndError } from './validate';

export const maxPool1d = makeMaxPool('maxPool1d', 1);
export const maxPool2d = makeMaxPool('maxPool2d', 2);
export const maxPool3d = makeMaxPool('maxPool3d', 3);
export const maxPool1dAsync = makeMaxPoolAsync('maxPool1dAsync', 1);
export const maxPool2dAsync = makeMaxPoolAsync('maxPool2dAsync', 2);
export const maxPool3dAsync = makeMaxPoolAsync('maxPool3dAsync', 3);

export const avgPool1d = makeAvgPool('avgPool1d', 1);
export const avgPool2d = makeAvgPool('avgPool2d', 2);
export const avgPool3d = makeAvgPool('avgPool3d', 3);
export const avgPool1dAsync = makeAvgPoolAsync('avgPool1dAsync', 1);
export const avgPool2dAsync = makeAvgPoolAsync('avgPool2dAsync', 2);
export const avgPool3dAsync = makeAvgPoolAsync('avgPool3dAsync', 3);

export { poolOutputSize, poolOutputShape, samePadding } from './shape';
export { setNumThreads, getNumThreads, simdLevel, info } from './runtime';
