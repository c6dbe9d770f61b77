// Large results are external ArrayBuffers on memory poolnd recycles (native/runtime/result_memory.h);
// smaller ones are ordinary ones.
import { describe, expect, it } from 'vitest';

import * as poolnd from '../dist/index.js';
import { binding } from '../dist/native.js';

const smallest = binding.smallestResultBytes;
// kernelSize 1: the output is the input, so a result's bytes are its input's.
const tensorOfBytes = (bytes: number) => ({ data: new Float32Array(bytes / 4).fill(3), shape: [1, 1, 1, bytes / 4] });
const nodeMajor = Number(process.versions.node.split('.')[0]);

/** Whether a buffer is the result memory's: Node will not transfer an external buffer (it detaches any other). */
function isResultMemory(buffer: ArrayBuffer): boolean {
  try {
    structuredClone(buffer, { transfer: [buffer] });
  } catch {
    return true; // Node 21 and later refuse
  }
  return buffer.byteLength > 0; // Node 20 copies it instead
}

describe('result memory', () => {
  it('serves sync and async results from its threshold up, exactly as long as asked', async () => {
    const below = await poolnd.avgPool2dAsync(tensorOfBytes(smallest - 64), { kernelSize: 1 });
    const at = await poolnd.avgPool2dAsync(tensorOfBytes(smallest), { kernelSize: 1 });
    const sync = poolnd.avgPool2d(tensorOfBytes(smallest * 2), { kernelSize: 1 });
    expect([below, at, sync].map((result) => isResultMemory(result.data.buffer as ArrayBuffer))).toEqual([false, true, true]);
    expect(at.data.buffer.byteLength).toBe(smallest);
    expect(Array.from(at.data.subarray(0, 4))).toEqual([3, 3, 3, 3]);
  });

  it("a large result's buffer cannot be transferred (Node copies it before 21 and refuses after); the array posts as a copy", async () => {
    const result = await poolnd.avgPool2dAsync(tensorOfBytes(smallest), { kernelSize: 1 });
    const buffer = result.data.buffer as ArrayBuffer;
    if (nodeMajor >= 21) {
      expect(() => structuredClone(buffer, { transfer: [buffer] })).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
    } else {
      expect(structuredClone(buffer, { transfer: [buffer] }).byteLength).toBe(smallest);
    }
    expect(buffer.byteLength).toBe(smallest); // still attached either way
    expect(Array.from(structuredClone(result.data).subarray(0, 2))).toEqual([3, 3]);
  });
});
