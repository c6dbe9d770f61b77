// maxPoolNd and avgPoolNd against the plain reference over seeded random cases: every array type,
// 1d/2d/3d, both layouts, batched and unbatched, every padding form, sync, async and `out`.
import { describe, expect, it } from 'vitest';

import * as poolnd from '../dist/index.js';
import { referenceOutputSize, referencePool, type ReferenceOptions } from './reference';
import { arrayTypeNames, arrayTypes, type ArrayTypeName, expectReferenceResult, seededRandom } from './random-cases';

type Operation = 'max' | 'average';

interface RandomCase {
  label: string;
  operation: Operation;
  spatialDims: 1 | 2 | 3;
  arrayType: ArrayTypeName;
  input: { data: poolnd.PoolArray; shape: number[] };
  options: Record<string, unknown>;
  reference: ReferenceOptions;
  valid: boolean;
}

function samePair(size: number, k: number, s: number, d: number): [number, number] {
  const out = Math.ceil(size / s);
  const total = Math.max((out - 1) * s + d * (k - 1) + 1 - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

function randomCase(seed: number): RandomCase {
  const random = seededRandom(seed);
  const operation = random.pick(['max', 'average'] as const);
  const spatialDims = random.pick([1, 2, 3] as const);
  const arrayType = random.pick(arrayTypeNames);
  const channelsLast = random() < 0.5;
  const batched = random() < 0.7;
  const batch = random() < 0.05 ? 0 : random.int(1, 2);
  const channels = random() < 0.05 ? 0 : random.int(1, spatialDims === 3 ? 3 : 5);
  const spatial = Array.from({ length: spatialDims }, () => random.int(1, spatialDims === 3 ? 5 : 8));
  const kernelSize = spatial.map(() => random.int(1, 4));
  const strideGiven = random() < 0.8;
  const stride = strideGiven ? kernelSize.map(() => random.int(1, 3)) : kernelSize.slice();
  const dilation = kernelSize.map(() => (random() < 0.7 ? 1 : random.int(2, 3)));
  const ceilMode = random() < 0.5;
  const form = random.pick(['none', 'number', 'perDim', 'pairs', 'same', 'valid'] as const);
  const half = kernelSize.map((k) => Math.floor(k / 2));
  let padding: unknown;
  let pairs: [number, number][];
  switch (form) {
    case 'number': {
      const pad = random.int(0, Math.min(...half));
      padding = pad;
      pairs = spatial.map(() => [pad, pad]);
      break;
    }
    case 'perDim': {
      const pads = half.map((h) => random.int(0, h));
      padding = pads;
      pairs = pads.map((p) => [p, p]);
      break;
    }
    case 'pairs':
      pairs = half.map((h) => [random.int(0, h), random.int(0, h)]);
      padding = pairs;
      break;
    case 'same':
      padding = 'same';
      pairs = spatial.map((size, dim) => samePair(size, kernelSize[dim], stride[dim], dilation[dim]));
      break;
    default:
      padding = form === 'valid' ? 'valid' : undefined;
      pairs = spatial.map(() => [0, 0]);
  }
  const planes = channelsLast ? [...spatial, channels] : [channels, ...spatial];
  const shape = batched ? [batch, ...planes] : planes;
  const length = shape.reduce((a, b) => a * b, 1);
  const options: Record<string, unknown> = { kernelSize, ceilMode, channelsLast };
  if (strideGiven) options.stride = stride.every((s) => s === stride[0]) ? stride[0] : stride;
  if (padding !== undefined) options.padding = padding;
  if (dilation.some((d) => d !== 1)) options.dilation = dilation;
  const reference: ReferenceOptions = {
    kernelSize,
    stride,
    padding: pairs,
    dilation,
    ceilMode,
    channelsLast,
    countIncludePad: true,
  };
  if (operation === 'average') {
    reference.countIncludePad = random() < 0.5;
    options.countIncludePad = reference.countIncludePad;
    if (random() < 0.2) options.divisorOverride = reference.divisorOverride = random.int(1, 7);
  } else {
    options.returnIndices = random() < 0.6;
  }
  const valid = spatial.every(
    (size, dim) =>
      referenceOutputSize(size, kernelSize[dim], stride[dim], pairs[dim][0], pairs[dim][1], dilation[dim], ceilMode) >= 1,
  );
  const data = random.array(arrayType, length);
  const label = `seed ${seed}: ${operation} ${spatialDims}d ${arrayType} shape [${shape}] ${JSON.stringify(options)}`;
  return { label, operation, spatialDims, arrayType, input: { data, shape }, options, reference, valid };
}

const syncOps = {
  max: [poolnd.maxPool1d, poolnd.maxPool2d, poolnd.maxPool3d],
  average: [poolnd.avgPool1d, poolnd.avgPool2d, poolnd.avgPool3d],
} as const;
const asyncOps = {
  max: [poolnd.maxPool1dAsync, poolnd.maxPool2dAsync, poolnd.maxPool3dAsync],
  average: [poolnd.avgPool1dAsync, poolnd.avgPool2dAsync, poolnd.avgPool3dAsync],
} as const;

type Result = poolnd.Tensor | poolnd.MaxPoolWithIndices;
const outputOf = (result: Result): poolnd.Tensor => ('output' in result ? result.output : result);

function expectMatchesReference(testCase: RandomCase, result: Result): void {
  const { operation, input, spatialDims, reference, options } = testCase;
  const expected = referencePool(operation, input.data, input.shape, spatialDims, reference);
  expectReferenceResult(testCase.label, testCase.arrayType, result, expected, options.returnIndices === true);
}

const cases = Array.from({ length: 800 }, (_, i) => randomCase(1000 + i));

describe('pooling against the plain reference', () => {
  it('covers every array type, rank, layout and operation', () => {
    const seen = new Set(
      cases.filter((c) => c.valid).map((c) => `${c.operation} ${c.spatialDims} ${c.arrayType} ${c.options.channelsLast}`),
    );
    expect(seen.size).toBe(2 * 3 * 9 * 2);
  });

  it('sync calls match the reference, and invalid windows are RangeErrors', () => {
    for (const testCase of cases) {
      const op = syncOps[testCase.operation][testCase.spatialDims - 1] as (i: unknown, o: unknown) => Result;
      if (!testCase.valid) {
        expect(() => op(testCase.input, testCase.options), testCase.label).toThrow(RangeError);
        continue;
      }
      expectMatchesReference(testCase, op(testCase.input, testCase.options));
    }
  });

  it('async calls give the same results', async () => {
    const valid = cases.filter((c) => c.valid);
    const results = await Promise.all(
      valid.map((c) =>
        (asyncOps[c.operation][c.spatialDims - 1] as (i: unknown, o: unknown) => Promise<Result>)(c.input, c.options),
      ),
    );
    valid.forEach((testCase, i) => expectMatchesReference(testCase, results[i]));
  });

  it('writes into `out` and `indicesOut` and returns them', () => {
    for (const testCase of cases.filter((c) => c.valid).slice(0, 150)) {
      const op = syncOps[testCase.operation][testCase.spatialDims - 1] as (i: unknown, o: unknown) => Result;
      const fresh = op(testCase.input, testCase.options);
      const out = new arrayTypes[testCase.arrayType](outputOf(fresh).data.length).fill(7);
      const options: Record<string, unknown> = { ...testCase.options, out };
      if (testCase.options.returnIndices) options.indicesOut = new Int32Array(out.length).fill(-7);
      const result = op(testCase.input, options);
      expect(outputOf(result).data, testCase.label).toBe(out);
      if ('indices' in result) expect(result.indices.data).toBe(options.indicesOut);
      expectMatchesReference(testCase, result);
    }
  });
});
