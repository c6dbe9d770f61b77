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
import { globalPool, type GlobalPoolAsyncFunction, type GlobalPoolFunction } from './ops/global';
import { lpPool, type LpPoolAsyncFunction, type LpPoolFunction } from './ops/lp-pool';
import { maxPool, type MaxPoolAsyncFunction, type MaxPoolFunction } from './ops/max-pool';
import { maxUnpool, type MaxUnpoolAsyncFunction, type MaxUnpoolFunction } from './ops/max-unpool';

export type { PoolArray, Tensor, TensorLike } from './tensor';
export type { Padding, WindowOptions, OneDimWindowOptions } from './shape';
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
export type { MaxUnpoolOptions, MaxUnpoolFunction, MaxUnpoolAsyncFunction } from './ops/max-unpool';
export type { SimdLevel, PoolndInfo } from './runtime';
export type { ErrorCode, PoolndError } from './validate';

export const maxPool1d = maxPool.sync('maxPool1d', 1) as MaxPoolFunction<1>;
export const maxPool2d = maxPool.sync('maxPool2d', 2) as MaxPoolFunction<2>;
export const maxPool3d = maxPool.sync('maxPool3d', 3) as MaxPoolFunction<3>;
export const maxPool1dAsync = maxPool.async('maxPool1dAsync', 1) as MaxPoolAsyncFunction<1>;
export const maxPool2dAsync = maxPool.async('maxPool2dAsync', 2) as MaxPoolAsyncFunction<2>;
export const maxPool3dAsync = maxPool.async('maxPool3dAsync', 3) as MaxPoolAsyncFunction<3>;

export const avgPool1d = avgPool.sync('avgPool1d', 1) as AvgPoolFunction<1>;
export const avgPool2d = avgPool.sync('avgPool2d', 2) as AvgPoolFunction<2>;
export const avgPool3d = avgPool.sync('avgPool3d', 3) as AvgPoolFunction<3>;
export const avgPool1dAsync = avgPool.async('avgPool1dAsync', 1) as AvgPoolAsyncFunction<1>;
export const avgPool2dAsync = avgPool.async('avgPool2dAsync', 2) as AvgPoolAsyncFunction<2>;
export const avgPool3dAsync = avgPool.async('avgPool3dAsync', 3) as AvgPoolAsyncFunction<3>;

export const lpPool1d = lpPool.sync('lpPool1d', 1) as LpPoolFunction<1>;
export const lpPool2d = lpPool.sync('lpPool2d', 2) as LpPoolFunction<2>;
export const lpPool3d = lpPool.sync('lpPool3d', 3) as LpPoolFunction<3>;
export const lpPool1dAsync = lpPool.async('lpPool1dAsync', 1) as LpPoolAsyncFunction<1>;
export const lpPool2dAsync = lpPool.async('lpPool2dAsync', 2) as LpPoolAsyncFunction<2>;
export const lpPool3dAsync = lpPool.async('lpPool3dAsync', 3) as LpPoolAsyncFunction<3>;

export const adaptiveAvgPool1d = adaptiveAvgPool.sync('adaptiveAvgPool1d', 1) as AdaptiveAvgPoolFunction<1>;
export const adaptiveAvgPool2d = adaptiveAvgPool.sync('adaptiveAvgPool2d', 2) as AdaptiveAvgPoolFunction<2>;
export const adaptiveAvgPool3d = adaptiveAvgPool.sync('adaptiveAvgPool3d', 3) as AdaptiveAvgPoolFunction<3>;
export const adaptiveAvgPool1dAsync = adaptiveAvgPool.async('adaptiveAvgPool1dAsync', 1) as AdaptiveAvgPoolAsyncFunction<1>;
export const adaptiveAvgPool2dAsync = adaptiveAvgPool.async('adaptiveAvgPool2dAsync', 2) as AdaptiveAvgPoolAsyncFunction<2>;
export const adaptiveAvgPool3dAsync = adaptiveAvgPool.async('adaptiveAvgPool3dAsync', 3) as AdaptiveAvgPoolAsyncFunction<3>;

export const adaptiveMaxPool1d = adaptiveMaxPool.sync('adaptiveMaxPool1d', 1) as AdaptiveMaxPoolFunction<1>;
export const adaptiveMaxPool2d = adaptiveMaxPool.sync('adaptiveMaxPool2d', 2) as AdaptiveMaxPoolFunction<2>;
export const adaptiveMaxPool3d = adaptiveMaxPool.sync('adaptiveMaxPool3d', 3) as AdaptiveMaxPoolFunction<3>;
export const adaptiveMaxPool1dAsync = adaptiveMaxPool.async('adaptiveMaxPool1dAsync', 1) as AdaptiveMaxPoolAsyncFunction<1>;
export const adaptiveMaxPool2dAsync = adaptiveMaxPool.async('adaptiveMaxPool2dAsync', 2) as AdaptiveMaxPoolAsyncFunction<2>;
export const adaptiveMaxPool3dAsync = adaptiveMaxPool.async('adaptiveMaxPool3dAsync', 3) as AdaptiveMaxPoolAsyncFunction<3>;

export const globalAvgPool = globalPool.sync('globalAvgPool', 'globalAvgPool') as GlobalPoolFunction;
export const globalMaxPool = globalPool.sync('globalMaxPool', 'globalMaxPool') as GlobalPoolFunction;
export const globalAvgPoolAsync = globalPool.async('globalAvgPoolAsync', 'globalAvgPool') as GlobalPoolAsyncFunction;
export const globalMaxPoolAsync = globalPool.async('globalMaxPoolAsync', 'globalMaxPool') as GlobalPoolAsyncFunction;

export const maxUnpool1d = maxUnpool.sync('maxUnpool1d', 1) as MaxUnpoolFunction;
export const maxUnpool2d = maxUnpool.sync('maxUnpool2d', 2) as MaxUnpoolFunction;
export const maxUnpool3d = maxUnpool.sync('maxUnpool3d', 3) as MaxUnpoolFunction;
export const maxUnpool1dAsync = maxUnpool.async('maxUnpool1dAsync', 1) as MaxUnpoolAsyncFunction;
export const maxUnpool2dAsync = maxUnpool.async('maxUnpool2dAsync', 2) as MaxUnpoolAsyncFunction;
export const maxUnpool3dAsync = maxUnpool.async('maxUnpool3dAsync', 3) as MaxUnpoolAsyncFunction;

export { poolOutputSize, poolOutputShape, samePadding } from './shape';
export { setNumThreads, getNumThreads, simdLevel, info } from './runtime';
