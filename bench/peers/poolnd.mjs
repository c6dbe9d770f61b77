// poolnd itself, through its public API: each case with a reused `out` array and without it (a fresh
// output per call, page faults and zeroing included: what a user who passes no `out` pays), sync
// and async (which works on the caller's arrays in place).
// For a per-call case it also times the kernel alone, as one call on a batch of copies of the input
// divided by the batch size: what remains of a single call above that is the call's overhead.
import * as poolnd from '../../dist/index.mjs';

import { MODEL_INPUT, outputLength } from '../cases.mjs';

export const name = 'poolnd';
export const version = () => poolnd.info().version;

const OP = { max: poolnd.maxPool2d, avg: poolnd.avgPool2d, globalAvg: poolnd.globalAvgPool };
const ASYNC_OP = { max: poolnd.maxPool2dAsync, avg: poolnd.avgPool2dAsync, globalAvg: poolnd.globalAvgPoolAsync };

// Enough copies that the one call's overhead is a small share of the batch's time.
const KERNEL_BATCH = 64;
export const KERNEL_IMPL = `poolnd kernel share (${KERNEL_BATCH} per call ÷ ${KERNEL_BATCH})`;

function batchOfCopies(input, copies) {
  const data = new input.data.constructor(input.data.length * copies);
  for (let copy = 0; copy < copies; copy++) data.set(input.data, copy * input.data.length);
  return { data, shape: [input.shape[0] * copies, ...input.shape.slice(1)] };
}

export function prepare(benchCase, input, threadCounts) {
  const pool = OP[benchCase.op];
  const channelsLast = benchCase.layout !== 'NCHW';
  const options =
    benchCase.op === 'globalAvg'
      ? { channelsLast }
      : { kernelSize: benchCase.kernel, stride: benchCase.stride, padding: benchCase.padding, channelsLast };
  if (benchCase.modelInput) Object.assign(options, MODEL_INPUT);
  const withOut = { ...options, out: new benchCase.OutputArrayType(outputLength(benchCase)) };
  const poolAsync = ASYNC_OP[benchCase.op];
  const contestants = threadCounts.flatMap((threads) => {
    // The thread count is process-wide, so every batch sets its own before it runs.
    const before = () => poolnd.setNumThreads(threads);
    const actualThreads = () => poolnd.getNumThreads();
    const measured = [
      { impl: 'poolnd out=', isPoolnd: true, threads, before, actualThreads, run: () => pool(input, withOut).data },
      { impl: 'poolnd alloc', isPoolnd: true, threads, before, actualThreads, run: () => pool(input, options).data },
      {
        impl: 'poolnd async out=',
        isPoolnd: true,
        async: true,
        threads,
        before,
        actualThreads,
        run: async () => (await poolAsync(input, withOut)).data,
      },
      {
        impl: 'poolnd async alloc',
        isPoolnd: true,
        async: true,
        threads,
        before,
        actualThreads,
        run: async () => (await poolAsync(input, options)).data,
      },
    ];
    return measured;
  });
  // One thread, as a single small call runs on one: the share is the same under every thread count.
  if (benchCase.perCall) contestants.push(kernelContestant(benchCase, pool, input, options));
  return { contestants, dispose() {} };
}

function kernelContestant(benchCase, pool, input, options) {
  const batch = batchOfCopies(input, KERNEL_BATCH);
  const batchOptions = { ...options, out: new benchCase.OutputArrayType(outputLength(benchCase) * KERNEL_BATCH) };
  return {
    impl: KERNEL_IMPL,
    isPoolnd: true,
    isKernelShare: true,
    singleThreaded: true,
    before: () => poolnd.setNumThreads(1),
    note: `one call on ${KERNEL_BATCH} copies of the input, time divided by ${KERNEL_BATCH}; poolnd out= minus this is the overhead of a call`,
    sample(calls) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) pool(batch, batchOptions);
      return Number(process.hrtime.bigint() - start) / 1e9 / calls / KERNEL_BATCH;
    },
  };
}
