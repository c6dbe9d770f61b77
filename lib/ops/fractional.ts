// fractionalMaxPool2d/3d and their async variants: max pooling over kernel-sized windows placed
// pseudo-randomly per (n, c) plane, as torch.nn.FractionalMaxPool2d/3d places them.
import { randomInt } from 'node:crypto';

import { uniformFloat32 } from 'pure-rand/distribution/uniformFloat32';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

import { fractionalOutputSize, fractionalSampleEntry, fractionalWindowStarts, type PerDim, type SpatialRank } from '../shape';
import { arrayLength, arrayTypeName, type PoolArray, readShape, type Tensor, type TensorLike } from '../tensor';
import { integerAtLeast, integerTupleOption, isArray, isNumber, rangeError, repeated, typeError } from '../validate';
import { defineOp, type PreparedCall } from './define-op';
import { maxIndicesArray, maxIndicesOptionNames, maxResult, type MaxIndicesOptions, type MaxPoolWithIndices } from './max-pool';
import { preparePool } from './prepare-pool';
import type { MaxAsyncFunction, MaxFunction } from './signatures';

export interface FractionalMaxPoolOptions<
  T extends PoolArray = PoolArray,
  D extends SpatialRank = SpatialRank,
> extends MaxIndicesOptions {
  /** Window size: one number for every spatial dim, or one per dim (PyTorch's `kernel_size`). */
  kernelSize: number | PerDim<number, D>;
  /** Output size per spatial dim; give this or `outputRatio` (PyTorch's `output_size`). */
  outputSize?: number | PerDim<number, D>;
  /** Output size as a fraction of the input's, in (0, 1): floor(in * ratio) (PyTorch's `output_ratio`). */
  outputRatio?: number | PerDim<number, D>;
  /**
   * Each plane's samples in [0, 1), shape (N, C, spatialDims) or unbatched (C, spatialDims), laid out
   * as PyTorch's `_random_samples` (in 2d, entry 0 drives the width). The windows are computed in
   * its precision. Without it, samples are drawn from `seed`.
   */
  samples?: TensorLike<Float32Array | Float64Array>;
  /** The seed of the samples drawn when `samples` is absent (xoroshiro128+). @default a random one */
  seed?: number;
  /** `(N, *spatial, C)` instead of `(N, C, *spatial)`. @default false */
  channelsLast?: boolean;
  /** Write the result here instead of a new array. */
  out?: T;
}

export type FractionalMaxPoolFunction<D extends SpatialRank = SpatialRank> = MaxFunction<'fractionalMaxPool', D>;
export type FractionalMaxPoolAsyncFunction<D extends SpatialRank = SpatialRank> = MaxAsyncFunction<'fractionalMaxPool', D>;

const optionNames = new Set([
  'kernelSize',
  'outputSize',
  'outputRatio',
  'samples',
  'seed',
  'channelsLast',
  'out',
  ...maxIndicesOptionNames,
]);

// Output sizes from outputSize or outputRatio (exactly one), each with room for its windows.
function fractionalSizes(fn: string, options: Record<string, unknown>, spatial: number[], kernel: number[]): number[] {
  const dims = spatial.length;
  if ((options.outputSize === undefined) === (options.outputRatio === undefined)) {
    throw rangeError(fn, "options 'outputSize' and 'outputRatio'", 'one of the two, not both or neither', {
      outputSize: options.outputSize,
      outputRatio: options.outputRatio,
    });
  }
  let sizes: number[];
  if (options.outputSize !== undefined) {
    sizes = integerTupleOption(fn, 'outputSize', options.outputSize, dims, 1);
  } else {
    const ratio = options.outputRatio;
    const ratios = isArray(ratio) ? ratio : repeated(ratio as number, dims);
    if (ratios.length !== dims) throw rangeError(fn, "option 'outputRatio'", `one number or an array of ${dims}`, ratio);
    sizes = ratios.map((value, dim) => {
      if (!isNumber(value)) throw typeError(fn, "option 'outputRatio'", 'a number or an array of numbers', ratio);
      if (!(value > 0 && value < 1)) throw rangeError(fn, "option 'outputRatio'", 'in (0, 1)', ratio);
      const size = fractionalOutputSize(spatial[dim], value);
      if (size < 1)
        throw rangeError(
          fn,
          "option 'outputRatio'",
          `large enough for an output in spatial dim ${dim} (input size ${spatial[dim]})`,
          ratio,
          'ERR_POOLND_OUTPUT_TOO_SMALL',
        );
      return size;
    });
  }
  sizes.forEach((size, dim) => {
    if (size + kernel[dim] - 1 > spatial[dim]) {
      throw rangeError(
        fn,
        "option 'kernelSize'",
        `at most input size - output size + 1 in spatial dim ${dim} (input size ${spatial[dim]}, output size ${size}), as PyTorch requires`,
        options.kernelSize,
        'ERR_POOLND_OUTPUT_TOO_SMALL',
      );
    }
  });
  return sizes;
}

