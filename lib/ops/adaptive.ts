// adaptiveAvgPool1d/2d/3d, adaptiveMaxPool1d/2d/3d and their async variants.
import type { PoolCall } from '../native';
import { adaptiveOutputSize, type PerDim, type SpatialRank } from '../shape';
import { checkAveragedElements, isFloatArrayType, type PoolArray, product, type Tensor } from '../tensor';
import { type MaxIndicesOptions, maxIndicesArray, maxIndicesOptionNames, maxResult, type MaxPoolWithIndices } from './max-pool';
import { globalCall } from './global';
import { defineOp, type PreparedCall } from './define-op';
import { type ModelInputOptions, modelInputOptionNames } from './model-input';
import { type PreparedPool, preparePool } from './prepare-pool';
import type { MaxAsyncFunction, MaxFunction, TensorAsyncFunction, TensorFunction } from './signatures';

export interface AdaptivePoolOptions<
  T extends PoolArray = PoolArray,
  D extends SpatialRank = SpatialRank,
> extends ModelInputOptions {
  /** Output size per spatial dim (one number for all); null keeps that dim's input size (PyTorch's `output_size`). */
  outputSize: number | PerDim<number | null, D>;
  /** `(N, *spatial, C)` instead of `(N, C, *spatial)`. */
  channelsLast?: boolean;
  /** Write the result here instead of a new array. */
  out?: T;
}

export interface AdaptiveMaxPoolOptions<T extends PoolArray = PoolArray, D extends SpatialRank = SpatialRank>
  extends AdaptivePoolOptions<T, D>, MaxIndicesOptions {}

export type AdaptiveAvgPoolFunction<D extends SpatialRank = SpatialRank> = TensorFunction<'adaptiveAvgPool', D>;
export type AdaptiveAvgPoolAsyncFunction<D extends SpatialRank = SpatialRank> = TensorAsyncFunction<'adaptiveAvgPool', D>;
export type AdaptiveMaxPoolFunction<D extends SpatialRank = SpatialRank> = MaxFunction<'adaptiveMaxPool', D>;
export type AdaptiveMaxPoolAsyncFunction<D extends SpatialRank = SpatialRank> = MaxAsyncFunction<'adaptiveMaxPool', D>;

const adaptiveAvgPoolOptionNames = new Set(['outputSize', 'channelsLast', 'out', ...modelInputOptionNames]);
const adaptiveMaxPoolOptionNames = new Set([...adaptiveAvgPoolOptionNames, ...maxIndicesOptionNames]);

function prepareAdaptivePool(
  fn: string,
  spatialDims: number,
  input: unknown,
  options: unknown,
  optionNames: ReadonlySet<string>,
): PreparedPool<{ outputSize: number[] }> {
  return preparePool(fn, spatialDims, input, options, optionNames, (opts, tensor) => ({
    outputSize: adaptiveOutputSize(fn, opts.outputSize, tensor.spatial),
  }));
}

function prepareAdaptiveAvgPool(fn: string, spatialDims: number, input: unknown, options: unknown): PreparedCall<Tensor> {
  const prepared = prepareAdaptivePool(fn, spatialDims, input, options, adaptiveAvgPoolOptionNames);
  const { input: tensor, window, outputShape, output, outputFromCaller, conversion } = prepared;
  const { outputSize } = window;
  // One output per plane is global average pooling, as in PyTorch (which takes the mean there).
  // Converted integer averages stay adaptive: the global kernels round them.
  let call: PoolCall;
  if (outputSize.every((size) => size === 1) && (conversion === undefined || isFloatArrayType(tensor.arrayType))) {
    call = { ...globalCall(fn, 'globalAvgPool', tensor, output, outputFromCaller), conversion };
  } else {
    checkAveragedElements(fn, tensor.arrayType, product(tensor.spatial), 'input.shape', tensor.shape);
    const windowKind = 'adaptive';
    call = { operation: 'avgPool', windowKind, input: tensor, window, output, indices: null, outputFromCaller, conversion };
  }
  return { call, result: () => ({ data: output, shape: outputShape }) };
}

function prepareAdaptiveMaxPool(
  fn: string,
  spatialDims: number,
  input: unknown,
  options: unknown,
): PreparedCall<Tensor | MaxPoolWithIndices> {
  const prepared = prepareAdaptivePool(fn, spatialDims, input, options, adaptiveMaxPoolOptionNames);
  const { input: tensor, window, outputShape, output, outputFromCaller, conversion } = prepared;
  const indices = maxIndicesArray(fn, options as AdaptiveMaxPoolOptions, tensor, output);
  const indicesFromCaller = (options as AdaptiveMaxPoolOptions).indicesOut !== undefined;
  return {
    call: {
      operation: 'maxPool',
      windowKind: 'adaptive',
      input: tensor,
      window,
      output,
      indices,
      outputFromCaller,
      indicesFromCaller,
      conversion,
    },
    result: () => maxResult(output, outputShape, indices),
  };
}

export const adaptiveAvgPool = defineOp(prepareAdaptiveAvgPool);
export const adaptiveMaxPool = defineOp(prepareAdaptiveMaxPool);
