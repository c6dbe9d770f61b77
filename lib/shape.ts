// Shape math: pure integer arithmetic (PyTorch's Pool.h rules), no native calls.
import { readShape, resultShape } from './tensor';
import {
  booleanOption,
  checkOptionNames,
  integerAtLeast,
  integerTupleOption,
  isArray,
  isNumber,
  isObject,
  rangeError,
  repeated,
  typeError,
} from './validate';

/** The number of spatial dims an op pools: its 1d, 2d or 3d. */
export type SpatialRank = 1 | 2 | 3;

/**
 * One value per spatial dim: a tuple as long as the op's rank, so `kernelSize: [2, 2, 2]` does not
 * compile for a 2d op. Where the rank is not fixed, any of the three.
 */
export type PerDim<T, D extends SpatialRank = SpatialRank> = D extends 1
  ? readonly [T]
  : D extends 2
    ? readonly [T, T]
    : readonly [T, T, T];

/**
 * Padding: one number for every dim, one per dim, a `[begin, end]` pair per dim, `'valid'` (none)
 * or `'same'` (output = ceil(input / stride), TensorFlow's rule).
 */
export type Padding<D extends SpatialRank = SpatialRank> =
  number | PerDim<number, D> | PerDim<readonly [number, number], D> | 'valid' | 'same';

export interface WindowOptions<D extends SpatialRank = SpatialRank> {
  /** Window size: one number for every spatial dim, or one per dim (PyTorch's `kernel_size`). */
  kernelSize: number | PerDim<number, D>;
  /** Step between windows (PyTorch's `stride`). @default kernelSize */
  stride?: number | PerDim<number, D>;
  /** Implicit padding, at most half the kernel (PyTorch's `padding`). @default 0 */
  padding?: Padding<D>;
  /** Spacing between a window's taps (PyTorch's `dilation`). @default 1 */
  dilation?: number | PerDim<number, D>;
  /** Round output sizes up: a last, partial window counts (PyTorch's `ceil_mode`). @default false */
  ceilMode?: boolean;
}

/** Window parameters normalised to one entry per spatial dim, with output sizes. */
export interface Window {
  kernelSize: number[];
  stride: number[];
  padBegin: number[];
  padEnd: number[];
  dilation: number[];
  ceilMode: boolean;
  outputSize: number[];
}

export function effectiveKernelSize(kernelSize: number, dilation: number): number {
  return dilation * (kernelSize - 1) + 1;
}

