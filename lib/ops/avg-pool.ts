// avgPool1d/2d/3d and their async variants.
import type { SpatialRank } from '../shape';
import { checkAveragedElements, type PoolArray, product, type Tensor } from '../tensor';
import { booleanOption, integerAtLeast } from '../validate';
import { defineOp, type PreparedCall } from './define-op';
import type { TensorAsyncFunction, TensorFunction } from './signatures';
import { type ModelInputOptions, modelInputOptionNames } from './model-input';
import { prepareWindowedPool, windowedOptionNames, type WindowedPoolOptions } from './prepare-pool';

export interface AvgPoolOptions<T extends PoolArray = PoolArray, D extends SpatialRank = SpatialRank>
  extends WindowedPoolOptions<T, D>, ModelInputOptions {
  /** Count padding taps inside `input + padEnd` in the divisor (PyTorch's default). */
  countIncludePad?: boolean;
  /** A positive integer that replaces the divisor. */
  divisorOverride?: number;
}

export type AvgPoolFunction<D extends SpatialRank = SpatialRank> = TensorFunction<'avgPool', D>;
export type AvgPoolAsyncFunction<D extends SpatialRank = SpatialRank> = TensorAsyncFunction<'avgPool', D>;

const avgPoolOptionNames = new Set([...windowedOptionNames, 'countIncludePad', 'divisorOverride', ...modelInputOptionNames]);

function prepareAvgPool(fn: string, spatialDims: number, input: unknown, options: unknown): PreparedCall<Tensor> {
  const prepared = prepareWindowedPool(fn, spatialDims, input, options, avgPoolOptionNames);
  const opts = options as AvgPoolOptions;
  const countIncludePad = booleanOption(fn, 'countIncludePad', opts.countIncludePad, true);
  checkAveragedElements(
    fn,
    prepared.input.arrayType,
    product(prepared.window.kernelSize),
    "option 'kernelSize'",
    opts.kernelSize,
  );
  const divisorOverride =
    opts.divisorOverride === undefined ? 0 : integerAtLeast(fn, "option 'divisorOverride'", opts.divisorOverride, 1);
  return {
    call: {
      operation: 'avgPool',
      input: prepared.input,
      window: prepared.window,
      output: prepared.output,
      outputFromCaller: prepared.outputFromCaller,
      indices: null,
      countIncludePad,
      divisorOverride,
      conversion: prepared.conversion,
    },
    result: () => ({ data: prepared.output, shape: prepared.outputShape }),
  };
}

export const avgPool = defineOp(prepareAvgPool);
