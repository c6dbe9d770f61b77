// A plain, slow reference for every op, written from API.md alone: every window tap visited one
// by one, in row-major window order. Tests compare the library against it.

import type { PoolArray } from '../dist/index.js';

export interface ReferenceOptions {
  kernelSize: number[];
  stride: number[];
  padding: [number, number][]; // [begin, end] per spatial dim, already resolved
  dilation: number[];
  ceilMode: boolean;
  channelsLast: boolean;
  countIncludePad: boolean;
  divisorOverride?: number;
  /** Integer averages as the exact sum over the divisor, unrounded (model input). */
  unroundedAverage?: boolean;
}

export interface ReferenceResult {
  shape: number[];
  data: number[];
  indices: number[];
}

export const integerRanges: Record<string, [number, number]> = {
  Int8Array: [-128, 127],
  Uint8Array: [0, 255],
  Uint8ClampedArray: [0, 255],
  Int16Array: [-32768, 32767],
  Uint16Array: [0, 65535],
  Int32Array: [-2147483648, 2147483647],
  Uint32Array: [0, 4294967295],
};

export function referenceOutputSize(
  input: number,
  k: number,
  s: number,
  pb: number,
  pe: number,
  d: number,
  ceil: boolean,
): number {
  const span = input + pb + pe - (d * (k - 1) + 1);
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= input + pb) out -= 1;
  return out;
}

function product(values: number[]): number {
  return values.reduce((a, b) => a * b, 1);
}

/** Row-major coordinates of every point of a box of the given sizes. */
function* coordinates(sizes: number[]): Generator<number[]> {
  const total = product(sizes);
  for (let flat = 0; flat < total; flat++) {
    const point = new Array<number>(sizes.length);
    let rest = flat;
    for (let dim = sizes.length - 1; dim >= 0; dim--) {
      point[dim] = rest % sizes[dim];
      rest = Math.floor(rest / sizes[dim]);
    }
    yield point;
  }
}

// Exact integer quotient, rounded to nearest with ties away from zero.
function roundDivide(sum: number, divisor: number): number {
  const magnitude = Math.abs(sum);
  let quotient = Math.floor(magnitude / divisor);
  const remainder = magnitude - quotient * divisor;
  if (2 * remainder >= divisor) quotient += 1;
  return sum < 0 ? 0 - quotient : quotient; // never -0
}

/** Where a tensor's (n, c, plane offset) elements live, for either layout. */
interface Layout {
  batched: boolean;
  batch: number;
  channels: number;
  spatial: number[];
  offset(n: number, c: number, planeOffset: number): number;
}

function layoutOf(shape: number[], spatialDims: number, channelsLast: boolean, spatial?: number[]): Layout {
  const batched = shape.length === spatialDims + 2;
  const rest = batched ? shape.slice(1) : shape;
  const channels = channelsLast ? rest[rest.length - 1] : rest[0];
  const sizes = spatial ?? (channelsLast ? rest.slice(0, spatialDims) : rest.slice(1));
  const plane = product(sizes);
  return {
    batched,
    batch: batched ? shape[0] : 1,
    channels,
    spatial: sizes,
    offset: (n, c, planeOffset) =>
      channelsLast ? (n * plane + planeOffset) * channels + c : (n * channels + c) * plane + planeOffset,
  };
}

/** The output layout: the input's batchedness and channels with new spatial sizes. */
function outputLayout(input: Layout, spatial: number[], channelsLast: boolean): Layout & { shape: number[] } {
  const planes = channelsLast ? [...spatial, input.channels] : [input.channels, ...spatial];
  const shape = input.batched ? [input.batch, ...planes] : planes;
  return { ...layoutOf(shape, spatial.length, channelsLast, spatial), shape };
}

const arrayTypeOf = (data: PoolArray): string => (data.constructor.name === 'Buffer' ? 'Uint8Array' : data.constructor.name);
const isFloatType = (arrayType: string): boolean => arrayType === 'Float32Array' || arrayType === 'Float64Array';
const roundingOf = (arrayType: string): ((x: number) => number) =>
  arrayType === 'Float32Array' ? Math.fround : (x: number) => x;

function clampedAverage(arrayType: string, sum: number, divisor: number): number {
  const [typeMin, typeMax] = integerRanges[arrayType];
  return Math.min(typeMax, Math.max(typeMin, roundDivide(sum, divisor)));
}

