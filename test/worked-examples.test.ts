// The worked examples of the course material, checked value by value.
import { describe, expect, it } from 'vitest';

import { avgPool2d, maxPool2d } from '../dist/index.js';

const fiveByFive = {
  data: new Float32Array([1, 2, 0, 3, 1, 0, 1, 2, 3, 1, 1, 2, 1, 0, 0, 5, 2, 3, 1, 1, 2, 1, 0, 1, 1]),
  shape: [1, 1, 5, 5],
};

// Two channels of 4x4; each value is its row number, plus 4 in the second channel.
const ramp = {
  data: Float32Array.from({ length: 32 }, (_, i) => Math.floor((i % 16) / 4) + 4 * Math.floor(i / 16)),
  shape: [1, 2, 4, 4],
};

describe('worked examples', () => {
  it('5x5 max pool, kernel 3, ceilMode true and false', () => {
    const ceil = maxPool2d(fiveByFive, { kernelSize: 3, ceilMode: true });
    expect(ceil.shape).toEqual([1, 1, 2, 2]);
    expect(Array.from(ceil.data)).toEqual([2, 3, 5, 1]);
    const floor = maxPool2d(fiveByFive, { kernelSize: 3, ceilMode: false });
    expect(floor.shape).toEqual([1, 1, 1, 1]);
    expect(Array.from(floor.data)).toEqual([2]);
  });

  it('ramp, max kernel 2', () => {
    const result = maxPool2d(ramp, { kernelSize: 2 });
    expect(result.shape).toEqual([1, 2, 2, 2]);
    expect(Array.from(result.data)).toEqual([1, 1, 3, 3, 5, 5, 7, 7]);
  });

  it('ramp, max kernel 2 stride 1 gives 3x3', () => {
    const result = maxPool2d(ramp, { kernelSize: 2, stride: 1 });
    expect(result.shape).toEqual([1, 2, 3, 3]);
    expect(Array.from(result.data.subarray(0, 9))).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(Array.from(result.data.subarray(9))).toEqual([5, 5, 5, 6, 6, 6, 7, 7, 7]);
  });

  it('ramp, avg kernel 2 stride 1 padding 1 gives 5x5 with 0.25 / 0.5 edges', () => {
    const result = avgPool2d(ramp, { kernelSize: 2, stride: 1, padding: 1 });
    expect(result.shape).toEqual([1, 2, 5, 5]);
    const firstChannel = Array.from(result.data.subarray(0, 25));
    expect(firstChannel).toEqual([
      0, 0, 0, 0, 0, 0.25, 0.5, 0.5, 0.5, 0.25, 0.75, 1.5, 1.5, 1.5, 0.75, 1.25, 2.5, 2.5, 2.5, 1.25, 0.75, 1.5, 1.5, 1.5, 0.75,
    ]);
  });

  it('ramp, avg kernel 4 gives the channel means 1.5 and 5.5', () => {
    const result = avgPool2d(ramp, { kernelSize: 4 });
    expect(result.shape).toEqual([1, 2, 1, 1]);
    expect(Array.from(result.data)).toEqual([1.5, 5.5]);
  });
});
