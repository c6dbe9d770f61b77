// Input a caller should not pass, or may pass by accident: each gives the documented error or a
// correct result, and none may crash the process or touch memory it no longer owns.
import { describe, expect, it } from 'vitest';

import * as poolnd from '../dist/index.js';

const errorLike = (name: string, code: string) =>
  expect.objectContaining({ name, code, message: expect.stringMatching(/^poolnd: /) });

function expectPoolError(call: () => unknown, name: string, code: string): void {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toEqual(errorLike(name, code));
}

// Distinct values, so that a result read from the wrong memory cannot pass by chance.
function rampFloat32(length: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => ((i * 7919) % 1000) - 500);
}

const shape = [2, 3, 64, 64];
const elements = 2 * 3 * 64 * 64;
const options = { kernelSize: 3, stride: 2, padding: 1 };
const expectedFor = (data: Float32Array) => Array.from(poolnd.maxPool2d({ data, shape }, options).data);

function transferAway(buffer: ArrayBuffer): ArrayBuffer {
  return structuredClone(buffer, { transfer: [buffer] });
}

describe('shapes and lengths', () => {
  it('a shape whose product passes 2^53 or 2^64 is a shape mismatch', () => {
    const data = new Float32Array(16);
    expectPoolError(
      () => poolnd.maxPool2d({ data, shape: [2 ** 30, 2 ** 30, 2 ** 30, 16] }, { kernelSize: 2 }),
      'RangeError',
      'ERR_POOLND_SHAPE_MISMATCH',
    );
    expectPoolError(
      () => poolnd.maxPool2d({ data, shape: [2 ** 52, 2 ** 52, 4, 4] }, { kernelSize: 2 }),
      'RangeError',
      'ERR_POOLND_SHAPE_MISMATCH',
    );
    expectPoolError(
      () => poolnd.maxPool2d({ data, shape: [2 ** 53, 1, 4, 4] }, { kernelSize: 2 }),
      'RangeError',
      'ERR_POOLND_INVALID_ARG_VALUE',
    );
    expectPoolError(
      () => poolnd.globalAvgPool({ data, shape: [1, 1, 2 ** 40, 2 ** 40] }),
      'RangeError',
      'ERR_POOLND_SHAPE_MISMATCH',
    );
  });

  it('an empty tensor with enormous dims gives an empty result of the right shape', () => {
    const result = poolnd.maxPool3d({ data: new Float32Array(0), shape: [0, 1, 2 ** 30, 2 ** 30, 2 ** 30] }, { kernelSize: 2 });
    expect(result.shape).toEqual([0, 1, 2 ** 29, 2 ** 29, 2 ** 29]);
    expect(result.data.length).toBe(0);
  });

  it('data one element short or long of the shape is a shape mismatch', () => {
    for (const length of [15, 17]) {
      expectPoolError(
        () => poolnd.avgPool2d({ data: new Float32Array(length), shape: [1, 1, 4, 4] }, { kernelSize: 2 }),
        'RangeError',
        'ERR_POOLND_SHAPE_MISMATCH',
      );
    }
  });

  it("max-unpooling indices one element short or long of the input's shape are a shape mismatch", async () => {
    const pooled = { data: rampFloat32(16), shape: [1, 1, 4, 4] };
    for (const length of [15, 17]) {
      const indices = { data: new Int32Array(length), shape: [1, 1, 4, 4] };
      expectPoolError(() => poolnd.maxUnpool2d(pooled, indices, { kernelSize: 2 }), 'RangeError', 'ERR_POOLND_SHAPE_MISMATCH');
      await expect(poolnd.maxUnpool2dAsync(pooled, indices, { kernelSize: 2 })).rejects.toEqual(
        errorLike('RangeError', 'ERR_POOLND_SHAPE_MISMATCH'),
      );
    }
  });

  it("a result too large to allocate is a RangeError with a code, not the engine's bare error", () => {
    const input = { data: new Float32Array(4), shape: [1, 1, 4] };
    expectPoolError(() => poolnd.adaptiveAvgPool1d(input, { outputSize: 2 ** 40 }), 'RangeError', 'ERR_POOLND_OUTPUT_TOO_LARGE');
    const indices = { data: new Int32Array(4), shape: [1, 1, 4] };
    expectPoolError(
      () => poolnd.maxUnpool1d(input, indices, { kernelSize: 2 ** 40 }),
      'RangeError',
      'ERR_POOLND_OUTPUT_TOO_LARGE',
    );
  });
});