export function referencePool(
  operation: 'max' | 'average',
  data: PoolArray,
  shape: number[],
  spatialDims: number,
  options: ReferenceOptions,
): ReferenceResult {
  const arrayType = arrayTypeOf(data);
  const isFloat = isFloatType(arrayType);
  const round = roundingOf(arrayType);
  const input = layoutOf(shape, spatialDims, options.channelsLast);
  const { batch, channels, spatial } = input;
  const outSpatial = spatial.map((size, dim) =>
    referenceOutputSize(
      size,
      options.kernelSize[dim],
      options.stride[dim],
      options.padding[dim][0],
      options.padding[dim][1],
      options.dilation[dim],
      options.ceilMode,
    ),
  );
  const output = outputLayout(input, outSpatial, options.channelsLast);
  const inputOffset = input.offset;
  const outputOffset = output.offset;
  const outPlaneSize = product(outSpatial);

  const result = new Array<number>(batch * channels * outPlaneSize);
  const indices = new Array<number>(result.length);
  const typeMin = isFloat ? -Infinity : integerRanges[arrayType][0];
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      let outPlaneOffset = 0;
      for (const out of coordinates(outSpatial)) {
        let best = -Infinity;
        let bestIndex = -1;
        let sum = 0;
        let realTaps = 0;
        let paddedTaps = 1;
        outSpatial.forEach((_, dim) => {
          const start = out[dim] * options.stride[dim] - options.padding[dim][0];
          let inside = 0;
          for (let j = 0; j < options.kernelSize[dim]; j++) {
            if (start + j * options.dilation[dim] < spatial[dim] + options.padding[dim][1]) inside++;
          }
          paddedTaps *= inside;
        });
        for (const tap of coordinates(options.kernelSize)) {
          const position = tap.map(
            (j, dim) => out[dim] * options.stride[dim] - options.padding[dim][0] + j * options.dilation[dim],
          );
          if (position.some((p, dim) => p < 0 || p >= spatial[dim])) continue;
          let planeOffset = 0;
          position.forEach((p, dim) => (planeOffset = planeOffset * spatial[dim] + p));
          const value = data[inputOffset(n, c, planeOffset)];
          realTaps++;
          if (bestIndex < 0 || value > best || Number.isNaN(value)) {
            best = value;
            bestIndex = planeOffset;
          }
          sum = isFloat ? round(sum + value) : sum + value;
        }
        const at = outputOffset(n, c, outPlaneOffset++);
        if (operation === 'max') {
          result[at] = bestIndex < 0 ? typeMin : best;
          indices[at] = bestIndex;
        } else if (realTaps === 0) {
          result[at] = 0;
        } else {
          const divisor = options.divisorOverride ?? (options.countIncludePad ? paddedTaps : realTaps);
          result[at] = isFloat
            ? round(sum / divisor)
            : options.unroundedAverage
              ? sum / divisor
              : clampedAverage(arrayType, sum, divisor);
        }
      }
    }
  }
  return { shape: output.shape, data: result, indices };
}

/** Window i of a dim: [floor(i * in / out), ceil((i + 1) * in / out)). */
export function adaptiveBin(input: number, output: number, i: number): [number, number] {
  return [Math.floor((i * input) / output), Math.ceil(((i + 1) * input) / output)];
}

/** Global pooling of every (n, c) plane: averages sum in double, in plane order, then divide once. */
export function referenceGlobal(
  operation: 'max' | 'average',
  data: PoolArray,
  shape: number[],
  channelsLast: boolean,
  unroundedAverage = false,
): ReferenceResult {
  const arrayType = arrayTypeOf(data);
  const input = layoutOf(shape, shape.length - 2, channelsLast);
  const plane = product(input.spatial);
  const output = outputLayout(
    input,
    input.spatial.map(() => 1),
    channelsLast,
  );
  const result = new Array<number>(input.batch * input.channels);
  for (let n = 0; n < input.batch; n++) {
    for (let c = 0; c < input.channels; c++) {
      let best = data[input.offset(n, c, 0)];
      let sum = 0;
      for (let i = 0; i < plane; i++) {
        const value = data[input.offset(n, c, i)];
        if (value > best || Number.isNaN(value)) best = value;
        sum += value;
      }
      const average = isFloatType(arrayType)
        ? roundingOf(arrayType)(sum / plane)
        : unroundedAverage
          ? sum / plane
          : clampedAverage(arrayType, sum, plane);
      result[output.offset(n, c, 0)] = operation === 'max' ? best : average;
    }
  }
  return { shape: output.shape, data: result, indices: [] };
}

