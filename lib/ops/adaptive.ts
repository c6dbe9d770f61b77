// adaptiveAvgPool1d/2d/3d, adaptiveMaxPool1d/2d/3d and their async variants.
import type { PoolCall } from '../native';
import { adaptiveOutputSize } from '../shape';
import { checkExactSum, type InputTensor, outputArray, type PoolArray, readInputTensor, resultShape, type Tensor, type TensorLike } from '../tensor';
import { booleanOption, isObject, typeError } from '../validate';
import { type MaxIndicesOptions, maxIndicesArray, maxResult, type MaxPoolWithIndices } from './max-pool';
import { globalCall } from './global';
import { asynchronousOp, type PreparedCall, synchronousOp } from './windowed';

export interface AdaptivePoolOptions<T extends PoolArray = PoolArray> {
  /** Output size per spatial dim (one number for all); null keeps that dim's input size. */
  outputSize: number | (number | null)[];
  /** `(N, *spatial, C)` instead of `(N, C, *spatial)`. */
  channelsLast?: boolean;
  /** Write the result here instead of a new array. */
  out?: T;
}

export interface AdaptiveMaxPoolOptions<T extends PoolArray = PoolArray> extends AdaptivePoolOptions<T>, MaxIndicesOptions {}

export type AdaptiveAvgPoolFunction = <T extends PoolArray>(input: TensorLike<T>, options: AdaptivePoolOptions<T>) => Tensor<T>;
export type AdaptiveAvgPoolAsyncFunction = <T extends PoolArray>(
  input: TensorLike<T>,
  options: AdaptivePoolOptions<T>,
) => Promise<Tensor<T>>;

export interface AdaptiveMaxPoolFunction {
  <T extends PoolArray>(input: TensorLike<T>, options: AdaptiveMaxPoolOptions<T> & { returnIndices: true }): MaxPoolWithIndices<T>;
  <T extends PoolArray>(input: TensorLike<T>, options: AdaptiveMaxPoolOptions<T> & { returnIndices?: false }): Tensor<T>;
  <T extends PoolArray>(input: TensorLike<T>, options: AdaptiveMaxPoolOptions<T>): Tensor<T> | MaxPoolWithIndices<T>;
}

export interface AdaptiveMaxPoolAsyncFunction {
  <T extends PoolArray>(input: TensorLike<T>, options: AdaptiveMaxPoolOptions<T> & { returnIndices: true }): Promise<MaxPoolWithIndices<T>>;
  <T extends PoolArray>(input: TensorLike<T>, options: AdaptiveMaxPoolOptions<T> & { returnIndices?: false }): Promise<Tensor<T>>;
  <T extends PoolArray>(input: TensorLike<T>, options: AdaptiveMaxPoolOptions<T>): Promise<Tensor<T> | MaxPoolWithIndices<T>>;
}

interface PreparedAdaptivePool {
  input: InputTensor;
  outputSize: number[];
  outputShape: number[];
  output: PoolArray;
}

function prepareAdaptivePool(fn: string, spatialDims: number, input: unknown, options: unknown): PreparedAdaptivePool {
  if (!isObject(options)) throw typeError(fn, 'options', 'an object', options);
  const channelsLast = booleanOption(fn, 'channelsLast', options.channelsLast, false);
  const tensor = readInputTensor(fn, input, spatialDims, channelsLast);
  const outputSize = adaptiveOutputSize(fn, options.outputSize, tensor.spatial);
  const outputShape = resultShape(tensor, outputSize);
  const length = outputShape.reduce((product, size) => product * size, 1);
  const output = outputArray(fn, 'out', options.out, tensor.arrayType, length, [tensor.data]);
  return { input: tensor, outputSize, outputShape, output };
}

function prepareAdaptiveAvgPool(fn: string, spatialDims: number, input: unknown, options: unknown): PreparedCall<Tensor> {
  const { input: tensor, outputSize, outputShape, output } = prepareAdaptivePool(fn, spatialDims, input, options);
  // One output per plane is global average pooling, as in PyTorch (which takes the mean there).
  let call: PoolCall;
  if (outputSize.every((size) => size === 1)) {
    call = globalCall(fn, 'globalAverage', tensor, output);
  } else {
    checkExactSum(fn, tensor, tensor.spatial.reduce((product, size) => product * size, 1));
    call = { operation: 'average', windowKind: 'adaptive', input: tensor, window: { outputSize }, output, indices: null };
  }
  return { call, result: () => ({ data: output, shape: outputShape }) };
}

function prepareAdaptiveMaxPool(
  fn: string,
  spatialDims: number,
  input: unknown,
  options: unknown,
): PreparedCall<Tensor | MaxPoolWithIndices> {
  const { input: tensor, outputSize, outputShape, output } = prepareAdaptivePool(fn, spatialDims, input, options);
  const indices = maxIndicesArray(fn, options as AdaptiveMaxPoolOptions, tensor, output);
  return {
    call: { operation: 'max', windowKind: 'adaptive', input: tensor, window: { outputSize }, output, indices },
    result: () => maxResult(output, outputShape, indices),
  };
}

export function makeAdaptiveAvgPool(fn: string, spatialDims: number): AdaptiveAvgPoolFunction {
  return synchronousOp((input: unknown, options: unknown) =>
    prepareAdaptiveAvgPool(fn, spatialDims, input, options),
  ) as AdaptiveAvgPoolFunction;
}

export function makeAdaptiveAvgPoolAsync(fn: string, spatialDims: number): AdaptiveAvgPoolAsyncFunction {
  return asynchronousOp((input: unknown, options: unknown) =>
    prepareAdaptiveAvgPool(fn, spatialDims, input, options),
  ) as AdaptiveAvgPoolAsyncFunction;
}

export function makeAdaptiveMaxPool(fn: string, spatialDims: number): AdaptiveMaxPoolFunction {
  return synchronousOp((input: unknown, options: unknown) =>
    prepareAdaptiveMaxPool(fn, spatialDims, input, options),
  ) as AdaptiveMaxPoolFunction;
}

export function makeAdaptiveMaxPoolAsync(fn: string, spatialDims: number): AdaptiveMaxPoolAsyncFunction {
  return asynchronousOp((input: unknown, options: unknown) =>
    prepareAdaptiveMaxPool(fn, spatialDims, input, options),
  ) as AdaptiveMaxPoolAsyncFunction;
}
