// maxUnpool1d/2d/3d and their async variants: the inverse of maxPoolNd with returnIndices.
import { type Padding, type PerDim, type SpatialRank, unpoolWindow } from '../shape';
import { arrayLength, arrayTypeName, type PoolArray, product, type Tensor, type TensorLike } from '../tensor';
import { isObject, poolError, rangeError, typeError } from '../validate';
import { defineOp, type PreparedCall } from './define-op';
import { preparePool } from './prepare-pool';

export interface MaxUnpoolOptions<T extends PoolArray = PoolArray, D extends SpatialRank = SpatialRank> {
  /** The max pooling's window size (PyTorch's `kernel_size`). */
  kernelSize: number | PerDim<number, D>;
  /** The max pooling's stride (PyTorch's `stride`). @default kernelSize */
  stride?: number | PerDim<number, D>;
  /** The max pooling's padding, without 'same' (PyTorch's `padding`). @default 0 */
  padding?: Exclude<Padding<D>, 'same'>;
  /**
   * Spatial output sizes, each within stride - 1 above the default
   * `(in - 1) * stride - padBegin - padEnd + kernelSize` (PyTorch's `output_size`).
   */
  outputSize?: number | PerDim<number, D>;
  /** `(N, *spatial, C)` instead of `(N, C, *spatial)`. @default false */
  channelsLast?: boolean;
  /** Write the result here instead of a new array. */
  out?: T;
}

export type MaxUnpoolFunction<D extends SpatialRank = SpatialRank> = <T extends PoolArray>(
  input: TensorLike<T>,
  indices: TensorLike<Int32Array>,
  options: MaxUnpoolOptions<T, D>,
) => Tensor<T>;
export type MaxUnpoolAsyncFunction<D extends SpatialRank = SpatialRank> = <T extends PoolArray>(
  input: TensorLike<T>,
  indices: TensorLike<Int32Array>,
  options: MaxUnpoolOptions<T, D>,
) => Promise<Tensor<T>>;

function readIndices(fn: string, indices: unknown, inputShape: number[]): Int32Array {
  if (!isObject(indices)) throw typeError(fn, 'indices', 'a tensor { data, shape } of Int32Array', indices);
  // Each property is read once: a getter cannot pass one value to the checks and another to the kernel.
  const data = indices.data;
  if (arrayTypeName(data) !== 'Int32Array') throw typeError(fn, 'indices.data', 'an Int32Array', data);
  const givenShape = indices.shape;
  const subject = givenShape !== undefined ? 'indices.shape' : 'indices.dims';
  const shape = givenShape !== undefined ? givenShape : indices.dims;
  const same = Array.isArray(shape) && shape.length === inputShape.length && shape.every((size, dim) => size === inputShape[dim]);
  if (!same) throw rangeError(fn, subject, `the input's shape [${inputShape.join(', ')}]`, shape, 'ERR_POOLND_SHAPE_MISMATCH');
  const elements = product(inputShape);
  if (arrayLength(data as Int32Array) !== elements) {
    throw rangeError(
      fn,
      'indices.data',
      `of length ${elements}, the product of the input's shape`,
      data,
      'ERR_POOLND_SHAPE_MISMATCH',
    );
  }
  return data as Int32Array;
}

const maxUnpoolOptionNames = new Set(['kernelSize', 'stride', 'padding', 'outputSize', 'channelsLast', 'out']);

function prepareMaxUnpool(
  fn: string,
  spatialDims: number,
  input: unknown,
  indices: unknown,
  options: unknown,
): PreparedCall<Tensor> {
  const prepared = preparePool(fn, spatialDims, input, options, maxUnpoolOptionNames, (opts, tensor) => {
    const indicesData = readIndices(fn, indices, tensor.shape);
    return { ...unpoolWindow(fn, opts, tensor.spatial), indices: indicesData, reads: [indicesData] };
  });
  const { input: tensor, window, outputShape, output, outputFromCaller } = prepared;
  const { indices: indicesData } = window;
  const plane = product(window.outputSize);
  return {
    call: { operation: 'maxUnpool', input: tensor, window, output, indices: indicesData, outputFromCaller },
    result: (invalidPosition) => {
      if (invalidPosition >= 0) {
        throw poolError(
          'range',
          'ERR_POOLND_INDEX_OUT_OF_RANGE',
          fn,
          `indices.data[${invalidPosition}]`,
          `an offset within the output plane, from 0 to ${plane - 1}`,
          indicesData[invalidPosition],
        );
      }
      return { data: output, shape: outputShape };
    },
  };
}

export const maxUnpool = defineOp(prepareMaxUnpool);
