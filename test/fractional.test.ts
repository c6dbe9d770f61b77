// Fractional max pooling against PyTorch (test/goldens/fractional_max_pool.json: torch's
// fractional_max_pool2d/3d with its own _random_samples, over ties, NaNs and infinities, float32
// and float64, sizes given and from ratios): first its windows (lib/shape.ts) through a plain
// reference max, then the library's op, in both layouts, sync and async; and the op on every
// array type against that reference with seeded samples.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  fractionalMaxPool2d,
  fractionalMaxPool2dAsync,
  fractionalMaxPool3d,
  maxUnpool2d,
  type PoolArray,
  setNumThreads,
} from '../dist/index.js';
import { fractionalOutputSize, fractionalSampleEntry, fractionalWindowStarts } from '../dist/shape.js';
import { seededRandom } from './random-cases';
import { referenceFractionalMax } from './reference';

interface GoldenCase {
  spatialDims: 2 | 3;
  shape: number[];
  dtype: 'float32' | 'float64';
  kernelSize: number | number[];
  outputSize: number[] | null;
  outputRatio: number[] | null;
  samples: number[];
  input: (number | string)[];
  outputShape: number[];
  output: (number | string)[];
  indices: number[];
}
const { cases } = JSON.parse(readFileSync(new URL('./goldens/fractional_max_pool.json', import.meta.url), 'utf8')) as {
  cases: GoldenCase[];
};
const decode = (value: number | string) => (typeof value === 'string' ? Number(value) : value);

describe('fractional max pooling windows', () => {
  it.each(cases.map((golden, index) => [index, golden] as const))("give PyTorch's result on case %i", (_, golden) => {
    const { spatialDims, shape, dtype } = golden;
    const [batch, channels, ...spatial] = shape;
    const kernel = typeof golden.kernelSize === 'number' ? spatial.map(() => golden.kernelSize as number) : golden.kernelSize;
    const outputSize = golden.outputSize ?? spatial.map((size, dim) => fractionalOutputSize(size, golden.outputRatio![dim]));
    expect(outputSize).toEqual(golden.outputShape.slice(2));
    const starts = Array.from({ length: batch }, (_, n) =>
      Array.from({ length: channels }, (_, c) =>
        spatial.map((size, dim) => {
          const sample = golden.samples[(n * channels + c) * spatialDims + fractionalSampleEntry(spatialDims, dim)];
          return fractionalWindowStarts(size, outputSize[dim], kernel[dim], sample, dtype);
        }),
      ),
    );
    const data = (dtype === 'float32' ? Float32Array : Float64Array).from(golden.input.map(decode));
    const result = referenceFractionalMax(data, shape, spatialDims, kernel, starts, false);
    expect(result.shape).toEqual(golden.outputShape);
    expect(result.indices).toEqual(golden.indices);
    expect(result.data).toEqual(golden.output.map(decode));
  });

  it('start at 0, end at in - k, and stay inside the input', () => {
    for (const [input, output, kernel] of [
      [9, 5, 2],
      [16, 8, 3],
      [100, 51, 50],
      [7, 1, 3],
    ]) {
      for (const sample of [0, 0.25, 0.5, 0.999999]) {
        const starts = fractionalWindowStarts(input, output, kernel, sample, 'float64');
        expect(starts).toHaveLength(output);
        expect(starts.at(-1)).toBe(input - kernel);
        if (output > 1) expect(starts[0]).toBe(0);
        for (let i = 1; i < output; i++) expect(starts[i]).toBeGreaterThanOrEqual(starts[i - 1]);
      }
    }
  });
});

// A channels-first tensor's data in channels-last order.
function toChannelsLast(data: PoolArray, shape: number[]): PoolArray {
  const [batch, channels, ...spatial] = shape;
  const plane = spatial.reduce((a, b) => a * b, 1);
  const result = new (data.constructor as new (length: number) => PoolArray)(data.length);
  for (let n = 0; n < batch; n++)
    for (let c = 0; c < channels; c++)
      for (let i = 0; i < plane; i++) result[(n * plane + i) * channels + c] = data[(n * channels + c) * plane + i];
  return result;
}

