// maxPool1d/2d/3d and their async variants.
import type { PoolCall } from '../native';
import type { PoolArray, Tensor, TensorLike } from '../tensor';
import { outputArray } from '../tensor';
import { booleanOption, rangeError } from '../validate';
import { asynchronousOp, type PreparedCall, prepareWindowedPool, synchronousOp, type WindowedPoolOptions } from './windowed';

export interface MaxPoolOptions<T extends PoolArray = PoolArray> extends WindowedPoolOptions<T> {
  /** Also return each maximum's flat offset within its (n, c) spatial plane. */
  returnIndices?: boolean;
  /** Write the indices here (requires returnIndices). */
  indicesOut?: Int32Array;
}

export interface MaxPoolWithIndices<T extends PoolArray = PoolArray> {
  output: Tensor<T>;
  indices: Tensor<Int32Array>;
}

export interface MaxPoolFunction {
  <T extends PoolArray>(input: TensorLike<T>, options: MaxPoolOptions<T> & { returnIndices: true }): MaxPoolWithIndices<T>;
  <T extends PoolArray>(input: TensorLike<T>, options: MaxPoolOptions<T> & { returnIndices?: false }): Tensor<T>;
  <T extends PoolArray>(input: TensorLike<T>, options: MaxPoolOptions<T>): Tensor<T> | MaxPoolWithIndices<T>;
}

export interface MaxPoolAsyncFunction {
  <T extends PoolArray>(input: TensorLike<T>, options: MaxPoolOptions<T> & { returnIndices: true }): Promise<MaxPoolWithIndices<T>>;
  <T extends PoolArray>(input: TensorLike<T>, options: MaxPoolOptions<T> & { returnIndices?: false }): Promise<Tensor<T>>;
  <T extends PoolArray>(input: TensorLike<T>, options: MaxPoolOptions<T>): Promise<Tensor<T> | MaxPoolWithIndices<T>>;
}

// The largest plane whose offsets fit the Int32Array of indices.
const maxIndexedPlane = 2 ** 31 - 1;

function prepareMaxPool(fn: string, spatialDims: number, input: unknown, options: unknown): PreparedCall<Tensor | MaxPoolWithIndices> {
  const prepared = prepareWindowedPool(fn, spatialDims, input, options);
  const { input: tensor, output, outputShape } = prepared;
  const opts = options as MaxPoolOptions;
  const returnIndices = booleanOption(fn, 'returnIndices', opts.returnIndices, false);
  let indices: Int32Array | null = null;
  if (opts.indicesOut !== undefined && !returnIndices) {
    throw rangeError(fn, "option 'returnIndices'", "true when 'indicesOut' is given", opts.returnIndices);
  }
  if (returnIndices) {
    const plane = tensor.spatial.reduce((product, size) => product * size, 1);
    if (plane > maxIndexedPlane) {
      throw rangeError(fn, 'input.shape', `a spatial plane of at most ${maxIndexedPlane} elements with returnIndices`, tensor.shape);
    }
    indices = outputArray(fn, 'indicesOut', opts.indicesOut, 'Int32Array', output.length, [tensor.data, output]) as Int32Array;
  }
  const call: PoolCall = { operation: 'max', ...prepared, indices, countIncludePad: false, divisorOverride: 0 };
  const outputTensor = { data: output, shape: outputShape };
  return {
    call,
    result: () => (indices ? { output: outputTensor, indices: { data: indices, shape: outputShape.slice() } } : outputTensor),
  };
}

export function makeMaxPool(fn: string, spatialDims: number): MaxPoolFunction {
  return synchronousOp((input, options) => prepareMaxPool(fn, spatialDims, input, options)) as MaxPoolFunction;
}

export function makeMaxPoolAsync(fn: string, spatialDims: number): MaxPoolAsyncFunction {
  return asynchronousOp((input, options) => prepareMaxPool(fn, spatialDims, input, options)) as MaxPoolAsyncFunction;
}
