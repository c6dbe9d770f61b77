// Concurrency and lifecycle scenarios, each run in its own process by concurrency.test.ts, which
// checks the exit code and the JSON line printed here. Usage: node scenarios.cjs NAME [ARG]
'use strict';
const path = require('node:path');
const { Worker } = require('node:worker_threads');

const packageRoot = path.join(__dirname, '..', '..');
const poolnd = require(packageRoot);

// The same seeded tensor in every thread: a worker's results can be checked against the main thread's.
const tensorSource = `
function tensor(seed, channels) {
  let state = seed >>> 0;
  const data = new Float32Array(channels * 48 * 48);
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[i] = (state >>> 8) % 97 - 48;
  }
  return { data, shape: [1, channels, 48, 48] };
}`;
const tensor = new Function(`${tensorSource}; return tensor;`)();

// What each worker computes for a seed, sync and async, as plain arrays.
const computeSource = `
async function compute(poolnd, seed) {
  const input = tensor(seed, 8);
  const max = poolnd.maxPool2d(input, { kernelSize: 3, stride: 2, padding: 1, returnIndices: true });
  const [avg, global] = await Promise.all([
    poolnd.avgPool2dAsync(input, { kernelSize: 2 }),
    poolnd.globalAvgPool(input),
  ]);
  return [Array.from(max.output.data), Array.from(max.indices.data), Array.from(avg.data), Array.from(global.data)];
}`;
const compute = new Function(`${tensorSource}; ${computeSource}; return compute;`)();

function workerScript(body) {
  return `const poolnd = require(${JSON.stringify(packageRoot)});
const { parentPort, workerData } = require('node:worker_threads');
${tensorSource}
${computeSource}
${body}`;
}

function print(result) {
  process.stdout.write(JSON.stringify(result));
}

const scenarios = {
  // Several worker threads pool at once, each its own inputs, sync and async.
  async workers(count = '4') {
    const perWorker = 25;
    const results = await Promise.all(
      Array.from({ length: Number(count) }, (_, id) => {
        const worker = new Worker(
          workerScript(`(async () => {
            const out = [];
            for (let i = 0; i < ${perWorker}; i++) out.push(await compute(poolnd, workerData * 1000 + i));
            parentPort.postMessage(out);
          })();`),
          { eval: true, workerData: id },
        );
        return new Promise((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
      }),
    );
    let mismatches = 0;
    for (let id = 0; id < results.length; id++) {
      for (let i = 0; i < perWorker; i++) {
        const expected = await compute(poolnd, id * 1000 + i);
        if (JSON.stringify(expected) !== JSON.stringify(results[id][i])) mismatches++;
      }
    }
    print({ workers: results.length, calls: results.length * perWorker * 3, mismatches });
  },

  // Workers load the addon, start calls and end (some terminated with calls in flight), one
  // after another and many at once; the main thread keeps pooling throughout.
  async loadUnload(rounds = '24') {
    const starts = workerScript(`
      const big = tensor(workerData, 32);
      for (let i = 0; i < 8; i++) poolnd.avgPool2dAsync(big, { kernelSize: 3 });
      parentPort.postMessage('started');`);
    const finishes = workerScript(`compute(poolnd, workerData).then((result) => parentPort.postMessage(result));`);
    const mainCalls = [];
    let terminated = 0;
    let finished = 0;
    const run = (id) =>
      new Promise((resolve, reject) => {
        const terminate = id % 2 === 0;
        const worker = new Worker(terminate ? starts : finishes, { eval: true, workerData: id });
        worker.once('message', () => {
          if (terminate) setTimeout(() => worker.terminate(), id % 3);
          else finished++;
        });
        worker.once('error', reject);
        worker.once('exit', () => {
          if (terminate) terminated++;
          mainCalls.push(compute(poolnd, id));
          resolve();
        });
      });
    for (let id = 0; id < Number(rounds); id++) await run(id);
    await Promise.all(Array.from({ length: 8 }, (_, i) => run(100 + i)));
    const results = await Promise.all(mainCalls);
    const expected = await compute(poolnd, 0);
    print({
      terminated,
      finished,
      mainCalls: results.length,
      mainCorrect: JSON.stringify(results[0]) === JSON.stringify(expected),
    });
  },

  // An async call's input transferred to a worker that keeps it (and writes it) while the call runs:
  // the call works on that memory in place, and rejects when it ends, with no crash.
  async transferDuringCall() {
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (buffer) => {
        globalThis.kept = buffer;
        new Float32Array(buffer).fill(-1);
        parentPort.postMessage(buffer.byteLength);
      });`,
      { eval: true },
    );
    const outcomes = [];
    for (let i = 0; i < 20; i++) {
      const input = tensor(i, 64);
      const pending = poolnd.maxPool2dAsync(input, { kernelSize: 3 });
      worker.postMessage(input.data.buffer, [input.data.buffer]);
      outcomes.push(
        await pending.then(
          () => 'resolved',
          (error) => error.code,
        ),
      );
      await new Promise((resolve) => worker.once('message', resolve));
    }
    await worker.terminate();
    print({ outcomes: [...new Set(outcomes)] });
  },

  // process.exit() while async calls are in flight: the process ends at once, cleanly.
  exitPending(delay = '0') {
    const big = tensor(1, 64);
    for (let i = 0; i < 32; i++) poolnd.maxPool2dAsync(big, { kernelSize: 3 });
    setTimeout(() => process.exit(0), Number(delay));
  },

  // The script ends with calls in flight: Node waits for them, and each settles.
  endPending() {
    const big = tensor(2, 64);
    let settled = 0;
    for (let i = 0; i < 32; i++) poolnd.avgPool2dAsync(big, { kernelSize: 3 }).then(() => settled++);
    process.on('exit', () => print({ settled }));
  },
};

scenarios[process.argv[2]](...process.argv.slice(3));
