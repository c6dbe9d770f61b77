// Model input (API.md): outputType, outputLayout and normalize on max, average and adaptive
// pooling, against the plain reference followed by the normalisation in float64 (seeded random
// cases over every input type, both layouts in and out), and against PyTorch's goldens.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import * as poolnd from '../dist/index.js';
import { binding } from '../dist/native.js';
import {
  referenceAdaptive,
  referenceModelInput,
  referencePool,
  type ReferenceConversion,
  type ReferenceResult,
} from './reference';
import {
  arrayTypeNames,
  arrayTypes,
  type ArrayTypeName,
  expectReferenceResult,
  expectSameValues,
  type SeededRandom,
  seededRandom,
} from './random-cases';

type Result = poolnd.Tensor | poolnd.MaxPoolWithIndices;
type Op = (input: unknown, options: unknown) => Result;
type AsyncOp = (input: unknown, options: unknown) => Promise<Result>;
const op = (name: string) => (poolnd as unknown as Record<string, Op>)[name];
const asyncOp = (name: string) => (poolnd as unknown as Record<string, AsyncOp>)[`${name}Async`];

// 'float32' for Float32Array ..., 'uint8' for Uint8ClampedArray too.
const elementTypes = Object.fromEntries(
  arrayTypeNames.map((type) => [type, type === 'Uint8ClampedArray' ? 'uint8' : type.slice(0, -'Array'.length).toLowerCase()]),
) as Record<ArrayTypeName, string>;
const isFloat = (type: ArrayTypeName) => type === 'Float32Array' || type === 'Float64Array';

interface ConversionCase {
  label: string;
  fn: string;
  input: { data: poolnd.PoolArray; shape: number[] };
  options: Record<string, unknown>;
  outputArrayType: ArrayTypeName;
  expected: ReferenceResult;
  returnIndices: boolean;
}

// The model input options of a case, and the reference's view of them.
function drawConversion(
  random: SeededRandom,
  arrayType: ArrayTypeName,
  channels: number,
  channelsLast: boolean,
): { options: Record<string, unknown>; conversion: ReferenceConversion; normalised: boolean } {
  const options: Record<string, unknown> = {};
  const outputType = random.pick(['float32', 'float64', elementTypes[arrayType], undefined]);
  if (outputType !== undefined) options.outputType = outputType;
  const outputArrayType: ArrayTypeName =
    outputType === 'float32' ? 'Float32Array' : outputType === 'float64' ? 'Float64Array' : arrayType;
  const layout = random.pick(['channelsFirst', 'channelsLast', undefined] as const);
  if (layout !== undefined) options.outputLayout = layout;
  const outputChannelsLast = layout === undefined ? channelsLast : layout === 'channelsLast';
  const conversion: ReferenceConversion = {
    outputArrayType,
    outputChannelsLast,
    scale: 1,
    mean: new Array<number>(channels).fill(0),
    std: new Array<number>(channels).fill(1),
  };
  const form = random.pick(['none', 'scalars', 'perChannel'] as const);
  if (form === 'none') return { options, conversion, normalised: false };
  const scale = random.pick([1 / 255, 0.5, 3, -2, 1]);
  const means = Array.from({ length: channels }, () => random.pick([0.485, 0.5, -1.25, 7, 0]));
  const stds = Array.from({ length: channels }, () => random.pick([0.229, 0.5, 2, -3, 1e-3]));
  options.normalize = form === 'scalars' ? { scale, mean: means[0] ?? 0, std: stds[0] ?? 1 } : { scale, mean: means, std: stds };
  conversion.scale = scale;
  conversion.mean = form === 'scalars' ? conversion.mean.fill(means[0] ?? 0) : means;
  conversion.std = form === 'scalars' ? conversion.std.fill(stds[0] ?? 1) : stds;
  return { options, conversion, normalised: true };
}

