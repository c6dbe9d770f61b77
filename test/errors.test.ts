// One case for every rule of API.md's Errors section: class, code, and a message that names the
// function, the option and the value received.
import { describe, expect, it } from 'vitest';

import {
  adaptiveAvgPool2d,
  adaptiveMaxPool1d,
  adaptiveMaxPool2d,
  avgPool1d,
  avgPool2d,
  avgPool2dAsync,
  globalAvgPool,
  globalMaxPool,
  lpPool1d,
  lpPool2d,
  maxPool1d,
  maxPool2d,
  maxPool2dAsync,
  maxPool3d,
  maxUnpool1d,
  maxUnpool2d,
  maxUnpool2dAsync,
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
// A 2x2 pooled plane and its indices into the 4x4 plane it came from.
const pooled = () => ({ data: new Float32Array([1, 2, 3, 4]), shape: [1, 1, 2, 2] });
const pooledIndices = (data = [0, 3, 8, 15]) => ({ data: Int32Array.from(data), shape: [1, 1, 2, 2] });
const sharedIndices = new Int32Array(32);

// One case per line, a table to read down: kept as written.
// prettier-ignore
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
  { rule: 'kernelSize tuple of the wrong length', call: () => maxPool2d(image(), { kernelSize: [2, 2, 2] } as never), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxPool2d', "'kernelSize'", 'received [ 2, 2, 2 ]'] },
  { rule: 'padding tuple of the wrong length', call: () => maxPool2d(image(), { kernelSize: 2, padding: [1] } as never), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxPool2d', "'padding'", 'received [ 1 ]'] },
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
  { rule: 'setNumThreads above 1024', call: () => setNumThreads(5000), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['setNumThreads', 'count', 'at most 1024', 'received 5000'] },
  { rule: 'setNumThreads(0)', call: () => setNumThreads(0), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['setNumThreads', 'count', 'received 0'] },
  { rule: 'poolOutputSize with an output < 1', call: () => poolOutputSize(3, { kernelSize: 4 }), kind: RangeError, code: 'ERR_POOLND_OUTPUT_TOO_SMALL', names: ['poolOutputSize', "'kernelSize'", 'received 4'] },
  { rule: 'poolOutputSize with input size 0', call: () => poolOutputSize(0, { kernelSize: 1 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['poolOutputSize', 'inputSize', 'received 0'] },
  { rule: 'poolOutputSize with too much padding', call: () => poolOutputSize(9, { kernelSize: 3, padding: [0, 2] }), kind: RangeError, code: 'ERR_POOLND_PADDING_TOO_LARGE', names: ['poolOutputSize', "'padding'", 'received [ [ 0, 2 ] ]'] },
  { rule: 'poolOutputShape with a bad rank', call: () => poolOutputShape([4, 4], 2, { kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_SHAPE_MISMATCH', names: ['poolOutputShape', 'inputShape', 'received [ 4, 4 ]'] },
  { rule: 'poolOutputShape with a bad spatialDims', call: () => poolOutputShape([1, 4, 4], 4 as never, { kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['poolOutputShape', 'spatialDims', 'received 4'] },
  // Adaptive pooling.
  { rule: 'adaptive outputSize missing', call: () => adaptiveAvgPool2d(image(), {} as never), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['adaptiveAvgPool2d', "'outputSize'", 'received undefined'] },
  { rule: 'adaptive outputSize entry not an integer', call: () => adaptiveMaxPool2d(image(), { outputSize: [2, 1.5] }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['adaptiveMaxPool2d', "'outputSize[1]'", 'received 1.5'] },
  { rule: 'adaptive outputSize a string', call: () => adaptiveAvgPool2d(image(), { outputSize: '2' as never }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['adaptiveAvgPool2d', "'outputSize'", 'received "2"'] },
  { rule: 'adaptive outputSize 0', call: () => adaptiveAvgPool2d(image(), { outputSize: 0 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['adaptiveAvgPool2d', "'outputSize'", 'received 0'] },
  { rule: 'adaptive outputSize entry 0', call: () => adaptiveMaxPool2d(image(), { outputSize: [null, 0] }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['adaptiveMaxPool2d', "'outputSize[1]'", 'received 0'] },
  { rule: 'adaptive outputSize of the wrong length', call: () => adaptiveAvgPool2d(image(), { outputSize: [2, 2, 2] } as never), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['adaptiveAvgPool2d', "'outputSize'", 'received [ 2, 2, 2 ]'] },
  { rule: 'adaptive indicesOut without returnIndices', call: () => adaptiveMaxPool1d({ data: new Float32Array(4), shape: [1, 4] }, { outputSize: 2, indicesOut: new Int32Array(2) }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['adaptiveMaxPool1d', "'returnIndices'", 'received undefined'] },
  { rule: 'adaptive out of the wrong length', call: () => adaptiveAvgPool2d(image(), { outputSize: 3, out: new Float32Array(4) }), kind: RangeError, code: 'ERR_POOLND_OUT_SIZE_MISMATCH', names: ['adaptiveAvgPool2d', "'out'", 'length 9', 'Float32Array(4)'] },

  // Global pooling.
  { rule: 'global pooling of an unbatched or rank-2 input', call: () => globalAvgPool({ data: new Float32Array(4), shape: [1, 4] }), kind: RangeError, code: 'ERR_POOLND_SHAPE_MISMATCH', names: ['globalAvgPool', 'input.shape', 'rank at least 3', 'received [ 1, 4 ]'] },
  { rule: 'global options not an object', call: () => globalMaxPool(image(), 5 as never), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['globalMaxPool', 'options', 'received 5'] },
  { rule: 'global shape/length mismatch', call: () => globalMaxPool({ data: new Float32Array(7), shape: [1, 1, 2, 2, 2] }), kind: RangeError, code: 'ERR_POOLND_SHAPE_MISMATCH', names: ['globalMaxPool', 'input.shape', '(7)', 'received [ 1, 1, 2, 2, 2 ]'] },
  { rule: 'global out of the wrong length', call: () => globalAvgPool(image(), { out: new Float32Array(2) }), kind: RangeError, code: 'ERR_POOLND_OUT_SIZE_MISMATCH', names: ['globalAvgPool', "'out'", 'length 1', 'Float32Array(2)'] },
  { rule: 'int32 average over a window of 2^31 elements', call: () => avgPool2d({ data: new Int32Array(16), shape: [1, 1, 4, 4] }, { kernelSize: 2 ** 16, padding: 2 ** 15 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['avgPool2d', "'kernelSize'", '32-bit integer', 'received 65536'] },
  { rule: 'global average of 2^31 int32 elements', call: () => globalAvgPool({ data: new Int32Array(0), shape: [0, 1, 2 ** 31] }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['globalAvgPool', 'input.shape', '32-bit integer', 'received [ 0, 1, 2147483648 ]'] },

  // LP pooling.
  { rule: 'LP pooling of an integer array', call: () => lpPool1d({ data: new Int32Array(4) as never, shape: [1, 4] }, { normType: 2, kernelSize: 2 }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['lpPool1d', 'input.data', 'Int32Array(4)'] },
  { rule: 'LP normType missing', call: () => lpPool2d(image(), { kernelSize: 2 } as never), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['lpPool2d', "'normType'", 'received undefined'] },
  { rule: 'LP normType a string', call: () => lpPool2d(image(), { normType: '2' as never, kernelSize: 2 }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['lpPool2d', "'normType'", 'received "2"'] },
  { rule: 'LP normType 0', call: () => lpPool2d(image(), { normType: 0, kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['lpPool2d', "'normType'", 'received 0'] },
  { rule: 'LP normType negative', call: () => lpPool2d(image(), { normType: -2, kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['lpPool2d', "'normType'", 'received -2'] },
  { rule: 'LP normType Infinity', call: () => lpPool2d(image(), { normType: Infinity, kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['lpPool2d', "'normType'", 'received Infinity'] },
  { rule: 'LP normType NaN', call: () => lpPool2d(image(), { normType: NaN, kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['lpPool2d', "'normType'", 'received NaN'] },
  { rule: 'LP pooling with padding', call: () => lpPool2d(image(), { normType: 2, kernelSize: 2, padding: 1 } as never), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['lpPool2d', "'padding'", 'received 1'] },
  { rule: 'LP pooling with dilation', call: () => lpPool2d(image(), { normType: 2, kernelSize: 2, dilation: 2 } as never), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['lpPool2d', "'dilation'", 'received 2'] },
  { rule: 'LP output size < 1', call: () => lpPool2d(image(), { normType: 2, kernelSize: 5 }), kind: RangeError, code: 'ERR_POOLND_OUTPUT_TOO_SMALL', names: ['lpPool2d', "'kernelSize'", 'received 5'] },

  // Max-unpooling.
  { rule: 'unpool indices not a tensor', call: () => maxUnpool2d(pooled(), 3 as never, { kernelSize: 2 }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxUnpool2d', 'indices', 'received 3'] },
  { rule: 'unpool indices not an Int32Array', call: () => maxUnpool2d(pooled(), { data: new Float32Array(4) as never, shape: [1, 1, 2, 2] }, { kernelSize: 2 }), kind: TypeError, code: 'ERR_POOLND_INVALID_ARG_TYPE', names: ['maxUnpool2d', 'indices.data', 'Float32Array(4)'] },
  { rule: "unpool indices of another shape", call: () => maxUnpool2d(pooled(), { data: new Int32Array(4), shape: [1, 1, 4, 1] }, { kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_SHAPE_MISMATCH', names: ['maxUnpool2d', 'indices.shape', '[1, 1, 2, 2]', 'received [ 1, 1, 4, 1 ]'] },
  { rule: 'unpool index past the plane', call: () => maxUnpool2d(pooled(), pooledIndices([0, 3, 8, 16]), { kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_INDEX_OUT_OF_RANGE', names: ['maxUnpool2d', 'indices.data[3]', 'from 0 to 15', 'received 16'] },
  { rule: 'unpool negative index', call: () => maxUnpool1d({ data: new Float32Array(2), shape: [1, 2] }, { data: Int32Array.from([-1, 2]), shape: [1, 2] }, { kernelSize: 2 }), kind: RangeError, code: 'ERR_POOLND_INDEX_OUT_OF_RANGE', names: ['maxUnpool1d', 'indices.data[0]', 'received -1'] },
  { rule: "unpool padding 'same'", call: () => maxUnpool2d(pooled(), pooledIndices(), { kernelSize: 2, padding: 'same' as never }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxUnpool2d', "'padding'", 'outputSize', 'received "same"'] },
  { rule: 'unpool outputSize past stride - 1 below the default', call: () => maxUnpool2d(pooled(), pooledIndices(), { kernelSize: 2, outputSize: [2, 4] }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxUnpool2d', "'outputSize'", 'between 3 and 5', 'spatial dim 0', 'received [ 2, 4 ]'] },
  { rule: 'unpool outputSize past stride - 1 above the default', call: () => maxUnpool2d(pooled(), pooledIndices(), { kernelSize: 2, outputSize: [4, 6] }), kind: RangeError, code: 'ERR_POOLND_INVALID_ARG_VALUE', names: ['maxUnpool2d', "'outputSize'", 'spatial dim 1', 'received [ 4, 6 ]'] },
  { rule: 'unpool output size < 1', call: () => maxUnpool1d({ data: new Float32Array(1), shape: [1, 1] }, { data: new Int32Array(1), shape: [1, 1] }, { kernelSize: 1, padding: 1 }), kind: RangeError, code: 'ERR_POOLND_OUTPUT_TOO_SMALL', names: ['maxUnpool1d', "'padding'", 'received 1'] },
  { rule: 'unpool out overlapping the indices', call: () => maxUnpool1d({ data: new Int32Array(2), shape: [1, 2] }, { data: sharedIndices.subarray(0, 2), shape: [1, 2] }, { kernelSize: 2, out: sharedIndices.subarray(1, 5) }), kind: RangeError, code: 'ERR_POOLND_OUT_OVERLAP', names: ['maxUnpool1d', "'out'", 'Int32Array(4)'] },

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

  it('max-unpooling rejects a bad index without writing out, sync and async', async () => {
    const out = new Float32Array(16).fill(7);
    expect(() => maxUnpool2d(pooled(), pooledIndices([0, 3, 99, 15]), { kernelSize: 2, out })).toThrow(RangeError);
    expect(Array.from(out)).toEqual(new Array(16).fill(7));
    await expect(maxUnpool2dAsync(pooled(), pooledIndices([0, -5, 8, 15]), { kernelSize: 2, out })).rejects.toThrow(
      expect.objectContaining({
        name: 'RangeError',
        code: 'ERR_POOLND_INDEX_OUT_OF_RANGE',
        message: expect.stringContaining('indices.data[1]'),
      }),
    );
    expect(Array.from(out)).toEqual(new Array(16).fill(7));
  });

  it('leaves out arrays untouched when a call is rejected', () => {
    const out = new Float32Array([7, 7, 7, 7]);
    expect(() =>
      maxPool2d({ data: new Float32Array(16), shape: [1, 1, 4, 4] }, { kernelSize: 2, out, ceilMode: 'no' as never }),
    ).toThrow(TypeError);
    expect(Array.from(out)).toEqual([7, 7, 7, 7]);
  });
});