/**
 * Adaptive pooling. Float averages sum in the array's precision and divide by each dim's window
 * extent in turn (PyTorch's order); integers divide once. Every output size 1 is global pooling.
 */
export function referenceAdaptive(
  operation: 'max' | 'average',
  data: PoolArray,
  shape: number[],
  spatialDims: number,
  outputSize: number[],
  channelsLast: boolean,
  unroundedAverage = false,
): ReferenceResult {
  if (operation === 'average' && outputSize.every((size) => size === 1)) {
    const batchedShape = shape.length === spatialDims + 2 ? shape : [1, ...shape];
    const global = referenceGlobal('average', data, batchedShape, channelsLast, unroundedAverage);
    return { ...global, shape: shape.length === spatialDims + 2 ? global.shape : global.shape.slice(1) };
  }
  const arrayType = arrayTypeOf(data);
  const round = roundingOf(arrayType);
  const input = layoutOf(shape, spatialDims, channelsLast);
  const output = outputLayout(input, outputSize, channelsLast);
  const result = new Array<number>(input.batch * input.channels * product(outputSize));
  const indices = new Array<number>(result.length);
  for (let n = 0; n < input.batch; n++) {
    for (let c = 0; c < input.channels; c++) {
      let outPlaneOffset = 0;
      for (const out of coordinates(outputSize)) {
        const bins = out.map((i, dim) => adaptiveBin(input.spatial[dim], outputSize[dim], i));
        const extents = bins.map(([start, end]) => end - start);
        let best = -Infinity;
        let bestIndex = -1;
        let sum = 0;
        for (const tap of coordinates(extents)) {
          let planeOffset = 0;
          tap.forEach((j, dim) => (planeOffset = planeOffset * input.spatial[dim] + bins[dim][0] + j));
          const value = data[input.offset(n, c, planeOffset)];
          if (bestIndex < 0 || value > best || Number.isNaN(value)) {
            best = value;
            bestIndex = planeOffset;
          }
          sum = round(sum + value);
        }
        const at = output.offset(n, c, outPlaneOffset++);
        indices[at] = bestIndex;
        if (operation === 'max') result[at] = best;
        else if (isFloatType(arrayType)) result[at] = extents.reduce((quotient, extent) => round(quotient / extent), sum);
        else result[at] = unroundedAverage ? sum / product(extents) : clampedAverage(arrayType, sum, product(extents));
      }
    }
  }
  return { shape: output.shape, data: result, indices };
}

export interface ReferenceLpOptions {
  normType: number;
  kernelSize: number[];
  stride: number[];
  ceilMode: boolean;
  channelsLast: boolean;
}

/**
 * LP pooling: (sum of x^p over the window's real taps)^(1/p), summed in the array's precision.
 * Powers are Math.pow rounded to the array's precision, so they may differ from the C library's
 * by an ulp except for the exponents 1, 2 and 0.5, which both compute exactly. Exponent 0.5 is
 * a square root, as in PyTorch, so (-Infinity)^0.5 is NaN where Math.pow gives Infinity.
 */
export function referenceLp(data: PoolArray, shape: number[], spatialDims: number, options: ReferenceLpOptions): ReferenceResult {
  const round = roundingOf(arrayTypeOf(data));
  const power = (value: number, exponent: number) =>
    round(exponent === 0.5 ? Math.sqrt(value) : Math.pow(value, round(exponent)));
  const input = layoutOf(shape, spatialDims, options.channelsLast);
  const outSpatial = input.spatial.map((size, dim) =>
    referenceOutputSize(size, options.kernelSize[dim], options.stride[dim], 0, 0, 1, options.ceilMode),
  );
  const output = outputLayout(input, outSpatial, options.channelsLast);
  const result = new Array<number>(input.batch * input.channels * product(outSpatial));
  for (let n = 0; n < input.batch; n++) {
    for (let c = 0; c < input.channels; c++) {
      let outPlaneOffset = 0;
      for (const out of coordinates(outSpatial)) {
        let sum = 0;
        for (const tap of coordinates(options.kernelSize)) {
          const position = tap.map((j, dim) => out[dim] * options.stride[dim] + j);
          if (position.some((p, dim) => p >= input.spatial[dim])) continue;
          let planeOffset = 0;
          position.forEach((p, dim) => (planeOffset = planeOffset * input.spatial[dim] + p));
          sum = round(sum + power(data[input.offset(n, c, planeOffset)], options.normType));
        }
        result[output.offset(n, c, outPlaneOffset++)] = power(sum, 1 / options.normType);
      }
    }
  }
  return { shape: output.shape, data: result, indices: [] };
}