function randomCase(seed: number): ConversionCase {
  const random = seededRandom(seed);
  const family = random.pick(['maxPool', 'avgPool', 'adaptiveMaxPool', 'adaptiveAvgPool'] as const);
  const spatialDims = random.pick([1, 2, 3] as const);
  const arrayType = random.pick(arrayTypeNames);
  const channelsLast = random() < 0.5;
  const spatial = Array.from({ length: spatialDims }, () => random.int(1, spatialDims === 3 ? 5 : 9));
  const { shape } = random.shape(spatialDims, channelsLast, spatial);
  const channels = channelsLast ? shape[shape.length - 1] : shape[shape.length - spatialDims - 1];
  const data = random.array(
    arrayType,
    shape.reduce((a, b) => a * b, 1),
  );
  const { options, conversion, normalised } = drawConversion(random, arrayType, channels, channelsLast);
  options.channelsLast = channelsLast;
  const outputArrayType = conversion.outputArrayType as ArrayTypeName;
  const unroundedAverage = !isFloat(arrayType) && (isFloat(outputArrayType) || normalised);
  const returnIndices = family.includes('Max') && random() < 0.3;
  if (returnIndices) options.returnIndices = true;
  let values: ReferenceResult;
  if (family === 'adaptiveMaxPool' || family === 'adaptiveAvgPool') {
    const outputSize = spatial.map((size) => (random() < 0.2 ? 1 : random.int(1, size + 1)));
    options.outputSize = outputSize;
    const operation = family === 'adaptiveMaxPool' ? 'max' : 'average';
    values = referenceAdaptive(operation, data, shape, spatialDims, outputSize, channelsLast, unroundedAverage);
  } else {
    const kernelSize = spatial.map((size) => random.int(1, Math.min(4, size)));
    const stride = kernelSize.map(() => random.int(1, 3));
    const padding = kernelSize.map((k) => random.int(0, Math.floor(k / 2)));
    const ceilMode = random() < 0.3;
    const countIncludePad = random() < 0.5;
    const divisorOverride = family === 'avgPool' && random() < 0.2 ? random.int(1, 5) : undefined;
    Object.assign(options, { kernelSize, stride, padding, ceilMode });
    if (family === 'avgPool') options.countIncludePad = countIncludePad;
    if (divisorOverride !== undefined) options.divisorOverride = divisorOverride;
    values = referencePool(family === 'maxPool' ? 'max' : 'average', data, shape, spatialDims, {
      kernelSize,
      stride,
      padding: padding.map((p) => [p, p]),
      dilation: kernelSize.map(() => 1),
      ceilMode,
      channelsLast,
      countIncludePad,
      divisorOverride,
      unroundedAverage,
    });
  }
  const expected = referenceModelInput(values, spatialDims, channelsLast, conversion);
  return {
    label: `seed ${seed}: ${family}${spatialDims}d ${arrayType} ${JSON.stringify(shape)} ${JSON.stringify(options)}`,
    fn: `${family}${spatialDims}d`,
    input: { data, shape },
    options,
    outputArrayType,
    expected,
    returnIndices,
  };
}

const cases = Array.from({ length: 600 }, (_, i) => randomCase(9100 + i));

