// lpPool1d/2d/3d and their async variants: (sum of x^p over each window's real elements)^(1/p).
import type { PerDim, SpatialRank } from '../shape';
import type { Tensor, TensorLike } from '../tensor';
import { arrayTypeName, isFloatArrayType } from '../tensor';
import { isNumber, isObject, rangeError, typeError } from '../validate';
import { defineOp, type PreparedCall } from './define-op';
import { prepareWindowedPool } from './prepare-pool';

const lpPoolOptionNames = new Set(['normType', 'kernelSize', 'stride', 'ceilMode', 'channelsLast', 'out']);

export interface LpPoolOptions<
  T extends Float32Array | Float64Array = Float32Array | Float64Array,
  D extends SpatialRank = SpatialRank,
> {
  /** p, finite and > 0 (PyTorch's `norm_type`): 1 is sum pooling, 2 the Euclidean norm. */
  normType: number;
  /** Window size: one number for every spatial dim, or one per dim (PyTorch's `kernel_size`). */
  kernelSize: number | PerDim<number, D>;
  /** Step between windows (PyTorch's `stride`). @default kernelSize */
  stride?: number | PerDim<number, D>;
  /** Round output sizes up: a last, partial window counts (PyTorch's `ceil_mode`). @default false */
  ceilMode?: boolean;
  /** `(N, *spatial, C)` instead of `(N, C, *spatial)`. @default false */
  channelsLast?: boolean;
  /** Write the result here instead of a new array. */
  out?: T;
}

export type LpPoolFunction<D extends SpatialRank = SpatialRank> = <T extends Float32Array | Float64Array>(
  input: TensorLike<T>,
  options: LpPoolOptions<T, D>,
) => Tensor<T>;
export type LpPoolAsyncFunction<D extends SpatialRank = SpatialRank> = <T extends Float32Array | Float64Array>(
  input: TensorLike<T>,
  options: LpPoolOptions<T, D>,
) => Promise<Tensor<T>>;

function prepareLpPool(fn: string, spatialDims: number, input: unknown, options: unknown): PreparedCall<Tensor> {
  if (!isObject(options)) throw typeError(fn, 'options', 'an object', options);
  // PyTorch's LPPool has neither; accepting them silently would compute something else.
  for (const name of ['padding', 'dilation']) {
    if (options[name] !== undefined) throw rangeError(fn, `option '${name}'`, 'absent (LP pooling has none)', options[name]);
  }
  const data = isObject(input) ? input.data : undefined;
  const arrayType = arrayTypeName(data);
  if (arrayType !== undefined && !isFloatArrayType(arrayType)) {
    throw typeError(fn, 'input.data', 'a Float32Array or a Float64Array (LP pooling is for floats only)', data);
  }
  const normType = options.normType;
  if (!isNumber(normType)) throw typeError(fn, "option 'normType'", 'a number', normType);
  if (!Number.isFinite(normType) || normType <= 0) throw rangeError(fn, "option 'normType'", 'finite and > 0', normType);
  const prepared = prepareWindowedPool(fn, spatialDims, input, options, lpPoolOptionNames);
  return {
    call: {
      operation: 'lpPool',
      input: prepared.input,
      window: prepared.window,
      output: prepared.output,
      outputFromCaller: prepared.outputFromCaller,
      indices: null,
      normType,
    },
    result: () => ({ data: prepared.output, shape: prepared.outputShape }),
  };
}

export const lpPool = defineOp(prepareLpPool);
