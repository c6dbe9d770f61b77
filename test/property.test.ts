// Property tests: fast-check draws tensors (every array type, rank, layout, batched or not, empty
// dims) and options for every op, and each draw must match the plain reference exactly at every
// SIMD level this CPU has and at 1 to 3 kernel threads, sync and async (with and without `out`).
// A failure shrinks to a smallest case: once fixed, keep it in that property's `examples`, which
// fast-check runs first, every time.
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';

import * as poolnd from '../dist/index.js';
import { binding } from '../dist/native.js';
import {
  integerRanges,
  referenceAdaptive,
  referenceGlobal,
  referenceLp,
  referenceOutputSize,
  referencePool,
  referenceUnpool,
  type ReferenceResult,
} from './reference';
import { arrayTypeNames, arrayTypes, type ArrayTypeName, expectSameValues } from './random-cases';

const initialLevel = poolnd.simdLevel();
const initialThreads = poolnd.getNumThreads();
afterAll(() => {
  binding.limitSimdLevel(initialLevel);
  poolnd.setNumThreads(initialThreads);
});

// A run that forces a level (POOLND_SIMD, as CI's emulated arm64 lane does) keeps to it: tests
// there share one process in worker threads, and others assert the level in use.
const levels = process.env.POOLND_SIMD
  ? [initialLevel]
  : ['scalar', 'sse2', 'avx2', 'avx512', 'neon'].filter((level) => binding.limitSimdLevel(level));
binding.limitSimdLevel(initialLevel);
const threadCounts = [1, 2, 3];
// Emulated runs are some 20 times slower: fewer draws there.
const emulated = (process.env.POOLND_TEST_EXEC_PREFIX ?? '') !== '';
const runs = (count: number) => ({ numRuns: emulated ? Math.ceil(count / 10) : count });

const floatTypes: ArrayTypeName[] = ['Float32Array', 'Float64Array'];
const product = (values: number[]) => values.reduce((a, b) => a * b, 1);

/** Values with the cases kernels get wrong: ties, extremes, NaN, infinities and signed zeros. */
function valueArbitrary(arrayType: ArrayTypeName): fc.Arbitrary<number> {
  const limits = integerRanges[arrayType] as [number, number] | undefined;
  if (limits) {
    const [low, high] = limits;
    return fc.oneof(
      fc.constantFrom(low, high, 0, 1, low + 1, high - 1),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: low, max: high }),
    );
  }
  const any = arrayType === 'Float32Array' ? fc.float() : fc.double();
  return fc.oneof(fc.constantFrom(NaN, -Infinity, Infinity, -0, 0, 1), fc.integer({ min: -3, max: 3 }), any);
}

interface TensorCase {
  arrayType: ArrayTypeName;
  channelsLast: boolean;
  shape: number[];
  data: poolnd.PoolArray;
  spatial: number[];
}

// Mostly non-empty: an empty batch or channel dim is one draw in ten.
const countArbitrary = (max: number) =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 9, arbitrary: fc.integer({ min: 1, max }) });

function tensorArbitrary(
  spatialDims: number,
  types: ArrayTypeName[],
  options: { batched?: boolean; maxChannels?: number; maxSize?: number } = {},
) {
  const maxSize = options.maxSize ?? (spatialDims === 3 ? 5 : 9);
  return fc
    .record({
      arrayType: fc.constantFrom(...types),
      channelsLast: fc.boolean(),
      batched: options.batched === undefined ? fc.boolean() : fc.constant(options.batched),
      batch: countArbitrary(2),
      channels: countArbitrary(options.maxChannels ?? 4),
      spatial: fc.array(fc.integer({ min: 1, max: maxSize }), { minLength: spatialDims, maxLength: spatialDims }),
    })
    .chain((layout) => {
      const planes = layout.channelsLast ? [...layout.spatial, layout.channels] : [layout.channels, ...layout.spatial];
      const shape = layout.batched ? [layout.batch, ...planes] : planes;
      const length = product(shape);
      return fc.array(valueArbitrary(layout.arrayType), { minLength: length, maxLength: length }).map((values): TensorCase => ({
        arrayType: layout.arrayType,
        channelsLast: layout.channelsLast,
        shape,
        data: arrayTypes[layout.arrayType].from(values),
        spatial: layout.spatial,
      }));
    });
}

type Result = poolnd.Tensor | poolnd.MaxPoolWithIndices;

function flatten(result: Result): { shape: number[]; data: ArrayLike<number>; indices?: ArrayLike<number> } {
  return 'output' in result ? { shape: result.output.shape, data: result.output.data, indices: result.indices.data } : result;
}