describe('model input against the plain reference', () => {
  it('covers every input type, both layouts in and out, each output type and normalisation', () => {
    const labels = cases.map((c) => c.label).join('\n');
    for (const type of arrayTypeNames) expect(labels).toContain(` ${type} `);
    for (const text of ['"outputLayout":"channelsFirst"', '"outputLayout":"channelsLast"', '"outputType":"float32"']) {
      expect(labels).toContain(text);
    }
    expect(labels).toContain('"outputType":"float64"');
    expect(labels).toContain('"mean":[');
  });

  it('sync calls match, at 1 and 3 threads', () => {
    const failures: string[] = [];
    for (const threads of [1, 3]) {
      poolnd.setNumThreads(threads);
      for (const c of cases) {
        try {
          expectReferenceResult(c.label, c.outputArrayType, op(c.fn)(c.input, c.options), c.expected, c.returnIndices);
        } catch (error) {
          failures.push(`${threads} threads: ${(error as Error).message.split('\n').slice(0, 2).join(' ')}`);
        }
      }
    }
    poolnd.setNumThreads(2);
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('async calls and `out` give the same results', async () => {
    const some = cases.filter((_, i) => i % 3 === 0);
    const results = await Promise.all(some.map((c) => asyncOp(c.fn)(c.input, c.options)));
    some.forEach((c, i) => expectReferenceResult(c.label, c.outputArrayType, results[i], c.expected, c.returnIndices));
    for (const c of some.slice(0, 60)) {
      const out = new arrayTypes[c.outputArrayType](c.expected.data.length);
      const result = op(c.fn)(c.input, { ...c.options, out });
      expect('output' in result ? result.output.data : result.data).toBe(out);
      expectReferenceResult(c.label, c.outputArrayType, result, c.expected, c.returnIndices);
    }
  });
});

// Pictures as sharp decodes them (uint8, height x width x channels) to float32 channels-first:
// the shapes the kernels have a lookup-table path for, and large enough to split across threads
// and tiles.
describe('uint8 images to float32 channels-first', () => {
  const imagenet = { scale: 1 / 255, mean: [0.485, 0.456, 0.406, 0.5], std: [0.229, 0.224, 0.225, 0.25] };
  const random = seededRandom(77);
  const pictures = [
    [67, 131, 3],
    [40, 96, 4],
  ].map(([height, width, channels]) => ({
    shape: [height, width, channels],
    data: random.array('Uint8Array', height * width * channels),
  }));
  const windows: Record<string, unknown>[] = [];
  for (const kernelSize of [1, 2, 3, 4]) {
    windows.push({ kernelSize });
    windows.push({ kernelSize, stride: kernelSize === 1 ? 2 : 1 });
    windows.push({ kernelSize: [kernelSize, 5 - kernelSize], ceilMode: true });
  }
  windows.push({ kernelSize: 2, divisorOverride: 3 });
  windows.push({ kernelSize: 3, padding: 1, stride: 2 });

  it.each(windows.map((window) => [JSON.stringify(window), window]))('%s, max and avg, 1 and 2 threads', (_, window) => {
    for (const picture of pictures) {
      const channels = picture.shape[2];
      const normalize = { scale: imagenet.scale, mean: imagenet.mean.slice(0, channels), std: imagenet.std.slice(0, channels) };
      for (const family of ['maxPool', 'avgPool'] as const) {
        if (family === 'maxPool' && 'divisorOverride' in window) continue;
        const options = { ...window, channelsLast: true, outputType: 'float32', outputLayout: 'channelsFirst', normalize };
        const kernelSize =
          typeof window.kernelSize === 'number' ? [window.kernelSize, window.kernelSize] : (window.kernelSize as number[]);
        const stride = window.stride === undefined ? kernelSize : [window.stride as number, window.stride as number];
        const padding = (window.padding as number | undefined) ?? 0;
        const values = referencePool(family === 'maxPool' ? 'max' : 'average', picture.data, picture.shape, 2, {
          kernelSize,
          stride,
          padding: [
            [padding, padding],
            [padding, padding],
          ],
          dilation: [1, 1],
          ceilMode: window.ceilMode === true,
          channelsLast: true,
          countIncludePad: true,
          divisorOverride: window.divisorOverride as number | undefined,
          unroundedAverage: true,
        });
        const expected = referenceModelInput(values, 2, true, {
          outputArrayType: 'Float32Array',
          outputChannelsLast: false,
          scale: normalize.scale,
          mean: normalize.mean,
          std: normalize.std,
        });
        for (const threads of [1, 2]) {
          poolnd.setNumThreads(threads);
          const label = `${family} ${JSON.stringify(picture.shape)} ${JSON.stringify(window)} ${threads} threads`;
          expectReferenceResult(label, 'Float32Array', op(`${family}2d`)(picture, options), expected);
        }
      }
    }
    poolnd.setNumThreads(2);
  });
});

// Every window sum (or maximum) a uint8 picture's 2x2 window can have, in every channel, under
// normalisations drawn to be awkward (tiny and negative std, means at the data's scale), at every
// SIMD level: the vector path converts by a fused multiply-add and recomputes the values near a
// float32 rounding boundary by the exact rule, and leaves normalisations too extreme for that to
// the table; each value must equal the exact rule's float.
describe('uint8 model input: every window value at every SIMD level', () => {
  const initialLevel = poolnd.simdLevel();
  const levels = process.env.POOLND_SIMD
    ? [initialLevel]
    : ['scalar', 'sse2', 'avx2', 'avx512', 'neon'].filter((level) => binding.limitSimdLevel(level));
  binding.limitSimdLevel(initialLevel);
  const random = seededRandom(31);
  const normalisations = Array.from({ length: 24 }, () => ({
    scale: random.pick([1 / 255, 1 / 127.5, 1, 2 ** random.int(-30, 30) * (1 + random())]),
    mean: [0, 1, 2, 3].map(() => random.pick([0, 0.485, 0.5, 128, random() * 4 - 2, 1e-7])),
    std: [0, 1, 2, 3].map(() => random.pick([0.229, 1, -0.5, 1e-6, 3e5, random() + 0.01])),
  }));
  // Where the exact rule's own steps overflow or leave the normal range.
  for (const [scale, mean, std] of [
    [1e308, 0, 1e300],
    [1e308, -1e308, 1e300],
    [1.5e-323, 0, 2 ** -1000],
    [2 ** -1000, 1, 2 ** 1000],
  ]) {
    normalisations.push({ scale, mean: [mean, mean, mean, mean], std: [std, std, std, std] });
  }
  // One output row whose window o sums to o (avg: 0..1020) or has maximum o (max: 0..255).
  function picture(channels: number, values: number, maximum: boolean): { data: Uint8Array; shape: number[] } {
    const data = new Uint8Array(2 * 2 * values * channels);
    for (let o = 0; o < values; o++) {
      const taps = maximum ? [o, 0, 0, 0] : [0, 1, 2, 3].map((tap) => Math.floor(o / 4) + (tap < o % 4 ? 1 : 0));
      [0, 1, 2, 3].forEach((tap, i) => {
        const [row, column] = [Math.floor(tap / 2), 2 * o + (tap % 2)];
        for (let c = 0; c < channels; c++) data[(row * 2 * values + column) * channels + c] = taps[i];
      });
    }
    return { data, shape: [2, 2 * values, channels] };
  }

  it.each(levels)('%s', (level) => {
    binding.limitSimdLevel(level);
    try {
      for (const channels of [3, 4]) {
        for (const maximum of [false, true]) {
          const values = maximum ? 256 : 1021;
          const input = picture(channels, values, maximum);
          for (const { scale, mean, std } of normalisations) {
            const normalize = { scale, mean: mean.slice(0, channels), std: std.slice(0, channels) };
            const options = {
              kernelSize: 2,
              channelsLast: true,
              outputType: 'float32',
              outputLayout: 'channelsFirst',
              normalize,
            };
            const result = (maximum ? poolnd.maxPool2d : poolnd.avgPool2d)(input, options as never) as poolnd.Tensor;
            const expected = Array.from({ length: channels * values }, (_, at) => {
              const [c, o] = [Math.floor(at / values), at % values];
              return Math.fround(((maximum ? o : o / 4) * scale - normalize.mean[c]) / normalize.std[c]);
            });
            expectSameValues(
              `${level} ${channels} channels ${maximum ? 'max' : 'avg'} ${JSON.stringify(normalize)}`,
              result.data,
              expected,
            );
          }
        }
      }
    } finally {
      binding.limitSimdLevel(initialLevel);
    }
  });
});

describe('model input semantics', () => {
  const image = { data: Uint8Array.from([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110]), shape: [2, 2, 3] };

  it('kernelSize 1 is a pure conversion: type, layout and normalisation', () => {
    const result = poolnd.avgPool2d(image, {
      kernelSize: 1,
      channelsLast: true,
      outputType: 'float32',
      outputLayout: 'channelsFirst',
      normalize: { scale: 0.1, mean: [1, 2, 3], std: 2 },
    });
    expect(result.shape).toEqual([3, 2, 2]);
    const expected = [0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11].map((i, at) =>
      Math.fround((image.data[i] * 0.1 - [1, 2, 3][Math.floor(at / 4)]) / 2),
    );
    expect(Array.from(result.data)).toEqual(expected);
  });

  it('an integer average is not rounded before it is converted', () => {
    const input = { data: Uint8Array.from([1, 2, 2, 2]), shape: [1, 2, 2] };
    expect(poolnd.avgPool2d(input, { kernelSize: 2 }).data[0]).toBe(2);
    expect(poolnd.avgPool2d(input, { kernelSize: 2, outputType: 'float64' }).data[0]).toBe(1.75);
  });

  it('a float input without normalize gives exactly the plain values, in the other layout', () => {
    const random = seededRandom(5);
    const input = { data: random.array('Float32Array', 2 * 3 * 6 * 6), shape: [2, 3, 6, 6] };
    const plain = poolnd.avgPool2d(input, { kernelSize: 3, stride: 1, padding: 1 });
    const converted = poolnd.avgPool2d(input, { kernelSize: 3, stride: 1, padding: 1, outputLayout: 'channelsLast' });
    expect(converted.shape).toEqual([2, 6, 6, 3]);
    for (let i = 0; i < plain.data.length; i++) {
      const [n, c, s] = [Math.floor(i / 108), Math.floor(i / 36) % 3, i % 36];
      expect(Object.is(converted.data[(n * 36 + s) * 3 + c], plain.data[i])).toBe(true);
    }
    const wider = poolnd.avgPool2d(input, { kernelSize: 3, stride: 1, padding: 1, outputType: 'float64' });
    expect(Array.from(wider.data)).toEqual(Array.from(plain.data));
  });

  it('a Buffer input gives a Float32Array when asked for, and a Buffer for its own type', () => {
    const buffer = Buffer.from(image.data);
    const float = poolnd.maxPool2d(
      { data: buffer, shape: [2, 2, 3] },
      { kernelSize: 1, channelsLast: true, outputType: 'float32' },
    );
    expect(float.data).toBeInstanceOf(Float32Array);
    const bytes = poolnd.maxPool2d(
      { data: buffer, shape: [2, 2, 3] },
      { kernelSize: 1, channelsLast: true, outputLayout: 'channelsFirst' },
    );
    expect(Buffer.isBuffer(bytes.data)).toBe(true);
    expect(Array.from(bytes.data)).toEqual([0, 30, 60, 90, 10, 40, 70, 100, 20, 50, 80, 110]);
  });

  it('takes per-channel means and stds as arrays or typed arrays', () => {
    const options = { kernelSize: 1, channelsLast: true, outputType: 'float64' } as const;
    const fromArrays = poolnd.avgPool2d(image, { ...options, normalize: { mean: [1, 2, 3], std: [2, 4, 8] } });
    const fromTyped = poolnd.avgPool2d(image, {
      ...options,
      normalize: { mean: Float64Array.of(1, 2, 3), std: Float32Array.of(2, 4, 8) },
    });
    expect(Array.from(fromTyped.data)).toEqual(Array.from(fromArrays.data));
  });

  it('indices follow the output layout', () => {
    const input = { data: Float32Array.from([5, 1, 2, 9, 3, 8, 7, 4]), shape: [1, 2, 2, 2] }; // NHWC, C = 2
    const { output, indices } = poolnd.maxPool2d(input, {
      kernelSize: 2,
      channelsLast: true,
      outputLayout: 'channelsFirst',
      returnIndices: true,
    });
    expect(output.shape).toEqual([1, 2, 1, 1]);
    expect(Array.from(output.data)).toEqual([7, 9]);
    expect(indices.shape).toEqual([1, 2, 1, 1]);
    expect(Array.from(indices.data)).toEqual([3, 1]);
  });
});

describe('model input errors', () => {
  const input = { data: new Uint8Array(2 * 4 * 3), shape: [2, 4, 3] };
  const base = { kernelSize: 2, channelsLast: true };
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['another integer type', { outputType: 'int16' }, 'RangeError', /option 'outputType'.*'float32' or 'float64' or 'uint8'/],
    ['a float16 output', { outputType: 'float16' }, 'RangeError', /option 'outputType'/],
    ['a non-string type', { outputType: Float32Array }, 'TypeError', /option 'outputType'/],
    ['an unknown layout', { outputLayout: 'NCHW' }, 'RangeError', /option 'outputLayout'.*'channelsFirst' or 'channelsLast'/],
    ['normalize not an object', { normalize: 255 }, 'TypeError', /option 'normalize'/],
    ['an unknown normalize key', { normalize: { sd: 1 } }, 'TypeError', /unknown option 'sd' \(did you mean 'std'\?\)/],
    ['a zero std', { normalize: { std: [1, 0, 1] } }, 'RangeError', /option 'normalize.std\[1\]'.*non-zero/],
    ['a mean per channel of the wrong length', { normalize: { mean: [1, 2] } }, 'RangeError', /normalize.mean.*array of 3/],
    ['a NaN scale', { normalize: { scale: NaN } }, 'RangeError', /normalize.scale.*finite/],
    ['a string mean', { normalize: { mean: '0.5' } }, 'TypeError', /normalize.mean/],
    ['out of the input type', { outputType: 'float32', out: new Uint8Array(6) }, 'TypeError', /option 'out'.*Float32Array/],
  ];
  it.each(cases)('%s', (_, options, kind, message) => {
    const call = () => poolnd.avgPool2d(input, { ...base, ...options } as never);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect((error as Error).constructor.name).toBe(kind);
      expect((error as { code: string }).code).toMatch(/^ERR_POOLND_/);
    }
  });

  it('rejects async calls with bad model input options', async () => {
    await expect(poolnd.avgPool2dAsync(input, { ...base, outputType: 'int8' } as never)).rejects.toThrow(RangeError);
  });

  it('lpPool, global pooling and fractional max pooling do not take them', () => {
    const floats = { data: new Float32Array(16), shape: [1, 1, 4, 4] };
    expect(() => poolnd.lpPool2d(floats, { normType: 2, kernelSize: 2, outputType: 'float64' } as never)).toThrow(
      /unknown option 'outputType'/,
    );
    expect(() => poolnd.globalAvgPool(floats, { outputType: 'float64' } as never)).toThrow(/unknown option 'outputType'/);
  });
});

