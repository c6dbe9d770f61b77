// One case for every rule of API.md's Errors section: class, code, and a message that names the
// function, the option and the value received.
import { describe, expect, it } from 'vitest';

import {
  avgPool1d,
  avgPool2d,
  avgPool2dAsync,
  maxPool1d,
  maxPool2d,
  maxPool2dAsync,
  maxPool3d,
  poolOutputShape,
  poolOutputSize,
  samePadding,
  setNumThreads,
} from '../dist/index.js';

const image = () => ({ data: new Float32Array(16), shape: [1, 1, 4, 4] });

interface ErrorCase {
  rule: string;
  call: () => unknown;
  kind: typeof TypeError | typeof RangeError;
  code: string;
  // Substrings the message must contain: the function, the option and the received value.
  names: string[];
}

const shared = new Float32Array(32);

const cases: ErrorCase[] = [
  // Wrong types.
  { rule: 'input not an object', call: () => maxPool2d(42 as never, { kernelSize: 2 }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', 'input', 'received 42'] },
  { rule: 'data is a plain array', call: () => maxPool2d({ data: [1, 2, 3, 4] as never, shape: [1, 2, 2] }, { kernelSize: 2 }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', 'input.data', '[ 1, 2, 3, 4 ]'] },
  { rule: 'data is a BigInt64Array', call: () => avgPool1d({ data: new BigInt64Array(4) as never, shape: [1, 4] }, { kernelSize: 2 }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['avgPool1d', 'input.data', 'BigInt64Array(4)'] },
  { rule: 'data is a DataView', call: () => avgPool1d({ data: new DataView(new ArrayBuffer(4)) as never, shape: [1, 4] }, { kernelSize: 2 }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['avgPool1d', 'input.data', 'DataView'] },
  { rule: 'shape missing', call: () => maxPool2d({ data: new Float32Array(4) } as never, { kernelSize: 2 }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', 'input.dims', 'received undefined'] },
  { rule: 'non-integer shape entry', call: () => maxPool2d({ data: new Float32Array(4), shape: [1, 2, 2.5] }, { kernelSize: 2 }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', 'input.shape[2]', 'received 2.5'] },
  { rule: 'string shape entry', call: () => maxPool2d({ data: new Float32Array(4), shape: [1, '2', 2] as never }, { kernelSize: 2 }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', 'input.shape[1]', 'received "2"'] },
  { rule: 'options not an object', call: () => maxPool2d(image(), 2 as never), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', 'options', 'received 2'] },
  { rule: 'kernelSize missing', call: () => maxPool2d(image(), {} as never), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', "'kernelSize'", 'received undefined'] },
  { rule: 'non-integer kernelSize', call: () => maxPool2d(image(), { kernelSize: 2.5 }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', "'kernelSize'", 'received 2.5'] },
  { rule: 'kernelSize of the wrong type', call: () => maxPool2d(image(), { kernelSize: '2' as never }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', "'kernelSize'", 'received "2"'] },
  { rule: 'non-integer stride entry', call: () => maxPool2d(image(), { kernelSize: 2, stride: [1, 1.5] }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', "'stride[1]'", 'received 1.5'] },
  { rule: 'NaN dilation', call: () => maxPool2d(image(), { kernelSize: 2, dilation: NaN }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', "'dilation'", 'received NaN'] },
  { rule: 'padding of the wrong type', call: () => maxPool2d(image(), { kernelSize: 2, padding: true as never }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', "'padding'", 'received true'] },
  { rule: 'padding mixing numbers and pairs', call: () => maxPool2d(image(), { kernelSize: 2, padding: [1, [0, 1]] as never }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', "'padding'", '[ 1, [ 0, 1 ] ]'] },
  { rule: 'non-integer padding pair entry', call: () => maxPool2d(image(), { kernelSize: 2, padding: [[0, 1], [0.5, 0]] }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', "'padding[1][0]'", 'received 0.5'] },
  { rule: 'ceilMode not a boolean', call: () => maxPool2d(image(), { kernelSize: 2, ceilMode: 1 as never }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', "'ceilMode'", 'received 1'] },
  { rule: 'channelsLast not a boolean', call: () => maxPool2d(image(), { kernelSize: 2, channelsLast: 'yes' as never }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', "'channelsLast'", 'received "yes"'] },
  { rule: 'returnIndices not a boolean', call: () => maxPool2d(image(), { kernelSize: 2, returnIndices: null as never }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', "'returnIndices'", 'received null'] },
  { rule: 'countIncludePad not a boolean', call: () => avgPool2d(image(), { kernelSize: 2, countIncludePad: 0 as never }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['avgPool2d', "'countIncludePad'", 'received 0'] },
  { rule: 'non-integer divisorOverride', call: () => avgPool2d(image(), { kernelSize: 2, divisorOverride: 1.5 }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['avgPool2d', "'divisorOverride'", 'received 1.5'] },
  { rule: 'out of another array type', call: () => maxPool2d(image(), { kernelSize: 2, out: new Float64Array(4) as never }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', "'out'", 'Float64Array(4)'] },
  { rule: 'Uint8Array out for a Uint8ClampedArray input', call: () => maxPool1d({ data: new Uint8ClampedArray(4), shape: [1, 4] }, { kernelSize: 2, out: new Uint8Array(2) as never }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool1d', "'out'", 'Uint8Array(2)'] },
  { rule: 'indicesOut not an Int32Array', call: () => maxPool2d(image(), { kernelSize: 2, returnIndices: true, indicesOut: new Uint32Array(4) as never }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxPool2d', "'indicesOut'", 'Uint32Array(4)'] },
  { rule: 'setNumThreads with a non-integer', call: () => setNumThreads(1.5), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['setNumThreads', 'count', 'received 1.5'] },

  // Bad values.
  { rule: 'shape/length mismatch', call: () => maxPool2d({ data: new Float32Array(15), shape: [1, 1, 4, 4] }, { kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_SHAPE_MISMATCH', names: ['maxPool2d', 'input.shape', '(15)', 'received [ 1, 1, 4, 4 ]'] },
  { rule: 'wrong rank', call: () => maxPool1d(image(), { kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_SHAPE_MISMATCH', names: ['maxPool1d', 'input.shape', 'rank 2', 'received [ 1, 1, 4, 4 ]'] },
  { rule: 'wrong rank for 3d', call: () => maxPool3d({ data: new Float32Array(4), shape: [2, 2] }, { kernelSize: 1 }), kind: RangeError, code: 'ERR_POOLND_SHAPE_MISMATCH', names: ['maxPool3d', 'input.shape', 'rank 4', 'received [ 2, 2 ]'] },
  { rule: 'negative shape entry', call: () => maxPool2d({ data: new Float32Array(0), shape: [-1, 1, 4, 4] }, { kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxPool2d', 'input.shape[0]', 'received -1'] },
  { rule: 'spatial size 0', call: () => maxPool2d({ data: new Float32Array(0), shape: [1, 1, 0, 4] }, { kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxPool2d', 'input.shape', 'received [ 1, 1, 0, 4 ]'] },
  { rule: 'kernelSize 0', call: () => maxPool2d(image(), { kernelSize: 0 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxPool2d', "'kernelSize'", 'received 0'] },
  { rule: 'negative stride entry', call: () => maxPool2d(image(), { kernelSize: 2, stride: [2, -1] }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxPool2d', "'stride[1]'", 'received -1'] },
  { rule: 'dilation 0', call: () => maxPool2d(image(), { kernelSize: 2, dilation: 0 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxPool2d', "'dilation'", 'received 0'] },
  { rule: 'kernelSize tuple of the wrong length', call: () => maxPool2d(image(), { kernelSize: [2, 2, 2] }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxPool2d', "'kernelSize'", 'received [ 2, 2, 2 ]'] },
  { rule: 'padding tuple of the wrong length', call: () => maxPool2d(image(), { kernelSize: 2, padding: [1] }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxPool2d', "'padding'", 'received [ 1 ]'] },
  { rule: 'padding pair of the wrong length', call: () => maxPool1d({ data: new Float32Array(4), shape: [1, 4] }, { kernelSize: 2, padding: [[1, 0, 1]] as never }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxPool1d', "'padding[0]'", 'received [ 1, 0, 1 ]'] },
  { rule: 'negative padding', call: () => maxPool2d(image(), { kernelSize: 2, padding: -1 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxPool2d', "'padding'", 'received -1'] },
  { rule: 'unknown padding string', call: () => maxPool2d(image(), { kernelSize: 2, padding: 'full' as never }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxPool2d', "'padding'", 'received "full"'] },
  { rule: 'padding larger than half the kernel', call: () => maxPool2d(image(), { kernelSize: 3, padding: 2 }), kind: RangeError, code: 'ERR_POOLND_PADDING_TOO_LARGE', names: ['maxPool2d', "'padding'", 'received 2'] },
  { rule: 'end padding larger than half the kernel', call: () => avgPool2d(image(), { kernelSize: 2, padding: [[0, 0], [0, 2]] }), kind: RangeError, code: 'ERR_POOLND_PADDING_TOO_LARGE', names: ['avgPool2d', "'padding'", 'received [ [ 0, 0 ], [ 0, 2 ] ]'] },
  { rule: 'output size < 1', call: () => maxPool2d(image(), { kernelSize: 5 }), kind: RangeError, code: 'ERR_POOLND_OUTPUT_TOO_SMALL', names: ['maxPool2d', "'kernelSize'", 'received 5'] },
  { rule: 'output size < 1 through dilation', call: () => maxPool2d(image(), { kernelSize: 2, dilation: [1, 4] }), kind: RangeError, code: 'ERR_POOLND_OUTPUT_TOO_SMALL', names: ['maxPool2d', "'kernelSize'", 'dilation 4', 'received 2'] },
  { rule: 'divisorOverride 0', call: () => avgPool2d(image(), { kernelSize: 2, divisorOverride: 0 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['avgPool2d', "'divisorOverride'", 'received 0'] },
  { rule: 'out of the wrong length', call: () => maxPool2d(image(), { kernelSize: 2, out: new Float32Array(5) }), kind: RangeError, code: 'ERR_POOLND_OUT_SIZE_MISMATCH', names: ['maxPool2d', "'out'", 'length 4', 'Float32Array(5)'] },
  { rule: 'out overlapping the input', call: () => maxPool2d({ data: shared.subarray(0, 16), shape: [1, 1, 4, 4] }, { kernelSize: 2, out: shared.subarray(14, 18) }), kind: RangeError, code: 'ERR_POOLND_OUT_OVERLAP', names: ['maxPool2d', "'out'", 'Float32Array(4)'] },
  { rule: 'indicesOut overlapping out', call: () => { const buffer = new ArrayBuffer(16); return maxPool2d({ data: new Int32Array(16), shape: [1, 1, 4, 4] }, { kernelSize: 2, out: new Int32Array(buffer), returnIndices: true, indicesOut: new Int32Array(buffer) }); }, kind: RangeError, code: 'ERR_POOLND_OUT_OVERLAP', names: ['maxPool2d', "'indicesOut'", 'Int32Array(4)'] },
  { rule: 'indicesOut of the wrong length', call: () => maxPool2d(image(), { kernelSize: 2, returnIndices: true, indicesOut: new Int32Array(3) }), kind: RangeError, code: 'ERR_POOLND_OUT_SIZE_MISMATCH', names: ['maxPool2d', "'indicesOut'", 'Int32Array(3)'] },
  { rule: 'indicesOut without returnIndices', call: () => maxPool2d(image(), { kernelSize: 2, indicesOut: new Int32Array(4) }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxPool2d', "'returnIndices'", 'received undefined'] },
  { rule: 'setNumThreads(0)', call: () => setNumThreads(0), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['setNumThreads', 'count', 'received 0'] },
  { rule: 'poolOutputSize with an output < 1', call: () => poolOutputSize(3, { kernelSize: 4 }), kind: RangeError, code: 'ERR_POOLND_OUTPUT_TOO_SMALL', names: ['poolOutputSize', "'kernelSize'", 'received 4'] },
  { rule: 'poolOutputSize with input size 0', call: () => poolOutputSize(0, { kernelSize: 1 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['poolOutputSize', 'inputSize', 'received 0'] },
  { rule: 'poolOutputSize with too much padding', call: () => poolOutputSize(9, { kernelSize: 3, padding: [0, 2] }), kind: RangeError, code: 'ERR_POOLND_PADDING_TOO_LARGE', names: ['poolOutputSize', "'padding'", 'received [ [ 0, 2 ] ]'] },
  { rule: 'poolOutputShape with a bad rank', call: () => poolOutputShape([4, 4], 2, { kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_SHAPE_MISMATCH', names: ['poolOutputShape', 'inputShape', 'received [ 4, 4 ]'] },
  { rule: 'poolOutputShape with a bad spatialDims', call: () => poolOutputShape([1, 4, 4], 4 as never, { kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['poolOutputShape', 'spatialDims', 'received 4'] },
  { rule: 'samePadding with stride 0', call: () => samePadding(5, 3, 0), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['samePadding', 'stride', 'received 0'] },
];

describe('errors', () => {
  it.each(cases)('$rule', ({ call, kind, code, names }) => {
    let caught: unknown;
    try {
      call();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(kind);
    const error = caught as Error & { code: string };
    expect(error.constructor).toBe(kind); // a RangeError is not reported as a TypeError and vice versa
    expect(error.code).toBe(code);
    expect(error.message.startsWith('poolnd: ')).toBe(true);
    for (const name of names) expect(error.message).toContain(name);
  });

  it('async variants reject with the same error instead of throwing', async () => {
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = maxPool2dAsync(image(), { kernelSize: 0 });
    }).not.toThrow();
    await expect(promise).rejects.toThrow(expect.objectContaining({ name: 'RangeError', code: 'ERR_POOLND_INVALID_ARG_VALUE' }));
    await expect(avgPool2dAsync(null as never, { kernelSize: 2 })).rejects.toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_POOLND_INVALID_ARG_TYPE' }),
    );
  });

  it('leaves out arrays untouched when a call is rejected', () => {
    const out = new Float32Array([7, 7, 7, 7]);
    expect(() => maxPool2d({ data: new Float32Array(16), shape: [1, 1, 4, 4] }, { kernelSize: 2, out, ceilMode: 'no' as never })).toThrow(TypeError);
    expect(Array.from(out)).toEqual([7, 7, 7, 7]);
  });
});
