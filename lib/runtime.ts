// Runtime control and facts: kernel threads, SIMD level, which binary is loaded.
import * as os from 'node:os';

import { binding, bindingPath } from './native';
import { integerAtLeast, rangeError } from './validate';

export type SimdLevel = 'avx512' | 'avx2' | 'sse2' | 'neon' | 'scalar';

export interface PoolndInfo {
  version: string;
  simd: SimdLevel;
  threads: number;
  arch: string;
  binding: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../package.json') as { version: string };

function threadCount(fn: string, subject: string, count: unknown): number {
  const threads = integerAtLeast(fn, subject, count, 1);
  if (threads > binding.maxThreadCount) throw rangeError(fn, subject, `at most ${binding.maxThreadCount}`, count);
  return threads;
}

/**
 * Sets the number of threads a call runs on (the calling thread included) for the whole
 * process, worker threads too (PyTorch's `torch.set_num_threads`). The default is the
 * `POOLND_NUM_THREADS` environment variable, else `os.availableParallelism()`.
 * @example
 * setNumThreads(1); // every call on the calling thread (or, async, one libuv thread)
 */
export function setNumThreads(count: number): void {
  binding.setThreadCount(threadCount('setNumThreads', 'count', count));
}

/** The number of threads a call runs on; small calls stay on the calling thread (PyTorch's `torch.get_num_threads`). */
export function getNumThreads(): number {
  return binding.threadCount();
}

/** The SIMD kernels in use, chosen at load from what the CPU has (`POOLND_SIMD` forces a lower level). */
export function simdLevel(): SimdLevel {
  return binding.simdLevel() as SimdLevel;
}

/**
 * What is running: the version, SIMD level, thread count, arch and the path of the native binary.
 * @example
 * console.log(info()); // { version: '0.1.0', simd: 'avx2', threads: 8, arch: 'x64', binding: '.../poolnd.glibc.node' }
 */
export function info(): PoolndInfo {
  return { version, simd: simdLevel(), threads: getNumThreads(), arch: process.arch, binding: bindingPath };
}

// The default: POOLND_NUM_THREADS, else every core the process may use. A bad variable is a
// warning, not an error, so that a typo in the environment cannot stop the program loading.
function defaultThreadCount(): number {
  const fallback = Math.min(os.availableParallelism(), binding.maxThreadCount);
  const variable = process.env.POOLND_NUM_THREADS;
  if (variable === undefined || variable === '') return fallback;
  const count = Number(variable);
  if (Number.isInteger(count) && count >= 1 && count <= binding.maxThreadCount) return count;
  process.emitWarning(
    `poolnd: POOLND_NUM_THREADS must be an integer from 1 to ${binding.maxThreadCount}, received ${JSON.stringify(variable)}; using ${fallback} threads`,
    { code: 'POOLND_NUM_THREADS' },
  );
  return fallback;
}

binding.setDefaultThreadCount(defaultThreadCount());

const simdLevels: readonly string[] = binding.simdLevels;

// POOLND_SIMD picks a level at or below the CPU's, for tests and benchmarks; anything else warns.
function limitSimdLevel(): void {
  const variable = process.env.POOLND_SIMD;
  if (variable === undefined || variable === '') return;
  const known = simdLevels.includes(variable);
  if (known && binding.limitSimdLevel(variable)) return;
  const why = known ? 'a level this CPU and build support' : `one of ${simdLevels.join(', ')}`;
  process.emitWarning(`poolnd: POOLND_SIMD must be ${why}, received ${JSON.stringify(variable)}; using ${binding.simdLevel()}`, {
    code: 'POOLND_SIMD',
  });
}

limitSimdLevel();