interface GoldenCase {
  name: string;
  op: string;
  dtype: string;
  input: { shape: number[]; data: (number | string)[] };
  options: Record<string, unknown>;
  expected: { type: string; shape: number[]; data: (number | string)[] };
}

const decode = (value: number | string): number => (value === '-0' ? -0 : Number(value));
const goldens = (
  JSON.parse(readFileSync(new URL('./goldens/model_input.json', import.meta.url), 'utf8')) as { cases: GoldenCase[] }
).cases;

describe('model input against PyTorch (test/goldens/model_input.json)', () => {
  const arrayTypeOf = (type: string) => `${type.charAt(0).toUpperCase()}${type.slice(1)}Array`;
  it.each(goldens.map((golden) => [golden.name, golden]))('%s', async (_, golden) => {
    const inputType = arrayTypeOf(golden.dtype) as ArrayTypeName;
    const outputType = arrayTypeOf(golden.expected.type) as ArrayTypeName;
    const input = { data: arrayTypes[inputType].from(golden.input.data.map(decode)), shape: golden.input.shape };
    const expected: ReferenceResult = { shape: golden.expected.shape, data: golden.expected.data.map(decode), indices: [] };
    expectReferenceResult(`${golden.name} (sync)`, outputType, op(golden.op)(input, golden.options), expected);
    expectReferenceResult(`${golden.name} (async)`, outputType, await asyncOp(golden.op)(input, golden.options), expected);
  });
});