function expectResult(label: string, result: Result, expected: ReferenceResult, withIndices: boolean): void {
  const actual = flatten(result);
  expectSameValues(`${label}: shape`, actual.shape, expected.shape);
  expectSameValues(`${label}: values`, actual.data, expected.data);
  if (withIndices) expectSameValues(`${label}: indices`, actual.indices!, expected.indices);
}

/** Out arrays for a call's result, so that the async path's write-back is drawn too. */
function outOptions(expected: ReferenceResult, arrayType: ArrayTypeName, withIndices: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { out: new arrayTypes[arrayType](expected.data.length) };
  if (withIndices) out.indicesOut = new Int32Array(expected.data.length);
  return out;
}

type Op = (...args: unknown[]) => Result;
type AsyncOp = (...args: unknown[]) => Promise<Result>;
const ops = poolnd as unknown as Record<string, Op>;
const asyncOps = poolnd as unknown as Record<string, AsyncOp>;

interface OpCalls {
  call: (extra: Record<string, unknown>) => Result;
  callAsync: (extra: Record<string, unknown>) => Promise<Result>;
}

/** The op `name` and its Async twin on `leading` arguments and `options`, with extra options added. */
function opCalls(name: string, leading: unknown[], options: Record<string, unknown>): OpCalls {
  return {
    call: (extra) => ops[name](...leading, { ...options, ...extra }),
    callAsync: (extra) => asyncOps[`${name}Async`](...leading, { ...options, ...extra }),
  };
}

/**
 * The property every op shares: at each SIMD level, every thread count gives the reference
 * synchronously, and an async call (into `out` when `useOut`) gives it too.
 */
async function expectEverywhere(
  label: string,
  expected: ReferenceResult,
  withIndices: boolean,
  useOut: boolean,
  arrayType: ArrayTypeName,
  { call, callAsync }: OpCalls,
): Promise<void> {
  try {
    for (const level of levels) {
      binding.limitSimdLevel(level);
      for (const threads of threadCounts) {
        poolnd.setNumThreads(threads);
        expectResult(`${label} (${level}, ${threads} threads)`, call({}), expected, withIndices);
      }
      const extra = useOut ? outOptions(expected, arrayType, withIndices) : {};
      expectResult(`${label} (${level}, async${useOut ? ' into out' : ''})`, await callAsync(extra), expected, withIndices);
    }
  } finally {
    binding.limitSimdLevel(initialLevel);
  }
}

/** expectEverywhere for `name` called on a drawn tensor alone, labelled by the tensor and options. */
function expectPooledEverywhere(
  name: string,
  tensor: TensorCase,
  options: Record<string, unknown>,
  expected: ReferenceResult,
  withIndices: boolean,
  useOut: boolean,
): Promise<void> {
  const label = `${name} ${tensor.arrayType} [${tensor.shape}] ${JSON.stringify(options)}`;
  const input = { data: tensor.data, shape: tensor.shape };
  return expectEverywhere(label, expected, withIndices, useOut, tensor.arrayType, opCalls(name, [input], options));
}

const strided = (spatialDims: number, operation: 'max' | 'average') =>
  tensorArbitrary(spatialDims, arrayTypeNames).chain((tensor) =>
    fc.record({
      tensor: fc.constant(tensor),
      kernelSize: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: spatialDims, maxLength: spatialDims }),
      stride: fc.option(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: spatialDims, maxLength: spatialDims }), {
        nil: undefined,
      }),
      dilation:
        operation === 'max'
          ? fc.array(fc.integer({ min: 1, max: 3 }), { minLength: spatialDims, maxLength: spatialDims })
          : fc.constant(undefined),
      padding: fc.array(fc.tuple(fc.nat(2), fc.nat(2)), { minLength: spatialDims, maxLength: spatialDims }),
      ceilMode: fc.boolean(),
      countIncludePad: fc.boolean(),
      divisorOverride:
        operation === 'average' ? fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }) : fc.constant(undefined),
      returnIndices: operation === 'max' ? fc.boolean() : fc.constant(false),
      useOut: fc.boolean(),
    }),
  );

