// poolnd: exact, fast deep-learning pooling for Node.js. The whole public API, on one screen.
import { makeAdaptiveAvgPool, makeAdaptiveAvgPoolAsync, makeAdaptiveMaxPool, makeAdaptiveMaxPoolAsync } from './ops/adaptive';
import { makeAvgPool, makeAvgPoolAsync } from './ops/avg-pool';
import { makeGlobalPool, makeGlobalPoolAsync } from './ops/global';
import { makeLpPool, makeLpPoolAsync } from './ops/lp-pool';
import { makeMaxPool, makeMaxPoolAsync } from './ops/max-pool';
import { makeMaxUnpool, makeMaxUnpoolAsync } from './ops/max-unpool';

export type { PoolArray, Tensor, TensorLike } from './tensor';
export type { Padding, WindowOptions, OneDimWindowOptions } from './shape';
export type { WindowedPoolOptions } from './ops/windowed';
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

export const lpPool1d = makeLpPool('lpPool1d', 1);
export const lpPool2d = makeLpPool('lpPool2d', 2);
export const lpPool3d = makeLpPool('lpPool3d', 3);
export const lpPool1dAsync = makeLpPoolAsync('lpPool1dAsync', 1);
export const lpPool2dAsync = makeLpPoolAsync('lpPool2dAsync', 2);
export const lpPool3dAsync = makeLpPoolAsync('lpPool3dAsync', 3);

export const adaptiveAvgPool1d = makeAdaptiveAvgPool('adaptiveAvgPool1d', 1);
export const adaptiveAvgPool2d = makeAdaptiveAvgPool('adaptiveAvgPool2d', 2);
export const adaptiveAvgPool3d = makeAdaptiveAvgPool('adaptiveAvgPool3d', 3);
export const adaptiveAvgPool1dAsync = makeAdaptiveAvgPoolAsync('adaptiveAvgPool1dAsync', 1);
export const adaptiveAvgPool2dAsync = makeAdaptiveAvgPoolAsync('adaptiveAvgPool2dAsync', 2);
export const adaptiveAvgPool3dAsync = makeAdaptiveAvgPoolAsync('adaptiveAvgPool3dAsync', 3);

export const adaptiveMaxPool1d = makeAdaptiveMaxPool('adaptiveMaxPool1d', 1);
export const adaptiveMaxPool2d = makeAdaptiveMaxPool('adaptiveMaxPool2d', 2);
export const adaptiveMaxPool3d = makeAdaptiveMaxPool('adaptiveMaxPool3d', 3);
export const adaptiveMaxPool1dAsync = makeAdaptiveMaxPoolAsync('adaptiveMaxPool1dAsync', 1);
export const adaptiveMaxPool2dAsync = makeAdaptiveMaxPoolAsync('adaptiveMaxPool2dAsync', 2);
export const adaptiveMaxPool3dAsync = makeAdaptiveMaxPoolAsync('adaptiveMaxPool3dAsync', 3);

export const globalAvgPool = makeGlobalPool('globalAvgPool', 'globalAvgPool');
export const globalMaxPool = makeGlobalPool('globalMaxPool', 'globalMaxPool');
export const globalAvgPoolAsync = makeGlobalPoolAsync('globalAvgPoolAsync', 'globalAvgPool');
export const globalMaxPoolAsync = makeGlobalPoolAsync('globalMaxPoolAsync', 'globalMaxPool');

export const maxUnpool1d = makeMaxUnpool('maxUnpool1d', 1);
export const maxUnpool2d = makeMaxUnpool('maxUnpool2d', 2);
export const maxUnpool3d = makeMaxUnpool('maxUnpool3d', 3);
export const maxUnpool1dAsync = makeMaxUnpoolAsync('maxUnpool1dAsync', 1);
export const maxUnpool2dAsync = makeMaxUnpoolAsync('maxUnpool2dAsync', 2);
export const maxUnpool3dAsync = makeMaxUnpoolAsync('maxUnpool3dAsync', 3);

export { poolOutputSize, poolOutputShape, samePadding } from './shape';
export { setNumThreads, getNumThreads, simdLevel, info } from './runtime';
