// globalAvgPool, globalMaxPool and their async variants: one value per (n, c) plane, for any
// number of spatial dims.
import type { PoolCall, PoolOperation } from '../native';
import { checkAveragedElements, type InputTensor, type PoolArray, product, type Tensor, type TensorLike } from '../tensor';
import { isArray, isObject, rangeError } from '../validate';
import { defineOp, type PreparedCall } from './define-op';
import { preparePool } from './prepare-pool';

export interface GlobalPoolOptions<T extends PoolArray = PoolArray> {
  /** `(N, *spatial, C)` instead of `(N, C, *spatial)`. */
  channelsLast?: boolean;
  /** Write the result here instead of a new array. */
  out?: T;
}

export type GlobalPoolFunction = <T extends PoolArray>(input: TensorLike<T>, options?: GlobalPoolOptions<T>) => Tensor<T>;
export type GlobalPoolAsyncFunction = <T extends PoolArray>(
  input: TensorLike<T>,
  options?: GlobalPoolOptions<T>,
) => Promise<Tensor<T>>;

type GlobalOperation = Extract<PoolOperation, 'globalMaxPool' | 'globalAvgPool'>;

/** The native call for global pooling: each whole (n, c) plane, flattened to one spatial dim. */
export function globalCall(
  fn: string,
  operation: GlobalOperation,
  input: InputTensor,
  output: PoolArray,
  outputFromCaller: boolean,
): PoolCall {
  const plane = product(input.spatial);
  if (operation === 'globalAvgPool') checkAveragedElements(fn, input.arrayType, plane, 'input.shape', input.shape);
  return {
    operation,
    input: { ...input, spatial: [plane] },
    window: { outputSize: [1] },
    output,
    indices: null,
    outputFromCaller,
  };
}

// Every dim after N and C is spatial, so the rank decides how many there are.
function globalSpatialDims(fn: string, input: unknown): number {
  const hasShape = isObject(input) && input.shape !== undefined;
  const shape = isObject(input) ? (hasShape ? input.shape : input.dims) : undefined;
  if (!isArray(shape)) return 1; // readInputTensor reports what is wrong with the input
  if (shape.length < 3) {
    const subject = hasShape ? 'input.shape' : 'input.dims';
    throw rangeError(
      fn,
      subject,
      'batched, of rank at least 3: (N, C, ...spatial) or (N, ...spatial, C)',
      shape,
      'ERR_POOLND_SHAPE_MISMATCH',
    );
  }
  return shape.length - 2;
}

const globalOptionNames = new Set(['channelsLast', 'out']);

function prepareGlobalPool(fn: string, operation: GlobalOperation, input: unknown, options?: unknown): PreparedCall<Tensor> {
  const {
    input: tensor,
    outputShape,
    output,
    outputFromCaller,
  } = preparePool(
    fn,
    globalSpatialDims(fn, input),
    input,
    options === undefined ? {} : options,
    globalOptionNames,
    (_, read) => ({
      outputSize: read.spatial.map(() => 1),
    }),
  );
  return {
    call: globalCall(fn, operation, tensor, output, outputFromCaller),
    result: () => ({ data: output, shape: outputShape }),
  };
}

export const globalPool = defineOp(prepareGlobalPool);