/** One dim's output size; may be < 1, which callers reject. */
export function windowCount(
  inputSize: number,
  kernelSize: number,
  stride: number,
  padBegin: number,
  padEnd: number,
  dilation: number,
  ceilMode: boolean,
): number {
  const span = inputSize + padBegin + padEnd - effectiveKernelSize(kernelSize, dilation);
  let count = (ceilMode ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  // PyTorch drops a last ceil-mode window that would start in the end padding.
  if (ceilMode && (count - 1) * stride >= inputSize + padBegin) count -= 1;
  return count;
}

function samePaddingOf(inputSize: number, kernelSize: number, stride: number, dilation: number): [number, number] {
  const outputSize = Math.ceil(inputSize / stride);
  const total = Math.max((outputSize - 1) * stride + effectiveKernelSize(kernelSize, dilation) - inputSize, 0);
  const begin = Math.floor(total / 2);
  return [begin, total - begin];
}

/**
 * TensorFlow's 'same' padding for one dim, as `[begin, end]`: output = ceil(input / stride).
 * @example
 * samePadding(224, 3, 2); // [0, 1]
 */
export function samePadding(inputSize: number, kernelSize: number, stride: number, dilation = 1): [number, number] {
  const fn = 'samePadding';
  return samePaddingOf(
    integerAtLeast(fn, 'inputSize', inputSize, 1),
    integerAtLeast(fn, 'kernelSize', kernelSize, 1),
    integerAtLeast(fn, 'stride', stride, 1),
    integerAtLeast(fn, 'dilation', dilation, 1),
  );
}

export type PaddingPairs = { pairs: readonly (readonly [number, number])[]; explicit: boolean };

const noPadding = [0, 0] as const;

function paddingPair(fn: string, name: string, value: unknown): [number, number] {
  const subject = `option '${name}'`;
  if (!isArray(value)) throw typeError(fn, subject, 'a [begin, end] pair', value);
  if (value.length !== 2) throw rangeError(fn, subject, 'a [begin, end] pair', value);
  return [integerAtLeast(fn, `option '${name}[0]'`, value[0], 0), integerAtLeast(fn, `option '${name}[1]'`, value[1], 0)];
}

/** Padding per dim as [begin, end] pairs; `explicit` unless it came from 'valid', 'same' or no option. */
export function readPadding(
  fn: string,
  value: unknown,
  window: Omit<Window, 'padBegin' | 'padEnd' | 'outputSize' | 'ceilMode'>,
  inputSpatial: number[],
): PaddingPairs {
  const dims = inputSpatial.length;
  const subject = "option 'padding'";
  if (value === undefined || value === 'valid') {
    return { pairs: inputSpatial.map(() => noPadding), explicit: false };
  }
  if (value === 'same') {
    return {
      pairs: inputSpatial.map((size, dim) =>
        samePaddingOf(size, window.kernelSize[dim], window.stride[dim], window.dilation[dim]),
      ),
      explicit: false,
    };
  }
  if (typeof value === 'string') throw rangeError(fn, subject, "a number, an array, 'valid' or 'same'", value);
  if (isNumber(value)) {
    const pad = integerAtLeast(fn, subject, value, 0);
    return { pairs: inputSpatial.map(() => [pad, pad]), explicit: true };
  }
  if (!isArray(value)) {
    throw typeError(fn, subject, "a number, an array of numbers or [begin, end] pairs, 'valid' or 'same'", value);
  }
  if (value.length !== dims) {
    throw rangeError(fn, subject, `an array of ${dims} numbers or ${dims} [begin, end] pairs`, value);
  }
  if (value.every(isNumber)) {
    return {
      pairs: value.map((entry, dim) => {
        const pad = integerAtLeast(fn, `option 'padding[${dim}]'`, entry, 0);
        return [pad, pad];
      }),
      explicit: true,
    };
  }
  if (value.every(isArray)) {
    return { pairs: value.map((entry, dim) => paddingPair(fn, `padding[${dim}]`, entry)), explicit: true };
  }
  throw typeError(fn, subject, 'an array of numbers or an array of [begin, end] pairs, not a mix', value);
}

/**
 * How a kind of layer reads its window. Pooling's stride defaults to its kernel and its explicit
 * padding is at most half the kernel (PyTorch's rule); a convolution's stride defaults to 1 and
 * its padding has no limit.
 */
export interface WindowRules {
  strideDefaultsToKernel: boolean;
  paddingAtMostHalfKernel: boolean;
}

const poolingRules: WindowRules = { strideDefaultsToKernel: true, paddingAtMostHalfKernel: true };

/**
 * Validates window options for an input with the given spatial sizes and computes padding and
 * output sizes. Throws the errors the ops throw.
 */
export function normaliseWindow(fn: string, options: unknown, inputSpatial: number[], rules = poolingRules): Window {
  if (!isObject(options)) throw typeError(fn, 'options', 'an object', options);
  const dims = inputSpatial.length;
  if (options.kernelSize === undefined) throw typeError(fn, "option 'kernelSize'", 'given', undefined);
  const kernelSize = integerTupleOption(fn, 'kernelSize', options.kernelSize, dims, 1);
  const defaultStride = rules.strideDefaultsToKernel ? kernelSize.slice() : repeated(1, dims);
  const stride = options.stride === undefined ? defaultStride : integerTupleOption(fn, 'stride', options.stride, dims, 1);
  const dilation =
    options.dilation === undefined ? repeated(1, dims) : integerTupleOption(fn, 'dilation', options.dilation, dims, 1);
  const ceilMode = booleanOption(fn, 'ceilMode', options.ceilMode, false);
  const { pairs, explicit } = readPadding(fn, options.padding, { kernelSize, stride, dilation }, inputSpatial);
  const padBegin = new Array<number>(dims);
  const padEnd = new Array<number>(dims);
  const outputSize = new Array<number>(dims);
  for (let dim = 0; dim < dims; dim++) {
    const [begin, end] = pairs[dim];
    const limit = Math.floor(kernelSize[dim] / 2);
    if (rules.paddingAtMostHalfKernel && explicit && (begin > limit || end > limit)) {
      throw rangeError(
        fn,
        "option 'padding'",
        `at most half the kernel size (${limit} for kernelSize ${kernelSize[dim]} in spatial dim ${dim})`,
        options.padding,
        'ERR_POOLND_PADDING_TOO_LARGE',
      );
    }
    const size = inputSpatial[dim];
    const count = windowCount(size, kernelSize[dim], stride[dim], begin, end, dilation[dim], ceilMode);
    if (count < 1) {
      throw rangeError(
        fn,
        "option 'kernelSize'",
        `no larger than the padded input in spatial dim ${dim} (input size ${size}, padding [${begin}, ${end}], ` +
          `dilation ${dilation[dim]}; the output size would be ${count})`,
        options.kernelSize,
        'ERR_POOLND_OUTPUT_TOO_SMALL',
      );
    }
    padBegin[dim] = begin;
    padEnd[dim] = end;
    outputSize[dim] = count;
  }
  return { kernelSize, stride, dilation, ceilMode, padBegin, padEnd, outputSize };
}

export interface OneDimWindowOptions {
  kernelSize: number;
  stride?: number;
  padding?: number | [number, number] | 'valid' | 'same';
  dilation?: number;
  ceilMode?: boolean;
}

const oneDimWindowOptionNames = new Set(['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode']);
// An op's options object can be passed as it is: what does not change the shape is allowed too.
const outputShapeOptionNames = new Set([
  ...oneDimWindowOptionNames,
  'channelsLast',
  'out',
  'returnIndices',
  'indicesOut',
  'countIncludePad',
  'divisorOverride',
  'normType',
]);

/**
 * The output size of one spatial dim, by PyTorch's formula
 * `floor((in + padBegin + padEnd - dilation * (kernelSize - 1) - 1) / stride) + 1` (ceil with
 * `ceilMode`, less a last window that would start in the padding).
 * @example
 * poolOutputSize(224, { kernelSize: 3, stride: 2, padding: 1 }); // 112
 */
export function poolOutputSize(inputSize: number, options: OneDimWindowOptions): number {
  const fn = 'poolOutputSize';
  const size = integerAtLeast(fn, 'inputSize', inputSize, 1);
  if (!isObject(options)) throw typeError(fn, 'options', 'an object', options);
  checkOptionNames(fn, options, oneDimWindowOptionNames);
  // A lone [begin, end] pair is this dim's padding; the window reader expects one entry per dim.
  const padding = isArray(options.padding) ? [options.padding] : options.padding;
  return normaliseWindow(fn, { ...options, padding }, [size]).outputSize[0];
}

/**
 * The whole output shape an op gives for `inputShape` (options as the op's, channelsLast included).
 * @example
 * poolOutputShape([8, 3, 224, 224], 2, { kernelSize: 2 }); // [8, 3, 112, 112]
 */
export function poolOutputShape<D extends SpatialRank>(
  inputShape: readonly number[],
  spatialDims: D,
  options: WindowOptions<D> & { channelsLast?: boolean },
): number[] {
  const fn = 'poolOutputShape';
  if (spatialDims !== 1 && spatialDims !== 2 && spatialDims !== 3) {
    throw rangeError(fn, 'spatialDims', '1, 2 or 3', spatialDims);
  }
  if (!isObject(options)) throw typeError(fn, 'options', 'an object', options);
  checkOptionNames(fn, options, outputShapeOptionNames);
  const channelsLast = booleanOption(fn, 'channelsLast', options.channelsLast, false);
  const parts = readShape(fn, 'inputShape', inputShape, spatialDims, channelsLast);
  const window = normaliseWindow(fn, options, parts.spatial);
  return resultShape({ ...parts, channelsLast }, window.outputSize);
}

/**
 * Adaptive pooling's output sizes: one integer for every dim, or one entry per dim where null
 * keeps that dim's input size. Any size >= 1 is allowed, larger than the input included.
 */
export function adaptiveOutputSize(fn: string, value: unknown, inputSpatial: number[]): number[] {
  const dims = inputSpatial.length;
  const subject = "option 'outputSize'";
  if (value === undefined) throw typeError(fn, subject, 'given', undefined);
  if (isNumber(value)) {
    const size = integerAtLeast(fn, subject, value, 1);
    return inputSpatial.map(() => size);
  }
  if (!isArray(value)) throw typeError(fn, subject, `an integer or an array of ${dims} integers or nulls`, value);
  if (value.length !== dims) throw rangeError(fn, subject, `one integer or an array of ${dims}`, value);
  return value.map((entry, dim) =>
    entry === null ? inputSpatial[dim] : integerAtLeast(fn, `option 'outputSize[${dim}]'`, entry, 1),
  );
}

/** Max-unpooling's window: kernel, stride and padding per dim ('same' needs the pooled input's size, so it is refused). */
export interface UnpoolWindow {
  kernelSize: number[];
  stride: number[];
  padBegin: number[];
  padEnd: number[];
  outputSize: number[];
}

/**
 * Max-unpooling's output sizes: `(in - 1) * stride - padBegin - padEnd + kernelSize` per dim by
 * default; an explicit `outputSize` entry may differ from that by up to `stride - 1` (PyTorch's
 * rule), which covers every input size that pools to `in`, ceil mode included.
 */
export function unpoolWindow(fn: string, options: Record<string, unknown>, inputSpatial: number[]): UnpoolWindow {
  const dims = inputSpatial.length;
  if (options.kernelSize === undefined) throw typeError(fn, "option 'kernelSize'", 'given', undefined);
  const kernelSize = integerTupleOption(fn, 'kernelSize', options.kernelSize, dims, 1);
  const stride = options.stride === undefined ? kernelSize.slice() : integerTupleOption(fn, 'stride', options.stride, dims, 1);
  if (options.padding === 'same') {
    throw rangeError(
      fn,
      "option 'padding'",
      "a number, an array or 'valid' ('same' depends on the pooled input's size: give outputSize)",
      'same',
    );
  }
  const { pairs } = readPadding(fn, options.padding, { kernelSize, stride, dilation: kernelSize.map(() => 1) }, inputSpatial);
  const defaults = inputSpatial.map((size, dim) => (size - 1) * stride[dim] - pairs[dim][0] - pairs[dim][1] + kernelSize[dim]);
  const given = options.outputSize === undefined ? undefined : integerTupleOption(fn, 'outputSize', options.outputSize, dims, 1);
  const outputSize = defaults.map((fallback, dim) => {
    const low = Math.max(1, fallback - stride[dim] + 1);
    const high = fallback + stride[dim] - 1;
    if (given === undefined && fallback < 1) {
      throw rangeError(
        fn,
        "option 'padding'",
        `small enough to leave an output in spatial dim ${dim} (input size ${inputSpatial[dim]}, kernelSize ${kernelSize[dim]}, ` +
          `stride ${stride[dim]}; the output size would be ${fallback})`,
        options.padding,
        'ERR_POOLND_OUTPUT_TOO_SMALL',
      );
    }
    if (given !== undefined && (given[dim] < low || given[dim] > high)) {
      const range = low > high ? 'impossible' : `between ${low} and ${high}`;
      throw rangeError(
        fn,
        "option 'outputSize'",
        `${range} in spatial dim ${dim} (within stride - 1 of the default size ${fallback})`,
        options.outputSize,
        low > high ? 'ERR_POOLND_OUTPUT_TOO_SMALL' : 'ERR_POOLND_INVALID_ARG_VALUE',
      );
    }
    return given === undefined ? fallback : given[dim];
  });
  return { kernelSize, stride, padBegin: pairs.map((pair) => pair[0]), padEnd: pairs.map((pair) => pair[1]), outputSize };
}

/**
 * Fractional max pooling's window starts along one dim, as PyTorch's generate_intervals computes
 * them from a plane's sample u in [0, 1): with alpha = (in - k) / (out - 1), window i < out - 1
 * starts at trunc((i + u) * alpha) - trunc(u * alpha) and the last at in - k. alpha and the
 * products are rounded to float32 at each step where the samples are float32 (PyTorch computes
 * them in the input's type). Every window has k taps inside the input when out + k - 1 <= in.
 */
export function fractionalWindowStarts(
  inputSize: number,
  outputSize: number,
  kernelSize: number,
  sample: number,
  precision: 'float32' | 'float64',
): number[] {
  const round = precision === 'float32' ? Math.fround : (x: number) => x;
  const starts = new Array<number>(outputSize);
  if (outputSize > 1) {
    const alpha = round(round(inputSize - kernelSize) / round(outputSize - 1));
    const offset = Math.trunc(round(round(sample) * alpha));
    for (let i = 0; i < outputSize - 1; i++) starts[i] = Math.trunc(round(round(i + round(sample)) * alpha)) - offset;
  }
  starts[outputSize - 1] = inputSize - kernelSize;
  return starts;
}

/** Which entry of a plane's samples drives spatial dim `dim`: PyTorch's 2-D op reads width first. */
export function fractionalSampleEntry(spatialDims: number, dim: number): number {
  return spatialDims === 2 ? 1 - dim : dim;
}

/** The output size `floor(in * ratio)` that PyTorch's fractional max pooling takes from an output ratio. */
export function fractionalOutputSize(inputSize: number, ratio: number): number {
  return Math.floor(inputSize * ratio);
}
