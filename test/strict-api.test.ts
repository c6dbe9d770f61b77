// API.md's strict rules: unknown option keys, a tensor `type` that is not its array's, a Buffer in
// giving a Buffer out, and typed arrays in messages shown by kind and length only.
import { describe, expect, it } from 'vitest';

import {
  adaptiveAvgPool2d,
  adaptiveMaxPool2d,
  avgPool2d,
  avgPool2dAsync,
  globalAvgPool,
  globalMaxPool,
  lpPool2d,
  maxPool1d,
  maxPool2d,
  maxPool2dAsync,
  maxUnpool2d,
  poolOutputShape,
  poolOutputSize,
} from '../dist/index.js';
import { referencePool } from './reference';

const image = () => ({ data: Float32Array.from({ length: 16 }, (_, i) => (i * 7) % 11), shape: [1, 1, 4, 4] });

function thrown(call: () => unknown): Error & { code?: string } {
  try {
    call();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('the call did not throw');
}

describe('unknown options', () => {
  const unpoolInput = { data: new Float32Array(4), shape: [1, 1, 2, 2] };
  const unpoolIndices = { data: new Int32Array([0, 3, 8, 15]), shape: [1, 1, 2, 2] };
  // [function, the unknown key, the closest known one, the call]
  // prettier-ignore
  const cases: [string, string, string, () => unknown][] = [
    ['maxPool2d', 'strid', 'stride', () => maxPool2d(image(), { kernelSize: 2, strid: 1 } as never)],
    ['maxPool1d', 'returnIndex', 'returnIndices', () => maxPool1d({ data: new Float32Array(4), shape: [1, 4] }, { kernelSize: 2, returnIndex: true } as never)],
    ['avgPool2d', 'countIncludePadding', 'countIncludePad', () => avgPool2d(image(), { kernelSize: 2, countIncludePadding: false } as never)],
    ['avgPool2d', 'ceil_mode', 'ceilMode', () => avgPool2d(image(), { kernelSize: 2, ceil_mode: true } as never)],
    ['lpPool2d', 'channelLast', 'channelsLast', () => lpPool2d(image(), { normType: 2, kernelSize: 2, channelLast: false } as never)],
    ['adaptiveAvgPool2d', 'outputsize', 'outputSize', () => adaptiveAvgPool2d(image(), { outputsize: 2 } as never)],
    ['adaptiveMaxPool2d', 'indices', 'indicesOut', () => adaptiveMaxPool2d(image(), { outputSize: 2, indices: true } as never)],
    ['globalAvgPool', 'channelLast', 'channelsLast', () => globalAvgPool(image(), { channelLast: false } as never)],
    ['globalMaxPool', 'output', 'out', () => globalMaxPool(image(), { output: new Float32Array(1) } as never)],
    ['maxUnpool2d', 'outputShape', 'outputSize', () => maxUnpool2d(unpoolInput, unpoolIndices, { kernelSize: 2, outputShape: [4, 4] } as never)],
    ['poolOutputSize', 'strides', 'stride', () => poolOutputSize(8, { kernelSize: 2, strides: 2 } as never)],
    ['poolOutputShape', 'padd', 'padding', () => poolOutputShape([1, 1, 8, 8], 2, { kernelSize: 2, padd: 1 } as never)],
  ];
  it.each(cases)('%s names %s and suggests %s', (fn, key, closest, call) => {
    const error = thrown(call);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_POOLND_UNKNOWN_OPTION');
    expect(error.message.startsWith(`poolnd: ${fn}: unknown option '${key}'`)).toBe(true);
    expect(error.message).toContain(`did you mean '${closest}'?`);
  });

  it('rejects the async call the same way, and counts undefined values as absent', async () => {
    await expect(maxPool2dAsync(image(), { kernelSize: 2, strid: 1 } as never)).rejects.toThrow(
      expect.objectContaining({ name: 'TypeError', code: 'ERR_POOLND_UNKNOWN_OPTION' }),
    );
    const options = { kernelSize: 2, strid: undefined } as { kernelSize: number };
    expect(Array.from(maxPool2d(image(), options).data)).toEqual(Array.from(maxPool2d(image(), { kernelSize: 2 }).data));
  });

  it("takes an op's options as they are where only the shape is asked for", () => {
    const options = { kernelSize: 2, returnIndices: true, ceilMode: true } as const;
    expect(poolOutputShape([1, 1, 5, 5], 2, options)).toEqual(
      maxPool2d({ data: new Float32Array(25), shape: [1, 1, 5, 5] }, options).output.shape,
    );
  });

  it('keeps its own error for the options LP pooling lacks', () => {
    const error = thrown(() => lpPool2d(image(), { normType: 2, kernelSize: 2, padding: 1 } as never));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toContain('LP pooling has none');
  });
});

describe('a tensor type field', () => {
  it('is accepted when it names the array type, as onnxruntime-node tensors carry it', () => {
    const input = { ...image(), type: 'float32' };
    expect(Array.from(maxPool2d(input, { kernelSize: 2 }).data)).toEqual(Array.from(maxPool2d(image(), { kernelSize: 2 }).data));
    const bytes = { data: new Uint8ClampedArray(16), dims: [1, 1, 4, 4], type: 'uint8' };
    expect(maxPool2d(bytes, { kernelSize: 2 }).shape).toEqual([1, 1, 2, 2]);
  });

  it.each(['float16', 'bfloat16', 'int64', 'bool', 'string'])('%s is a TypeError naming it, never pooled as its bits', (type) => {
    // float16 as onnxruntime-node holds it: the values' bits in a Uint16Array (1.0 and -1.0 here).
    const input = { data: new Uint16Array([0x3c00, 0xbc00, 0x3c00, 0xbc00]), dims: [1, 1, 2, 2], type };
    const error = thrown(() => maxPool2d(input, { kernelSize: 2 }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.code).toBe('ERR_POOLND_INVALID_ARG_TYPE');
    expect(error.message).toContain(`input.type must be 'uint16'`);
    expect(error.message).toContain(`received "${type}"`);
    expect(error.message).toContain('convert this one first');
  });

  it('that names another supported type is a TypeError too', async () => {
    const error = thrown(() => avgPool2d({ ...image(), type: 'int32' }, { kernelSize: 2 }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain(`input.type must be 'float32', the type of its data (a Float32Array)`);
    await expect(avgPool2dAsync({ ...image(), type: 'float64' }, { kernelSize: 2 })).rejects.toThrow(TypeError);
  });
});

describe('Buffer in, Buffer out', () => {
  const bytes = (length: number) => Buffer.from(Uint8Array.from({ length }, (_, i) => (i * 37) % 251));

  it.each([
    ['small', 8],
    ['on result memory (256 KiB and more)', 1024],
  ])('a %s result is a Buffer with the plain result, sync and async', async (_, side) => {
    const input = { data: bytes(side * side), shape: [1, 1, side, side] };
    const expected = referencePool('max', Uint8Array.from(input.data), input.shape, 2, {
      kernelSize: [2, 2],
      stride: [1, 1],
      padding: [
        [0, 0],
        [0, 0],
      ],
      dilation: [1, 1],
      ceilMode: false,
      channelsLast: false,
      countIncludePad: true,
    });
    for (const result of [
      maxPool2d(input, { kernelSize: 2, stride: 1 }),
      await maxPool2dAsync(input, { kernelSize: 2, stride: 1 }),
    ]) {
      expect(Buffer.isBuffer(result.data)).toBe(true);
      expect(result.data.equals(Buffer.from(expected.data))).toBe(true);
      expect(result.data.toString('base64')).toBe(Buffer.from(expected.data).toString('base64'));
    }
  });

  it('holds for every op family, and a plain Uint8Array still gives a plain one', () => {
    const input = { data: bytes(64), shape: [8, 8, 1] };
    expect(Buffer.isBuffer(avgPool2d(input, { kernelSize: 2, channelsLast: true }).data)).toBe(true);
    expect(Buffer.isBuffer(adaptiveMaxPool2d(input, { outputSize: 3, returnIndices: true }).output.data)).toBe(true);
    expect(Buffer.isBuffer(globalMaxPool({ data: bytes(64), shape: [1, 1, 8, 8] }).data)).toBe(true);
    expect(Buffer.isBuffer(maxPool2d({ data: new Uint8Array(64), shape: [1, 1, 8, 8] }, { kernelSize: 2 }).data)).toBe(false);
  });

  it('wants a Buffer as out when the input is one, and writes into it', () => {
    const input = { data: bytes(16), shape: [1, 1, 4, 4] };
    const error = thrown(() => maxPool2d(input, { kernelSize: 2, out: new Uint8Array(4) as Buffer }));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain("option 'out' must be a Buffer, as the input is");
    const out = Buffer.alloc(4);
    expect(maxPool2d(input, { kernelSize: 2, out }).data).toBe(out);
  });
});

describe('messages', () => {
  it('show a received typed array as its kind and length, on one line', () => {
    const data = new Float32Array(1_555_200);
    for (const error of [
      thrown(() => maxPool2d({ data, shape: [1, 1080, 1441] }, { kernelSize: 2 })),
      thrown(() => maxPool2d({ data, shape: [1, 1, 1080, 1440] }, { kernelSize: 2, out: new Float64Array(388_800) as never })),
      thrown(() => maxPool2d({ data: Buffer.alloc(6), shape: [1, 2, 3] }, { kernelSize: 2, out: data as never })),
    ]) {
      expect(error.message).not.toContain('\n');
      expect(error.message).not.toMatch(/\[ 0, 0/);
    }
    expect(
      thrown(() => maxPool2d({ data, shape: [1, 1, 1080, 1440] }, { kernelSize: 2, out: new Float64Array(388_800) as never }))
        .message,
    ).toContain('received Float64Array(388800)');
    expect(
      thrown(() => maxPool2d({ data: new BigInt64Array(4), shape: [1, 1, 2, 2] } as never, { kernelSize: 2 })).message,
    ).toContain('received BigInt64Array(4)');
    expect(
      thrown(() => maxPool2d({ data: Buffer.alloc(6), shape: [1, 2, 3] }, { kernelSize: 2, out: data as never })).message,
    ).toContain('received Float32Array(1555200)');
  });
});
