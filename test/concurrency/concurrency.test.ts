// Concurrency and lifecycle: many async calls at once, thread counts changed under work in
// flight, worker threads pooling at once and loading and unloading the addon, and exits with
// work pending (each of those in its own process: scenarios.cjs).
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

import * as poolnd from '../../dist/index.js';
import { execNode } from '../child-process';
import { expectSameValues, seededRandom } from '../random-cases';

const scenarios = fileURLToPath(new URL('./scenarios.cjs', import.meta.url));
const runScenario = (...args: string[]) => execNode([scenarios, ...args], { encoding: 'utf8', timeout: 240_000 });
// Scenarios start many Node environments, some 20 times slower under emulation (CI's arm64 lane).
const scenarioTimeout = 300_000;
const emulated = (process.env.POOLND_TEST_EXEC_PREFIX ?? '') !== '';

const initialThreads = poolnd.getNumThreads();
afterAll(() => poolnd.setNumThreads(initialThreads));

const random = seededRandom(777);
const shared = { data: random.array('Float32Array', 4 * 40 * 40) as Float32Array, shape: [4, 40, 40] };
const bytes = { data: random.array('Uint8Array', 40 * 40 * 3), shape: [40, 40, 3] };

type Call = [name: string, run: () => Promise<poolnd.Tensor | poolnd.MaxPoolWithIndices>, expected: number[]];

const values = (result: poolnd.Tensor | poolnd.MaxPoolWithIndices): number[] =>
  'output' in result ? [...result.output.data, ...result.indices.data] : Array.from(result.data as ArrayLike<number>);

/** A call on its own input (i odd) or on the shared one, with its result computed synchronously first. */
function makeCall(i: number): Call {
  const own = i % 2 === 1;
  const input = own ? { data: random.array('Float32Array', 4 * 40 * 40) as Float32Array, shape: [4, 40, 40] } : shared;
  switch (i % 5) {
    case 0:
      return [
        'maxPool2d with indices',
        () => poolnd.maxPool2dAsync(input, { kernelSize: 3, stride: 2, padding: 1, returnIndices: true }),
        values(poolnd.maxPool2d(input, { kernelSize: 3, stride: 2, padding: 1, returnIndices: true })),
      ];
    case 1:
      return [
        'avgPool2d',
        () => poolnd.avgPool2dAsync(input, { kernelSize: 2 }),
        values(poolnd.avgPool2d(input, { kernelSize: 2 })),
      ];
    case 2:
      return [
        'adaptiveAvgPool2d',
        () => poolnd.adaptiveAvgPool2dAsync(input, { outputSize: [7, 5] }),
        values(poolnd.adaptiveAvgPool2d(input, { outputSize: [7, 5] })),
      ];
    case 3: {
      const out = new Uint8Array(20 * 20 * 3);
      return [
        'avgPool2d uint8 into out',
        () => poolnd.avgPool2dAsync(bytes, { kernelSize: 2, channelsLast: true, out }),
        values(poolnd.avgPool2d(bytes, { kernelSize: 2, channelsLast: true })),
      ];
    }
    default:
      return [
        'globalMaxPool',
        () => poolnd.globalMaxPoolAsync({ data: input.data, shape: [1, ...input.shape] }),
        values(poolnd.globalMaxPool({ data: input.data, shape: [1, ...input.shape] })),
      ];
  }
}

describe('concurrent calls', () => {
  it('1000 concurrent async calls on their own and on shared inputs all give their own results', async () => {
    poolnd.setNumThreads(3);
    const calls = Array.from({ length: 1000 }, (_, i) => makeCall(i));
    const results = await Promise.all(calls.map(([, run]) => run()));
    results.forEach((result, i) => expectSameValues(`call ${i}: ${calls[i][0]}`, values(result), calls[i][2]));
  });

  it('changing the thread count while calls are in flight changes no result', async () => {
    const calls = Array.from({ length: 200 }, (_, i) => makeCall(i));
    const sharedAverage = values(poolnd.avgPool2d(shared, { kernelSize: 2 }));
    const pending = calls.map(([, run]) => run());
    let changes = 0;
    let settled = false;
    const all = Promise.all(pending).finally(() => (settled = true));
    // Change it between turns of the event loop until every call has settled, with sync calls between.
    while (!settled) {
      poolnd.setNumThreads(1 + (changes++ % 4));
      expectSameValues('sync call between changes', values(poolnd.avgPool2d(shared, { kernelSize: 2 })), sharedAverage);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const results = await all;
    results.forEach((result, i) => expectSameValues(`call ${i}: ${calls[i][0]}`, values(result), calls[i][2]));
    expect(changes).toBeGreaterThan(1);
  });
});

describe('worker threads and process lifecycle', () => {
  it(
    "four worker threads pool at once, sync and async, each getting the main thread's results",
    () => {
      expect(JSON.parse(runScenario('workers', '4'))).toEqual({ workers: 4, calls: 300, mismatches: 0 });
    },
    scenarioTimeout,
  );

  it(
    'workers load the addon and end, some terminated with calls in flight, while the main thread pools',
    () => {
      // One after another, then 8 at once; every other one is terminated.
      const rounds = emulated ? 8 : 24;
      const expected = { terminated: rounds / 2 + 4, finished: rounds / 2 + 4, mainCalls: rounds + 8, mainCorrect: true };
      expect(JSON.parse(runScenario('loadUnload', String(rounds)))).toEqual(expected);
    },
    scenarioTimeout,
  );

  it(
    "an async call's input transferred to a worker that keeps it rejects with ERR_POOLND_DETACHED, and nothing crashes",
    () => {
      expect(JSON.parse(runScenario('transferDuringCall'))).toEqual({ outcomes: ['ERR_POOLND_DETACHED'] });
    },
    scenarioTimeout,
  );

  it(
    'process.exit() with async calls in flight exits cleanly',
    () => {
      for (const delay of ['0', '1', '5']) expect(runScenario('exitPending', delay)).toBe('');
    },
    scenarioTimeout,
  );

  it(
    'a script that ends with calls in flight waits for them, and every one settles',
    () => {
      expect(JSON.parse(runScenario('endPending'))).toEqual({ settled: 32 });
    },
    scenarioTimeout,
  );
});
