// Large results come from blocks poolnd recycles (native/runtime/result_memory.h). Pools tensors
// of several sizes around and above the threshold, async and sync, collecting between rounds so
// that blocks holding earlier results come back; every result must equal the plain one. Then
// idles, and the cache must have let its blocks go. Prints JSON.
// Usage: node --expose-gc result-memory.mjs
/* global gc */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const poolnd = require('../../dist/index.js');
const { binding } = require('../../dist/native.js');

const tick = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Finalizers of collected buffers run on a later turn of the event loop.
async function collect() {
  for (let i = 0; i < 3; i++) {
    gc();
    await tick();
  }
}
const same = (a, b) => a.length === b.length && a.every((value, i) => Object.is(value, b[i]));

const shapes = [
  [1, 1, 256, 256], // 256 KiB: the smallest size served
  [1, 2, 300, 300],
  [2, 3, 181, 181],
  [1, 1, 256, 257],
  [1, 4, 700, 700], // 7.8 MB: whole huge pages
];
let checked = 0;
let mismatches = 0;
let reused = 0;
// The idle trim (lib/native.ts) fires after two seconds without a new result; under emulation a
// round takes longer than that, and a trim there would empty the cache this phase checks. It is
// held off here, and counted, and has its turn below.
const trim = binding.trimResultMemory;
let trimsHeldOff = 0;
binding.trimResultMemory = () => void trimsHeldOff++;
for (let round = 0; round < 30; round++) {
  const shape = shapes[round % shapes.length];
  const length = shape.reduce((a, b) => a * b);
  const input = { data: Float32Array.from({ length }, (_, i) => Math.sin(i * 0.37 + round) * 100), shape };
  const cachedBefore = binding.resultMemoryState()[0];
  const options = { kernelSize: 2, stride: 1, padding: 1, returnIndices: true };
  const [max, avg] = await Promise.all([poolnd.maxPool2dAsync(input, options), poolnd.avgPool2dAsync(input, { kernelSize: 1 })]);
  const syncMax = poolnd.maxPool2d(input, options);
  if (binding.resultMemoryState()[0] < cachedBefore) reused++;
  // The plain result, into ordinary arrays filled with what no result holds.
  const outLength = max.output.data.length;
  const expected = poolnd.maxPool2d(input, {
    ...options,
    out: new Float32Array(outLength).fill(NaN),
    indicesOut: new Int32Array(outLength).fill(-1),
  });
  for (const result of [max, syncMax]) {
    if (!same(result.output.data, expected.output.data) || !same(result.indices.data, expected.indices.data)) mismatches++;
  }
  if (!same(avg.data, input.data)) mismatches++;
  if (avg.data.buffer.byteLength !== input.data.byteLength) mismatches++;
  checked += 4;
  await collect();
}
const afterUse = binding.resultMemoryState();
binding.trimResultMemory = trim;

// A result's memory moved to a new buffer by ArrayBuffer.prototype.transfer (Node 22 on) belongs to
// that buffer: collecting the old object must not give the block back.
async function transferKeepsMemory() {
  const input = { data: new Float32Array(256 * 256).fill(7), shape: [1, 1, 256, 256] };
  const moved = poolnd.avgPool2d(input, { kernelSize: 1 }).data.buffer.transfer();
  await collect();
  for (let i = 0; i < 4; i++)
    poolnd.avgPool2d({ data: new Float32Array(256 * 256).fill(i), shape: input.shape }, { kernelSize: 1 });
  binding.trimResultMemory();
  return new Float32Array(moved).every((value) => value === 7);
}
const transferKept = typeof ArrayBuffer.prototype.transfer === 'function' ? await transferKeepsMemory() : 'n/a';
await collect();
await sleep(3000);
await collect();
const idle = binding.resultMemoryState();
console.log(JSON.stringify({ checked, mismatches, reused, cachedAfterUse: afterUse[0], trimsHeldOff, idle, transferKept }));
