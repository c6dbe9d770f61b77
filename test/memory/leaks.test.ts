// No leaks: memory stays flat over 10^5 sync and 10^5 async calls, and over 10^5 large fresh results
// (the result memory's), each run in a child Node with
// --expose-gc (see repeat-calls.mjs). V8 grows its young generation under allocation pressure
// and keeps those pages, which would hide a native leak in RSS; a young generation held at 1 MB
// leaves RSS flat unless native memory (a worker, a reference, a copy) leaks.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { execNode } from '../child-process';

const script = fileURLToPath(new URL('./repeat-calls.mjs', import.meta.url));
const resultMemoryScript = fileURLToPath(new URL('./result-memory.mjs', import.meta.url));
// Emulated runs (CI's arm64 lane) are some 20 times slower: a tenth of the calls there.
const calls = (process.env.POOLND_TEST_EXEC_PREFIX ?? '') !== '' ? 10_000 : 100_000;

interface Memory {
  rss: number;
  external: number;
  arrayBuffers: number;
  heapUsed: number;
  heapTotal: number;
}

const megabytes = (bytes: number) => bytes / 2 ** 20;

describe('memory over many calls', () => {
  it('async results recycled through the result memory equal sync ones, and an idle process lets the memory go', () => {
    const output = execNode(['--expose-gc', resultMemoryScript], { encoding: 'utf8', timeout: 300_000 });
    const report = JSON.parse(output) as { mismatches: number; reused: number; cachedAfterUse: number; idle: number[] };
    expect(report.mismatches, output).toBe(0);
    expect(report.reused, output).toBeGreaterThan(0);
    expect(report.cachedAfterUse, output).toBeGreaterThan(0);
    expect(report.idle[0], output).toBe(0);
  }, 300_000);

  it.each(['sync', 'async', 'large'])(
    '%s calls leave RSS, external and heap memory flat',
    (mode) => {
      const output = execNode(['--expose-gc', '--max-semi-space-size=1', script, mode, String(calls)], {
        encoding: 'utf8',
        timeout: 300_000,
      });
      const { before, after } = JSON.parse(output) as { before: Memory; after: Memory };
      const growth = {
        rss: megabytes(after.rss - before.rss),
        external: megabytes(after.external - before.external),
        arrayBuffers: megabytes(after.arrayBuffers - before.arrayBuffers),
        heapUsed: megabytes(after.heapUsed - before.heapUsed),
      };
      // 100 bytes kept per call would be 9.5 MB here.
      expect(growth.rss, JSON.stringify(growth)).toBeLessThan(4);
      expect(growth.external, JSON.stringify(growth)).toBeLessThan(0.5);
      expect(growth.arrayBuffers, JSON.stringify(growth)).toBeLessThan(0.5);
      expect(growth.heapUsed, JSON.stringify(growth)).toBeLessThan(1);
    },
    300_000,
  );
});
