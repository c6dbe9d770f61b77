// Runtime control and facts: kernel threads, SIMD level, which binary is loaded.
import { binding, bindingPath } from './native';
import { integerAtLeast } from './validate';

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

/**
 * Sets the number of kernel threads. Kernels run on one thread until the thread pool lands,
 * so getNumThreads() keeps reporting the count actually used.
 */
export function setNumThreads(count: number): void {
  integerAtLeast('setNumThreads', 'count', count, 1);
}

/** The number of threads kernels run on. */
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