describe('property: strided max and average pooling match the reference', () => {
  for (const operation of ['max', 'average'] as const) {
    for (const spatialDims of [1, 2, 3]) {
      const name = `${operation === 'max' ? 'maxPool' : 'avgPool'}${spatialDims}d`;
      it(name, async () => {
        await fc.assert(
          fc.asyncProperty(strided(spatialDims, operation), async (draw) => {
            const { tensor } = draw;
            const stride = draw.stride ?? draw.kernelSize;
            const dilation = draw.dilation ?? draw.kernelSize.map(() => 1);
            // PyTorch's rules: padding at most half the kernel, and every output size at least 1.
            const padding = draw.padding.map(
              ([begin, end], dim) =>
                [Math.min(begin, draw.kernelSize[dim] >> 1), Math.min(end, draw.kernelSize[dim] >> 1)] as [number, number],
            );
            const sizes = tensor.spatial.map((size, dim) =>
              referenceOutputSize(
                size,
                draw.kernelSize[dim],
                stride[dim],
                padding[dim][0],
                padding[dim][1],
                dilation[dim],
                draw.ceilMode,
              ),
            );
            fc.pre(sizes.every((size) => size >= 1));
            const options: Record<string, unknown> = {
              kernelSize: draw.kernelSize,
              padding,
              ceilMode: draw.ceilMode,
              channelsLast: tensor.channelsLast,
            };
            if (draw.stride) options.stride = draw.stride;
            if (draw.dilation) options.dilation = draw.dilation;
            if (operation === 'average') {
              options.countIncludePad = draw.countIncludePad;
              if (draw.divisorOverride !== undefined) options.divisorOverride = draw.divisorOverride;
            }
            if (draw.returnIndices) options.returnIndices = true;
            const expected = referencePool(operation, tensor.data, tensor.shape, spatialDims, {
              kernelSize: draw.kernelSize,
              stride,
              padding,
              dilation,
              ceilMode: draw.ceilMode,
              channelsLast: tensor.channelsLast,
              countIncludePad: draw.countIncludePad,
              divisorOverride: draw.divisorOverride,
            });
            await expectPooledEverywhere(name, tensor, options, expected, draw.returnIndices, draw.useOut);
          }),
          runs(150),
        );
      });
    }
  }
});

describe('property: LP pooling matches the reference', () => {
  // Exponents whose powers are exact operations (x, x * x, sqrt), so the match is bit for bit.
  for (const spatialDims of [1, 2, 3]) {
    const name = `lpPool${spatialDims}d`;
    it(name, async () => {
      const draws = tensorArbitrary(spatialDims, floatTypes).chain((tensor) =>
        fc.record({
          tensor: fc.constant(tensor),
          normType: fc.constantFrom(1, 2, 0.5),
          kernelSize: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: spatialDims, maxLength: spatialDims }),
          stride: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: spatialDims, maxLength: spatialDims }),
          ceilMode: fc.boolean(),
          useOut: fc.boolean(),
        }),
      );
      await fc.assert(
        fc.asyncProperty(draws, async ({ tensor, normType, kernelSize, stride, ceilMode, useOut }) => {
          fc.pre(
            tensor.spatial.every((size, dim) => referenceOutputSize(size, kernelSize[dim], stride[dim], 0, 0, 1, ceilMode) >= 1),
          );
          const options = { normType, kernelSize, stride, ceilMode, channelsLast: tensor.channelsLast };
          const expected = referenceLp(tensor.data, tensor.shape, spatialDims, options);
          await expectPooledEverywhere(name, tensor, options, expected, false, useOut);
        }),
        runs(100),
      );
    });
  }
});

describe('property: adaptive pooling matches the reference', () => {
  for (const operation of ['max', 'average'] as const) {
    for (const spatialDims of [1, 2, 3]) {
      const name = `${operation === 'max' ? 'adaptiveMaxPool' : 'adaptiveAvgPool'}${spatialDims}d`;
      it(name, async () => {
        const draws = tensorArbitrary(spatialDims, arrayTypeNames).chain((tensor) =>
          fc.record({
            tensor: fc.constant(tensor),
            // Up to one more than the input size: bins may overlap and repeat.
            outputSize: fc.tuple(...tensor.spatial.map((size) => fc.integer({ min: 1, max: size + 1 }))),
            returnIndices: operation === 'max' ? fc.boolean() : fc.constant(false),
            useOut: fc.boolean(),
          }),
        );
        await fc.assert(
          fc.asyncProperty(draws, async ({ tensor, outputSize, returnIndices, useOut }) => {
            const options: Record<string, unknown> = { outputSize, channelsLast: tensor.channelsLast };
            if (returnIndices) options.returnIndices = true;
            const expected = referenceAdaptive(
              operation,
              tensor.data,
              tensor.shape,
              spatialDims,
              outputSize,
              tensor.channelsLast,
            );
            await expectPooledEverywhere(name, tensor, options, expected, returnIndices, useOut);
          }),
          runs(100),
        );
      });
    }
  }
});

