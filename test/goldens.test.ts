// Every case of the PyTorch-generated golden files (scripts/generate_goldens.py and
// scripts/generate_family_goldens.py), bit for bit, through the sync and the async API.
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
  indices?: { shape: number[]; data: number[] }; // maxUnpool's indices argument
  options: Record<string, unknown>;
  expected: { shape: number[]; data: Encoded[]; indices?: number[] };
  source: 'torch' | 'reference';
}

const decode = (value: Encoded): number => (value === '-0' ? -0 : typeof value === 'string' ? Number(value) : value);

function load(file: string): GoldenCase[] {
  return (JSON.parse(readFileSync(new URL(`./goldens/${file}`, import.meta.url), 'utf8')) as { cases: GoldenCase[] }).cases;
}

type Result = poolnd.Tensor | poolnd.MaxPoolWithIndices;
type Op = (...args: unknown[]) => Result;
type AsyncOp = (...args: unknown[]) => Promise<Result>;

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
  expect('indices' in result, golden.name).toBe(golden.expected.indices !== undefined);
  if (golden.expected.indices) {
    expect(Array.from((result as poolnd.MaxPoolWithIndices).indices.data), golden.name).toEqual(golden.expected.indices);
  }
}

// The arguments of a case's call: input, maxUnpool's indices, options.
function argumentsOf(golden: GoldenCase): unknown[] {
  const input = { data: arrayTypes[golden.dtype].from(golden.input.data.map(decode)), shape: golden.input.shape };
  if (!golden.indices) return [input, golden.options];
  return [input, { data: Int32Array.from(golden.indices.data), shape: golden.indices.shape }, golden.options];
}

const files = {
  'max_pool.json': ['maxPool1d', 'maxPool2d', 'maxPool3d'],
  'avg_pool.json': ['avgPool1d', 'avgPool2d', 'avgPool3d'],
  'adaptive_pool.json': [
    'adaptiveAvgPool1d',
    'adaptiveAvgPool2d',
    'adaptiveAvgPool3d',
    'adaptiveMaxPool1d',
    'adaptiveMaxPool2d',
    'adaptiveMaxPool3d',
  ],
  'global_pool.json': ['globalAvgPool', 'globalMaxPool'],
  'lp_pool.json': ['lpPool1d', 'lpPool2d', 'lpPool3d'],
  'max_unpool.json': ['maxUnpool1d', 'maxUnpool2d', 'maxUnpool3d'],
};

for (const [file, ops] of Object.entries(files)) {
  const cases = load(file);
  const library = poolnd as unknown as Record<string, Op & AsyncOp>;

  describe(`goldens ${file}`, () => {
    it('covers each of its ops, with cases from PyTorch and from the checked reference', () => {
      expect(new Set(cases.map((c) => c.op))).toEqual(new Set(ops));
      expect(cases.filter((c) => c.source === 'torch').length).toBeGreaterThan(30);
      expect(cases.filter((c) => c.source === 'reference').length).toBeGreaterThan(30);
    });

    // A test per case and API, named after the case, so that one failing case hides none of the others.
    // (%s rather than $name, which vitest quotes and cuts short.)
    const named = cases.map((golden): [string, GoldenCase] => [golden.name, golden]);
    it.each(named)('sync: %s', (_, golden) => check(golden, library[golden.op](...argumentsOf(golden))));
    it.each(named)('async: %s', async (_, golden) => check(golden, await library[`${golden.op}Async`](...argumentsOf(golden))));
  });
}