describe('options', () => {
  const input = () => ({ data: rampFloat32(16), shape: [1, 1, 4, 4] });

  it('negative zero is zero where zero is allowed, and too small where it is not', () => {
    const plain = poolnd.avgPool2d(input(), { kernelSize: 2, padding: 0 });
    expect(Array.from(poolnd.avgPool2d(input(), { kernelSize: 2, padding: -0 }).data)).toEqual(Array.from(plain.data));
    expectPoolError(() => poolnd.avgPool2d(input(), { kernelSize: -0 }), 'RangeError', 'ERR_POOLND_INVALID_ARG_VALUE');
    expectPoolError(() => poolnd.avgPool2d(input(), { kernelSize: 2, stride: -0 }), 'RangeError', 'ERR_POOLND_INVALID_ARG_VALUE');
  });

  it('NaN and infinite options are errors', () => {
    for (const value of [NaN, Infinity, -Infinity]) {
      for (const name of ['kernelSize', 'stride', 'padding', 'dilation']) {
        const call = () => poolnd.maxPool2d(input(), { kernelSize: 2, [name]: value });
        expect(call).toThrow(expect.objectContaining({ code: expect.stringMatching(/^ERR_POOLND_/) }));
      }
      expectPoolError(
        () => poolnd.lpPool2d(input(), { normType: value, kernelSize: 2 }),
        'RangeError',
        'ERR_POOLND_INVALID_ARG_VALUE',
      );
    }
  });

  it('huge kernels, strides, dilations and paddings are errors', () => {
    expectPoolError(() => poolnd.maxPool2d(input(), { kernelSize: 2 ** 31 }), 'RangeError', 'ERR_POOLND_OUTPUT_TOO_SMALL');
    expectPoolError(() => poolnd.maxPool2d(input(), { kernelSize: 1e300 }), 'RangeError', 'ERR_POOLND_INVALID_ARG_VALUE');
    expectPoolError(
      () => poolnd.maxPool2d(input(), { kernelSize: 2, dilation: 2 ** 40 }),
      'RangeError',
      'ERR_POOLND_OUTPUT_TOO_SMALL',
    );
    // One window of (2^52 + 4)^2 taps, padding included: its divisor would overflow int64.
    expectPoolError(
      () => poolnd.avgPool2d(input(), { kernelSize: 2 ** 52, padding: 2 ** 51 }),
      'RangeError',
      'ERR_POOLND_INVALID_ARG_VALUE',
    );
    const ones = { data: new Float32Array(16).fill(1), shape: [1, 1, 4, 4] };
    expect(poolnd.avgPool2d(ones, { kernelSize: [2 ** 26, 2 ** 26], padding: 2 ** 25 }).data[0]).toBe(
      Math.fround(16 / (2 ** 26 * 2 ** 26)),
    );
    // A stride past the input is allowed (one window per dim), as in PyTorch.
    expect(poolnd.maxPool2d(input(), { kernelSize: 2, stride: 2 ** 52 }).shape).toEqual([1, 1, 1, 1]);
  });

  it('frozen tensors, shapes and options work', () => {
    const frozen = Object.freeze({ data: rampFloat32(16), shape: Object.freeze([1, 1, 4, 4]) });
    const frozenOptions = Object.freeze({
      kernelSize: Object.freeze([2, 2]),
      padding: Object.freeze([Object.freeze([1, 1]), Object.freeze([0, 0])]),
    });
    const result = poolnd.maxPool2d(
      frozen,
      frozenOptions as unknown as {
        kernelSize: readonly [number, number];
        padding: readonly [[number, number], [number, number]];
      },
    );
    expect(result.shape).toEqual([1, 1, 3, 2]);
  });

  it('getters are read once: a value that changes between reads cannot desynchronise the call', () => {
    let reads = 0;
    const changing = [1, 1, 4, 4];
    Object.defineProperty(changing, 3, { get: () => (reads++ === 0 ? 4 : 4000) });
    const result = poolnd.maxPool2d({ data: rampFloat32(16), shape: changing }, { kernelSize: 2 });
    expect(result.shape).toEqual([1, 1, 2, 2]);
    expect(reads).toBe(1);
  });

  it("a getter or Proxy that throws passes the caller's own error through, sync and async", async () => {
    const mine = new Error('from the caller');
    const throwing = {
      get kernelSize(): number {
        throw mine;
      },
    };
    expect(() => poolnd.maxPool2d(input(), throwing)).toThrow(mine);
    await expect(poolnd.maxPool2dAsync(input(), throwing)).rejects.toBe(mine);
    const proxy = new Proxy(
      {},
      {
        get: () => {
          throw mine;
        },
      },
    );
    expect(() => poolnd.avgPool2d(proxy as never, { kernelSize: 2 })).toThrow(mine);
  });

  it('a Proxy of a typed array is not a typed array', () => {
    const data = new Proxy(new Float32Array(16), {});
    expectPoolError(
      () => poolnd.maxPool2d({ data, shape: [1, 1, 4, 4] }, { kernelSize: 2 }),
      'TypeError',
      'ERR_POOLND_INVALID_ARG_TYPE',
    );
  });
});