// Each plane's samples: the caller's, checked, or drawn from the seed in the input's float precision.
function planeSamples(
  fn: string,
  options: Record<string, unknown>,
  planes: { batch: number; channels: number; batched: boolean; floatInput: 'float32' | 'float64' },
  dims: number,
): { values: ArrayLike<number>; precision: 'float32' | 'float64' } {
  const count = planes.batch * planes.channels * dims;
  if (options.samples === undefined) {
    const seed = options.seed === undefined ? randomInt(2 ** 31) : integerAtLeast(fn, "option 'seed'", options.seed, 0);
    const generator = xoroshiro128plus(seed);
    const draw = planes.floatInput === 'float32' ? uniformFloat32 : uniformFloat64;
    return { values: Float64Array.from({ length: count }, () => draw(generator)), precision: planes.floatInput };
  }
  if (options.seed !== undefined) throw rangeError(fn, "option 'seed'", "absent when 'samples' are given", options.seed);
  const samples = options.samples as Record<string, unknown> | null;
  if (typeof samples !== 'object' || samples === null)
    throw typeError(fn, "option 'samples'", 'a tensor { data, shape }', samples);
  const type = arrayTypeName(samples.data);
  if (type !== 'Float32Array' && type !== 'Float64Array') {
    throw typeError(fn, "option 'samples.data'", 'a Float32Array or a Float64Array', samples.data);
  }
  const expected = planes.batched ? [planes.batch, planes.channels, dims] : [planes.channels, dims];
  const shape = readShape(fn, "option 'samples.shape'", samples.shape ?? samples.dims, expected.length - 2, false).shape;
  if (shape.join() !== expected.join()) {
    throw rangeError(
      fn,
      "option 'samples.shape'",
      `[${expected.join(', ')}] (a sample per plane and spatial dim)`,
      shape,
      'ERR_POOLND_SHAPE_MISMATCH',
    );
  }
  const data = samples.data as Float32Array | Float64Array;
  if (arrayLength(data) !== count)
    throw rangeError(fn, "option 'samples.data'", `of length ${count}`, data, 'ERR_POOLND_SHAPE_MISMATCH');
  for (let i = 0; i < count; i++) {
    if (!(data[i] >= 0 && data[i] < 1)) throw rangeError(fn, `option 'samples.data[${i}]'`, 'in [0, 1)', data[i]);
  }
  return { values: data, precision: type === 'Float32Array' ? 'float32' : 'float64' };
}

function prepareFractionalMaxPool(
  fn: string,
  spatialDims: number,
  input: unknown,
  options: unknown,
): PreparedCall<Tensor | MaxPoolWithIndices> {
  let windowStarts: Int32Array | undefined;
  const prepared = preparePool(fn, spatialDims, input, options, optionNames, (opts, tensor) => {
    if (opts.kernelSize === undefined) throw typeError(fn, "option 'kernelSize'", 'given', undefined);
    const kernelSize = integerTupleOption(fn, 'kernelSize', opts.kernelSize, spatialDims, 1);
    const outputSize = fractionalSizes(fn, opts, tensor.spatial, kernelSize);
    const floatInput = tensor.arrayType === 'Float32Array' ? 'float32' : 'float64';
    const { values, precision } = planeSamples(fn, opts, { ...tensor, floatInput }, spatialDims);
    // Native sees three spatial dims: lower ranks lead with size-1 dims, whose one window starts at 0.
    const lead = 3 - spatialDims;
    const perPlane = lead + outputSize.reduce((sum, size) => sum + size, 0);
    windowStarts = new Int32Array(tensor.batch * tensor.channels * perPlane);
    for (let plane = 0, at = 0; plane < tensor.batch * tensor.channels; plane++) {
      at += lead; // zeros
      for (let dim = 0; dim < spatialDims; dim++) {
        const sample = values[plane * spatialDims + fractionalSampleEntry(spatialDims, dim)];
        const starts = fractionalWindowStarts(tensor.spatial[dim], outputSize[dim], kernelSize[dim], sample, precision);
        windowStarts.set(starts, at);
        at += starts.length;
      }
    }
    return {
      outputSize,
      kernelSize,
      stride: kernelSize,
      padBegin: repeated(0, spatialDims),
      padEnd: repeated(0, spatialDims),
      dilation: repeated(1, spatialDims),
    };
  });
  const { input: tensor, window, output, outputShape, outputFromCaller } = prepared;
  const indices = maxIndicesArray(fn, options as MaxIndicesOptions, tensor, output);
  return {
    call: {
      operation: 'maxPool',
      windowKind: 'fractional',
      input: tensor,
      window,
      output,
      indices,
      outputFromCaller,
      indicesFromCaller: (options as MaxIndicesOptions).indicesOut !== undefined,
      windowStarts,
    },
    result: () => maxResult(output, outputShape, indices),
  };
}

export const fractionalMaxPool = defineOp(prepareFractionalMaxPool);
