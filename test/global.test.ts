// globalAvgPool and globalMaxPool against the plain reference: ranks 3 to 6, both layouts.
import { describe, expect, it } from 'vitest';

import * as poolnd from '../dist/index.js';
import { referenceGlobal } from './reference';
import { arrayTypeNames, arrayTypes, expectReferenceResult, expectSameValues, seededRandom } from './random-cases';

type Operation = 'max' | 'average';
type Op = (input: unknown, options?: unknown) => poolnd.Tensor;
type AsyncOp = (input: unknown, options?: unknown) => Promise<poolnd.Tensor>;
const syncOps: Record<Operation, Op> = { max: poolnd.globalMaxPool as Op, average: poolnd.globalAvgPool as Op };
const asyncOps: Record<Operation, AsyncOp> = {
  max: poolnd.globalMaxPoolAsync as AsyncOp,
  average: poolnd.globalAvgPoolAsync as AsyncOp,
};

function randomCase(seed: number) {
  const random = seededRandom(seed);
  const operation = random.pick(['max', 'average'] as const);
  const arrayType = random.pick(arrayTypeNames);
  const channelsLast = random() < 0.5;
  const spatialDims = random.int(1, 4);
  const spatial = Array.from({ length: spatialDims }, () => random.int(1, spatialDims > 2 ? 4 : 9));
  const batch = random() < 0.05 ? 0 : random.int(1, 3);
  const channels = random() < 0.05 ? 0 : random.int(1, 19);
  const shape = channelsLast ? [batch, ...spatial, channels] : [batch, channels, ...spatial];
  const data = random.array(
    arrayType,
    shape.reduce((a, b) => a * b, 1),
  );
  // The options object is optional; channelsLast false may be left out.
  const options = channelsLast ? { channelsLast } : random.pick([undefined, {}, { channelsLast: false }]);
  const label = `seed ${seed}: global ${operation} ${arrayType} shape [${shape}] ${JSON.stringify(options)}`;
  return { label, operation, arrayType, channelsLast, input: { data, shape }, options };
}

type Case = ReturnType<typeof randomCase>;

function expectMatches(testCase: Case, result: poolnd.Tensor): void {
  const expected = referenceGlobal(testCase.operation, testCase.input.data, testCase.input.shape, testCase.channelsLast);
  expectReferenceResult(testCase.label, testCase.arrayType, result, expected);
}

const cases = Array.from({ length: 600 }, (_, i) => randomCase(9000 + i));

describe('global pooling against the plain reference', () => {
  it('covers every array type, layout, operation and ranks 3 to 6', () => {
    expect(new Set(cases.map((c) => `${c.operation} ${c.arrayType} ${c.channelsLast}`)).size).toBe(2 * 9 * 2);
    expect(new Set(cases.map((c) => c.input.shape.length))).toEqual(new Set([3, 4, 5, 6]));
  });

  it('sync calls match the reference', () => {
    for (const testCase of cases) expectMatches(testCase, syncOps[testCase.operation](testCase.input, testCase.options));
  });

  it('async calls give the same results', async () => {
    const results = await Promise.all(cases.map((c) => asyncOps[c.operation](c.input, c.options)));
    cases.forEach((testCase, i) => expectMatches(testCase, results[i]));
  });

  it('writes into `out` and returns it', () => {
    for (const testCase of cases.slice(0, 100)) {
      const out = new arrayTypes[testCase.arrayType](
        testCase.input.shape[0] * (testCase.channelsLast ? testCase.input.shape.at(-1)! : testCase.input.shape[1]),
      ).fill(7);
      const result = syncOps[testCase.operation](testCase.input, { ...testCase.options, out });
      expect(result.data, testCase.label).toBe(out);
      expectMatches(testCase, result);
    }
  });
});

describe('global pooling semantics', () => {
  it('the inference head: 32x512x7x7 to 32x512x1x1, in both layouts', () => {
    const random = seededRandom(3);
    const data = random.array('Float32Array', 32 * 512 * 49);
    for (const operation of ['max', 'average'] as const) {
      const result = syncOps[operation]({ data, shape: [32, 512, 7, 7] });
      expect(result.shape).toEqual([32, 512, 1, 1]);
      expectSameValues(operation, result.data, referenceGlobal(operation, data, [32, 512, 7, 7], false).data);
      const last = syncOps[operation]({ data, shape: [32, 7, 7, 512] }, { channelsLast: true });
      expect(last.shape).toEqual([32, 1, 1, 512]);
      expectSameValues(`${operation} channels-last`, last.data, referenceGlobal(operation, data, [32, 7, 7, 512], true).data);
    }
  });

  it('averages float32 planes in double: the mean of a float32 plane that float32 sums would get wrong', () => {
    // 2^24 + 1 + 1 + ... loses every 1 in float32 arithmetic; in double the mean is exact.
    const data = new Float32Array(1 + 16).fill(1);
    data[0] = 2 ** 24;
    const mean = (2 ** 24 + 16) / 17;
    expect(poolnd.globalAvgPool({ data, shape: [1, 1, 17] }).data[0]).toBe(Math.fround(mean));
  });

  it('sums 32-bit integers exactly', () => {
    const data = new Uint32Array(9).fill(4294967295);
    data[8] = 4294967294;
    // (9 * max - 1) / 9 rounds to max.
    expect(poolnd.globalAvgPool({ data, shape: [1, 1, 3, 3] }).data[0]).toBe(4294967295);
    const signed = Int32Array.from([-2147483648, -2147483648, -2147483647]);
    // -6442450943 / 3 = -2147483647.67 rounds to -2147483648.
    expect(poolnd.globalAvgPool({ data: signed, shape: [1, 1, 3] }).data[0]).toBe(-2147483648);
  });
});
