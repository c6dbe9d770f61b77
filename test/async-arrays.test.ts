// AsyncArrays decides which memory an async kernel may touch: only memory the caller cannot free.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { AsyncArrays } from '../dist/async-arrays.js';

const ramp = (length: number) => Float32Array.from({ length }, (_, i) => i - length / 2);
const large = 64 * 1024; // elements: past the size at which private buffers are kept

function shadowBuffer<T extends Float32Array>(array: T, buffer: ArrayBufferLike): T {
  Object.defineProperty(array, 'buffer', { value: buffer });
  return array;
}

describe('AsyncArrays', () => {
  // Kept buffers are let go by a timer: every test runs on a fake clock, so none fires mid-test.
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads a copy of a plain array, small or large, and a SharedArrayBuffer array in place', () => {
    const arrays = new AsyncArrays();
    for (const length of [16, large]) {
      const source = ramp(length);
      const read = arrays.read(source);
      expect(read).not.toBe(source);
      expect(read.buffer).not.toBe(source.buffer);
      expect(read).toEqual(source);
    }
    const shared = new Float32Array(new SharedArrayBuffer(64));
    expect(arrays.read(shared)).toBe(shared);
  });

  it('copies a plain array whose own buffer property claims a SharedArrayBuffer', () => {
    const source = shadowBuffer(ramp(16), new SharedArrayBuffer(64));
    const read = new AsyncArrays().read(source);
    expect(read).not.toBe(source);
    expect(Array.from(read)).toEqual(Array.from(ramp(16)));
  });

  it("gives a private array for the caller's plain out, and writes it back", () => {
    const arrays = new AsyncArrays();
    const made = new Float32Array(8);
    expect(arrays.written(made, false)).toBe(made);
    const shared = new Float32Array(new SharedArrayBuffer(32));
    expect(arrays.written(shared, true)).toBe(shared);
    const out = new Float32Array(8);
    const written = arrays.written(out, true);
    expect(written).not.toBe(out);
    expect(written).toBeInstanceOf(Float32Array);
    expect(written.length).toBe(8);
    written.set(ramp(8));
    arrays.writeBack('f', 'out', out, written);
    expect(out).toEqual(ramp(8));
  });

  it('refuses to write back into an out detached or resized meanwhile', () => {
    const arrays = new AsyncArrays();
    const out = new Float32Array(8);
    const written = arrays.written(out, true);
    structuredClone(out.buffer, { transfer: [out.buffer] });
    expect(() => arrays.writeBack('f', 'out', out, written)).toThrow(
      expect.objectContaining({ code: 'ERR_POOLND_OUT_SIZE_MISMATCH' }),
    );
  });

  it('keeps large private buffers for later calls, and not small ones', () => {
    const first = new AsyncArrays();
    const largeCopy = first.read(ramp(large));
    const smallCopy = first.read(ramp(16));
    first.release();
    const second = new AsyncArrays();
    expect(second.read(ramp(large)).buffer).toBe(largeCopy.buffer);
    expect(second.read(ramp(16)).buffer).not.toBe(smallCopy.buffer);
    // A kept buffer is handed to one call at a time.
    expect(second.read(ramp(large)).buffer).not.toBe(largeCopy.buffer);
  });

  it('lets kept buffers go once no call has finished for two seconds', () => {
    const first = new AsyncArrays();
    const copy = first.read(ramp(large));
    first.release();
    vi.advanceTimersByTime(1999);
    const second = new AsyncArrays();
    expect(second.read(ramp(large)).buffer).toBe(copy.buffer);
    second.release(); // the two seconds start again
    vi.advanceTimersByTime(1999);
    const third = new AsyncArrays();
    expect(third.read(ramp(large)).buffer).toBe(copy.buffer);
    third.release();
    vi.advanceTimersByTime(2000);
    expect(new AsyncArrays().read(ramp(large)).buffer).not.toBe(copy.buffer);
  });
});
