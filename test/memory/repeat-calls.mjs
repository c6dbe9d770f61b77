// Repeats a mix of calls (every op family, sync or async, into new arrays and into `out`, on
// SharedArrayBuffer arrays, results large enough for the result memory, and rejected calls) and prints memory before and after as JSON.
// `large`: only fresh 256 KiB results, which the result memory serves, sync and async by turns.
// Usage: node --expose-gc repeat-calls.mjs sync|async|large CALLS
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const poolnd = require('../../dist/index.js');
const { binding } = require('../../dist/native.js');
const [mode, countText] = process.argv.slice(2);
const calls = Number(countText);
if (!['sync', 'async', 'large'].includes(mode) || !Number.isInteger(calls) || typeof gc !== 'function') {
  console.error('usage: node --expose-gc repeat-calls.mjs sync|async|large CALLS');
  process.exit(2);
}

const image = { data: Float32Array.from({ length: 2 * 8 * 8 }, (_, i) => (i * 37) % 11), shape: [1, 2, 8, 8] };
// Its 256 KiB results come, async, from the result memory poolnd recycles.
const large = { data: Float32Array.from({ length: 256 * 256 }, (_, i) => i % 7), shape: [1, 1, 256, 256] };
const bytes = { data: Uint8Array.from({ length: 8 * 8 * 3 }, (_, i) => i), shape: [8, 8, 3] };
const shared = { data: new Float32Array(new SharedArrayBuffer(image.data.byteLength)), shape: image.shape };
shared.data.set(image.data);
const pooled = poolnd.maxPool2d(image, { kernelSize: 2, returnIndices: true });
const out = new Float32Array(2 * 4 * 4);
const indicesOut = new Int32Array(2 * 4 * 4);
const normalize = { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

// Each entry is [op name, ...arguments]; the async run calls the op's Async twin.
const mix = [
  ['maxPool2d', image, { kernelSize: 2 }],
  ['maxPool2d', image, { kernelSize: 2, returnIndices: true, out, indicesOut }],
  ['avgPool2d', bytes, { kernelSize: 2, channelsLast: true }],
  ['avgPool2d', shared, { kernelSize: 3, stride: 2, padding: 1, out: new Float32Array(new SharedArrayBuffer(2 * 4 * 4 * 4)) }],
  ['lpPool2d', image, { normType: 2, kernelSize: 2 }],
  ['adaptiveAvgPool2d', image, { outputSize: [3, 5] }],
  ['adaptiveMaxPool2d', image, { outputSize: 3, returnIndices: true }],
  ['globalAvgPool', image],
  ['globalMaxPool', image, { out: new Float32Array(2) }],
  ['maxUnpool2d', pooled.output, pooled.indices, { kernelSize: 2 }],
  ['avgPool2d', large, { kernelSize: 1 }],
  // Model input: the vector path (uint8 RGB), the tile path (float input, indices moved), and the
  // exact integer average.
  ['avgPool2d', bytes, { kernelSize: 2, channelsLast: true, outputType: 'float32', outputLayout: 'channelsFirst', normalize }],
  ['maxPool2d', image, { kernelSize: 2, returnIndices: true, outputType: 'float64', outputLayout: 'channelsLast' }],
  ['adaptiveAvgPool2d', bytes, { outputSize: 3, channelsLast: true, outputType: 'float32' }],
  ['maxPool2d', image, { kernelSize: 0 }], // rejected: an error object each time
];

async function run(count) {
  if (mode === 'large') {
    for (let i = 0; i < count; i += 2) {
      if (i % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
      poolnd.avgPool2d(large, { kernelSize: 1 });
      await poolnd.maxPool2dAsync(large, { kernelSize: 1 });
    }
    return;
  }
  for (let i = 0; i < count; i += mix.length) {
    // Node finalizes external buffers (the result memory's) between turns of the event loop: a
    // sync loop that never yields would hold every large result until its end.
    if (i % (100 * mix.length) === 0) await new Promise((resolve) => setImmediate(resolve));
    if (mode === 'sync') {
      for (const [name, ...args] of mix) {
        try {
          poolnd[name](...args);
        } catch {
          // The mix includes calls that throw on purpose.
        }
      }
    } else {
      await Promise.allSettled(mix.map(([name, ...args]) => poolnd[`${name}Async`](...args)));
    }
  }
}

// Collected, and finalized (Node runs the finalizers of external buffers on a later turn of the
// loop); the result memory's cache, which holds blocks on purpose (up to its bound), is emptied so
// that RSS shows only what leaks.
async function settle() {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  binding.trimResultMemory();
  const { rss, external, arrayBuffers, heapUsed, heapTotal } = process.memoryUsage();
  return { rss, external, arrayBuffers, heapUsed, heapTotal };
}

// A tenth of the calls first, so that V8's heap, malloc's arenas and the thread pool reach their
// working size; growth over the remaining calls is what a leak would show.
await run(Math.ceil(calls / 10));
const before = await settle();
await run(calls);
const after = await settle();
console.log(JSON.stringify({ mode, calls, before, after }));
