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
 * process, worker threads too.
 */
export function setNumThreads(count: number): void {
  binding.setThreadCount(threadCount('setNumThreads', 'count', count));
}

/** The number of threads a call runs on; small calls stay on the calling thread. */
export function getNumThreads(): number {
  return binding.threadCount();
}

/** The SIMD kernels in use. */
export function simdLevel(): SimdLevel {
  return binding.simdLevel() as SimdLevel;
}

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
