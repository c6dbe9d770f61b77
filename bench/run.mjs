// `npm run bench`: every case of cases.mjs, poolnd against its peers and the bandwidth ceiling, at one
// thread and at all of them; prints the tables and writes bench/RESULTS.md.
//   --quick (or BENCH_QUICK=1)   fewer, shorter samples (about a third of the time)
//   --case=ID[,ID...]            only these cases (ids in cases.mjs; `async`: the async section)
import { writeFileSync } from 'node:fs';
import os from 'node:os';

import * as poolnd from '../dist/index.mjs';

import { asyncTable, measureAsyncCalls } from './async.mjs';
import { speedChart } from './chart.mjs';
import { CASES, makeInput } from './cases.mjs';
import { ceilingContestants, loadProbe } from './ceiling.mjs';
import { measure } from './measure.mjs';
import * as naive from './peers/naive.mjs';
import * as onnxruntime from './peers/onnxruntime.mjs';
import * as poolndPeer from './peers/poolnd.mjs';
import * as tfjs from './peers/tfjs.mjs';
import { caseTable, header, overheadLines, summaryTable } from './report.mjs';

const quick = process.argv.includes('--quick') || /^(1|true)$/i.test(process.env.BENCH_QUICK ?? '');
const onlyIds = process.argv
  .find((arg) => arg.startsWith('--case='))
  ?.slice('--case='.length)
  .split(',');
const cases = onlyIds ? CASES.filter((c) => onlyIds.includes(c.id)) : CASES;
if (cases.length === 0 && !onlyIds.includes('async'))
  throw new Error(`no case matches ${onlyIds}; ids: ${CASES.map((c) => c.id).join(', ')}`);

const plan = quick
  ? { rounds: 5, sampleSeconds: 0.004, warmUpSeconds: 0.05, slowCallSeconds: 0.1, slowSamples: 1 }
  : { rounds: 11, sampleSeconds: 0.015, warmUpSeconds: 0.15, slowCallSeconds: 0.2, slowSamples: 3 };
const threadCounts = [...new Set([1, os.availableParallelism()])];
const PEERS = [poolndPeer, onnxruntime, tfjs, naive];

const started = performance.now();
const probe = loadProbe();
const results = [];
for (const benchCase of cases) {
  const input = makeInput(benchCase);
  const prepared = [];
  for (const peer of PEERS) prepared.push(await peer.prepare(benchCase, input, threadCounts));
  const contestants = [...prepared.flatMap((p) => p.contestants), ...ceilingContestants(probe, benchCase, threadCounts)];
  contestants.find((c) => c.impl === naive.name).isReference = true;
  await measure(contestants, plan);
  for (const p of prepared) await p.dispose();
  results.push({ benchCase, contestants });
  console.log(`${caseTable(results.at(-1), threadCounts)}\n`);
}
poolnd.setNumThreads(os.availableParallelism());
// The async section runs with the whole set, or when asked for with --case=async.
const asyncSection = !onlyIds || onlyIds.includes('async') ? asyncTable(await measureAsyncCalls({ quick })) : undefined;
if (asyncSection) console.log(`${asyncSection}\n`);

const report = [
  header({
    poolndInfo: poolnd.info(),
    peerVersions: Object.fromEntries(PEERS.filter((p) => p !== poolndPeer).map((p) => [p.name, p.version()])),
    probe,
    plan,
    quick,
    threadCounts,
    seconds: (performance.now() - started) / 1e3,
  }),
  '## Summary',
  "Times are medians. The ceiling is the bandwidth probe's time for the same bytes (read the input once, write the output once), the best of plain and non-temporal stores and of runs with at most that many threads; \"of ceiling\" is its time over poolnd's. A speed-up is the fastest peer's time over poolnd's at the same thread count (single-threaded peers count at every thread count). In the threads column, the number in brackets is what poolnd's getNumThreads() reported.",
  summaryTable(results, threadCounts),
  overheadLines(results, threadCounts),
  ...(asyncSection ? ['## Async calls', asyncSection] : []),
  '## Each case',
  ...results.map((result) => caseTable(result, threadCounts)),
].join('\n\n');
console.log(report);
writeFileSync(new URL('RESULTS.md', import.meta.url), `${report}\n`);
const chartTitle = `Share of the memory-bandwidth ceiling at 1 thread (log scale; time · share), ${poolnd.info().simd}, ${os.cpus()[0]?.model ?? 'unknown CPU'}`;
writeFileSync(new URL('RESULTS.svg', import.meta.url), speedChart(results, 1, chartTitle));
console.log(`\nwrote bench/RESULTS.md and bench/RESULTS.svg`);
