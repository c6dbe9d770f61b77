// maxUnpoolNd against the plain reference, and the round trip maxPool -> maxUnpool -> maxPool.
import { describe, expect, it } from 'vitest';

import * as poolnd from '../dist/index.js';
import { referenceOutputSize, referenceUnpool } from './reference';
import { arrayTypeNames, arrayTypes, expectReferenceResult, expectSameValues, seededRandom } from './random-cases';

type Unpool = (input: unknown, indices: unknown, options: unknown) => poolnd.Tensor;
type UnpoolAsync = (input: unknown, indices: unknown, options: unknown) => Promise<poolnd.Tensor>;
type MaxPool = (input: unknown, options: unknown) => poolnd.MaxPoolWithIndices;
const unpoolOps = [poolnd.maxUnpool1d, poolnd.maxUnpool2d, poolnd.maxUnpool3d] as Unpool[];
const unpoolAsyncOps = [poolnd.maxUnpool1dAsync, poolnd.maxUnpool2dAsync, poolnd.maxUnpool3dAsync] as UnpoolAsync[];
const maxPoolOps = [poolnd.maxPool1d, poolnd.maxPool2d, poolnd.maxPool3d] as MaxPool[];

const product = (values: number[]) => values.reduce((a, b) => a * b, 1);

// Random values scattered to random offsets of the output plane, duplicates included.
function randomCase(seed: number) {
  const random = seededRandom(seed);
  const spatialDims = random.pick([1, 2, 3] as const);
  const arrayType = random.pick(arrayTypeNames);
  const channelsLast = random() < 0.5;
  const spatial = Array.from({ length: spatialDims }, () => random.int(1, spatialDims === 3 ? 3 : 6));
  const { shape } = random.shape(spatialDims, channelsLast, spatial);
  const kernelSize = spatial.map(() => random.int(1, 4));
  const stride = kernelSize.map(() => random.int(1, 3));
  const padding = kernelSize.map((k) => random.int(0, Math.floor(k / 2)));
  const defaults = spatial.map((size, dim) => (size - 1) * stride[dim] - 2 * padding[dim] + kernelSize[dim]);
  // Within stride - 1 of the default, and at least 1.
  const outputSize = defaults.map((size, dim) => (random() < 0.3 ? size + random.int(1 - stride[dim], stride[dim] - 1) : size));
  const valid = outputSize.every((size) => size >= 1);
  const options: Record<string, unknown> = { kernelSize, stride, padding, channelsLast };
  if (outputSize.some((size, dim) => size !== defaults[dim]) || random() < 0.3) options.outputSize = outputSize;
  const length = product(shape);
  const plane = product(outputSize);
  const duplicates = random() < 0.5;
  const indices = Int32Array.from({ length }, () => random.int(0, duplicates ? Math.min(plane - 1, 2) : plane - 1));
  const data = random.array(arrayType, length);
  const label = `seed ${seed}: unpool ${spatialDims}d ${arrayType} shape [${shape}] ${JSON.stringify(options)}`;
  return {
    label,
    spatialDims,
    arrayType,
    channelsLast,
    valid,
    input: { data, shape },
    indices: { data: indices, shape },
    options,
    outputSize,
  };
}

type Case = ReturnType<typeof randomCase>;

function expectMatches(testCase: Case, result: poolnd.Tensor): void {
  const { input, indices, spatialDims, outputSize, channelsLast } = testCase;
  const expected = referenceUnpool(input.data, indices.data, input.shape, spatialDims, outputSize, channelsLast);
  expectReferenceResult(testCase.label, testCase.arrayType, result, expected);
}

const cases = Array.from({ length: 600 }, (_, i) => randomCase(17000 + i));
const valid = cases.filter((c) => c.valid);

