// Layer planning against the course's worked numbers and against PyTorch's own modules
// (test/goldens/planner.json: output shapes and parameter counts from torch, multiply-accumulates
// counted in the golden script).
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { convOutputShape, convOutputSize, type Layer, planLayers, poolOutputShape } from '../dist/index.js';

interface GoldenStack {
  inputShape: number[];
  layers: Layer[];
  expected: { outputShape: number[]; weights: number; bias: number; macs: number }[];
}
const goldens = JSON.parse(readFileSync(new URL('./goldens/planner.json', import.meta.url), 'utf8')) as { cases: GoldenStack[] };

describe('convOutputSize and convOutputShape', () => {
  it("give the course's sizes", () => {
    expect(convOutputSize(7, { kernelSize: 3 })).toBe(5);
    expect(convOutputSize(7, { kernelSize: 3, stride: 2 })).toBe(3);
    expect(convOutputSize(28, { kernelSize: 5, padding: 'same' })).toBe(28);
    expect(convOutputSize(28, { kernelSize: 5, padding: 'valid' })).toBe(24);
    expect(convOutputShape([1, 128, 100, 100], 2, { outChannels: 256, kernelSize: 5, padding: 2 })).toEqual([1, 256, 100, 100]);
  });

  it('take padding beyond half the kernel, unlike pooling, and reject an empty output', () => {
    expect(convOutputSize(4, { kernelSize: 3, padding: 3 })).toBe(8);
    expect(() => poolOutputShape([1, 1, 4], 1, { kernelSize: 3, padding: 3 })).toThrow(RangeError);
    expect(() => convOutputSize(2, { kernelSize: 5 })).toThrow(expect.objectContaining({ code: 'ERR_POOLND_OUTPUT_TOO_SMALL' }));
    expect(() => convOutputShape([1, 6, 8, 8], 2, { outChannels: 4, kernelSize: 3, groups: 4 })).toThrow(
      expect.objectContaining({ name: 'RangeError', message: expect.stringContaining("option 'groups'") as unknown }),
    );
  });
});

describe('planLayers', () => {
  it("gives the course's parameters and multiply-accumulates", () => {
    const direct = planLayers([1, 128, 100, 100], [{ type: 'conv', outChannels: 256, kernelSize: 5, padding: 2 }]);
    expect(direct.layers[0]).toMatchObject({
      parameters: 819_456,
      weights: 819_200,
      bias: 256,
      macs: 8.192e9,
      flops: 2 * 8.192e9,
    });
    const bottleneck = planLayers(
      [1, 128, 100, 100],
      [
        { type: 'conv', outChannels: 32, kernelSize: 1 },
        { type: 'conv', outChannels: 256, kernelSize: 5, padding: 2 },
      ],
    );
    expect(bottleneck.layers.map((layer) => layer.macs)).toEqual([4.096e7, 2.048e9]);
    expect(bottleneck.totals.macs).toBe(4.096e7 + 2.048e9);
    expect(bottleneck.layers[1].outputBytes).toBe(256 * 100 * 100 * 4);
  });

  it.each(goldens.cases.map((stack, index) => [index, stack] as const))('matches PyTorch on stack %i', (_, stack) => {
    const plan = planLayers(stack.inputShape, stack.layers);
    expect(plan.layers.map(({ outputShape, weights, bias, macs }) => ({ outputShape, weights, bias, macs }))).toEqual(
      stack.expected,
    );
    const sum = (key: 'weights' | 'bias' | 'macs') => stack.expected.reduce((total, layer) => total + layer[key], 0);
    expect(plan.totals).toMatchObject({
      weights: sum('weights'),
      bias: sum('bias'),
      parameters: sum('weights') + sum('bias'),
      macs: sum('macs'),
    });
  });

  it('counts a pooling as one comparison or addition per tap, with no parameters', () => {
    const plan = planLayers([2, 3, 8, 8], [{ type: 'maxPool2d', kernelSize: 2 }, { type: 'globalAvgPool' }], {
      bytesPerElement: 1,
    });
    expect(plan.layers[0]).toMatchObject({
      outputShape: [2, 3, 4, 4],
      parameters: 0,
      macs: 0,
      flops: 2 * 3 * 16 * 4,
      outputBytes: 96,
    });
    expect(plan.layers[1]).toMatchObject({ outputShape: [2, 3, 1, 1], flops: 2 * 3 * 16 });
  });

  it('names the layer and option at fault', () => {
    expect(() => planLayers([1, 3, 8, 8], [{ type: 'conv', outChannels: 4, kernelSize: 3, strides: 2 } as never])).toThrow(
      expect.objectContaining({
        code: 'ERR_POOLND_UNKNOWN_OPTION',
        message: expect.stringContaining('planLayers: layers[0]') as unknown,
      }),
    );
    expect(() => planLayers([1, 3, 8, 8], [{ type: 'pool' } as never])).toThrow(TypeError);
    expect(() => planLayers([1, 3, 8, 8], [{ type: 'flatten' }, { type: 'conv', outChannels: 4, kernelSize: 1 }])).toThrow(
      expect.objectContaining({ code: 'ERR_POOLND_SHAPE_MISMATCH' }),
    );
    expect(() => planLayers([1, 3, 8, 8], [{ type: 'maxPool3d', kernelSize: 2 }])).toThrow(RangeError);
  });
});
