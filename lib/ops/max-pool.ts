// maxPool1d/2d/3d and their async variants.
import type { SpatialRank } from '../shape';
import type { InputTensor, PoolArray, Tensor } from '../tensor';
import { arrayLength, outputArray, product } from '../tensor';
import { booleanOption, rangeError } from '../validate';
import { defineOp, type PreparedCall } from './define-op';
import type { MaxAsyncFunction, MaxFunction } from './signatures';
import { type ModelInputOptions, modelInputOptionNames } from './model-input';
import { prepareWindowedPool, windowedOptionNames, type WindowedPoolOptions } from './prepare-pool';

export interface MaxPoolOptions<T extends PoolArray = PoolArray, D extends SpatialRank = SpatialRank>
  extends WindowedPoolOptions<T, D>, MaxIndicesOptions, ModelInputOptions {}

export interface MaxPoolWithIndices<T extends PoolArray = PoolArray> {
  output: Tensor<T>;
  indices: Tensor<Int32Array>;
}

export type MaxPoolFunction<D extends SpatialRank = SpatialRank> = MaxFunction<'maxPool', D>;
export type MaxPoolAsyncFunction<D extends SpatialRank = SpatialRank> = MaxAsyncFunction<'maxPool', D>;

// The largest plane whose offsets fit the Int32Array of indices.
const maxIndexedPlane = 2 ** 31 - 1;

export interface MaxIndicesOptions {
  /** Also return each maximum's flat offset within its (n, c) spatial plane. */
  returnIndices?: boolean;
  /** Write the indices here (requires returnIndices). */
  indicesOut?: Int32Array;
}

/** The indices array a max op fills (checked `indicesOut` or a new one), or null without returnIndices. */
export function maxIndicesArray(
  fn: string,
  options: MaxIndicesOptions,
  tensor: InputTensor,
  output: PoolArray,
): Int32Array | null {
  const returnIndices = booleanOption(fn, 'returnIndices', options.returnIndices, false);
  if (options.indicesOut !== undefined && !returnIndices) {
    throw rangeError(fn, "option 'returnIndices'", "true when 'indicesOut' is given", options.returnIndices);
  }
  if (!returnIndices) return null;
  const plane = product(tensor.spatial);
  if (plane > maxIndexedPlane) {
    throw rangeError(
      fn,
      'input.shape',
      `a spatial plane of at most ${maxIndexedPlane} elements with returnIndices`,
      tensor.shape,
    );
  }
  return outputArray(fn, 'indicesOut', options.indicesOut, 'Int32Array', arrayLength(output), [
    tensor.data,
    output,
  ]) as Int32Array;
}

/** A max op's result: the output tensor, or it with its indices. */
export function maxResult(output: PoolArray, outputShape: number[], indices: Int32Array | null): Tensor | MaxPoolWithIndices {
  const outputTensor = { data: output, shape: outputShape };
  return indices ? { output: outputTensor, indices: { data: indices, shape: outputShape.slice() } } : outputTensor;
}

/** What a max op adds to its family's options. */
export const maxIndicesOptionNames = ['returnIndices', 'indicesOut'] as const;
const maxPoolOptionNames = new Set([...windowedOptionNames, ...maxIndicesOptionNames, ...modelInputOptionNames]);

function prepareMaxPool(
  fn: string,
  spatialDims: number,
  input: unknown,
  options: unknown,
): PreparedCall<Tensor | MaxPoolWithIndices> {
  const prepared = prepareWindowedPool(fn, spatialDims, input, options, maxPoolOptionNames);
  const indices = maxIndicesArray(fn, options as MaxPoolOptions, prepared.input, prepared.output);
  return {
    call: {
      operation: 'maxPool',
      input: prepared.input,
      window: prepared.window,
      output: prepared.output,
      indices,
      outputFromCaller: prepared.outputFromCaller,
      indicesFromCaller: (options as MaxIndicesOptions).indicesOut !== undefined,
      conversion: prepared.conversion,
    },
    result: () => maxResult(prepared.output, prepared.outputShape, indices),
  };
}

export const maxPool = defineOp(prepareMaxPool);