/** Max-unpooling: zeros, then each input element written at its index, in input order. */
export function referenceUnpool(
  data: PoolArray,
  indices: Int32Array,
  shape: number[],
  spatialDims: number,
  outputSize: number[],
  channelsLast: boolean,
): ReferenceResult {
  const input = layoutOf(shape, spatialDims, channelsLast);
  const output = outputLayout(input, outputSize, channelsLast);
  const inPlane = product(input.spatial);
  const result = new Array<number>(input.batch * input.channels * product(outputSize)).fill(0);
  for (let n = 0; n < input.batch; n++) {
    for (let c = 0; c < input.channels; c++) {
      for (let i = 0; i < inPlane; i++) {
        const at = input.offset(n, c, i);
        result[output.offset(n, c, indices[at])] = data[at];
      }
    }
  }
  return { shape: output.shape, data: result, indices: [] };
}

/**
 * Fractional max pooling over given windows: `starts[n][c][dim]` lists each window's first input
 * position along a dim, every window `kernelSize[dim]` long; PyTorch's max rule (a greater value
 * or a NaN takes over; the first of equal values stays), indices as offsets in the plane.
 */
export function referenceFractionalMax(
  data: PoolArray,
  shape: number[],
  spatialDims: number,
  kernelSize: number[],
  starts: number[][][][],
  channelsLast: boolean,
): ReferenceResult {
  const input = layoutOf(shape, spatialDims, channelsLast);
  const outputSize = starts[0][0].map((list) => list.length);
  const output = outputLayout(input, outputSize, channelsLast);
  const outPlane = product(outputSize);
  const result = new Array<number>(input.batch * input.channels * outPlane);
  const indices = new Array<number>(result.length);
  const strides = input.spatial.map((_, dim) => product(input.spatial.slice(dim + 1)));
  for (let n = 0; n < input.batch; n++) {
    for (let c = 0; c < input.channels; c++) {
      let outOffset = 0;
      for (const window of coordinates(outputSize)) {
        let best = -Infinity;
        let bestIndex = -1;
        for (const tap of coordinates(kernelSize)) {
          const planeOffset = tap.reduce((sum, t, dim) => sum + (starts[n][c][dim][window[dim]] + t) * strides[dim], 0);
          const value = data[input.offset(n, c, planeOffset)];
          if (bestIndex < 0 || value > best || Number.isNaN(value)) {
            best = value;
            bestIndex = planeOffset;
          }
        }
        const at = output.offset(n, c, outOffset++);
        result[at] = best;
        indices[at] = bestIndex;
      }
    }
  }
  return { shape: output.shape, data: result, indices };
}

export interface ReferenceConversion {
  outputArrayType: string;
  outputChannelsLast: boolean;
  scale: number;
  mean: number[]; // per channel
  std: number[];
}

/**
 * Model input: an op's values (integer averages unrounded) normalised per channel as
 * `(v * scale - mean[c]) / std[c]` in float64, rounded once to the output type (integers: to
 * nearest, ties away from zero, clamped) and laid out in the output layout.
 */
export function referenceModelInput(
  values: ReferenceResult,
  spatialDims: number,
  inputChannelsLast: boolean,
  conversion: ReferenceConversion,
): ReferenceResult {
  const input = layoutOf(values.shape, spatialDims, inputChannelsLast);
  const output = outputLayout(input, input.spatial, conversion.outputChannelsLast);
  const plane = product(input.spatial);
  const data = new Array<number>(values.data.length);
  const indices = new Array<number>(values.indices.length);
  const round = (y: number): number => {
    if (isFloatType(conversion.outputArrayType)) return roundingOf(conversion.outputArrayType)(y);
    const [typeMin, typeMax] = integerRanges[conversion.outputArrayType];
    const whole = Math.trunc(y);
    const rounded = Math.abs(y - whole) >= 0.5 ? whole + Math.sign(y) : whole;
    return Math.min(typeMax, Math.max(typeMin, rounded)) + 0; // never -0
  };
  for (let n = 0; n < input.batch; n++) {
    for (let c = 0; c < input.channels; c++) {
      for (let i = 0; i < plane; i++) {
        const from = input.offset(n, c, i);
        const to = output.offset(n, c, i);
        data[to] = round((values.data[from] * conversion.scale - conversion.mean[c]) / conversion.std[c]);
        if (values.indices.length > 0) indices[to] = values.indices[from];
      }
    }
  }
  return { shape: output.shape, data, indices };
}
