// Every case of the PyTorch-generated golden files (scripts/generate_goldens.py), bit for bit,
// through the sync and the async API.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import * as poolnd from '../dist/index.js';
import { arrayTypes, type ArrayTypeName } from './random-cases';

type Encoded = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';
interface GoldenCase {
  name: string;
  op: string;
  dtype: ArrayTypeName;
  input: { shape: number[]; data: Encoded[] };
  options: Record<string, unknown>;
  expected: { shape: number[]; data: Encoded[]; indices?: number[] };
  source: 'torch' | 'reference';
}

const decode = (value: Encoded): number => (value === '-0' ? -0 : typeof value === 'string' ? Number(value) : value);

function load(file: string): GoldenCase[] {
  return (JSON.parse(readFileSync(new URL(`./goldens/${file}`, import.meta.url), 'utf8')) as { cases: GoldenCase[] }).cases;
}

type Result = poolnd.Tensor | poolnd.MaxPoolWithIndices;
type Op = (input: unknown, options: unknown) => Result;
type AsyncOp = (input: unknown, options: unknown) => Promise<Result>;

function check(golden: GoldenCase, result: Result): void {
  const output = 'output' in result ? result.output : result;
  expect(output.shape, golden.name).toEqual(golden.expected.shape);
  expect(output.data.constructor.name, golden.name).toBe(golden.dtype);
  const expected = golden.expected.data.map(decode);
  const actual = Array.from(output.data as ArrayLike<number>);
  expect(actual.length, golden.name).toBe(expected.length);
  actual.forEach((value, i) => {
    if (!Object.is(value, expected[i])) expect.fail(`${golden.name}: element ${i} is ${value}, expected ${expected[i]}`);
  });
  if (golden.expected.indices) {
    expect('indices' in result, golden.name).toBe(true);
    expect(Array.from((result as poolnd.MaxPoolWithIndices).indices.data), golden.name).toEqual(golden.expected.indices);
  }
}

for (const file of ['max_pool.json', 'avg_pool.json']) {
  const cases = load(file);
  const input = (golden: GoldenCase) => ({
    data: arrayTypes[golden.dtype].from(golden.input.data.map(decode)),
    shape: golden.input.shape,
  });

  describe(`goldens ${file}`, () => {
    it('has cases from PyTorch and from the checked reference', () => {
      expect(cases.filter((c) => c.source === 'torch').length).toBeGreaterThan(100);
      expect(cases.filter((c) => c.source === 'reference').length).toBeGreaterThan(100);
    });

    it('sync results match every case', () => {
      for (const golden of cases) check(golden, ((poolnd as unknown as Record<string, Op>)[golden.op])(input(golden), golden.options));
    });

    it('async results match every case', async () => {
      const results = await Promise.all(
        cases.map((golden) => ((poolnd as unknown as Record<string, AsyncOp>)[`${golden.op}Async`])(input(golden), golden.options)),
      );
      cases.forEach((golden, i) => check(golden, results[i]));
    });
  });
}
