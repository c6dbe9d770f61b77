// The kernel thread pool: every thread count gives the same bits, concurrent calls share the
// pool safely, and POOLND_NUM_THREADS and worker threads behave.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

import * as poolnd from '../dist/index.js';
import { execNode } from './child-process';
import { referencePool } from './reference';
import { expectSameValues, seededRandom } from './random-cases';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const initialThreads = poolnd.getNumThreads();
afterAll(() => poolnd.setNumThreads(initialThreads));

// Large enough that every op splits its work across threads.
const random = seededRandom(4242);
const image = { data: random.array('Float32Array', 2 * 8 * 96 * 96) as Float32Array, shape: [2, 8, 96, 96] };
const imageLast = { data: image.data, shape: [2, 96, 96, 8] };
const bytes = { data: random.array('Uint8Array', 3 * 200 * 300), shape: [200, 300, 3] };
const pooled = poolnd.maxPool2d(image, { kernelSize: 2, returnIndices: true });

const calls: [string, () => poolnd.Tensor | poolnd.MaxPoolWithIndices][] = [
  [
    'maxPool2d k3 s2 p1 with indices',
    () => poolnd.maxPool2d(image, { kernelSize: 3, stride: 2, padding: 1, returnIndices: true }),
  ],
  ['maxPool2d channels-last', () => poolnd.maxPool2d(imageLast, { kernelSize: 2, channelsLast: true })],
  ['avgPool2d k3 s1 p1', () => poolnd.avgPool2d(image, { kernelSize: 3, stride: 1, padding: 1 })],
  ['avgPool2d uint8 image', () => poolnd.avgPool2d(bytes, { kernelSize: 2, channelsLast: true })],
  ['lpPool2d p3', () => poolnd.lpPool2d(image, { normType: 3, kernelSize: 2 })],
  ['adaptiveAvgPool2d 7x5', () => poolnd.adaptiveAvgPool2d(image, { outputSize: [7, 5] })],
  [
    'adaptiveMaxPool2d 40x40 channels-last',
    () => poolnd.adaptiveMaxPool2d(imageLast, { outputSize: 40, channelsLast: true, returnIndices: true }),
  ],
  ['globalAvgPool', () => poolnd.globalAvgPool(image)],
  ['globalMaxPool channels-last', () => poolnd.globalMaxPool(imageLast, { channelsLast: true })],
  ['maxUnpool2d', () => poolnd.maxUnpool2d(pooled.output, pooled.indices, { kernelSize: 2 })],
];

function flatten(result: poolnd.Tensor | poolnd.MaxPoolWithIndices): number[] {
  return 'output' in result ? [...result.output.data, ...result.indices.data] : Array.from(result.data as ArrayLike<number>);
}

describe('kernel threads', () => {
  it('every thread count gives the same bits as one thread', () => {
    poolnd.setNumThreads(1);
    const single = calls.map(([, call]) => flatten(call()));
    for (const threads of [2, 3, 8]) {
      poolnd.setNumThreads(threads);
      expect(poolnd.getNumThreads()).toBe(threads);
      calls.forEach(([name, call], i) => expectSameValues(`${name}, ${threads} threads`, flatten(call()), single[i]));
    }
  });

  it('a split call still matches the plain reference', () => {
    poolnd.setNumThreads(4);
    const options = {
      kernelSize: [3, 3],
      stride: [2, 2],
      padding: [
        [1, 1],
        [1, 1],
      ] as [number, number][],
      dilation: [1, 1],
      ceilMode: false,
      channelsLast: false,
      countIncludePad: true,
    };
    const result = poolnd.maxPool2d(image, { kernelSize: 3, stride: 2, padding: 1 });
    expectSameValues('maxPool2d k3 s2 p1', result.data, referencePool('max', image.data, image.shape, 2, options).data);
  });

  it('many concurrent async calls share the pool and each gets its own result', async () => {
    poolnd.setNumThreads(1);
    const expected = poolnd.avgPool2d(image, { kernelSize: 2 });
    poolnd.setNumThreads(3);
    const results = await Promise.all(Array.from({ length: 24 }, () => poolnd.avgPool2dAsync(image, { kernelSize: 2 })));
    for (const result of results) expectSameValues('concurrent avgPool2dAsync', result.data, expected.data);
  });

  it('POOLND_NUM_THREADS sets the default; a bad value warns and falls back', () => {
    const script = "const p = require('./'); process.stdout.write(String(p.getNumThreads()));";
    const run = (value: string) =>
      execNode(['-e', script], {
        cwd: packageRoot,
        encoding: 'utf8',
        env: { ...process.env, POOLND_NUM_THREADS: value },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    expect(run('3')).toBe('3');
    const fallback = run('');
    expect(Number(fallback)).toBeGreaterThanOrEqual(1);
    expect(run('many')).toBe(fallback);
  });

  it('worker threads share the pool, and the process exits cleanly when they and the main thread are done', () => {
    const script = `
      const { Worker } = require('node:worker_threads');
      const p = require('./');
      p.setNumThreads(3);
      const input = { data: new Float32Array(4 * 64 * 64).fill(1), shape: [4, 64, 64] };
      const source = "const p = require(process.cwd()); const r = p.avgPool2d({ data: new Float32Array(4 * 64 * 64).fill(2), shape: [4, 64, 64] }, { kernelSize: 2 }); require('node:worker_threads').parentPort.postMessage([p.getNumThreads(), r.data[0]]);";
      const worker = new Worker(source, { eval: true });
      worker.on('message', ([threads, value]) => {
        const main = p.avgPool2d(input, { kernelSize: 2 });
        process.stdout.write(JSON.stringify([threads, value, main.data[0]]));
      });
    `;
    const output = execNode(['-e', script], { cwd: packageRoot, encoding: 'utf8', timeout: 20000 });
    expect(JSON.parse(output)).toEqual([3, 2, 1]);
  });
});