describe('max-unpooling against the plain reference', () => {
  it('covers every array type, rank and layout', () => {
    expect(new Set(valid.map((c) => `${c.spatialDims} ${c.arrayType} ${c.channelsLast}`)).size).toBe(3 * 9 * 2);
  });

  it('sync calls match the reference; an output size below 1 is a RangeError', () => {
    for (const testCase of cases) {
      const op = unpoolOps[testCase.spatialDims - 1];
      if (!testCase.valid) {
        expect(() => op(testCase.input, testCase.indices, testCase.options), testCase.label).toThrow(RangeError);
        continue;
      }
      expectMatches(testCase, op(testCase.input, testCase.indices, testCase.options));
    }
  });

  it('async calls give the same results', async () => {
    const results = await Promise.all(valid.map((c) => unpoolAsyncOps[c.spatialDims - 1](c.input, c.indices, c.options)));
    valid.forEach((testCase, i) => expectMatches(testCase, results[i]));
  });

  it('writes into `out`, overwriting what was there, and returns it', () => {
    for (const testCase of valid.slice(0, 100)) {
      const fresh = unpoolOps[testCase.spatialDims - 1](testCase.input, testCase.indices, testCase.options);
      const out = new arrayTypes[testCase.arrayType](fresh.data.length).fill(7);
      const result = unpoolOps[testCase.spatialDims - 1](testCase.input, testCase.indices, { ...testCase.options, out });
      expect(result.data, testCase.label).toBe(out);
      expectMatches(testCase, result);
    }
  });
});

describe('max-unpooling semantics', () => {
  it('duplicate indices: the last in input order wins, in both layouts', () => {
    const values = Float32Array.from([1, 2, 3, 4]);
    const first = poolnd.maxUnpool1d(
      { data: values, shape: [1, 4] },
      { data: Int32Array.from([5, 1, 5, 1]), shape: [1, 4] },
      { kernelSize: 2 },
    );
    expect(Array.from(first.data)).toEqual([0, 4, 0, 0, 0, 3, 0, 0]);
    // Two channels, interleaved: channel 0 holds 1, 3 and channel 1 holds 2, 4.
    const last = poolnd.maxUnpool1d(
      { data: values, shape: [2, 2] },
      { data: Int32Array.from([0, 3, 0, 3]), shape: [2, 2] },
      { kernelSize: 2, channelsLast: true },
    );
    expect(Array.from(last.data)).toEqual([3, 0, 0, 0, 0, 0, 0, 4]);
  });

  it('round trip: maxPool, maxUnpool to the original size, then maxPool again gives the same maxima', () => {
    for (let seed = 0; seed < 300; seed++) {
      const random = seededRandom(21000 + seed);
      const spatialDims = random.pick([1, 2, 3] as const);
      const arrayType = random.pick(arrayTypeNames);
      const channelsLast = random() < 0.5;
      const spatial = Array.from({ length: spatialDims }, () => random.int(2, spatialDims === 3 ? 6 : 9));
      const { shape } = random.shape(spatialDims, channelsLast, spatial);
      const kernelSize = spatial.map((size) => random.int(1, Math.min(size, 4)));
      const stride = kernelSize.map((k) => random.int(1, k + 1));
      const padding = kernelSize.map((k) => random.int(0, Math.floor(k / 2)));
      const ceilMode = random() < 0.3;
      // Unpooling fills with zeros, which must not beat a maximum: non-negative values (NaN kept).
      const data = random.array(arrayType, product(shape)).map((value) => (value < 0 || Object.is(value, -0) ? 0 : value));
      const pooledSizes = spatial.map((size, dim) =>
        referenceOutputSize(size, kernelSize[dim], stride[dim], padding[dim], padding[dim], 1, ceilMode),
      );
      // Every size that pools to n lies within stride - 1 of unpooling's default for n, ceil mode included.
      const restorable = spatial.every((size, dim) => {
        const fallback = (pooledSizes[dim] - 1) * stride[dim] - 2 * padding[dim] + kernelSize[dim];
        return Math.abs(size - fallback) <= stride[dim] - 1;
      });
      expect(restorable).toBe(true);
      const window = { kernelSize, stride, padding, channelsLast };
      const label = `seed ${21000 + seed}: ${spatialDims}d ${arrayType} shape [${shape}] ${JSON.stringify({ ...window, ceilMode })}`;
      const pooled = maxPoolOps[spatialDims - 1]({ data, shape }, { ...window, ceilMode, returnIndices: true });
      const unpooled = unpoolOps[spatialDims - 1](pooled.output, pooled.indices, { ...window, outputSize: spatial });
      expect(unpooled.shape, label).toEqual(shape);
      const again = maxPoolOps[spatialDims - 1](unpooled, { ...window, ceilMode, returnIndices: true });
      expectSameValues(label, again.output.data, pooled.output.data);
    }
  });
});