describe('fractionalMaxPool2d/3d', () => {
  it.each(cases.map((golden, index) => [index, golden] as const))(
    "give PyTorch's result on case %i, in both layouts, sync and async",
    async (_, golden) => {
      const Samples = golden.dtype === 'float32' ? Float32Array : Float64Array;
      const data = Samples.from(golden.input.map(decode));
      const samples = { data: Samples.from(golden.samples), shape: [golden.shape[0], golden.shape[1], golden.spatialDims] };
      const options = {
        kernelSize: golden.kernelSize,
        ...(golden.outputSize ? { outputSize: golden.outputSize } : { outputRatio: golden.outputRatio! }),
        samples,
        returnIndices: true as const,
      };
      const pool = (golden.spatialDims === 2 ? fractionalMaxPool2d : fractionalMaxPool3d) as unknown as (
        input: { data: PoolArray; shape: number[] },
        options: object,
      ) => { output: { data: PoolArray; shape: number[] }; indices: { data: Int32Array } };
      const expected = golden.output.map(decode);
      const result = pool({ data, shape: golden.shape }, options);
      expect(result.output.shape).toEqual(golden.outputShape);
      expect(Array.from(result.output.data)).toEqual(expected);
      expect(Array.from(result.indices.data)).toEqual(golden.indices);

      const [batch, channels, ...spatial] = golden.shape;
      const last = pool(
        { data: toChannelsLast(data, golden.shape), shape: [batch, ...spatial, channels] },
        { ...options, channelsLast: true },
      );
      const outShape = golden.outputShape;
      expect(Array.from(last.output.data)).toEqual(Array.from(toChannelsLast(Float64Array.from(expected), outShape)));
      expect(Array.from(last.indices.data)).toEqual(Array.from(toChannelsLast(Int32Array.from(golden.indices), outShape)));

      if (golden.spatialDims === 2) {
        const asynchronous = await fractionalMaxPool2dAsync({ data, shape: golden.shape }, options as never);
        expect(Array.from((asynchronous as unknown as { output: { data: PoolArray } }).output.data)).toEqual(expected);
      }
    },
  );

  it.each([
    'Float32Array',
    'Float64Array',
    'Int8Array',
    'Uint8Array',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
  ] as const)('pools %s as the plain reference does, on 1 and 3 threads', (arrayType) => {
    const random = seededRandom(arrayType.length);
    const shape = [2, 3, 13, 10];
    const data = random.array(arrayType, 2 * 3 * 13 * 10) as PoolArray;
    const samples = { data: Float64Array.from({ length: 2 * 3 * 2 }, () => random()), shape: [2, 3, 2] };
    const [kernel, outputSize] = [
      [3, 2],
      [7, 7],
    ];
    // Sample entry 0 drives the width, entry 1 the height, as in PyTorch's 2-D op.
    const starts = [0, 1].map((n) =>
      [0, 1, 2].map((c) =>
        [0, 1].map((dim) =>
          fractionalWindowStarts(
            shape[2 + dim],
            outputSize[dim],
            kernel[dim],
            samples.data[(n * 3 + c) * 2 + (1 - dim)],
            'float64',
          ),
        ),
      ),
    );
    const expected = referenceFractionalMax(data, shape, 2, kernel, starts, false);
    for (const threads of [1, 3]) {
      setNumThreads(threads);
      const result = fractionalMaxPool2d(
        { data, shape },
        { kernelSize: [3, 2], outputSize: [7, 7], samples, returnIndices: true },
      );
      expect(Array.from(result.output.data)).toEqual(expected.data);
      expect(Array.from(result.indices.data)).toEqual(expected.indices);
    }
    setNumThreads(2);
  });

  it('draws the same samples from the same seed, and others from another', () => {
    const input = { data: Float32Array.from({ length: 4 * 40 * 40 }, (_, i) => Math.sin(i)), shape: [4, 40, 40] };
    const pool = (seed: number) =>
      fractionalMaxPool2d(input, { kernelSize: 2, outputRatio: 0.6, seed, returnIndices: true }).indices.data;
    expect(Array.from(pool(5))).toEqual(Array.from(pool(5)));
    expect(Array.from(pool(5))).not.toEqual(Array.from(pool(6)));
  });

  it('gives indices maxUnpool2d takes, and refuses what PyTorch refuses', () => {
    const shape = [1, 1, 8, 8];
    const data = Float32Array.from({ length: 64 }, (_, i) => (i * 37) % 64);
    const { output, indices } = fractionalMaxPool2d(
      { data, shape },
      { kernelSize: 2, outputSize: 5, returnIndices: true, seed: 3 },
    );
    const restored = maxUnpool2d(output, indices, { kernelSize: 4, stride: 1 }); // (5 - 1) * 1 + 4 = 8
    indices.data.forEach((index, at) => expect(restored.data[index]).toBe(output.data[at]));
    const call = (options: object) => () => fractionalMaxPool2d({ data, shape }, { kernelSize: 2, ...options } as never);
    expect(call({ outputSize: 4, outputRatio: 0.5 })).toThrow(RangeError);
    expect(call({})).toThrow(RangeError);
    expect(call({ outputSize: 8 })).toThrow(expect.objectContaining({ code: 'ERR_POOLND_OUTPUT_TOO_SMALL' }));
    expect(call({ outputRatio: 1 })).toThrow(RangeError);
    expect(call({ outputSize: 4, samples: { data: new Float32Array([0.5, 1]), shape: [1, 1, 2] } })).toThrow(RangeError);
    expect(call({ outputSize: 4, samples: { data: new Float32Array(3), shape: [1, 1, 3] } })).toThrow(
      expect.objectContaining({ code: 'ERR_POOLND_SHAPE_MISMATCH' }),
    );
    expect(call({ outputSize: 4, seed: 1, samples: { data: new Float32Array(2), shape: [1, 1, 2] } })).toThrow(RangeError);
    expect(call({ outputSize: 4, sample: 1 })).toThrow(expect.objectContaining({ code: 'ERR_POOLND_UNKNOWN_OPTION' }));
  });
});