describe('property: global pooling matches the reference', () => {
  for (const operation of ['max', 'average'] as const) {
    const name = operation === 'max' ? 'globalMaxPool' : 'globalAvgPool';
    it(name, async () => {
      const draws = fc.integer({ min: 1, max: 3 }).chain((spatialDims) =>
        fc.record({
          tensor: tensorArbitrary(spatialDims, arrayTypeNames, { batched: true, maxSize: 12 }),
          useOut: fc.boolean(),
        }),
      );
      await fc.assert(
        fc.asyncProperty(draws, async ({ tensor, useOut }) => {
          const options = { channelsLast: tensor.channelsLast };
          const expected = referenceGlobal(operation, tensor.data, tensor.shape, tensor.channelsLast);
          await expectPooledEverywhere(name, tensor, options, expected, false, useOut);
        }),
        runs(150),
      );
    });
  }
});

describe('property: max-unpooling matches the reference', () => {
  for (const spatialDims of [1, 2, 3]) {
    const name = `maxUnpool${spatialDims}d`;
    it(name, async () => {
      const draws = tensorArbitrary(spatialDims, arrayTypeNames, { maxSize: spatialDims === 3 ? 3 : 6 }).chain((tensor) => {
        const length = tensor.data.length;
        return fc
          .record({
            kernelSize: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: spatialDims, maxLength: spatialDims }),
            stride: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: spatialDims, maxLength: spatialDims }),
            padding: fc.array(fc.nat(2), { minLength: spatialDims, maxLength: spatialDims }),
            useOut: fc.boolean(),
          })
          .chain((window) => {
            const padding = window.padding.map((pad, dim) => Math.min(pad, window.kernelSize[dim] >> 1));
            const outputSize = tensor.spatial.map(
              (size, dim) => (size - 1) * window.stride[dim] - 2 * padding[dim] + window.kernelSize[dim],
            );
            const plane = Math.max(product(outputSize), 1);
            // Offsets anywhere in the output plane, duplicates included (the last one wins).
            const indices = fc.array(fc.integer({ min: 0, max: plane - 1 }), { minLength: length, maxLength: length });
            return fc.record({ tensor: fc.constant(tensor), window: fc.constant({ ...window, padding, outputSize }), indices });
          });
      });
      await fc.assert(
        fc.asyncProperty(draws, async ({ tensor, window, indices }) => {
          fc.pre(window.outputSize.every((size) => size >= 1));
          const indexArray = Int32Array.from(indices);
          const options = {
            kernelSize: window.kernelSize,
            stride: window.stride,
            padding: window.padding,
            channelsLast: tensor.channelsLast,
          };
          const expected = referenceUnpool(
            tensor.data,
            indexArray,
            tensor.shape,
            spatialDims,
            window.outputSize,
            tensor.channelsLast,
          );
          const input = { data: tensor.data, shape: tensor.shape };
          const indexTensor = { data: indexArray, shape: tensor.shape };
          const label = `${name} ${tensor.arrayType} [${tensor.shape}] ${JSON.stringify(options)} indices [${indices}]`;
          await expectEverywhere(
            label,
            expected,
            false,
            window.useOut,
            tensor.arrayType,
            opCalls(name, [input, indexTensor], options),
          );
        }),
        runs(100),
      );
    });
  }
});

describe('property: calls large enough to split over threads match the reference', () => {
  it('maxPool2d and avgPool2d over many channels', async () => {
    const draws = fc.record({
      tensor: tensorArbitrary(2, arrayTypeNames, { batched: true, maxChannels: 48, maxSize: 24 }),
      operation: fc.constantFrom('max' as const, 'average' as const),
      kernelSize: fc.integer({ min: 1, max: 3 }),
      stride: fc.integer({ min: 1, max: 2 }),
      useOut: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(draws, async ({ tensor, operation, kernelSize, stride, useOut }) => {
        fc.pre(tensor.spatial.every((size) => size >= kernelSize));
        const options = { kernelSize, stride, channelsLast: tensor.channelsLast };
        const expected = referencePool(operation, tensor.data, tensor.shape, 2, {
          kernelSize: [kernelSize, kernelSize],
          stride: [stride, stride],
          padding: [
            [0, 0],
            [0, 0],
          ],
          dilation: [1, 1],
          ceilMode: false,
          channelsLast: tensor.channelsLast,
          countIncludePad: true,
        });
        const name = operation === 'max' ? 'maxPool2d' : 'avgPool2d';
        const input = { data: tensor.data, shape: tensor.shape };
        await expectEverywhere(
          `${name} ${tensor.arrayType} [${tensor.shape}] ${JSON.stringify(options)}`,
          expected,
          false,
          useOut,
          tensor.arrayType,
          opCalls(name, [input], options),
        );
      }),
      runs(20),
    );
  });
});
