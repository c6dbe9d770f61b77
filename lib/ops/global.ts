// globalAvgPool, globalMaxPool and their async variants: one value per (n, c) plane, for any
// number of spatial dims.
import type { PoolCall, PoolOperation } from '../native';
import { checkExactSum, type InputTensor, outputArray, type PoolArray, readInputTensor, resultShape, type Tensor, type TensorLike } from '../tensor';
import { booleanOption, isArray, isObject, rangeError, typeError } from '../validate';
import { asynchronousOp, type PreparedCall, synchronousOp } from './windowed';

export interface GlobalPoolOptions<T extends PoolArray = PoolArray> {
  /** `(N, *spatial, C)` instead of `(N, C, *spatial)`. */
  channelsLast?: boolean;
  /** Write the result here instead of a new array. */
  out?: T;
}

export type GlobalPoolFunction = <T extends PoolArray>(input: TensorLike<T>, options?: GlobalPoolOptions<T>) => Tensor<T>;
export type GlobalPoolAsyncFunction = <T extends PoolArray>(input: TensorLike<T>, options?: GlobalPoolOptions<T>) => Promise<Tensor<T>>;

type GlobalOperation = Extract<PoolOperation, 'globalMax' | 'globalAverage'>;

/** The native call for global pooling: each whole (n, c) plane, flattened to one spatial dim. */
export function globalCall(fn: string, operation: GlobalOperation, input: InputTensor, output: PoolArray): PoolCall {
  const plane = input.spatial.reduce((product, size) => product * size, 1);
  if (operation === 'globalAverage') checkExactSum(fn, input, plane);
  return { operation, input: { ...input, spatial: [plane] }, window: { outputSize: [1] }, output, indices: null };
}

function prepareGlobalPool(fn: string, operation: GlobalOperation, input: unknown, options: unknown): PreparedCall<Tensor> {
  const opts = options === undefined ? {} : options;
  if (!isObject(opts)) throw typeError(fn, 'options', 'an object or undefined', options);
  const channelsLast = booleanOption(fn, 'channelsLast', opts.channelsLast, false);
  // Every dim after N and C is spatial, so the rank decides how many there are.
  const shape = isObject(input) ? (input.shape !== undefined ? input.shape : input.dims) : undefined;
  if (isArray(shape) && shape.length < 3) {
    const subject = isObject(input) && input.shape !== undefined ? 'input.shape' : 'input.dims';
    throw rangeError(fn, subject, 'batched, of rank at least 3: (N, C, ...spatial) or (N, ...spatial, C)', shape, 'ERR_POOLND_SHAPE_MISMATCH');
  }
  const spatialDims = isArray(shape) ? shape.length - 2 : 1;
  const tensor = readInputTensor(fn, input, spatialDims, channelsLast);
  const outputShape = resultShape(tensor, tensor.spatial.map(() => 1));
  const output = outputArray(fn, 'out', opts.out, tensor.arrayType, tensor.batch * tensor.channels, [tensor.data]);
  return { call: globalCall(fn, operation, tensor, output), result: () => ({ data: output, shape: outputShape }) };
}

export function makeGlobalPool(fn: string, operation: GlobalOperation): GlobalPoolFunction {
  return synchronousOp((input: unknown, options?: unknown) => prepareGlobalPool(fn, operation, input, options)) as GlobalPoolFunction;
}

export function makeGlobalPoolAsync(fn: string, operation: GlobalOperation): GlobalPoolAsyncFunction {
  return asynchronousOp((input: unknown, options?: unknown) =>
    prepareGlobalPool(fn, operation, input, options),
  ) as GlobalPoolAsyncFunction;
}