describe('buffers', () => {
  it('a detached input or out is a size mismatch before the call', async () => {
    const data = rampFloat32(elements);
    transferAway(data.buffer as ArrayBuffer);
    expectPoolError(() => poolnd.maxPool2d({ data, shape }, options), 'RangeError', 'ERR_POOLND_SHAPE_MISMATCH');
    await expect(poolnd.maxPool2dAsync({ data, shape }, options)).rejects.toEqual(
      errorLike('RangeError', 'ERR_POOLND_SHAPE_MISMATCH'),
    );
    const out = new Float32Array(2 * 3 * 32 * 32);
    transferAway(out.buffer as ArrayBuffer);
    expectPoolError(
      () => poolnd.maxPool2d({ data: rampFloat32(elements), shape }, { ...options, out }),
      'RangeError',
      'ERR_POOLND_OUT_SIZE_MISMATCH',
    );
  });

  // Async calls work on the caller's memory in place; the contract is to leave it alone until the
  // promise settles. A transfer whose new owner keeps the memory alive is found when the work ends.
  it('an input transferred away during an async call, its new owner alive, rejects with ERR_POOLND_DETACHED', async () => {
    const data = rampFloat32(elements);
    const pending = poolnd.maxPool2dAsync({ data, shape }, options);
    const moved = new Float32Array(transferAway(data.buffer as ArrayBuffer));
    await expect(pending).rejects.toEqual(errorLike('TypeError', 'ERR_POOLND_DETACHED'));
    await expect(pending).rejects.toThrow('maxPool2dAsync: the buffer of the input must be left attached and unresized');
    expect(moved.length).toBe(elements);
  });

  it('an input detached by ArrayBuffer.prototype.transfer during an async call, where Node has it', async () => {
    const transfer = (ArrayBuffer.prototype as { transfer?: () => ArrayBuffer }).transfer;
    if (transfer === undefined) return; // Node 20 has no ArrayBuffer.prototype.transfer
    const data = rampFloat32(elements);
    const pending = poolnd.maxPool2dAsync({ data, shape }, options);
    const moved = transfer.call(data.buffer); // the same length: the memory moves, nothing is freed
    await expect(pending).rejects.toEqual(errorLike('TypeError', 'ERR_POOLND_DETACHED'));
    expect(moved.byteLength).toBe(elements * 4);
  });

  it('an out or indicesOut transferred away during an async call rejects with ERR_POOLND_DETACHED', async () => {
    for (const moving of ['out', 'indicesOut'] as const) {
      const outLength = 2 * 3 * 32 * 32;
      const out = new Float32Array(outLength);
      const indicesOut = new Int32Array(outLength);
      const pending = poolnd.maxPool2dAsync(
        { data: rampFloat32(elements), shape },
        { ...options, out, returnIndices: true, indicesOut },
      );
      const moved = transferAway((moving === 'out' ? out : indicesOut).buffer as ArrayBuffer);
      await expect(pending).rejects.toEqual(errorLike('TypeError', 'ERR_POOLND_DETACHED'));
      await expect(pending).rejects.toThrow(`the buffer of option '${moving}'`);
      expect(moved.byteLength).toBe(outLength * 4);
    }
  });

  it('an out kept attached gets the result, and the returned tensor is that out', async () => {
    const data = rampFloat32(elements);
    const out = new Float32Array(2 * 3 * 32 * 32);
    const result = await poolnd.maxPool2dAsync({ data, shape }, { ...options, out });
    expect(result.data).toBe(out);
    expect(Array.from(out)).toEqual(expectedFor(data));
  });

  it('resizable buffers: pooled from and into as passed, and a shrink during an async call rejects', async () => {
    const resizable = (bytes: number) =>
      new (ArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => ArrayBuffer)(bytes, {
        maxByteLength: bytes,
      });
    const resize = (buffer: ArrayBuffer, length: number) =>
      (buffer as unknown as { resize(length: number): void }).resize(length);
    const outLength = 2 * 3 * 32 * 32;
    const inputBuffer = resizable(elements * 4);
    const data = new Float32Array(inputBuffer);
    data.set(rampFloat32(elements));
    const out = new Float32Array(resizable(outLength * 4));
    const result = await poolnd.maxPool2dAsync({ data, shape }, { ...options, out });
    expect(result.data).toBe(out);
    expect(Array.from(out)).toEqual(expectedFor(data));

    const pending = poolnd.maxPool2dAsync({ data, shape }, options);
    resize(inputBuffer, 0);
    await expect(pending).rejects.toEqual(errorLike('TypeError', 'ERR_POOLND_DETACHED'));

    const outBuffer = resizable(outLength * 4);
    const shrunk = new Float32Array(outBuffer);
    const written = poolnd.maxPool2dAsync({ data: rampFloat32(elements), shape }, { ...options, out: shrunk });
    resize(outBuffer, 8);
    await expect(written).rejects.toEqual(errorLike('TypeError', 'ERR_POOLND_DETACHED'));
  });

  it('a growable SharedArrayBuffer grown during an async call is no detach: the call resolves', async () => {
    const Shared = SharedArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => SharedArrayBuffer;
    const buffer = new Shared(elements * 4, { maxByteLength: elements * 8 });
    const grow = (buffer as unknown as { grow?: (length: number) => void }).grow;
    if (grow === undefined) return; // no growable SharedArrayBuffer in this Node
    const data = new Float32Array(buffer); // length-tracking: it grows with the buffer
    data.set(rampFloat32(elements));
    const expected = expectedFor(data);
    const pending = poolnd.maxPool2dAsync({ data, shape }, options);
    grow.call(buffer, elements * 8);
    expect(Array.from((await pending).data)).toEqual(expected);
  });

  it('SharedArrayBuffer-backed arrays work in place, sync and async', async () => {
    const data = new Float32Array(new SharedArrayBuffer(elements * 4));
    data.set(rampFloat32(elements));
    const out = new Float32Array(new SharedArrayBuffer(2 * 3 * 32 * 32 * 4));
    expect(Array.from(poolnd.maxPool2d({ data, shape }, { ...options, out }).data)).toEqual(expectedFor(data));
    out.fill(0);
    const result = await poolnd.maxPool2dAsync({ data, shape }, { ...options, out });
    expect(result.data).toBe(out);
    expect(Array.from(out)).toEqual(expectedFor(data));
  });

  it('an out overlapping the input is refused, also when both view one SharedArrayBuffer', () => {
    const buffer = new SharedArrayBuffer(20 * 4);
    const data = new Float32Array(buffer, 0, 16);
    const out = new Float32Array(buffer, 12 * 4, 4);
    expectPoolError(
      () => poolnd.maxPool2d({ data, shape: [1, 1, 4, 4] }, { kernelSize: 2, out }),
      'RangeError',
      'ERR_POOLND_OUT_OVERLAP',
    );
    const apart = new Float32Array(buffer, 16 * 4, 4);
    expect(poolnd.maxPool2d({ data, shape: [1, 1, 4, 4] }, { kernelSize: 2, out: apart }).data).toBe(apart);
  });

  it('a max-unpooling index array transferred away during an async call rejects with ERR_POOLND_DETACHED', async () => {
    const pooled = poolnd.maxPool2d({ data: rampFloat32(elements), shape }, { kernelSize: 2, returnIndices: true });
    const indices = { data: pooled.indices.data.slice(), shape: pooled.indices.shape };
    const pending = poolnd.maxUnpool2dAsync(pooled.output, indices, { kernelSize: 2 });
    const moved = transferAway(indices.data.buffer as ArrayBuffer);
    await expect(pending).rejects.toEqual(errorLike('TypeError', 'ERR_POOLND_DETACHED'));
    await expect(pending).rejects.toThrow('maxUnpool2dAsync: the buffer of the indices');
    expect(moved.byteLength).toBe(indices.shape.reduce((a, b) => a * b) * 4);
  });
});

