import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { poolOutputShape, poolOutputSize, samePadding } from '../dist/index.js';

const goldens = JSON.parse(readFileSync(new URL('./goldens/output_sizes.json', import.meta.url), 'utf8')) as {
  cases: [number, number, number, number, number, boolean, number | null][];
};

describe('poolOutputSize', () => {
  it('has the whole output-size grid', () => {
    expect(goldens.cases.length).toBeGreaterThan(3000);
  });

  // A test per case of the grid, named by its arguments, so that one failing case hides none of the others.
  it.each(goldens.cases)(
    'matches PyTorch: input %i, kernel %i, stride %i, padding %i, dilation %i, ceilMode %s',
    (inputSize, kernelSize, stride, padding, dilation, ceilMode, expected) => {
      const options = { kernelSize, stride, padding, dilation, ceilMode };
      const label = JSON.stringify({ inputSize, ...options });
      if (expected === null || expected < 1) {
        // PyTorch errors or returns an empty tensor; poolnd always errors.
        expect(() => poolOutputSize(inputSize, options), label).toThrow(
          expect.objectContaining({ name: 'RangeError', code: 'ERR_POOLND_OUTPUT_TOO_SMALL' }),
        );
      } else {
        expect(poolOutputSize(inputSize, options), label).toBe(expected);
      }
    },
  );

  it('drops a ceil-mode window that would start in the end padding', () => {
    // in 5, k 2, s 2, p 1: ceil((5 + 2 - 2) / 2) + 1 = 4 windows, but the 4th starts at 6 - 1 = 5 = in.
    expect(poolOutputSize(5, { kernelSize: 2, stride: 2, padding: 1, ceilMode: true })).toBe(3);
    expect(poolOutputSize(5, { kernelSize: 2, stride: 2, padding: 1 })).toBe(3);
    expect(poolOutputSize(5, { kernelSize: 3, stride: 3, ceilMode: true })).toBe(2);
    expect(poolOutputSize(5, { kernelSize: 3, stride: 3 })).toBe(1);
  });

  it('takes asymmetric [begin, end] padding, valid and same', () => {
    expect(poolOutputSize(5, { kernelSize: 3, stride: 1, padding: [1, 0] })).toBe(4);
    expect(poolOutputSize(5, { kernelSize: 3, stride: 1, padding: [0, 1] })).toBe(4);
    expect(poolOutputSize(5, { kernelSize: 3, stride: 1, padding: 'valid' })).toBe(3);
    for (let input = 1; input <= 20; input++) {
      for (let stride = 1; stride <= 4; stride++) {
        expect(poolOutputSize(input, { kernelSize: 3, stride, padding: 'same' })).toBe(Math.ceil(input / stride));
        expect(poolOutputSize(input, { kernelSize: 2, stride, dilation: 3, padding: 'same' })).toBe(Math.ceil(input / stride));
      }
    }
  });
});

describe('samePadding', () => {
  it("follows TensorFlow's rule: total = max((ceil(in/s) - 1) * s + effK - in, 0), begin = floor(total / 2)", () => {
    expect(samePadding(5, 3, 1)).toEqual([1, 1]);
    expect(samePadding(4, 2, 1)).toEqual([0, 1]);
    expect(samePadding(6, 3, 2)).toEqual([0, 1]);
    expect(samePadding(7, 3, 2)).toEqual([1, 1]);
    expect(samePadding(224, 7, 2)).toEqual([2, 3]);
    expect(samePadding(5, 1, 3)).toEqual([0, 0]);
    expect(samePadding(10, 3, 1, 2)).toEqual([2, 2]);
  });
});

describe('poolOutputShape', () => {
  it('reproduces the course shape rules', () => {
    expect(poolOutputShape([1, 1, 32, 32], 2, { kernelSize: 2 })).toEqual([1, 1, 16, 16]);
    expect(poolOutputShape([1, 1, 32, 32], 2, { kernelSize: 3 })).toEqual([1, 1, 10, 10]);
    expect(poolOutputShape([1, 1, 28, 28], 2, { kernelSize: 3, stride: 1, padding: 1 })).toEqual([1, 1, 28, 28]);
  });

  it('keeps layout and batchedness', () => {
    expect(poolOutputShape([8, 64, 112, 112], 2, { kernelSize: 3, stride: 2, padding: 1 })).toEqual([8, 64, 56, 56]);
    expect(poolOutputShape([224, 224, 3], 2, { kernelSize: 2, channelsLast: true })).toEqual([112, 112, 3]);
    expect(poolOutputShape([2, 9, 9, 9, 4], 3, { kernelSize: [3, 2, 1], channelsLast: true })).toEqual([2, 3, 4, 9, 4]);
    expect(poolOutputShape([3, 11], 1, { kernelSize: 4, stride: 3, ceilMode: true })).toEqual([3, 4]);
    expect(poolOutputShape([0, 3, 10], 1, { kernelSize: 2 })).toEqual([0, 3, 5]);
  });
});
