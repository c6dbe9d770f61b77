// Seeded random pooling cases for comparing the library with test/reference.ts.
import { expect } from 'vitest';

import type { MaxPoolWithIndices, PoolArray, Tensor } from '../dist/index.js';
import { integerRanges, type ReferenceResult } from './reference';

export const arrayTypes = {
  Float32Array,
  Float64Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
} as const;

export type ArrayTypeName = keyof typeof arrayTypes;
export const arrayTypeNames = Object.keys(arrayTypes) as ArrayTypeName[];

/** A seeded generator: random() is uniform in [0, 1), and its methods draw a case's parts from the same sequence. */
export interface SeededRandom {
  (): number;
  /** An integer in [low, high]. */
  int(low: number, high: number): number;
  pick<T>(values: readonly T[]): T;
  /** Values with ties, extremes and, for floats, NaN, infinities and signed zeros. */
  array(type: ArrayTypeName, length: number): PoolArray;
  /** A shape for an op with `spatialDims` spatial dims: batched or not, either layout. */
  shape(spatialDims: number, channelsLast: boolean, spatial: number[]): { shape: number[]; batched: boolean };
}

export function seededRandom(seed: number): SeededRandom {
  // mulberry32
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: SeededRandom = Object.assign(next, {
    int: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)),
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)],
    array: (type: ArrayTypeName, length: number) => randomArray(next, type, length),
    shape: (spatialDims: number, channelsLast: boolean, spatial: number[]) =>
      randomShape(random, spatialDims, channelsLast, spatial),
  });
  return random;
}

function randomArray(random: () => number, type: ArrayTypeName, length: number): PoolArray {
  const array = new arrayTypes[type](length);
  const limits = integerRanges[type] as [number, number] | undefined;
  const specials = limits ? [limits[0], limits[1], 0, 1, limits[0] + 1] : [NaN, -Infinity, Infinity, -0, 0, 1e30, -1e-30];
  for (let i = 0; i < length; i++) {
    const pick = random();
    if (pick < 0.08) {
      array[i] = specials[Math.floor(random() * specials.length)];
    } else if (pick < 0.3) {
      array[i] = Math.floor(random() * 4); // small values make ties likely
    } else if (limits) {
      array[i] = limits[0] + Math.floor(random() * (limits[1] - limits[0] + 1));
    } else {
      array[i] = (random() - 0.5) * 10 ** Math.floor(random() * 8);
    }
  }
  return array;
}

function randomShape(
  random: SeededRandom,
  spatialDims: number,
  channelsLast: boolean,
  spatial: number[],
): { shape: number[]; batched: boolean } {
  const batched = random() < 0.7;
  const batch = random() < 0.05 ? 0 : random.int(1, 2);
  const channels = random() < 0.05 ? 0 : random.int(1, spatialDims === 3 ? 3 : 5);
  const planes = channelsLast ? [...spatial, channels] : [channels, ...spatial];
  return { shape: batched ? [batch, ...planes] : planes, batched };
}

/** Element-for-element equality (Object.is: NaN equals NaN, -0 differs from 0), naming the first difference. */
export function expectSameValues(label: string, actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    if (!Object.is(actual[i], expected[i])) {
      throw new Error(
        `${label}\n  element ${i}: got ${actual[i]}, expected ${expected[i]} (lengths ${actual.length}, ${expected.length})`,
      );
    }
  }
}

/**
 * A result against the reference's: shape, array type and values bit for bit, and the indices
 * (a max op's) exactly when they were asked for.
 */
export function expectReferenceResult(
  label: string,
  arrayType: ArrayTypeName,
  result: Tensor | MaxPoolWithIndices,
  expected: ReferenceResult,
  returnIndices = false,
): void {
  const output = 'output' in result ? result.output : result;
  expect(output.shape, label).toEqual(expected.shape);
  expect(output.data.constructor.name, label).toBe(arrayType);
  expectSameValues(label, output.data, expected.data);
  expect('indices' in result, label).toBe(returnIndices);
  if ('indices' in result) {
    expect(result.indices.shape, label).toEqual(expected.shape);
    expectSameValues(`${label} indices`, result.indices.data, expected.indices);
  }
}
