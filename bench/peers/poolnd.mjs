// poolnd itself, through its public API: each case with a reused `out` array and without it (a fresh
// output per call, page faults and zeroing included: what a user who passes no `out` pays).
import * as poolnd from 'poolnd';

import { outputLength } from '../cases.mjs';

export const name = 'poolnd';
export const version = () => poolnd.info().version;

const OP = { max: poolnd.maxPool2d, avg: poolnd.avgPool2d, globalAvg: poolnd.globalAvgPool };

export function prepare(benchCase, input, threadCounts) {
  const pool = OP[benchCase.op];
  const channelsLast = benchCase.layout !== 'NCHW';
  const options =
    benchCase.op === 'globalAvg'
      ? { channelsLast }
      : { kernelSize: benchCase.kernel, stride: benchCase.stride, padding: benchCase.padding, channelsLast };
  const withOut = { ...options, out: new benchCase.ArrayType(outputLength(benchCase)) };
  const contestants = threadCounts.flatMap((threads) => {
    // The thread count is process-wide, so every batch sets its own before it runs.
    const before = () => poolnd.setNumThreads(threads);
    const actualThreads = () => poolnd.getNumThreads();
    return [
      { impl: 'poolnd out=', isPoolnd: true, threads, before, actualThreads, run: () => pool(input, withOut).data },
      { impl: 'poolnd alloc', isPoolnd: true, threads, before, actualThreads, run: () => pool(input, options).data },
    ];
  });
  return { contestants, dispose() {} };
}
