// What an async call costs the JavaScript thread: the time spent inside `maxPool2dAsync(...)`
// before it returns its promise (validation, and whatever else runs before the work is queued),
// and the event loop's delay while large tensors are pooled async back to back.
// Run by run.mjs; on its own: node bench/async.mjs [--quick]
import { monitorEventLoopDelay } from 'node:perf_hooks';

import * as poolnd from '../dist/index.mjs';

import { CASES, makeInput, outputLength } from './cases.mjs';
import { median } from './measure.mjs';

const byId = (id) => CASES.find((c) => c.id === id);
const optionsOf = (benchCase) => ({ kernelSize: benchCase.kernel, stride: benchCase.stride, padding: benchCase.padding });

/** Median microseconds between calling the async function and getting its promise, over `calls` calls. */
async function callTime(input, options, calls) {
  const times = [];
  for (let i = 0; i < calls; i++) {
    const start = process.hrtime.bigint();
    const promise = poolnd.maxPool2dAsync(input, options);
    times.push(Number(process.hrtime.bigint() - start) / 1e3);
    await promise;
  }
  return median(times);
}

/** The event loop's delay (p50, p99, max, in ms) while `calls` async pools of the case run back to back. */
async function loopDelay(input, options, calls) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const start = performance.now();
  for (let i = 0; i < calls; i++) await poolnd.maxPool2dAsync(input, options);
  const seconds = (performance.now() - start) / 1e3;
  histogram.disable();
  const ms = (ns) => ns / 1e6;
  return { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), seconds };
}

export async function measureAsyncCalls({ quick = false } = {}) {
  const threads = poolnd.getNumThreads();
  poolnd.setNumThreads(1);
  const rows = [];
  try {
    for (const id of ['tiny-max-k2', 'max-k2-nchw']) {
      const benchCase = byId(id);
      const input = makeInput(benchCase);
      const options = optionsOf(benchCase);
      const calls = benchCase.unit === 'µs' ? (quick ? 2000 : 20000) : quick ? 10 : 40;
      await callTime(input, options, Math.ceil(calls / 10)); // warm-up
      const fresh = await callTime(input, options, calls);
      const into = await callTime(input, { ...options, out: new benchCase.OutputArrayType(outputLength(benchCase)) }, calls);
      rows.push({ title: benchCase.title, fresh, into });
    }
    const big = byId('max-k2-big');
    const delay = await loopDelay(makeInput(big), optionsOf(big), quick ? 4 : 12);
    return { rows, delay, bigTitle: big.title, bigMegabytes: big.inputBytes / 1e6 };
  } finally {
    poolnd.setNumThreads(threads);
  }
}

export function asyncTable({ rows, delay, bigTitle, bigMegabytes }) {
  const fixed = (value, digits) => value.toFixed(digits);
  return [
    '| JS thread inside `maxPool2dAsync(...)` (1 kernel thread) | fresh result, µs | into `out`, µs |',
    '| --- | ---: | ---: |',
    ...rows.map((row) => `| ${row.title} | ${fixed(row.fresh, 1)} | ${fixed(row.into, 1)} |`),
    '',
    `Event loop delay while ${bigTitle} (${fixed(bigMegabytes, 0)} MB) is max-pooled async back to back, fresh results: ` +
      `p50 ${fixed(delay.p50, 2)} ms, p99 ${fixed(delay.p99, 2)} ms, max ${fixed(delay.max, 2)} ms ` +
      `(over ${fixed(delay.seconds, 1)} s).`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(asyncTable(await measureAsyncCalls({ quick: process.argv.includes('--quick') })));
}
