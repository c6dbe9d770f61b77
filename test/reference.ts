// A plain, slow reference for max and average pooling, written from API.md alone: every window
// tap visited one by one, in row-major window order. Tests compare the library against it.

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

export function referenceOutputSize(input: number, k: number, s: number, pb: number, pe: number, d: number, ceil: boolean): number {
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

export function referencePool(
  operation: 'max' | 'average',
  data: PoolArray,
  shape: number[],
  spatialDims: number,
  options: ReferenceOptions,
): ReferenceResult {
  const arrayType = data.constructor.name === 'Buffer' ? 'Uint8Array' : data.constructor.name;
  const isFloat = arrayType === 'Float32Array' || arrayType === 'Float64Array';
  const round = arrayType === 'Float32Array' ? Math.fround : (x: number) => x;
  const batched = shape.length === spatialDims + 2;
  const batch = batched ? shape[0] : 1;
  const rest = batched ? shape.slice(1) : shape;
  const channels = options.channelsLast ? rest[rest.length - 1] : rest[0];
  const spatial = options.channelsLast ? rest.slice(0, spatialDims) : rest.slice(1);
  const outSpatial = spatial.map((size, dim) =>
    referenceOutputSize(size, options.kernelSize[dim], options.stride[dim], options.padding[dim][0], options.padding[dim][1], options.dilation[dim], options.ceilMode),
  );
  const planeSize = product(spatial);
  const outPlaneSize = product(outSpatial);
  const inputOffset = (n: number, c: number, planeOffset: number) =>
    options.channelsLast ? (n * planeSize + planeOffset) * channels + c : (n * channels + c) * planeSize + planeOffset;
  const outputOffset = (n: number, c: number, planeOffset: number) =>
    options.channelsLast ? (n * outPlaneSize + planeOffset) * channels + c : (n * channels + c) * outPlaneSize + planeOffset;

  const result = new Array<number>(batch * channels * outPlaneSize);
  const indices = new Array<number>(result.length);
  const [typeMin, typeMax] = integerRanges[arrayType] ?? [-Infinity, Infinity];
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
          const position = tap.map((j, dim) => out[dim] * options.stride[dim] - options.padding[dim][0] + j * options.dilation[dim]);
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
          result[at] = bestIndex < 0 ? (isFloat ? -Infinity : typeMin) : best;
          indices[at] = bestIndex;
        } else if (realTaps === 0) {
          result[at] = 0;
        } else {
          const divisor = options.divisorOverride ?? (options.countIncludePad ? paddedTaps : realTaps);
          result[at] = isFloat ? round(sum / divisor) : Math.min(typeMax, Math.max(typeMin, roundDivide(sum, divisor)));
        }
      }
    }
  }
  const planes = options.channelsLast ? [...outSpatial, channels] : [channels, ...outSpatial];
  return { shape: batched ? [batch, ...planes] : planes, data: result, indices };
}
