// Turns measured cases into the markdown that is printed and saved as bench/RESULTS.md.
import { readFileSync } from 'node:fs';
import os from 'node:os';

const UNIT_SCALE = { ms: 1e3, µs: 1e6 };

function number(value) {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

const time = (seconds, unit) => `${number(seconds * UNIT_SCALE[unit])} ${unit}`;
const gigabytesPerSecond = (benchCase, seconds) => number((benchCase.inputBytes + benchCase.outputBytes) / seconds / 1e9);
const megabytes = (bytes) => `${number(bytes / 1e6)} MB`;
const threadLabel = (threads) => `${threads} thread${threads === 1 ? '' : 's'}`;

/** Contestants that ran at this thread count: those set to it, and the single-threaded ones. */
const atThreads = (contestants, threads) => contestants.filter((c) => c.singleThreaded || c.threads === threads);

/**
 * The ceiling at a thread count: the best probe run with at most that many threads, over both store
 * kinds (T threads can always do what fewer did; on a shared machine a 2-thread run can come out slower).
 */
export function ceilingAt(contestants, threads) {
  const timed = contestants.filter((c) => c.isCeiling && c.seconds !== undefined && (c.singleThreaded || c.threads <= threads));
  return timed.reduce((best, c) => (!best || c.seconds < best.seconds ? c : best), undefined);
}

function fastestPeer(contestants, threads) {
  const peers = atThreads(contestants, threads).filter((c) => !c.isPoolnd && !c.isCeiling && c.seconds !== undefined);
  return peers.reduce((best, c) => (!best || c.seconds < best.seconds ? c : best), undefined);
}

const poolndAt = (contestants, threads, impl) => contestants.find((c) => c.impl === impl && c.threads === threads);

function speedUp(poolnd, peer) {
  if (!poolnd?.seconds || !peer) return '–';
  return `${(peer.seconds / poolnd.seconds).toFixed(2)}×`;
}

/** What a call with `out` costs above its kernel share (the per-call cases' overhead). */
function callOverhead(contestants, threads, unit) {
  const withOut = poolndAt(contestants, threads, 'poolnd out=');
  const share = contestants.find((c) => c.isKernelShare);
  if (withOut?.seconds === undefined || share?.seconds === undefined) return '–';
  return time(withOut.seconds - share.seconds, unit);
}

/** Per-call cases: one line each with the overhead at every thread count. */
export function overheadLines(results, threadCounts) {
  return results
    .filter(({ contestants }) => contestants.some((c) => c.isKernelShare))
    .map(({ benchCase, contestants }) => {
      const share = contestants.find((c) => c.isKernelShare);
      const perThreads = threadCounts.map((t) => `${callOverhead(contestants, t, benchCase.unit)} at ${threadLabel(t)}`);
      return `- ${benchCase.title}: a call with \`out\` costs ${perThreads.join(', ')} above its kernel share (${share.seconds === undefined ? '–' : time(share.seconds, benchCase.unit)}: ${share.note}).`;
    })
    .join('\n');
}

/** One case: a row per implementation, a column group per thread count. */
export function caseTable({ benchCase, contestants }, threadCounts) {
  const { unit } = benchCase;
  const lines = [
    `### ${benchCase.title}`,
    '',
    `reads ${megabytes(benchCase.inputBytes)}, writes ${megabytes(benchCase.outputBytes)}`,
    '',
    `| implementation | ${threadCounts.map((t) => `${threadLabel(t)}: ${unit} | GB/s | of ceiling`).join(' | ')} |`,
    `| --- | ${threadCounts.map(() => '--: | --: | --:').join(' | ')} |`,
  ];
  const footnotes = [];
  const ceilings = threadCounts.map((t) => ceilingAt(contestants, t));
  const ceilingCells = ceilings.map((c, i) => {
    const threads = threadCounts[i];
    if (!c) return 'n/a | | ';
    const notes = [];
    if (c.impl.includes('NT')) notes.push('NT');
    else if (c.impl.includes('plain')) notes.push('plain');
    if (!c.singleThreaded && c.threads !== threads) notes.push(threadLabel(c.threads)); // fewer threads did better
    const kind = notes.length ? ` (${notes.join(', ')})` : '';
    return `${number(c.seconds * UNIT_SCALE[unit])}${kind} | ${gigabytesPerSecond(benchCase, c.seconds)} | 100%`;
  });
  const ceilingName = contestants.some((c) => c.isCeiling && c.impl.includes('≈'))
    ? 'ceiling ≈ memcpy estimate (no probe)'
    : 'ceiling: probe, best store kind';
  lines.push(`| ${ceilingName} | ${ceilingCells.join(' | ')} |`);

  const implementations = [...new Set(contestants.filter((c) => !c.isCeiling).map((c) => c.impl))];
  for (const impl of implementations) {
    const rows = contestants.filter((c) => c.impl === impl);
    const cells = threadCounts.map((threads, i) => {
      const c = rows.find((r) => r.singleThreaded || r.threads === threads) ?? rows.find((r) => r.unsupported);
      if (!c) return '– | | ';
      if (c.unsupported) return `n/a | | `;
      if (c.failure) return `disagrees | | `;
      const ofCeiling = ceilings[i] ? `${((ceilings[i].seconds / c.seconds) * 100).toFixed(0)}%` : '';
      return `${number(c.seconds * UNIT_SCALE[unit])} | ${gigabytesPerSecond(benchCase, c.seconds)} | ${ofCeiling}`;
    });
    const first = rows[0];
    let label = impl;
    if (first.singleThreaded) label += ' ¹';
    if (first.isPoolnd && !first.singleThreaded)
      label += ` (getNumThreads ${threadCounts.map((t) => poolndAt(contestants, t, impl)?.reportedThreads ?? '?').join(' / ')})`;
    for (const c of rows) {
      if (c.unsupported) footnotes.push(`${impl}: not possible (${c.unsupported}).`);
      if (c.failure) footnotes.push(`${impl}${c.threads ? ` at ${threadLabel(c.threads)}` : ''}: not timed, ${c.failure}.`);
    }
    if (first.note && !footnotes.includes(`${impl}: ${first.note}.`)) footnotes.push(`${impl}: ${first.note}.`);
    lines.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  for (const impl of ['poolnd out=', 'poolnd alloc']) {
    const cells = threadCounts.map((t) => {
      const peer = fastestPeer(contestants, t);
      return `${speedUp(poolndAt(contestants, t, impl), peer)} | ${peer ? `vs ${peer.impl}` : ''} | `;
    });
    lines.push(`| **${impl} speed-up over the fastest peer** | ${cells.join(' | ')} |`);
  }
  const share = contestants.find((c) => c.isKernelShare);
  if (share) {
    const cells = threadCounts.map((t) => `${callOverhead(contestants, t, benchCase.unit)} | | `);
    lines.push(`| **poolnd out= overhead per call above the kernel share** | ${cells.join(' | ')} |`);
  }
  lines.push('', '¹ single-threaded: one measurement, shown under every thread count.');
  for (const note of new Set(footnotes)) lines.push(`- ${note}`);
  return lines.join('\n');
}

/** One row per case and thread count. */
export function summaryTable(results, threadCounts) {
  const lines = [
    '| case | threads | ceiling | poolnd out= | of ceiling | poolnd alloc | fastest peer | speed-up out= | speed-up alloc |',
    '| --- | --: | --: | --: | --: | --: | --- | --: | --: |',
  ];
  for (const { benchCase, contestants } of results) {
    for (const threads of threadCounts) {
      const { unit } = benchCase;
      const ceiling = ceilingAt(contestants, threads);
      const withOut = poolndAt(contestants, threads, 'poolnd out=');
      const allocating = poolndAt(contestants, threads, 'poolnd alloc');
      const peer = fastestPeer(contestants, threads);
      const show = (c) => (c?.seconds !== undefined ? time(c.seconds, unit) : c?.failure ? 'disagrees' : '–');
      const ofCeiling = ceiling && withOut?.seconds ? `${((ceiling.seconds / withOut.seconds) * 100).toFixed(0)}%` : '–';
      const threadsCell = `${threads} (${withOut?.reportedThreads ?? '?'})`;
      lines.push(
        `| ${benchCase.title} | ${threadsCell} | ${show(ceiling)} | ${show(withOut)} | ${ofCeiling} | ${show(allocating)} | ${peer ? `${peer.impl} ${time(peer.seconds, unit)}` : '–'} | ${speedUp(withOut, peer)} | ${speedUp(allocating, peer)} |`,
      );
    }
  }
  return lines.join('\n');
}

function cpuFacts() {
  const read = (path) => {
    try {
      return readFileSync(path, 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  const cpuinfo = read('/proc/cpuinfo') ?? '';
  const field = (name) => cpuinfo.match(new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm'))?.[1];
  const flags = (field('flags') ?? '').split(' ');
  const simd = ['avx512f', 'avx2', 'sse2', 'asimd'].filter((f) => flags.includes(f)).join(', ') || 'unknown';
  const family = field('cpu family') ? `, family ${field('cpu family')} model ${field('model')}` : '';
  const l3 = read('/sys/devices/system/cpu/cpu0/cache/index3/size');
  return `${os.cpus()[0]?.model ?? 'unknown'}${family}; ${os.availableParallelism()} cores; SIMD flags: ${simd}${l3 ? `; L3 ${l3}` : ''}; ${number(os.totalmem() / 2 ** 30)} GiB RAM`;
}

export function header({ poolndInfo, peerVersions, probe, plan, quick, threadCounts, seconds }) {
  return [
    '# poolnd benchmark results',
    '',
    `- date: ${new Date().toISOString()}${quick ? ' (quick run: fewer, shorter samples)' : ''}`,
    `- machine: ${cpuFacts()}; ${os.type()} ${os.release()}`,
    `- Node ${process.version}`,
    `- poolnd ${poolndInfo.version}: simdLevel() ${poolndInfo.simd}, threads measured: ${threadCounts.join(' and ')}, binding ${poolndInfo.binding.replace(process.cwd() + '/', '')}`,
    ...Object.entries(peerVersions).map(([peer, version]) => `- ${peer}: ${version}`),
    `- ceiling: ${probe ? `bench/native/stream_probe.cc (${probe.isa}${probe.nonTemporalStores ? ', plain and non-temporal stores' : ', plain stores'})` : 'no probe: memcpy estimate'}`,
    `- timing: median of up to ${plan.rounds} interleaved samples per implementation, each a batch of calls of about ${plan.sampleSeconds * 1e3} ms or one call (calls over ${plan.slowCallSeconds * 1e3} ms: ${plan.slowSamples} sample${plan.slowSamples === 1 ? '' : 's'}); whole run ${seconds.toFixed(0)} s`,
  ].join('\n');
}
