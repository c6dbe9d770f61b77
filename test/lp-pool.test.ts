// lpPoolNd against the plain reference over seeded random cases.
import { describe, expect, it } from 'vitest';

import * as poolnd from '../dist/index.js';
import { referenceLp } from './reference';
import { expectSameValues, seededRandom } from './random-cases';

type Op = (input: unknown, options: unknown) => poolnd.Tensor;
type AsyncOp = (input: unknown, options: unknown) => Promise<poolnd.Tensor>;
const syncOps = [poolnd.lpPool1d, poolnd.lpPool2d, poolnd.lpPool3d] as Op[];
const asyncOps = [poolnd.lpPool1dAsync, poolnd.lpPool2dAsync, poolnd.lpPool3dAsync] as AsyncOp[];

// p = 1, 2 and 0.5 need only exact operations (x, x * x, sqrt), so the reference must match
// bit for bit; other exponents go through the C library's pow, which may differ from
// Math.pow by an ulp (the golden files pin those exactly).
const exactNormTypes = [1, 2, 0.5];
const otherNormTypes = [3, 1.5, 7.25, 40, 0.3];

function randomCase(seed: number) {
  const random = seededRandom(seed);
  const spatialDims = random.pick([1, 2, 3] as const);
  const arrayType = random.pick(['Float32Array', 'Float64Array'] as const);
  const channelsLast = random() < 0.5;
  const spatial = Array.from({ length: spatialDims }, () => random.int(1, spatialDims === 3 ? 5 : 9));
  const { shape } = random.shape(spatialDims, channelsLast, spatial);
  const kernelSize = spatial.map((size) => random.int(1, Math.min(size, 4)));
  const strideGiven = random() < 0.6;
  const stride = strideGiven ? kernelSize.map(() => random.int(1, 3)) : kernelSize.slice();
  const ceilMode = random() < 0.5;
  const normType = random.pick(random() < 0.6 ? exactNormTypes : otherNormTypes);
  const options: Record<string, unknown> = { normType, kernelSize, ceilMode, channelsLast };
  if (strideGiven) options.stride = stride;
  const data = random.array(
    arrayType,
    shape.reduce((a, b) => a * b, 1),
  );
  const label = `seed ${seed}: lp ${spatialDims}d ${arrayType} shape [${shape}] ${JSON.stringify(options)}`;
  return {
    label,
    spatialDims,
    arrayType,
    input: { data, shape },
    options,
    reference: { normType, kernelSize, stride, ceilMode, channelsLast },
  };
}

type Case = ReturnType<typeof randomCase>;

// Within an ulp or two of the array's precision, NaN where the reference has NaN.
function expectClose(label: string, actual: ArrayLike<number>, expected: number[], float32: boolean): void {
  const epsilon = float32 ? 2 ** -23 : 2 ** -52;
  expect(actual.length, label).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const [a, e] = [actual[i], expected[i]];
    const close = Object.is(a, e) || (Number.isFinite(e) && Math.abs(a - e) <= 4 * epsilon * Math.abs(e));
    if (!close) throw new Error(`${label}\n  element ${i}: got ${a}, expected about ${e}`);
  }
}

function expectMatches(testCase: Case, result: poolnd.Tensor): void {
  const expected = referenceLp(testCase.input.data, testCase.input.shape, testCase.spatialDims, testCase.reference);
  expect(result.shape, testCase.label).toEqual(expected.shape);
  expect(result.data.constructor.name, testCase.label).toBe(testCase.arrayType);
  if (exactNormTypes.includes(testCase.reference.normType)) expectSameValues(testCase.label, result.data, expected.data);
  else expectClose(testCase.label, result.data, expected.data, testCase.arrayType === 'Float32Array');
}

const cases = Array.from({ length: 600 }, (_, i) => randomCase(13000 + i));

describe('LP pooling against the plain reference', () => {
  it('covers both float types, every rank and layout, and exact and general exponents', () => {
    expect(new Set(cases.map((c) => `${c.spatialDims} ${c.arrayType} ${c.options.channelsLast}`)).size).toBe(3 * 2 * 2);
    expect(new Set(cases.map((c) => c.reference.normType)).size).toBe(exactNormTypes.length + otherNormTypes.length);
  });

  it('sync calls match the reference', () => {
    for (const testCase of cases) expectMatches(testCase, syncOps[testCase.spatialDims - 1](testCase.input, testCase.options));
  });

  it('async calls give the same results', async () => {
    const results = await Promise.all(cases.map((c) => asyncOps[c.spatialDims - 1](c.input, c.options)));
    cases.forEach((testCase, i) => expectMatches(testCase, results[i]));
  });
});

describe('LP pooling semantics', () => {
  const row = (values: number[]) => ({ data: Float64Array.from(values), shape: [1, values.length] });

  it('p = 2 is the Euclidean norm of each window, p = 1 the plain sum (x^p, not |x|^p)', () => {
    expect(Array.from(poolnd.lpPool1d(row([3, 4, 5, 12]), { normType: 2, kernelSize: 2 }).data)).toEqual([5, 13]);
    expect(Array.from(poolnd.lpPool1d(row([3, -4, 5, 12]), { normType: 1, kernelSize: 2 }).data)).toEqual([-1, 17]);
  });

  it('a partial ceil-mode window sums only its real elements', () => {
    // Windows [3, 4] and [12]: PyTorch would scale the last one by the full kernel size.
    expect(Array.from(poolnd.lpPool1d(row([3, 4, 12]), { normType: 2, kernelSize: 2, ceilMode: true }).data)).toEqual([5, 12]);
  });

  it('a negative sum with a fractional 1/p is NaN, as pow gives', () => {
    const [value] = poolnd.lpPool1d(row([-8, 0]), { normType: 3, kernelSize: 2 }).data;
    expect(value).toBeNaN();
  });

  it('p = 0.5 takes square roots, as PyTorch: (-Infinity)^0.5 is NaN, not Infinity', () => {
    const [value] = poolnd.lpPool1d(row([-Infinity, 4]), { normType: 0.5, kernelSize: 2 }).data;
    expect(value).toBeNaN();
    expect(Array.from(poolnd.lpPool1d(row([4, 9]), { normType: 0.5, kernelSize: 2 }).data)).toEqual([25]);
  });

  it('a large p overflows to Infinity in float32', () => {
    const result = poolnd.lpPool1d({ data: Float32Array.from([10, 2]), shape: [1, 2] }, { normType: 40, kernelSize: 2 });
    expect(result.data[0]).toBe(Infinity);
  });
});
