// Fractional max pooling's windows (lib/shape.ts: fractionalWindowStarts and friends) against
// PyTorch: with the windows they give for torch's own _random_samples, the plain reference max
// equals torch's fractional_max_pool2d/3d outputs and indices (test/goldens/fractional_max_pool.json,
// over ties, NaNs and infinities, float32 and float64, sizes given and from ratios).
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { fractionalOutputSize, fractionalSampleEntry, fractionalWindowStarts } from '../dist/shape.js';
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
