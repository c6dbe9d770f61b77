// The bandwidth ceiling: how long the case's memory traffic alone takes (read the input once, write the
// output once) on this machine, now. Measured by the bench-only native probe (bench/native/), built on
// demand into build-bench/ with cmake-js; the poolnd addon and its build/ folder are left alone.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds (incrementally) and loads the probe; null, with the reason logged, when that fails. */
export function loadProbe() {
  const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
  const args = [cmakeJs, 'compile', '--out', 'build-bench', '--target', 'poolnd_stream_probe', '--CDPOOLND_BENCH_PROBE=ON'];
  const build = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    console.warn(
      `bench: building the bandwidth probe failed; falling back to a memcpy estimate.\n${build.stdout}${build.stderr}`,
    );
    return null;
  }
  try {
    return require('../build-bench/Release/poolnd_stream_probe.node');
  } catch (error) {
    console.warn(`bench: loading the bandwidth probe failed (${error.message}); falling back to a memcpy estimate.`);
    return null;
  }
}

/**
 * Ceiling contestants for one case: the probe with plain and with non-temporal stores at each thread
 * count (the table keeps the best), or, without the probe, a labelled approximation. A probe sample is
 * the median of `reps` back-to-back streams, timed inside the probe.
 */
export function ceilingContestants(probe, benchCase, threadCounts) {
  const { inputBytes, outputBytes } = benchCase;
  if (probe) {
    const kinds = probe.nonTemporalStores ? [false, true] : [false];
    return threadCounts.flatMap((threads) =>
      kinds.map((nonTemporal) => ({
        impl: nonTemporal ? 'ceiling (NT stores)' : 'ceiling (plain stores)',
        isCeiling: true,
        threads,
        sample: (reps) => probe.stream(inputBytes, outputBytes, threads, nonTemporal, reps),
      })),
    );
  }
  // Fallback: V8's TypedArray.set (a memcpy) of the input, on one thread. It moves 2 × input bytes;
  // scaled to the case's input + output bytes. Only an estimate: memcpy is not the probe's stream.
  const source = new Uint8Array(inputBytes);
  const target = new Uint8Array(inputBytes);
  const scale = (inputBytes + outputBytes) / (2 * inputBytes);
  return [
    {
      impl: 'ceiling ≈ memcpy estimate, 1 thread',
      isCeiling: true,
      singleThreaded: true,
      sample: (reps) => {
        const start = process.hrtime.bigint();
        for (let i = 0; i < reps; i++) target.set(source);
        return (Number(process.hrtime.bigint() - start) / 1e9 / reps) * scale;
      },
    },
  ];
}
