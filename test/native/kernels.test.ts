// Runs the native kernel tester (test/native/kernel_tester.cc, built by `npm run build:tester`):
// every SIMD variant this CPU supports against the scalar kernels, byte for byte.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { simdLevel } from '../../dist/index.js';
import { spawnProgram } from '../child-process';

// POOLND_KERNEL_TESTER: another build's tester, such as the arm64 one the emulated lane runs.
const tester =
  process.env.POOLND_KERNEL_TESTER ??
  fileURLToPath(new URL(`../../build/poolnd_kernel_tester${process.platform === 'win32' ? '.exe' : ''}`, import.meta.url));

describe('native kernel variants', () => {
  // The tester takes ~12 s on a quiet 2-core machine and several times that on a loaded or emulated one.
  const testerTimeoutMs = 600_000;
  it('match the scalar reference exactly at every level this CPU supports', { timeout: testerTimeoutMs }, () => {
    expect(existsSync(tester), `${tester} is built by npm run build:tester`).toBe(true);
    const run = spawnProgram(tester, ['3000'], { encoding: 'utf8', timeout: testerTimeoutMs });
    expect(run.stderr).toBe('');
    expect(run.status, run.stdout).toBe(0);
    // The level the library runs at was among those checked (unless it is the scalar reference itself).
    const level = simdLevel();
    if (level !== 'scalar') expect(run.stdout).toContain(`${level}: 3000 random requests and the sweeps identical to scalar`);
  });
});
