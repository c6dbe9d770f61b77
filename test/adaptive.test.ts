// adaptiveAvgPoolNd and adaptiveMaxPoolNd against the plain reference over seeded random cases.
import { describe, expect, it } from 'vitest';

import * as poolnd from '../dist/index.js';
import { referenceAdaptive } from './reference';
import { arrayTypeNames, arrayTypes, expectReferenceResult, seededRandom } from './random-cases';

type Operation = 'max' | 'average';
type Result = poolnd.Tensor | poolnd.MaxPoolWithIndices;
type Op = (input: unknown, options: unknown) => Result;
type AsyncOp = (input: unknown, options: unknown) => Promise<Result>;

const syncOps: Record<Operation, Op[]> = {
  max: [poolnd.adaptiveMaxPool1d, poolnd.adaptiveMaxPool2d, poolnd.adaptiveMaxPool3d] as Op[],
  average: [poolnd.adaptiveAvgPool1d, poolnd.adaptiveAvgPool2d, poolnd.adaptiveAvgPool3d] as Op[],
};
const asyncOps: Record<Operation, AsyncOp[]> = {
  max: [poolnd.adaptiveMaxPool1dAsync, poolnd.adaptiveMaxPool2dAsync, poolnd.adaptiveMaxPool3dAsync] as AsyncOp[],
  average: [poolnd.adaptiveAvgPool1dAsync, poolnd.adaptiveAvgPool2dAsync, poolnd.adaptiveAvgPool3dAsync] as AsyncOp[],
};

function randomCase(seed: number) {
  const random = seededRandom(seed);
  const operation = random.pick(['max', 'average'] as const);
  const spatialDims = random.pick([1, 2, 3] as const);
  const arrayType = random.pick(arrayTypeNames);
  const channelsLast = random() < 0.5;
  const spatial = Array.from({ length: spatialDims }, () => random.int(1, spatialDims === 3 ? 6 : 11));
  const { shape } = random.shape(spatialDims, channelsLast, spatial);
  // Smaller, equal and larger than the input; null keeps the input size; sometimes all ones.
  const entries = spatial.map((size) => (random() < 0.15 ? null : random.int(1, size + 3)));
  const allOnes = random() < 0.1;
  const outputSize = allOnes ? spatial.map(() => 1) : entries.map((entry, dim) => entry ?? spatial[dim]);
  const options: Record<string, unknown> = {
    outputSize: allOnes ? 1 : entries,
    channelsLast,
  };
  if (operation === 'max') options.returnIndices = random() < 0.6;
  const data = random.array(
    arrayType,
    shape.reduce((a, b) => a * b, 1),
  );
  const label = `seed ${seed}: adaptive ${operation} ${spatialDims}d ${arrayType} shape [${shape}] ${JSON.stringify(options)}`;
  return { label, operation, spatialDims, arrayType, input: { data, shape }, options, spatial, outputSize };
}

type Case = ReturnType<typeof randomCase>;

function expectMatches(testCase: Case, result: Result): void {
  const { operation, input, spatialDims, outputSize, options } = testCase;
  const expected = referenceAdaptive(
    operation,
    input.data,
    input.shape,
    spatialDims,
    outputSize,
    options.channelsLast as boolean,
  );
  expectReferenceResult(testCase.label, testCase.arrayType, result, expected, options.returnIndices === true);
}

const cases = Array.from({ length: 800 }, (_, i) => randomCase(5000 + i));

describe('adaptive pooling against the plain reference', () => {
  it('covers every array type, rank, layout and operation, and outputs larger than the input', () => {
    const seen = new Set(cases.map((c) => `${c.operation} ${c.spatialDims} ${c.arrayType} ${c.options.channelsLast}`));
    expect(seen.size).toBe(2 * 3 * 9 * 2);
    expect(cases.filter((c) => c.outputSize.some((size, dim) => size > c.spatial[dim])).length).toBeGreaterThan(100);
    expect(cases.filter((c) => c.outputSize.every((size) => size === 1)).length).toBeGreaterThan(20);
  });

  it('sync calls match the reference', () => {
    for (const testCase of cases)
      expectMatches(testCase, syncOps[testCase.operation][testCase.spatialDims - 1](testCase.input, testCase.options));
  });

  it('async calls give the same results', async () => {
    const results = await Promise.all(cases.map((c) => asyncOps[c.operation][c.spatialDims - 1](c.input, c.options)));
    cases.forEach((testCase, i) => expectMatches(testCase, results[i]));
  });

  it('writes into `out` and `indicesOut` and returns them', () => {
    for (const testCase of cases.slice(0, 100)) {
      const op = syncOps[testCase.operation][testCase.spatialDims - 1];
      const fresh = op(testCase.input, testCase.options);
      const out = new arrayTypes[testCase.arrayType](('output' in fresh ? fresh.output : fresh).data.length).fill(7);
      const options: Record<string, unknown> = { ...testCase.options, out };
      if (testCase.options.returnIndices) options.indicesOut = new Int32Array(out.length).fill(-7);
      const result = op(testCase.input, options);
      expect(('output' in result ? result.output : result).data, testCase.label).toBe(out);
      if ('indices' in result) expect(result.indices.data).toBe(options.indicesOut);
      expectMatches(testCase, result);
    }
  });
});

describe('adaptive pooling semantics', () => {
  it('an output size of 1 everywhere is global average pooling', () => {
    const random = seededRandom(77);
    const data = random.array('Float32Array', 2 * 3 * 7 * 7);
    const input = { data, shape: [2, 3, 7, 7] };
    expect(Array.from(poolnd.adaptiveAvgPool2d(input, { outputSize: 1 }).data)).toEqual(
      Array.from(poolnd.globalAvgPool(input).data),
    );
  });

  it('overlapping bins repeat input elements when the output is larger than the input', () => {
    const result = poolnd.adaptiveMaxPool1d(
      { data: Float32Array.from([1, 2, 3]), shape: [1, 3] },
      { outputSize: 5, returnIndices: true },
    );
    // Bins of 3 over 5: [0,1) [0,2) [1,2) [1,3) [2,3).
    expect(Array.from(result.output.data)).toEqual([1, 2, 2, 3, 3]);
    expect(Array.from(result.indices.data)).toEqual([0, 1, 1, 2, 2]);
  });
});