describe("a typed array's own properties", () => {
  // They can shadow length, buffer, byteOffset, byteLength, constructor and set: the checks and
  // the async copies must see the array's real memory all the same.
  function shadow<T extends object>(array: T, properties: Record<string, unknown>): T {
    for (const [key, value] of Object.entries(properties)) Object.defineProperty(array, key, { value });
    return array;
  }

  it('a shadowed length cannot pass a short input, out or index array as long enough', async () => {
    const data = shadow(rampFloat32(16), { length: elements });
    expectPoolError(() => poolnd.maxPool2d({ data, shape }, options), 'RangeError', 'ERR_POOLND_SHAPE_MISMATCH');
    await expect(poolnd.maxPool2dAsync({ data, shape }, options)).rejects.toEqual(
      errorLike('RangeError', 'ERR_POOLND_SHAPE_MISMATCH'),
    );
    const out = shadow(new Float32Array(4), { length: 2 * 3 * 32 * 32 });
    expectPoolError(
      () => poolnd.maxPool2d({ data: rampFloat32(elements), shape }, { ...options, out }),
      'RangeError',
      'ERR_POOLND_OUT_SIZE_MISMATCH',
    );
    const indices = { data: shadow(new Int32Array(4), { length: 16 }), shape: [1, 1, 4, 4] };
    expectPoolError(
      () => poolnd.maxUnpool2d({ data: rampFloat32(16), shape: [1, 1, 4, 4] }, indices, { kernelSize: 2 }),
      'RangeError',
      'ERR_POOLND_SHAPE_MISMATCH',
    );
    // An out of the right length with a wrong length property: indicesOut is sized by the real one.
    const rightOut = shadow(new Float32Array(4), { length: 5 });
    const pooled = poolnd.maxPool2d(
      { data: rampFloat32(16), shape: [1, 1, 4, 4] },
      { kernelSize: 2, out: rightOut, returnIndices: true, indicesOut: new Int32Array(4) },
    );
    expect(pooled.output.data).toBe(rightOut);
  });

  it('a shadowed buffer or offset cannot hide an out overlapping the input', () => {
    const buffer = new ArrayBuffer(20 * 4);
    const data = new Float32Array(buffer, 0, 16);
    const out = shadow(new Float32Array(buffer, 12 * 4, 4), { buffer: new ArrayBuffer(16), byteOffset: 64 });
    expectPoolError(
      () => poolnd.maxPool2d({ data, shape: [1, 1, 4, 4] }, { kernelSize: 2, out }),
      'RangeError',
      'ERR_POOLND_OUT_OVERLAP',
    );
  });

  it('a shadowed buffer cannot hide a detach during an async call', async () => {
    const data = rampFloat32(elements);
    const realBuffer = data.buffer as ArrayBuffer;
    shadow(data, { buffer: new SharedArrayBuffer(data.byteLength) });
    const pending = poolnd.maxPool2dAsync({ data, shape }, options);
    const moved = transferAway(realBuffer);
    await expect(pending).rejects.toEqual(errorLike('TypeError', 'ERR_POOLND_DETACHED'));
    expect(moved.byteLength).toBe(elements * 4);
  });

  it('a shadowed constructor or set cannot give an async call other memory, small or large', async () => {
    const liar = {
      constructor: function liar() {
        return new Float32Array(1);
      },
      set: () => undefined,
    };
    // Small arrays are copied element by element, large ones byte by byte.
    for (const tensorShape of [[1, 1, 4, 4], shape]) {
      const data = rampFloat32(tensorShape.reduce((a, b) => a * b));
      const expected = Array.from(poolnd.maxPool2d({ data, shape: tensorShape }, options).data);
      const out = shadow(new Float32Array(expected.length), liar);
      const result = await poolnd.maxPool2dAsync({ data: shadow(data, liar), shape: tensorShape }, { ...options, out });
      expect(result.data).toBe(out);
      expect(Array.from(out)).toEqual(expected);
    }
  });
});
